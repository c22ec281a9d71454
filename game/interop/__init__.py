"""Learning records: xAPI statements, their profile, sending to an LRS, CSV for research.

Nothing here imports pygame; everything reads replay logs through the public replay and
scoring APIs, so statements always agree with what the replay viewer and the debrief show.
"""
