"""The replay viewer's keys: a layer of the player's key table, as data.

The viewer is a media player over a recording, so Space plays or pauses, `.` and `,` step,
the arrows jump between decision points and letters open notes, branches and the debrief.
It declares them here (not as key checks in the scene) so the one mapping in
`game.ui.shell.input` turns every key press into an intent, and each footer legend names
the presses it shows, which `tests/ui/test_keymap.py` presses.
"""

from __future__ import annotations

import pygame

from game.ui.shell.input import PLAYER_KEYS, Act, Press, Shown, keys, press

GLOSSARY_KEY = pygame.K_g
"""G opens (and closes) the glossary on the outcome, replay viewer and debrief."""

GLOSSARY_KEYS = keys(Act.GLOSSARY, GLOSSARY_KEY, plain=True)
"""The binding screens that offer the glossary add to their keymap layer (a plain G: Ctrl/Alt
chords are left to the system)."""

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
), help=(
    Shown("Space", "play / pause the recording (it stops by itself at each decision point)",
          press(pygame.K_SPACE)),
    Shown(". and ,", "step to the next / previous moment", press(pygame.K_PERIOD, pygame.K_COMMA)),
    Shown("S", "playback speed: 1x, 4x, 16x", press(pygame.K_s)),
    Shown("→ / ←, Page Down / Page Up, N", "the next / previous decision point",
          press(pygame.K_RIGHT, pygame.K_LEFT, pygame.K_PAGEDOWN, pygame.K_PAGEUP, pygame.K_n)),
    Shown("Home / End", "the start / the end of the recording",
          press(pygame.K_HOME, pygame.K_END)),
    Shown("A", "add a note at this moment (saved beside the log)", press(pygame.K_a)),
    Shown("B", "branch here: play out what another choice would have led to",
          press(pygame.K_b)),
    Shown("D", "the debrief of this session", press(pygame.K_d)),
    Shown("Tab", "the picture or the panel, where the window shows one at a time",
          (Press(pygame.K_TAB, False),)),
    Shown("↑ / ↓", "scroll a long text in the panel (or the wheel over it)",
          press(pygame.K_UP, pygame.K_DOWN)),
    Shown("G", "the glossary: points, Q, regret, the moments", press(GLOSSARY_KEY)),
    Shown("Esc", "back", press(pygame.K_ESCAPE)),
    Shown("F1 or ?", "show / hide this help", (Press(pygame.K_F1), Press(text="?"))),
    Shown("F11", "full screen on / off", press(pygame.K_F11)),
    Shown("Mouse", "click the timeline to go to that moment, a marker to go to its decision",
          ()),
), legends=(
    Shown("Space play/pause · . , step · S speed · ←/→ decisions · Home/End · A note · "
          "B branch · D debrief · Esc back", "", press(*_ALL, pygame.K_ESCAPE)),
    Shown("Space play or pause · . and , step · S speed 1x, 4x, 16x · ←/→ or PgUp/PgDn "
          "decisions · Home/End · A note · B branch here · D debrief", "",
          press(*_ALL, pygame.K_PAGEUP, pygame.K_PAGEDOWN)),
    Shown("Space play/pause · ←/→ decisions · B branch · F1 all keys · Esc back", "",
          press(pygame.K_SPACE, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_b, pygame.K_F1,
                pygame.K_ESCAPE)),
))
"""The footer legend (0), the session panel's key line (1) and the short footer legend (2,
where the whole one would take a second line the decision panel needs; F1 lists every key)
are rows of this table, and F1 lists its own help rows (it listed the play screen's keys:
1-5, P, M, W)."""


COMMON_HELP = (
    Shown("G", "the glossary: points, Q, regret, the moments", press(GLOSSARY_KEY)),
    Shown("F1 or ?", "show / hide this help", (Press(pygame.K_F1), Press(text="?"))),
    Shown("F11", "full screen on / off", press(pygame.K_F11)),
)

OUTCOME_HELP = (
    Shown("Tab / Shift+Tab", "move the focus forward / back",
          (Press(pygame.K_TAB, False), Press(pygame.K_TAB, True))),
    Shown("Enter / Space", "activate the focused button", press(pygame.K_RETURN, pygame.K_SPACE)),
    Shown("Up / Down", "scroll the decisions", press(pygame.K_UP, pygame.K_DOWN)),
    Shown("R", "the replay viewer on this session", press(pygame.K_r)),
    Shown("D", "the debrief of this session", press(pygame.K_d)),
    Shown("W", "rewind to an earlier decision (practice)", press(pygame.K_w)),
    Shown("Esc", "back to the vignettes", press(pygame.K_ESCAPE)),
    *COMMON_HELP,
)
"""F1 on the outcome: its own keys (not the play screen's)."""

DEBRIEF_HELP = (
    Shown("← / → or 1 - 4", "the PEARLS phase: reactions, description, analysis, summary",
          press(pygame.K_LEFT, pygame.K_RIGHT, pygame.K_1, pygame.K_4)),
    Shown("↑ / ↓", "move within the phase (other decisions, other take-aways)",
          press(pygame.K_UP, pygame.K_DOWN)),
    Shown("Page Up / Page Down", "scroll a page taller than the window (also the wheel)",
          press(pygame.K_PAGEUP, pygame.K_PAGEDOWN)),
    Shown("E", "add a take-away (summary)", press(pygame.K_e)),
    Shown("Enter", "edit the focused take-away (summary)", press(pygame.K_RETURN)),
    Shown("Delete", "remove the focused take-away (summary)", press(pygame.K_DELETE)),
    Shown("Esc", "back", press(pygame.K_ESCAPE)),
    *COMMON_HELP,
)
"""F1 in the debrief: its own keys (not the play screen's)."""


BRANCH_CHOOSER_KEYS = PLAYER_KEYS.layer("branch-chooser", (), help=(
    Shown("Number keys 1 - 9", "play that option to the end, from the moment chosen",
          press(*(getattr(pygame, f"K_{n}") for n in range(1, 10)))),
    Shown("← / →", "the moment in the window: when it opened, the model's best moment for the "
          "option, or as recorded", press(pygame.K_LEFT, pygame.K_RIGHT)),
    Shown("↑ / ↓", "move the focus", press(pygame.K_UP, pygame.K_DOWN)),
    Shown("Tab / Shift+Tab", "move the focus forward / back",
          (Press(pygame.K_TAB, False), Press(pygame.K_TAB, True))),
    Shown("Enter / Space", "activate the focused button", press(pygame.K_RETURN, pygame.K_SPACE)),
    Shown("Esc", "cancel", press(pygame.K_ESCAPE)),
    Shown("F1 or ?", "show / hide this help", (Press(pygame.K_F1), Press(text="?"))),
    Shown("F11", "full screen on / off", press(pygame.K_F11)),
    Shown("Mouse", "click an option, or the moment button for the next moment", ()),
))
"""F1 over the branch chooser: its own keys (it listed the play screen's: P, M, W...)."""
