"""Exact solution of a vignette by backward induction over its decision/chance tree.

The trainee's competence may be uncertain (a discrete prior per profile). The solver carries
the supervisor's belief over it down the tree and updates it by Bayes' rule at every chance
outcome, so a probing question whose answer depends on competence carries information and
its value falls out of the recursion instead of being asserted.

At a decision point each option gets a Q-value (expected learning minus risk weight times
expected harm over the rest of the vignette, under the best admissible continuation) and the
probabilities the safety rules need. Options that break a rule are inadmissible; the optimal
option is the admissible one with the highest Q.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from game.core.model import Beat, Chance, Decision, End, Scenario
from game.scoring.cache import KeyedCache, version_key
from game.scoring.learning import PathTotals, outcome_before_fit, zone_fit
from game.scoring.params import ModelParams
from game.scoring.safety import Risks, broken_rule, leaf_risks, rating, safest_of

History = tuple[str, ...]
"""The path so far as `node:choice` strings (decisions and chance outcomes), the same key the
engine's session history produces, so a played session can be looked up in a solution."""

Policy = Callable[[str, History], Mapping[str, float]]
"""A policy maps (decision id, history) to option probabilities."""


@dataclass(frozen=True)
class OptionAnalysis:
    option: str
    level: str
    q: float
    learning: float
    harm: float
    risks: Risks
    broken: str | None
    rating: str


@dataclass(frozen=True)
class DecisionAnalysis:
    node: str
    history: History
    belief: tuple[float, ...]
    reach: float
    """Probability of reaching this situation under a uniformly random policy."""
    options: tuple[OptionAnalysis, ...]
    best: str

    def option(self, option_id: str) -> OptionAnalysis:
        return next(o for o in self.options if o.option == option_id)

    @property
    def best_q(self) -> float:
        return self.option(self.best).q

    def gap(self, option_id: str) -> float:
        """Expected regret of choosing `option_id` here (0.0 exactly for the best option)."""
        return self.best_q - self.option(option_id).q


@dataclass(frozen=True)
class Value:
    value: float
    learning: float
    harm: float
    risks: Risks


@dataclass
class Solution:
    scenario_id: str
    profile_id: str
    params: ModelParams
    root: Value
    decisions: dict[tuple[str, History], DecisionAnalysis] = field(default_factory=dict)

    def at(self, node: str, history: History) -> DecisionAnalysis:
        return self.decisions[(node, history)]

    def representative(self) -> dict[str, DecisionAnalysis]:
        """For each decision point, the situation most often reached (random play)."""
        best: dict[str, DecisionAnalysis] = {}
        for analysis in self.decisions.values():
            held = best.get(analysis.node)
            if held is None or analysis.reach > held.reach:
                best[analysis.node] = analysis
        return best


def step_key(node: str, choice: str) -> str:
    return f"{node}:{choice}"


class _Solver:
    def __init__(self, scenario: Scenario, profile_id: str | None, params: ModelParams,
                 policy: Policy | None, update_belief: bool = True):
        self.scenario = scenario
        self.update_belief = update_belief
        self.profile = scenario.trainee(profile_id)
        self.params = params
        self.policy = policy
        self.levels = [c.value for c in self.profile.competence]
        self.fits = [zone_fit(c, scenario.difficulty, params) for c in self.levels]
        self.decisions: dict[tuple[str, History], DecisionAnalysis] = {}

    def run(self) -> Solution:
        prior = tuple(c.prior for c in self.profile.competence)
        root = self.value(self.scenario.start, PathTotals(), prior, (), 1.0)
        return Solution(self.scenario.id, self.profile.id, self.params, root, self.decisions)

    def value(self, node_id: str, totals: PathTotals, belief, history: History,
              reach: float) -> Value:
        node = self.scenario.node(node_id)
        if isinstance(node, Beat):
            return self.value(node.next, totals.with_effects(node.effects), belief, history,
                              reach)
        if isinstance(node, End):
            return self.leaf(totals.with_effects(node.effects).with_feedback(node.feedback),
                             belief)
        if isinstance(node, Chance):
            return self.chance(node, totals, belief, history, reach)
        assert isinstance(node, Decision)
        return self.decision(node, totals, belief, history, reach)

    def leaf(self, totals: PathTotals, belief) -> Value:
        outcome = outcome_before_fit(totals, self.profile.confidence,
                                     self.scenario.attempt_limits, self.params)
        fit = sum(b * z for b, z in zip(belief, self.fits))
        learning = outcome.learning * fit
        harm = outcome.harm
        return Value(learning - self.params.risk_weight * harm, learning, harm,
                     leaf_risks(outcome, self.scenario.supervision))

    def chance(self, node: Chance, totals, belief, history, reach) -> Value:
        value = learning = harm = 0.0
        risks = Risks()
        for outcome in node.outcomes:
            joint = [b * outcome.probability(c) for b, c in zip(belief, self.levels)]
            p = sum(joint)
            if p <= 0.0:
                continue
            posterior = tuple(j / p for j in joint) if self.update_belief else belief
            sub = self.value(outcome.next, totals.with_effects(outcome.effects), posterior,
                             history + (step_key(node.id, outcome.id),), reach * p)
            value += p * sub.value
            learning += p * sub.learning
            harm += p * sub.harm
            risks = risks.plus(sub.risks.scaled(p))
        return Value(value, learning, harm, risks)

    def decision(self, node: Decision, totals, belief, history, reach) -> Value:
        share = reach / len(node.options)
        subs = []
        for opt in node.options:
            after = totals.with_decision(node.learning_value, opt.level, self.params)
            after = after.with_effects(opt.effects)
            subs.append(self.value(opt.next, after, belief,
                                   history + (step_key(node.id, opt.id),), share))
        safest = safest_of([s.risks for s in subs])
        analyses = []
        for opt, sub in zip(node.options, subs):
            broken = broken_rule(sub.risks, safest, self.params) \
                if self.params.enforce_safety else None
            analyses.append(OptionAnalysis(opt.id, opt.level.value, sub.value, sub.learning,
                                           sub.harm, sub.risks, broken,
                                           rating(broken, sub.risks, safest, self.params)))
        best = _best(analyses)
        self.decisions[(node.id, history)] = DecisionAnalysis(
            node.id, history, tuple(belief), reach, tuple(analyses), best.option)
        if self.policy is None:
            return subs[analyses.index(best)]
        chosen = self.policy(node.id, history)
        total = Value(0.0, 0.0, 0.0, Risks())
        for opt, sub in zip(node.options, subs):
            p = chosen.get(opt.id, 0.0)
            if p:
                total = Value(total.value + p * sub.value, total.learning + p * sub.learning,
                              total.harm + p * sub.harm, total.risks.plus(sub.risks.scaled(p)))
        return total


def _best(analyses: list[OptionAnalysis]) -> OptionAnalysis:
    admissible = [a for a in analyses if a.broken is None]
    if admissible:
        # Highest Q; among equal Q, the option that leaves the trainee more of the task.
        return max(admissible, key=lambda a: a.q)
    # Every option breaks some rule (possible only when rules pull in different
    # directions): choose the one that breaks the least serious rule.
    from game.scoring.safety import RULES
    order = [r for r, _ in RULES]
    return max(analyses, key=lambda a: (order.index(a.broken), a.q))


def solve(scenario: Scenario, profile_id: str | None = None,
          params: ModelParams | None = None) -> Solution:
    """The optimal admissible policy with Q-values at every reachable decision situation."""
    return _Solver(scenario, profile_id, params or ModelParams(), None).run()


_SOLUTIONS: KeyedCache[Solution] = KeyedCache(2048)


def solve_cached(scenario: Scenario, profile_id: str | None = None,
                 params: ModelParams | None = None) -> Solution:
    """`solve`, remembered: cohort reports and debriefs ask for the same (scenario version,
    profile, parameters) solution many times; it is a pure function of that key."""
    params = params or ModelParams()
    return _SOLUTIONS.get(version_key(scenario, profile_id, repr(params)),
                          lambda: solve(scenario, profile_id, params))


def evaluate(scenario: Scenario, policy: Policy, profile_id: str | None = None,
             params: ModelParams | None = None) -> Solution:
    """Exact expected value of an arbitrary (possibly random) policy."""
    return _Solver(scenario, profile_id, params or ModelParams(), policy).run()


def stationary(choice: Mapping[str, str]) -> Policy:
    """A policy that picks the same option at a decision point whatever the history."""
    return lambda node, history: {choice[node]: 1.0}


def uniform(scenario: Scenario) -> Policy:
    def policy(node: str, history: History) -> Mapping[str, float]:
        options = scenario.node(node).options
        return {o.id: 1.0 / len(options) for o in options}
    return policy


def regret_of_path(solution: Solution, path: list[tuple[str, History, str]]) -> float:
    """Expected regret of the decisions on a played path: the sum of Q gaps."""
    return sum(solution.at(node, history).gap(option) for node, history, option in path)
