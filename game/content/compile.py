"""Turn a validated `ScenarioIn` document into the engine's immutable `Scenario`."""

from __future__ import annotations

from game.content import schema as s
from game.core import model as m


def _effects(e: s.EffectsIn) -> m.Effects:
    return m.Effects(
        learning=e.learning,
        harm=tuple(e.grades),
        experienced_error=e.experienced_error,
        tags=tuple(e.tags),
        sets=tuple(e.sets),
        attempts=tuple(e.attempts),
        needs_rescue=e.needs_rescue,
        high_alert=e.high_alert,
        feedback=e.feedback,
        provokes_error=e.provokes_error,
        procedure=m.frozen_mapping(e.procedure),
        never_event=e.never_event,
        supervision=(m.SupervisionChange(e.supervision.to, e.supervision.arrival)
                     if e.supervision else None),
    )


def _ticks(seconds: float) -> int:
    return max(1, round(seconds * m.TICKS_PER_SECOND))


def _node(node_id: str, n) -> m.Node:
    common = dict(id=node_id, kind=n.kind, sources=tuple(n.sources), assumption=n.assumption)
    if isinstance(n, s.BeatIn):
        routes, last = _routes(n.next)
        return m.Beat(**common, text=n.text, duration_ticks=_ticks(n.duration), next=last,
                      effects=_effects(n), routes=routes)
    if isinstance(n, s.DecisionIn):
        return m.Decision(**common, text=n.text, cue=n.cue, window_ticks=_ticks(n.window),
                          learning_value=n.learning_value or 0.0, default=n.default,
                          options=tuple(_option(o) for o in n.options), prompt=n.prompt,
                          timing=_timing(n.timing), purpose=n.purpose)
    if isinstance(n, s.ChanceIn):
        return m.Chance(**common, text=n.text, outcomes=tuple(_outcome(o) for o in n.outcomes))
    assert isinstance(n, s.EndIn)
    return m.End(**common, text=n.text, title=n.title, feedback=n.feedback, effects=_effects(n))


def _option(o: s.OptionIn) -> m.Option:
    return m.Option(o.id, m.Level(o.level) if o.level else None, o.label, o.say, o.next,
                    _effects(o), takes_s=o.takes, requires=frozenset(o.requires),
                    unless=frozenset(o.unless))


def _outcome(o: s.OutcomeIn) -> m.Outcome:
    """The unconditional (last) case gives `p_low`/`p_high`; earlier ones become `cases`."""
    if isinstance(o.p, list):
        *conditional, last = o.p
        cases = tuple(m.ProbabilityCase(frozenset(c.when), *_anchors(c.p)) for c in conditional)
        return m.Outcome(o.id, *_anchors(last.p), o.next, o.text, _effects(o), cases=cases)
    return m.Outcome(o.id, *_anchors(o.p), o.next, o.text, _effects(o))


def _routes(nxt) -> tuple[tuple[m.Route, ...], str]:
    if isinstance(nxt, str):
        return (), nxt
    *conditional, last = nxt
    return tuple(m.Route(frozenset(r.when), r.to) for r in conditional), last.to


def _timing(t: s.TimingIn | None) -> m.WindowTiming | None:
    if t is None:
        return None
    return m.WindowTiming(
        self_correct=m.Curve(tuple((float(a), float(b)) for a, b in t.self_correct)),
        error=m.Curve(tuple((float(a), float(b)) for a, b in t.error)),
        on_self_correct=t.on_self_correct, on_error=t.on_error,
        sources=tuple(t.sources), assumption=t.assumption)


def _anchors(p) -> tuple[float, float]:
    if isinstance(p, s.CompetenceDependent):
        return p.low, p.high
    return p, p


def _trainee(t: s.TraineeIn) -> m.TraineeProfile:
    if isinstance(t.competence, list):
        levels = tuple(m.CompetenceLevel(c.value, c.p) for c in t.competence)
    else:
        levels = (m.CompetenceLevel(t.competence, 1.0),)
    return m.TraineeProfile(t.id, t.name, t.level, t.summary, t.confidence, levels)


def compile_scenario(doc: s.ScenarioIn, path: str, sha256: str) -> m.Scenario:
    return m.Scenario(
        id=doc.id,
        title=doc.title,
        summary=doc.summary,
        category=doc.category,
        specialty=doc.specialty,
        setting=doc.setting,
        supervision=doc.supervision,
        minutes=doc.minutes,
        difficulty=doc.difficulty,
        procedure_view=doc.procedure_view,
        patient=m.Patient(doc.patient.name, str(doc.patient.age), doc.patient.summary),
        trainees=tuple(_trainee(t) for t in doc.trainees),
        objectives=tuple(doc.objectives),
        debrief_prompts=tuple(doc.debrief_prompts),
        sources=m.frozen_mapping({k: m.Source(k, v.citation, v.url)
                                  for k, v in doc.sources.items()}),
        attempt_limits=m.frozen_mapping(doc.attempt_limits),
        start=doc.start,
        nodes=m.frozen_mapping({k: _node(k, v) for k, v in doc.nodes.items()}),
        content_sha256=sha256,
        path=path,
        schema_version=doc.schema_version,
    )
