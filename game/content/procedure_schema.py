"""Which `procedure:` keys each procedure view reads, and the values each key takes.

The one place that declares the views' vocabulary. The validator checks every scenario's
`procedure:` mappings against it (so a typo or `spo2: high` is a located error instead of a
picture that silently shows "SpO2 0"), docs/authoring.md's key table is generated from it
(a test keeps them equal), and the pygame views can read their key lists from it. Pure data:
no pygame.

The keys and ranges were taken from what the views under game/ui/procedures/ actually read
(`num`/`flag`/`pick` with their clamps and choices) and from the shipped scenarios.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """One key of a view: its kind and what values it accepts."""

    kind: str
    """"number", "whole" (a whole number), "yes/no", "choice" or "text"."""
    doc: str
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] = ()
    max_len: int | None = None
    pattern: str | None = None
    """For text: a regular expression the whole value must match."""
    example: str = ""
    """For patterned text: a value in the right form, for messages and the guide."""

    def problem(self, value: object) -> str | None:
        """Why `value` is wrong for this key, or None when it is fine."""
        if self.kind in ("number", "whole"):
            return self._number(value)
        if self.kind == "yes/no":
            return None if isinstance(value, bool) else \
                f"must be true or false, not {_shown(value)}"
        if not isinstance(value, str):
            return f"must be text, not {_shown(value)}"
        if self.kind == "choice":
            return None if value in self.choices else \
                f"must be one of {', '.join(self.choices)}, not {value!r}"
        if self.max_len is not None and len(value) > self.max_len:
            return f"is {len(value)} characters; at most {self.max_len} fit"
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            return f"{value!r} is not in the form {self.example!r}"
        return None

    def _number(self, value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value):
            return f"must be a number, not {_shown(value)}"
        if self.kind == "whole" and value != int(value):
            return f"must be a whole number, not {value:g}"
        if (self.lo is not None and value < self.lo) or (self.hi is not None
                                                         and value > self.hi):
            return f"must lie between {self.lo:g} and {self.hi:g}, not {value:g}"
        return None

    def doc_values(self) -> str:
        """The accepted values in words (for the authoring guide's table)."""
        if self.kind in ("number", "whole"):
            whole = "whole number" if self.kind == "whole" else "number"
            return f"{whole} {self.lo:g}-{self.hi:g}"
        if self.kind == "yes/no":
            return "true/false"
        if self.kind == "choice":
            return ", ".join(f"`{c}`" for c in self.choices)
        if self.pattern is not None:
            return f"text like `{self.example}`"
        return f"text (at most {self.max_len} characters)" if self.max_len else "text"


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value).lower() \
        if isinstance(value, bool) else str(value)


BLEEDING = ("none", "ooze", "brisk", "controlled")
PEOPLE = ("trainee", "patient", "supervisor", "relative", "nurse")

VIEWS: Mapping[str, Mapping[str, Key]] = {
    "lumbar_puncture": {
        "needle_depth_mm": Key("number", "how far the needle is in", 0, 60),
        "needle_angle": Key("choice", "where the needle aims", choices=("caudal", "cephalad")),
        "bone_contact": Key("yes/no", "the needle is on bone"),
        "csf": Key("yes/no", "CSF flows back"),
        "passes": Key("whole", "needle passes so far", 0, 99),
    },
    "trocar": {
        "port_site": Key("choice", "where the port goes in", choices=("none", "medial",
                                                                       "lateral")),
        "trocar_depth": Key("number", "0 outside, 1 through the wall", 0, 1),
        "vessels_seen": Key("yes/no", "the epigastric vessels were looked for"),
        "bleeding": Key("choice", "bleeding at the port", choices=BLEEDING),
        "rescue_ready": Key("yes/no", "suture passer open on the tray"),
        "camera": Key("choice", "what the scope looks at", choices=("wall", "field")),
    },
    "caesarean": {
        "incision": Key("choice", "uterine incision", choices=("none", "made", "extended")),
        "head": Key("choice", "the baby's head",
                    choices=("engaged", "impacted", "elevated", "delivered")),
        "hand": Key("choice", "the operator's hand", choices=("none", "above", "below")),
        "push_from_below": Key("yes/no", "an assistant pushes the head up vaginally"),
        "supervisor_hands": Key("yes/no", "the supervisor's hands are in the field"),
        "bleeding": Key("choice", "bleeding", choices=BLEEDING),
    },
    "dissection": {
        "plane": Key("choice", "which plane the trainee dissects in",
                     choices=("correct", "too_deep", "too_superficial")),
        "bleeding": Key("choice", "bleeding in the field", choices=BLEEDING),
        "structure_at_risk": Key("choice", "what lies next to the plane",
                                 choices=("none", "vessel", "nerve", "duct", "ureter",
                                          "bowel")),
        "structure_seen": Key("yes/no", "the structure at risk has been identified"),
        "structure_injured": Key("yes/no", "the structure at risk has been injured"),
        "instrument": Key("choice", "what the trainee dissects with",
                          choices=("scissors", "diathermy", "blunt")),
        "supervisor_hands": Key("yes/no", "the supervisor's hands are in the field"),
    },
    "generic": {
        "room": Key("text", "a short label: `ED resus bay`", max_len=60),
        "caption": Key("text", "one short line of what is on screen", max_len=90),
        "people": Key("text", "who is in the room, comma-separated, from " + ", ".join(PEOPLE)
                      + " (leave out the supervisor when distant)", max_len=80,
                      pattern=r"\s*(" + "|".join(PEOPLE) + r")\s*(,\s*(" + "|".join(PEOPLE)
                      + r")\s*)*", example="trainee,patient,supervisor"),
        "monitor": Key("yes/no", "show the bedside monitor"),
        "hr": Key("number", "heart rate /min", 0, 300),
        "spo2": Key("number", "oxygen saturation %", 0, 100),
        "rr": Key("number", "breaths /min", 0, 80),
        "etco2": Key("number", "end-tidal CO2: kPa up to 15, mmHg above; 0 is a flat trace",
                     0, 100),
        "bp": Key("text", "blood pressure (quote it)", max_len=9, pattern=r"\d{2,3}/\d{2,3}",
                  example="120/80"),
        "sedation": Key("choice", "depth of sedation on the scale",
                        choices=("minimal", "moderate", "deep", "general")),
        "age_group": Key("choice", "which normal ranges the monitor warns against",
                         choices=("adult", "child")),
    },
}
"""Every view and its keys. `generic` is also what an unknown view falls back to."""


def key_problems(view: str, procedure: Mapping[str, object]) -> list[tuple[str, bool, str]]:
    """Every problem in one `procedure:` mapping as (key, is_the_key_itself, message)."""
    keys = VIEWS.get(view, VIEWS["generic"])
    out = []
    for name, value in procedure.items():
        spec = keys.get(name)
        if spec is None:
            close = [k for k in keys if _similar(k, str(name))]
            hint = f" (did you mean {close[0]!r}?)" if close else \
                f"; it reads {', '.join(keys)}"
            out.append((name, True, f"the {view} view has no key {name!r}{hint}"))
            continue
        message = spec.problem(value)
        if message:
            out.append((name, False, f"{name} {message}"))
    return out


def _similar(a: str, b: str) -> bool:
    """A cheap typo test: same letters give or take one, or one contains the other."""
    if a in b or b in a:
        return True
    return len(set(a) ^ set(b)) <= 2 and abs(len(a) - len(b)) <= 2


def markdown_table() -> str:
    """The authoring guide's table of views and keys (docs/authoring.md section 12)."""
    rows = ["| view | key | values | what it shows |", "|---|---|---|---|"]
    for view, keys in VIEWS.items():
        for name, spec in keys.items():
            rows.append(f"| `{view}` | `{name}` | {spec.doc_values()} | {spec.doc} |")
    return "\n".join(rows)
