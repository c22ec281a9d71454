"""Playing one vignette: briefing, the play screen and its presenters."""
