"""The only package that imports pygame: app loop, scenes, widgets, procedure views."""

import os

# Set before any submodule imports pygame, so the banner never reaches the terminal.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
