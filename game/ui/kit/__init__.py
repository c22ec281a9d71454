"""What every screen draws with: theme, layout helpers, text fitting, buttons, focus, panels,
the shared wording of the UI, dialogs, and the procedure animation."""
