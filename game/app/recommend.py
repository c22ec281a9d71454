"""What next: the vignette and trainee to practise, with the reason in one sentence.

Pure. Each (vignette, trainee) pair gets a need: how weak the supervisor is in its failure
category and supervision distance (unsafe choices weigh far more than regret, as everywhere),
how their own last try of it went, and spacing: a pair played in the last few sessions
waits, one not seen for a while (or never) comes forward, so practice is spread out rather
than massed. Also here: the "played" marks and best result the vignette list shows, and a
small goal per vignette ("safe, regret under 1, with all three trainees").

The reason and the goal are worded by the translator passed in (`english` by default), as
message ids with values, so the Progress screen shows them in its language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.app.progress import Group, Progress, groups
from game.i18n import Tr, english
from game.store.records import SessionRecord

if TYPE_CHECKING:
    from game.core.model import Scenario

RATINGS = ("green", "amber", "red")
GOAL_REGRET = 1.0
RECENT = 3
"""A pair played within this many sessions is left to rest (spacing)."""


@dataclass(frozen=True)
class Vignette:
    id: str
    title: str
    category: str
    supervision: str
    trainees: tuple[tuple[str, str], ...]
    """(profile id, display name) of each trainee profile."""

    @classmethod
    def of(cls, scenario: Scenario) -> Vignette:
        """From a content Scenario."""
        return cls(scenario.id, scenario.title, scenario.category, scenario.supervision,
                   tuple((t.id, t.name) for t in scenario.trainees))


@dataclass(frozen=True)
class Mark:
    played: int
    best_rating: str | None
    best_regret: float | None

    def words(self) -> str:
        if self.best_rating is None:
            return f"played {self.played}\u00d7, not finished"
        word = {"green": "safe", "amber": "caution", "red": "unsafe"}[self.best_rating]
        return f"played {self.played}\u00d7 \u00b7 best: {word}, regret {self.best_regret:.1f}"


def best_key(record: SessionRecord) -> tuple[int, float]:
    """Safety first, then regret (lower is better)."""
    return RATINGS.index(record.safety_rating), record.regret or 0.0


def _finished(records: Iterable[SessionRecord]) -> list[SessionRecord]:
    return [r for r in records if r.finished and r.safety_rating in RATINGS]


def played_marks(records: Iterable[SessionRecord]) -> dict[str, Mark]:
    """Per vignette id: times played (a resumed session once) and the best result."""
    records = [r for r in records if r.status != "resumed"]
    marks = {}
    for sid in {r.scenario_id for r in records}:
        mine = [r for r in records if r.scenario_id == sid]
        done = _finished(mine)
        best = min(done, key=best_key) if done else None
        marks[sid] = Mark(len(mine), best.safety_rating if best else None,
                          best.regret if best else None)
    return marks


def current_marks() -> dict[str, Mark]:
    """The marks of the profile playing now, from the history database (empty when no
    profile is chosen or the history cannot be read; the list then shows no marks)."""
    from game.app.profiles import current_id
    from game.store.listing import recorded_sessions
    player = current_id()
    if player is None:
        return {}
    return played_marks(recorded_sessions(player, moments=False).records)


@dataclass(frozen=True)
class Goal:
    text: str
    met: tuple[str, ...]
    """Names of the trainees with whom the goal is met."""
    total: int

    @property
    def done(self) -> bool:
        return len(self.met) == self.total


def goal(vignette: Vignette, records: Iterable[SessionRecord], t: Tr = english) -> Goal:
    n = len(vignette.trainees)
    met = tuple(name for pid, name in vignette.trainees
                if any(r.scenario_id == vignette.id and r.profile == pid
                       and r.safety_rating == "green" and (r.regret or 0.0) < GOAL_REGRET
                       for r in _finished(records)))
    return Goal(_goal_text(n, t), met, n)


def _goal_text(n: int, t: Tr) -> str:
    if n == 1:
        return t("Safe, regret under {x:g}, with the trainee", x=GOAL_REGRET)
    if n == 2:
        return t("Safe, regret under {x:g}, with both trainees", x=GOAL_REGRET)
    return t("Safe, regret under {x:g}, with all {n} trainees", x=GOAL_REGRET,
             n=t(_number(n)))


def _number(n: int) -> str:
    return ("one", "two", "three", "four", "five")[n - 1] if 1 <= n <= 5 else str(n)


@dataclass(frozen=True)
class Recommendation:
    vignette: Vignette
    trainee: tuple[str, str]
    reason: str
    need: float


def _weakness(group: Group | None) -> float:
    if group is None:
        return 0.0
    return 3.0 * group.unsafe / group.sessions + group.caution / group.sessions + \
        min(1.0, group.mean_regret / 3.0) * 0.5


def _candidate(v: Vignette, pid: str, name: str, records: list[SessionRecord],
               latest: dict[tuple[str, str], int], weak: dict[str, dict[str, Group]],
               t: Tr) -> Recommendation:
    at = latest.get((v.id, pid))
    since = len(records) - 1 - at if at is not None else None
    last = records[at] if at is not None else None
    cat, dist = weak["category"].get(v.category), weak["distance"].get(v.supervision)
    need = _weakness(cat) + _weakness(dist)
    if last is not None and last.finished and last.safety_rating == "red":
        need += 3.0
    if since is None:
        need += 1.0
    elif since < RECENT:
        need -= 5.0
    else:
        need += min(1.0, since / 20)
    return Recommendation(v, (pid, name), _reason(v, name, last, since, cat, dist, t), need)


def _reason(v: Vignette, name: str, last: SessionRecord | None, since: int | None,
            cat: Group | None, dist: Group | None, t: Tr) -> str:
    if last is not None and last.finished and last.safety_rating == "red":
        return t("Your last {title} with {name} was unsafe; try it again while it is fresh "
                 "in mind.", title=v.title, name=name)
    weakest = max((g for g in (cat, dist) if g is not None), key=_weakness, default=None)
    if weakest is not None and (weakest.unsafe or weakest.caution):
        what = t("failures of this kind") if weakest is cat else \
            t(SUPERVISION_WORDS.get(v.supervision, "{distance} supervision"),
              distance=v.supervision)
        values = {"title": v.title, "what": what, "n": weakest.unsafe or weakest.caution,
                  "total": weakest.sessions}
        if weakest.unsafe:
            return t("{title} practises {what}, where {n} of your {total} sessions were "
                     "unsafe.", **values)
        return t("{title} practises {what}, where {n} of your {total} sessions were rated "
                 "caution.", **values)
    if since is None:
        return t("You have not yet supervised {name} in {title}.", name=name, title=v.title)
    return t("You last played {title} with {name} {n} sessions ago; time to revisit.",
             title=v.title, name=name, n=since)


SUPERVISION_WORDS = {"direct": "direct supervision", "indirect": "indirect supervision",
                     "distant": "distant supervision"}
"""Whole phrases, not "{distance} supervision": German inflects the adjective."""


def recommend(vignettes: Sequence[Vignette], records: Iterable[SessionRecord],
              known: Progress | None = None, t: Tr = english) -> Recommendation | None:
    """The pair most worth playing next (None only for an empty library). `known`: the
    same records' Progress when the caller has it (its groups are reused); `t` words the
    reason."""
    records = sorted(records, key=lambda r: r.started_at)
    if known is None:
        scored = _finished(records)
        by_category = groups(scored, lambda r: r.category)
        by_distance = groups(scored, lambda r: r.supervision)
    else:
        by_category, by_distance = known.by_category, known.by_distance
    weak = {"category": {g.name: g for g in by_category},
            "distance": {g.name: g for g in by_distance}}
    latest = {(r.scenario_id, r.profile): i for i, r in enumerate(records)}
    candidates = [_candidate(v, pid, name, records, latest, weak, t)
                  for v in vignettes for pid, name in v.trainees]
    if not candidates:
        return None
    return max(candidates, key=lambda c: (round(c.need, 9), -vignettes.index(c.vignette)))
