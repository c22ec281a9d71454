"""The replay viewer's model: a log re-simulated into a timeline, its decisions analysed.

Loading does everything that can fail (read, find the vignette, re-simulate, score) once,
and every failure becomes a message: a facilitator opening a broken file sees why, never a
crash. The log holds only commands, so what is shown is what the engine does with them, not
what the log claims. No pygame here: the cursor (replay_cursor.py) and tests use it directly.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeGuard

from game.core import events as ev
from game.core.model import TICKS_PER_SECOND, Scenario, TraineeProfile
from game.core.state import SessionState
from game.replay.annotations import Note, read_notes
from game.replay.debrief import DecisionDebrief, analyse_decisions
from game.replay.explain import explain_reviews
from game.replay.reader import LogError, ReplayLog, read_log
from game.replay.session import params_from_header
from game.replay.timeline import SETTLING, Moment, Timeline, build_timeline, settling_indices
from game.replay.verify import Divergence, config_from_header, resimulate
from game.scoring.episode import EpisodeScore
from game.ui.kit.vocabulary import mode_name
from game.ui.play.narration import Line, narrate
from game.ui.review.presenters import Tr, clock, english, parent_number, rating_parts

Finder = Callable[[str], Scenario | None]
SHOWN = (ev.NodeEntered, ev.DecisionOpened, ev.InterventionMade, ev.WindowClosed,
         ev.TraineeSelfCorrected, ev.MistakeHappened,
         ev.ChanceResolved, ev.HarmOccurred, ev.VignetteEnded)
"""Events worth a step of the cursor (flags set are not)."""


@dataclass(frozen=True)
class DecisionMark:
    """One decision on the timeline: where its window opened and where it was decided."""

    number: int
    node: str
    open_tick: int
    tick: int
    open_index: int
    index: int
    """Index of the moment that decided it (an intervention, or the window running out)."""
    detail: DecisionDebrief
    tone: str
    symbol: str
    word: str


@dataclass
class ReplayModel:
    path: str
    find: Finder
    title: str
    error: str = ""
    warning: str = ""
    status: str = ""
    facts: tuple[str, ...] = ()
    scenario: Scenario | None = None
    log: ReplayLog | None = None
    timeline: Timeline | None = None
    score: EpisodeScore | None = None
    profile: TraineeProfile | None = None
    decisions: tuple[DecisionMark, ...] = ()
    notes: list[Note] = field(default_factory=list)
    note_problems: list[str] = field(default_factory=list)
    total_ticks: int = 1
    explained: tuple[tuple[str, str], ...] = ()
    """(moments, why) per decision, as the outcome and debrief say them."""

    @property
    def moments(self) -> list[Moment]:
        return self.timeline.moments if self.timeline else []

    @property
    def complete(self) -> bool:
        return bool(self.log and self.log.complete)

    def count_at(self, tick: int) -> int:
        """How many moments have happened by `tick` (moments are in tick order)."""
        return bisect_right([m.tick for m in self.moments], tick)

    def state_at(self, upto: int) -> SessionState | None:
        if upto > 0:
            return self.moments[upto - 1].state
        return self.moments[0].state if self.moments else None

    def lines_at(self, upto: int) -> list[Line]:
        """The narration transcript as it read after the first `upto` moments."""
        if self.scenario is None:
            return []
        return narrate(self.scenario, [m.event for m in self.moments[:upto]])

    def stops(self) -> list[tuple[int, int]]:
        """Cursor positions (moments shown, tick) a step lands on, in order. Before each
        decision's deciding moment there is a stop too: the window open, nothing chosen."""
        out = []
        settling = set(settling_indices([m.event for m in self.moments]))
        for i, m in enumerate(self.moments):
            if i in settling:
                out.append((i, m.tick))
            if self._visible(m.event):
                out.append((i + 1, m.tick))
        return sorted(set(out))

    def _visible(self, event: object) -> bool:
        if isinstance(event, ev.NodeEntered):
            return bool(self.scenario and self.scenario.node(event.node).text)
        return isinstance(event, SHOWN)

    def reload_notes(self) -> None:
        self.notes, self.note_problems = read_notes(self.path)


def _failed(path: str, find: Finder, message: str, t: Tr) -> ReplayModel:
    return ReplayModel(path, find, t("Replay viewer"), error=message)


def load_replay(path: str, find: Finder, t: Tr = english) -> ReplayModel:
    """Read, re-simulate and analyse a log; every failure becomes a message."""
    path = str(path)
    try:
        log = read_log(path)
    except LogError as exc:
        return _failed(path, find, t("Cannot open {path}: {why}", path=Path(path).name,
                                     why=str(exc)), t)
    scenario_id = str(log.header.get("scenario_id"))
    scenario = find(scenario_id)
    if scenario is None:
        return _failed(path, find, t("The vignette {id} of this log is not in the library.",
                                     id=repr(scenario_id)), t)
    warnings = []
    if scenario.content_sha256 != log.header.get("scenario_sha256"):
        warnings.append(t("The vignette changed since this session was recorded."))
    broken = log.chain_break()
    if broken is not None:
        warnings.append(t("Line {n} of the log was edited, removed or reordered.", n=broken))
    try:
        resimulate(log, scenario)
        timeline = build_timeline(log, scenario)
    except Divergence as exc:
        return _failed(path, find, t("The log does not replay: line {n}: {why}", n=exc.line,
                                     why=exc.message), t)
    model = ReplayModel(path, find, scenario.title, warning=" ".join(warnings),
                        scenario=scenario, log=log, timeline=timeline)
    _analyse(model, t)
    model.reload_notes()
    return model


def _analyse(model: ReplayModel, t: Tr) -> None:
    log, scenario, timeline = model.log, model.scenario, model.timeline
    assert log and scenario and timeline and timeline.final
    params = params_from_header(log.header)
    profile_id = config_from_header(log.header).profile_id
    model.score, rows = analyse_decisions(scenario, timeline, profile_id, params, t)
    model.total_ticks = max(1, timeline.final.tick)
    try:
        model.profile = scenario.trainee(profile_id)
    except KeyError:
        model.profile = None
    model.decisions = tuple(_marks(model.moments, rows, t))
    model.explained = tuple(explain_reviews(scenario, log.header, model.score.decisions,
                                            timeline.final.pace_factor, t))
    model.facts = _facts(log.header, model.profile, t)
    if log.complete:
        end = scenario.node(timeline.final.node_id)
        model.status = t("Complete: {end}", end=getattr(end, "title", "") or end.id)
    else:
        model.status = t("Interrupted: the session was closed before the end")


def _marks(moments: list[Moment], rows: list[DecisionDebrief], t: Tr) -> list[DecisionMark]:
    decided = settling_indices([m.event for m in moments])
    marks = []
    for number, (index, row) in enumerate(zip(decided, rows), start=1):
        settled = moments[index].event
        assert isinstance(settled, SETTLING)  # settling_indices only picks these events
        node = settled.decision
        opened = [i for i, m in enumerate(moments[:index]) if isinstance(m.event, ev.DecisionOpened)
                  and m.event.decision == node]
        open_index = opened[-1] if opened else index
        tone, symbol, word = rating_parts(row.rating, t)
        marks.append(DecisionMark(number, node, moments[open_index].tick, moments[index].tick,
                                  open_index, index, row, tone, symbol, word))
    return marks


def local_time(stamp: object) -> str:
    """An ISO timestamp from a log header as local "YYYY-mm-dd HH:MM" ("" if unreadable)."""
    try:
        when = datetime.fromisoformat(str(stamp))
    except (TypeError, ValueError):
        return ""
    return f"{when.astimezone() if when.tzinfo else when:%Y-%m-%d %H:%M}"


def _facts(header: dict, profile: TraineeProfile | None, t: Tr) -> tuple[str, ...]:
    trainee = profile.name if profile else str(header.get("profile"))
    facts = [t("Player {p}", p=header.get("player", "?")),
             t("Started {when}", when=local_time(header.get("started_at")) or t("unknown")),
             t("Trainee {name}", name=trainee), t("Seed {seed}", seed=header.get("seed")),
             t("Mode {mode}", mode=mode_name(str(header.get("mode", "?")), t))]
    parent = header.get("parent")
    if isinstance(parent, dict):
        facts.append(t("⎇ Branch of {log} at decision {n}", log=parent.get("log", "?"),
                       n=parent_number(parent)))
        opened, at = parent.get("opened_at"), parent.get("at")
        if parent.get("kind") == "branch" and _whole(opened) and _whole(at):
            facts.append(t("The other choice at {time}, {s:.1f} s into the window",
                           time=clock(opened + at), s=at / TICKS_PER_SECOND))  # 2,5 in German
    return tuple(facts)


def _whole(value: object) -> TypeGuard[int]:
    """A tick from a (possibly edited) header: a whole number, not a bool."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
