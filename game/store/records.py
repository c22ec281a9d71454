"""What the history keeps about one session, and how a record maps to a database row.

A record is a plain immutable value: the History and Progress screens, the CSV export and
the pending-rows queue all use it, and none of them needs the log or the scenario to read one.
Records and interventions are named tuples, not frozen dataclasses: the History screen builds
thousands of them on open, and a named tuple is built several times faster.
"""

from __future__ import annotations

import json
import math
from typing import Any, NamedTuple

TICKS_PER_SECOND = 10


class Intervention(NamedTuple):
    """One decision the session passed through: what was chosen, by whom, and when.

    `opened` is the tick the decision window opened and `tick` the tick of the choice, so
    `tick - opened` is how long the supervisor waited. `best_moment` is left empty until the
    scoring model says when the best moment to step in was (scoring v2).
    """

    node: str
    choice: str
    by: str
    tick: int
    opened: int
    best_moment: tuple[float, float] | None = None
    """Seconds into the window (content time) of the best moment to step in, as the scoring
    model gives it (scoring v2); None with a model that does not."""
    last_safe: float | None = None
    """Seconds into the window of the last safe moment for the option chosen, if given."""
    chosen_at: float | None = None
    """Seconds into the window (content time) the choice was made, as the model counts it."""
    rung: int | None = None
    """The chosen option's rung on the intervention ladder (0 watch ... 4 take over)."""
    best_rung: int | None = None
    """The rung of the best option at that decision (None when not scored)."""

    @property
    def waited_seconds(self) -> float:
        """How long the supervisor let the window run before choosing (content time when
        the model gives it, otherwise the clock of the session)."""
        if self.chosen_at is not None:
            return self.chosen_at
        return (self.tick - self.opened) / TICKS_PER_SECOND

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self._asdict().items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Intervention:
        best, safe, at = data.get("best_moment"), data.get("last_safe"), data.get("chosen_at")
        return cls(str(data["node"]), str(data["choice"]), str(data.get("by", "player")),
                   int(data["tick"]), int(data.get("opened", data["tick"])),
                   (float(best[0]), float(best[1])) if best else None,
                   float(safe) if safe is not None else None,
                   float(at) if at is not None else None,
                   _int_or_none(data.get("rung")), _int_or_none(data.get("best_rung")))


def _int_or_none(value: Any) -> int | None:
    return int(value) if value is not None else None


class SessionRecord(NamedTuple):
    """One finished or abandoned session, as the history keeps it."""

    uid: str
    """Stable identity: the log's file name, or a key built from the session for an
    unrecorded one. Writing the same uid twice updates the row instead of doubling it."""
    player: str
    scenario_id: str
    content_sha256: str
    profile: str
    """The trainee profile played."""
    mode: str
    started_at: str
    status: str = "finished"
    """"finished" or "abandoned" (left before the end)."""
    seed: int | None = None
    risk_weight: float | None = None
    learning: float | None = None
    harm: float | None = None
    net: float | None = None
    regret: float | None = None
    safety_rating: str = ""
    log_file: str = ""
    category: str = ""
    supervision: str = ""
    competence: float | None = None
    """The trainee's true competence in this session (the simulation knows it)."""
    trainee_confidence: float | None = None
    interventions: tuple[Intervention, ...] = ()
    attitude_low: float | None = None
    attitude_high: float | None = None
    """The risk weights at which every choice was optimal (None: unknown or inconsistent)."""
    entrustment: int | None = None
    """The supervisor's O-SCORE rating of the trainee before the outcome (1-5), if given."""
    end_node: str = ""

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    def with_(self, **changes: Any) -> SessionRecord:
        return self._replace(**changes)


COLUMNS: tuple[str, ...] = SessionRecord._fields


def to_row(record: SessionRecord) -> tuple[Any, ...]:
    values = []
    for name in COLUMNS:
        value = getattr(record, name)
        if name == "interventions":
            value = json.dumps([i.as_dict() for i in value], separators=(",", ":"))
        values.append(value)
    return tuple(values)


_AT = COLUMNS.index("interventions")


def _moment(data: dict[str, Any]) -> Intervention:
    """A stored intervention; the database holds only what `to_row` wrote, so the fields
    are taken as they are (the pending queue, which may hold anything, validates)."""
    best = data.get("best_moment")
    if best is not None:
        data["best_moment"] = (best[0], best[1])
    return Intervention(**data)


def from_rows(rows: list[tuple[Any, ...]]) -> list[SessionRecord]:
    """Records from many rows, their interventions decoded in one JSON parse (the History
    and Progress screens read thousands of rows on open)."""
    lists = json.loads("[" + ",".join(row[_AT] for row in rows) + "]")
    return [SessionRecord._make((*row[:_AT], tuple(_moment(d) for d in moments) if moments
                                 else (), *row[_AT + 1:])) for row, moments in zip(rows, lists)]


def to_json(record: SessionRecord) -> dict[str, Any]:
    """A JSON-safe dict (the pending queue stores records this way)."""
    data = record._asdict()
    data["interventions"] = [i.as_dict() for i in record.interventions]
    return data


def from_json(data: dict[str, Any]) -> SessionRecord:
    """The inverse of `to_json`; raises ValueError/KeyError/TypeError on a bad entry."""
    known = {k: data[k] for k in COLUMNS if k in data}
    known["interventions"] = tuple(Intervention.from_dict(d)
                                   for d in known.get("interventions") or ())
    record = SessionRecord(**known)
    for name in ("learning", "harm", "net", "regret", "risk_weight"):
        value = getattr(record, name)
        if value is not None and not (isinstance(value, (int, float)) and math.isfinite(value)):
            raise ValueError(f"{name} is not a finite number")
    return record
