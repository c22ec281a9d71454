"""A plain exhaustive evaluator: the reference the memoised solver is tested and benchmarked
against.

It walks every history separately (no memo, plain recursion), values every option at every
tick of a window by summing the per-tick event masses directly (the engine's rule, no prefix
sums or segments), and maximises without safety rules. It shares only the step gains
(`learning.apply_effects`) with the solver, so it checks the memoisation, the moment
mixing and the order of evaluation, not the formulas. Exponential in depth by design.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.core.model import Beat, Chance, Decision, Effects, End, Level, Option, Scenario
from game.core.timing import HANDS_ON, latency_s, slot_masses, to_ticks
from game.scoring.learning import (
    FEEDBACK_RANK,
    ModelState,
    apply_effects,
    error_episode,
    rung_credit,
    terminal_learning,
    zone_fit,
)
from game.scoring.params import ModelParams


class Plain:
    def __init__(self, scenario: Scenario, profile_id: str | None, params: ModelParams):
        self.scenario, self.params = scenario, params
        self.profile = scenario.trainee(profile_id)
        self.levels = [c.value for c in self.profile.competence]
        self.fits = [zone_fit(c, scenario.difficulty, params) for c in self.levels]

    def value(self) -> float:
        prior = [c.prior for c in self.profile.competence]
        return self.v(ModelState(self.scenario.start, distance=self.scenario.supervision),
                      prior)

    def _fit(self, belief: Sequence[float]) -> float:
        return sum(b * z for b, z in zip(belief, self.fits))

    def _step(self, s: ModelState, effects: Effects,
              belief: Sequence[float]) -> tuple[ModelState, float]:
        s2, g = apply_effects(s, effects, self.profile.confidence,
                              self.scenario.attempt_limits, self.params)
        return s2, g.learning * self._fit(belief) - self.params.risk_weight * g.harm

    def v(self, s: ModelState, belief: Sequence[float]) -> float:
        node = self.scenario.node(s.node)
        if isinstance(node, Beat):
            s2, r = self._step(s, node.effects, belief)
            s2 = s2._replace(node=node.next_for(s2.flags),
                             arrival=max(0, s2.arrival - node.duration_ticks))
            return r + self.v(s2, belief)
        if isinstance(node, End):
            s2, r = self._step(s, node.effects, belief)
            s2 = s2._replace(feedback=max(s2.feedback, FEEDBACK_RANK[node.feedback]))
            return r + terminal_learning(s2, self.params) * self._fit(belief)
        if isinstance(node, Chance):
            total = 0.0
            for o in node.outcomes:
                joint = [b * o.probability(c, s.flags) for b, c in zip(belief, self.levels)]
                p = sum(joint)
                if p > 0:
                    post = [j / p for j in joint]
                    s2, r = self._step(s, o.effects, post)
                    total += p * (r + self.v(s2._replace(node=o.next), post))
            return total
        assert isinstance(node, Decision)
        return max(self.moments(node, s, belief))

    def moments(self, node: Decision, s: ModelState, belief: Sequence[float]) -> list[float]:
        """Q of every (offered option, tick) pair."""
        n = max(1, node.window_ticks)
        after = s._replace(l0=node.learning_value, arrival=max(0, s.arrival - n))
        fit = self._fit(belief)
        values = {o.id: self._option(node, after, o, fit, belief) for o in node.options}
        masses = slot_masses(node.timing, n) if node.timing is not None else [0.0] * 2 * n
        events: tuple[float, float] = (self._events(node, after, fit, belief)
                                       if node.timing is not None else (0, 0))
        default = values[node.default]
        out = []
        for o in node.offered(s.flags):
            for t in range(n):
                out.append(self._mix(node, o, t, s.arrival, n, masses, events, values[o.id],
                                     default))
        return out

    def _mix(self, node: Decision, o: Option, t: int, arrival: int, n: int,
             masses: Sequence[float], events: tuple[float, float], own: float,
             default: float) -> float:
        timed = node.timing is not None
        if timed and o.level == Level.WATCH:
            e = n
        else:
            e = t + (to_ticks(latency_s(o, self.params.latency_s), 1.0) if timed else 0)
            if o.level is not None and o.level.value in HANDS_ON:
                e = max(e, arrival)
        total, first = 0.0, 0.0
        for k in range(min(e, n)):
            total += masses[2 * k] * events[0] + masses[2 * k + 1] * events[1]
            first += masses[2 * k] + masses[2 * k + 1]
        return total + (1 - first) * (own if e <= n else default)

    def _option(self, node: Decision, after: ModelState, o: Option, fit: float,
                belief: Sequence[float]) -> float:
        s2, r = self._step(after, o.effects, belief)
        credit = rung_credit(node.learning_value, o.level, self.params) * fit
        return credit + r + self.v(s2._replace(node=o.next), belief)

    def _events(self, node: Decision, after: ModelState, fit: float,
                belief: Sequence[float]) -> tuple[float, float]:
        timing = node.timing
        assert timing is not None  # asked only for a timed window (`moments`)
        credit = rung_credit(node.learning_value, Level.WATCH, self.params) * fit
        bonus = error_episode(node.learning_value, self.profile.confidence, self.params)
        sc = credit + self.v(after._replace(node=timing.on_self_correct), belief)
        err = credit + self.v(after._replace(node=timing.on_error,
                                             pending=after.pending + bonus), belief)
        return sc, err


def plain_optimum(scenario: Scenario, profile_id: str | None,
                  params: ModelParams | None = None) -> float:
    """The unconstrained optimal value by exhaustive search over histories and moments."""
    return Plain(scenario, profile_id, params or ModelParams(enforce_safety=False)).value()
