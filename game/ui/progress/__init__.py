"""Progress screen: a supervisor's judgement over time."""
