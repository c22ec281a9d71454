"""The screens of the game: title, vignette picker, briefing, play, outcome, replay viewer,
and the help and confirm overlays."""
