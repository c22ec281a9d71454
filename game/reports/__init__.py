"""Reports for authors and facilitators: data in, figures out (matplotlib, Agg only).

Nothing here imports pygame; figures are drawn with matplotlib's object-oriented API on an
Agg canvas so no window system is ever needed.
"""
