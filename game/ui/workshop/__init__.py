"""Workshop mode on the projector: setup, the room's vote, the end comparison. The rules
are game.app.workshop.Workshop; these modules only draw it and map keys to it."""
