"""The application layer: sessions, practice and assessment rules, workshops, branches and
debrief summaries as plain Python objects (no pygame), shared by the pygame UI and the web
server."""
