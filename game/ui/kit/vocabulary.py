"""Every UI table keyed by a domain vocabulary, each derived from the one definition of its
members: the ladder (`core.model.LADDER`), the failure categories (`CATEGORIES`), the
supervision distances (`DISTANCES`), the session modes (`app.sessions.MODES`), the safety
ratings (`scoring.safety.RATING_ORDER`) and the tones a badge can take.

Each table is built by a comprehension over its members, so a member without an entry fails
at import, and `TABLES` lets a test prove every table covers every member exactly. Adding a
rung: add it to `core.model.Level`/`LADDER`, then one row to `RUNGS` here (the test names
anything else that needs a row). Pure: no pygame.
"""

from __future__ import annotations

from collections.abc import Mapping

from game.app.sessions import MODES
from game.core.model import CATEGORIES, DISTANCES, LADDER
from game.i18n import Tr, english
from game.scoring.safety import RATING_ORDER

TONES = ("good", "warn", "bad", "info")
"""How a badge or row is coloured; the icon says the same without colour."""
_TONE_ICONS = {"good": "✔", "warn": "⚠", "bad": "✖", "info": "●"}
TONE_ICONS = {tone: _TONE_ICONS[tone] for tone in TONES}

_RUNGS = {"watch": ("Watch", "info"), "probe": ("Probe", "good"), "cue": ("Cue", "good"),
          "guide": ("Guide", "warn"), "takeover": ("Take over", "bad")}
"""Each rung of the ladder: (its name on screen, its tone)."""
RUNGS = {level.value: _RUNGS[level.value] for level in LADDER}
LEVEL_NAMES = {rung: name for rung, (name, _) in RUNGS.items()}
LEVEL_TONES = {rung: tone for rung, (_, tone) in RUNGS.items()}

_CATEGORIES = {"technical": "Technical", "medication": "Medication",
               "communication": "Communication", "diagnostic": "Diagnostic",
               "decision": "Decision-making", "management": "Management"}
CATEGORY_NAMES = {c: _CATEGORIES[c] for c in CATEGORIES}

_DISTANCES = {
    "direct": ("direct", "Direct: you are in the room and can reach the patient at once."),
    "indirect": ("indirect", "Indirect: you are nearby and can be there within minutes."),
    "distant": ("distant", "Distant: you are reachable by phone, not at the bedside."),
}
SUPERVISION_NAMES = {d: _DISTANCES[d][0] for d in DISTANCES}
DISTANCE_TEXT = {d: _DISTANCES[d][1] for d in DISTANCES}

_MODES = {
    "practice": ("Practice", "Practice: pause at any time, meters on request, rewind after "
                             "the outcome."),
    "assessment": ("Assessment", "Assessment: real time, no pause, no rewind; meters appear "
                                 "at the end and the result is saved."),
    "workshop": ("Workshop", "Workshop: a facilitator leads the room through the vignette."),
}
MODE_NAMES = {m: _MODES[m][0] for m in MODES}
MODE_TEXT = {m: _MODES[m][1] for m in MODES}


def mode_name(mode: str, t: Tr = english) -> str:
    """A session mode's name on screen (an unknown mode from an old log shows as it is)."""
    return t(MODE_NAMES[mode]) if mode in MODE_NAMES else mode

_RATINGS = {
    "green": ("good", "Safe", "No choice added risk for the patient."),
    "amber": ("warn", "Caution", "A choice added some risk of mild harm."),
    "red": ("bad", "Unsafe", "A choice broke a safety rule."),
}
RATINGS = {r: _RATINGS[r] for r in RATING_ORDER}
"""Safety rating -> (tone, word, what it means)."""

TRANSLATED_TABLES = (LEVEL_NAMES, DISTANCE_TEXT, CATEGORY_NAMES, SUPERVISION_NAMES, MODE_NAMES,
                     MODE_TEXT)
"""Tables whose values are UI chrome shown through `t` (the i18n test checks them)."""

TABLES: dict[str, tuple[Mapping[str, object], tuple[str, ...]]] = {
    "TONE_ICONS": (TONE_ICONS, TONES),
    "LEVEL_NAMES": (LEVEL_NAMES, tuple(level.value for level in LADDER)),
    "LEVEL_TONES": (LEVEL_TONES, tuple(level.value for level in LADDER)),
    "CATEGORY_NAMES": (CATEGORY_NAMES, CATEGORIES),
    "SUPERVISION_NAMES": (SUPERVISION_NAMES, DISTANCES),
    "DISTANCE_TEXT": (DISTANCE_TEXT, DISTANCES),
    "MODE_NAMES": (MODE_NAMES, MODES),
    "MODE_TEXT": (MODE_TEXT, MODES),
    "RATINGS": (RATINGS, RATING_ORDER),
}
"""Each table beside the members it must cover (tests/ui/test_vocabulary.py)."""
