"""The replay viewer's keys: a layer of the player's key table, as data.

The viewer is a media player over a recording, so Space plays or pauses, `.` and `,` step,
the arrows jump between decision points and letters open notes, branches and the debrief.
It declares them here (not as key checks in the scene) so the one mapping in
`game.ui.shell.input` turns every key press into an intent, and each footer legend names
the presses it shows, which `tests/ui/test_keymap.py` presses.
"""

from __future__ import annotations

import pygame

from game.ui.review.glossary import GLOSSARY_KEY
from game.ui.shell.input import PLAYER_KEYS, Act, Shown, keys, press

_ALL = (pygame.K_SPACE, pygame.K_PERIOD, pygame.K_COMMA, pygame.K_s, pygame.K_LEFT,
        pygame.K_RIGHT, pygame.K_HOME, pygame.K_END, pygame.K_a, pygame.K_b, pygame.K_d)

VIEWER_KEYS = PLAYER_KEYS.layer("replay", (
    *keys(Act.PLAY, pygame.K_SPACE),
    *keys(Act.STEP, pygame.K_PERIOD, amount=1), *keys(Act.STEP, pygame.K_COMMA, amount=-1),
    *keys(Act.SPEED, pygame.K_s),
    *keys(Act.LATER, pygame.K_RIGHT, pygame.K_PAGEDOWN, pygame.K_n),
    *keys(Act.EARLIER, pygame.K_LEFT, pygame.K_PAGEUP),
    *keys(Act.FIRST, pygame.K_HOME), *keys(Act.LAST, pygame.K_END),
    *keys(Act.NOTE, pygame.K_a), *keys(Act.BRANCH, pygame.K_b), *keys(Act.DEBRIEF, pygame.K_d),
    *keys(Act.GLOSSARY, GLOSSARY_KEY, plain=True),
), legends=(
    Shown("Space play/pause · . , step · S speed · ←/→ decisions · Home/End · A note · "
          "B branch · D debrief · Esc back", "", press(*_ALL, pygame.K_ESCAPE)),
    Shown("Space play or pause · . and , step · S speed 1x, 4x, 16x · ←/→ or PgUp/PgDn "
          "decisions · Home/End · A note · B branch here · D debrief", "",
          press(*_ALL, pygame.K_PAGEUP, pygame.K_PAGEDOWN)),
))
"""The footer legend (0) and the session panel's key line (1) are rows of this table."""
