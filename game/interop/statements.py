"""xAPI 1.0.3 statements for one session, in the order the profile's pattern gives.

Every statement id is a UUIDv5 of the session id and the event, and nothing in a statement
depends on when it is built, so converting the same log twice gives byte-identical
statements: a resend can never duplicate a record in the LRS.

What is never in a statement: names (players are pseudonymous accounts), the note author
field, and note text unless a programme opts in (`include_note_text`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, timedelta
from typing import Any

from game.interop import vocab as v
from game.interop.facts import (
    DecisionFact,
    HarmFact,
    NoteFact,
    RescueFact,
    SessionFacts,
    VoteFact,
    derived_uuid,
    scaled_score,
    seconds,
)

Statement = dict[str, Any]


@dataclass(frozen=True)
class ExportOptions:
    account_home: str = v.ACCOUNT_HOME
    include_note_text: bool = False
    """Off by default: a facilitator's note is free text and may name someone."""


def session_statements(facts: SessionFacts, options: ExportOptions | None = None
                       ) -> list[Statement]:
    b = _Builder(facts, options or ExportOptions())
    out = [b.launched(), b.initialized()]
    events: list[tuple[int, int, Statement]] = []
    for vote in facts.votes:
        events.append((vote.tick, 0, b.vote(vote)))
    for d in facts.decisions:
        events.append((d.tick, 1, b.decision(d)))
    for harm in facts.harms:
        events.append((harm.tick, 2, b.harm(harm)))
    for rescue in facts.rescues:
        events.append((rescue.tick, 3, b.rescue(rescue)))
    # Stable sort: at one tick the room votes, then the decision, then its consequences.
    out.extend(s for _, _, s in sorted(events, key=lambda e: (e[0], e[1])))
    if facts.complete:
        out.append(b.completed())
    out.extend(b.note(n) for n in facts.notes)
    return out


def iso_duration(secs: float) -> str:
    """ISO 8601 duration in plain seconds (`PT12.3S`), never in exponent notation."""
    return "PT" + (f"{secs:.3f}".rstrip("0").rstrip(".") or "0") + "S"


class _Builder:
    def __init__(self, facts: SessionFacts, options: ExportOptions):
        self.f, self.o = facts, options
        self.scenario = facts.scenario
        self.sid = self.scenario.id

    # -- agents -------------------------------------------------------------------------
    def account(self, name: str) -> dict:
        return {"homePage": self.o.account_home, "name": name}

    def player(self) -> dict:
        return {"objectType": "Agent", "account": self.account(self.f.player)}

    def room(self) -> dict:
        return {"objectType": "Group", "account": self.account(f"room-{self.f.session_id}")}

    def actor(self) -> dict:
        """The room plays a workshop (its facilitator is the instructor); else the player."""
        return self.room() if self.f.workshop else self.player()

    # -- activities ---------------------------------------------------------------------
    def vignette(self) -> dict:
        return {"objectType": "Activity", "id": v.vignette_iri(self.sid),
                "definition": {"type": v.SIMULATION, "name": {"en": self.scenario.title}}}

    def decision_activity(self, d: DecisionFact) -> dict:
        return {"objectType": "Activity", "id": v.decision_iri(self.sid, d.node),
                "definition": {
                    "type": v.INTERACTION, "name": {"en": d.node},
                    "description": {"en": d.cue or d.node}, "interactionType": "choice",
                    "choices": [{"id": o, "description": {"en": label}}
                                for o, label, _ in d.options]}}

    def node_activity(self, node: str) -> dict:
        return {"objectType": "Activity", "id": v.node_iri(self.sid, node),
                "definition": {"type": v.SCENARIO_NODE,
                               "name": {"en": f"{self.scenario.title}: {node}"}}}

    # -- envelope -----------------------------------------------------------------------
    def context(self, tick: int, parent: bool, team: bool = False) -> dict:
        h = self.f.header
        ctx: dict[str, Any] = {
            "registration": self.f.session_id,
            "platform": f"Safety Net {h.get('game_version', '')}".strip(),
            "language": "en",
            "contextActivities": {"category": [{
                "objectType": "Activity", "id": v.PROFILE_VERSION,
                "definition": {"type": v.PROFILE_TYPE}}]},
            "extensions": {
                v.SUPERVISION: self.f.supervision_at(tick),
                v.TRAINEE_PROFILE: str(h.get("profile")),
                v.RISK_WEIGHT: float(h.get("risk_weight", 2.0)),
                v.CONTENT_SHA256: str(h.get("scenario_sha256")),
                v.MODE: str(h.get("mode")),
            }}
        if parent:
            ctx["contextActivities"]["parent"] = [self.vignette()]
        if self.f.workshop:
            ctx["instructor"] = self.player()
            if team:
                ctx["team"] = self.room()
        return ctx

    def statement(self, key: str, verb: v.Verb, obj: dict, tick: int, *, actor: dict | None
                  = None, result: dict | None = None, parent: bool = True,
                  team: bool = False) -> Statement:
        s: Statement = {"id": derived_uuid(self.f.session_id, key),
                        "actor": actor or self.actor(), "verb": verb.as_json(), "object": obj}
        if result is not None:
            s["result"] = result
        s["context"] = self.context(tick, parent, team)
        start = self.f.started_at
        if start is not None:
            when = start.astimezone(UTC) + timedelta(seconds=seconds(tick))
            s["timestamp"] = when.isoformat(timespec="milliseconds").replace("+00:00", "Z")
        return s

    # -- statements ---------------------------------------------------------------------
    def launched(self) -> Statement:
        return self.statement("launched", v.LAUNCHED, self.vignette(), 0, parent=False)

    def initialized(self) -> Statement:
        return self.statement("initialized", v.INITIALIZED, self.vignette(), 0, parent=False)

    def decision(self, d: DecisionFact) -> Statement:
        ext: dict[str, Any] = {
            v.MOMENT: d.moment_s, v.WINDOW: d.window_s,
            v.MOMENT_FRACTION: round(d.moment_s / d.window_s, 6) if d.window_s else 0.0,
            v.DECIDED_BY: d.by, v.BEST_OPTION: d.best, v.Q_VALUES: d.q_values,
            v.REGRET: d.regret, v.RATING: d.rating, v.PREEMPTED: d.preempted}
        if d.rung is not None:
            ext[v.RUNG] = d.rung
        if d.best_moment_s is not None:
            ext[v.BEST_MOMENT] = list(d.best_moment_s)
        if d.window_event:
            ext[v.WINDOW_EVENT] = d.window_event
        result = {"response": d.chosen, "duration": iso_duration(d.moment_s), "extensions": ext}
        return self.statement(f"decision:{d.index}:{d.node}", v.ANSWERED,
                              self.decision_activity(d), d.tick, result=result)

    def vote(self, vote: VoteFact) -> Statement:
        d = next((d for d in self.f.decisions if d.node == vote.decision), None)
        obj = self.decision_activity(d) if d else {
            "objectType": "Activity", "id": v.decision_iri(self.sid, vote.decision),
            "definition": {"type": v.INTERACTION, "interactionType": "choice"}}
        participant = {"objectType": "Agent", "account": self.account(vote.token)}
        result = {"response": vote.option, "extensions": {
            v.ROOM_FOLLOWED: vote.followed, v.TOKEN_SOURCE: vote.token_source}}
        return self.statement(vote.key, v.RESPONDED, obj, vote.tick, actor=participant,
                              result=result, team=True)

    def harm(self, harm: HarmFact) -> Statement:
        obj = {"objectType": "Activity", "id": v.harm_iri(self.sid),
               "definition": {"type": v.HARM_LEDGER,
                              "name": {"en": f"{self.scenario.title}: harm to the patient"}}}
        result = {"extensions": {v.HARM_GRADE: harm.grade, v.HARM_POINTS: harm.points_so_far,
                                 v.ext("scenario-node"): harm.node,
                                 v.NEVER_EVENT: harm.never_event}}
        return self.statement(f"harm:{harm.index}", v.UPDATED, obj, harm.tick, result=result)

    def rescue(self, rescue: RescueFact) -> Statement:
        result = {"response": rescue.choice, "extensions": {v.RESCUE_KIND: rescue.kind}}
        return self.statement(f"rescue:{rescue.index}", v.RESCUED,
                              self.node_activity(rescue.node), rescue.tick, result=result)

    def completed(self) -> Statement:
        score = self.f.score
        assert score is not None
        ext: dict[str, Any] = {
            v.LEARNING: round(score.learning, 6), v.HARM_POINTS: round(score.harm, 6),
            v.NET: round(score.net, 6), v.RATING: score.safety_rating,
            v.REGRET: round(score.regret, 6), v.END_NODE: self.f.end_node or ""}
        if score.safety_rule:
            ext[v.SAFETY_RULE] = score.safety_rule
        result = {"score": {"scaled": scaled_score(score), "raw": round(score.net, 6)},
                  "success": score.safety_rating != "red", "completion": True,
                  "duration": iso_duration(seconds(self.f.end_tick)), "extensions": ext}
        return self.statement("completed", v.COMPLETED, self.vignette(), self.f.end_tick,
                              result=result, parent=False)

    def note(self, note: NoteFact) -> Statement:
        d = next((d for d in self.f.decisions if d.node == note.decision), None)
        obj = self.decision_activity(d) if d else self.vignette()
        result: dict[str, Any] = {"extensions": {v.NOTE_SHA256: note.key,
                                                 v.NOTE_TICK: note.tick}}
        if self.o.include_note_text:
            result["response"] = note.text
        actor = self.player()
        return self.statement(f"note:{note.key}", v.COMMENTED, obj, note.tick, actor=actor,
                              result=result, parent=d is not None)
