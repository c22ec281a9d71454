"""Decisions explained from the solved model (issue 13): the moments never read as a
contradiction, and each decision has a one-sentence reason that matches the model's numbers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.content.catalogue import load_catalogue
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.i18n import Translator
from game.paths import assets_dir
from game.replay import explain
from game.replay.explain import compared, moments_sentence, why_sentence
from game.replay.session import RecordedSession
from game.scoring.params import ModelParams
from game.scoring.safety import rule_text
from game.scoring.solver import solve_cached

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SPAN = re.compile(r"the best (?:moment was|was (.+?) at) ([\d.]+)(?:-([\d.]+))? s")
LAST = re.compile(r"The last safe moment for (.+?) was ([\d.]+) s")


@pytest.fixture(scope="module")
def played():
    """Every shipped vignette under three policies: (scenario, session) pairs."""
    catalogue = load_catalogue(SCENARIOS)
    out = []
    for scenario in catalogue.scenarios:
        for policy in ("watch", "random", "takeover"):
            config = SessionConfig(scenario.id, 4, scenario.trainees[0].id)
            out.append((scenario, play_out(RecordedSession(scenario, config, ModelParams(),
                                                           None), ScriptedPolicy(policy, 4))))
    return out


def test_a_last_safe_moment_before_the_best_moment_always_says_why(played):
    clashes = 0
    for scenario, session in played:
        for review in session.score.decisions:
            text = moments_sentence(scenario, review)
            span, last = SPAN.search(text), LAST.search(text)
            if not (span and last):
                continue
            best_rung = span.group(1) or last.group(1)  # "the best moment was" = your rung
            end = float(span.group(3) or span.group(2))
            if best_rung == last.group(1) and end > float(last.group(2)):
                clashes += 1
                assert "the best moment accepts that chance" in text, text
            else:
                assert "accepts" not in text, text
    assert clashes > 0  # the library has such windows (lumbar puncture's second pass)


def test_the_best_rung_is_named_when_it_is_not_yours(played):
    for scenario, session in played:
        for review in session.score.decisions:
            node = scenario.node(review.node)
            best, chosen = node.option(review.best).rung, node.option(review.chosen).rung
            text = moments_sentence(scenario, review)
            if text and best not in ("watch", chosen):
                assert f"the best was {explain.RUNG_WORDS[best]} at " in text, text


def test_why_names_the_broken_rule_or_the_model_figures(played):
    seen = set()
    for scenario, session in played:
        solution = solve_cached(scenario, scenario.trainees[0].id, session.params)
        for review in session.score.decisions:
            analysis = solution.at(review.node, review.history)
            text = why_sentence(scenario, analysis, review, session.params.risk_weight)
            pair = compared(analysis, review)
            if pair is None:
                assert text == ""
                continue
            top, other = pair
            assert text.endswith(".") and text[0].isupper()
            if other.broken:
                assert text.endswith(f"breaks a safety rule: {rule_text(other.broken)}.")
                seen.add("rule")
            elif "about the same" not in text:
                figures = re.findall(r"(\d+\.\d) (learning|harm) points", text)
                wanted = {"learning": f"{abs(top.learning - other.learning):.1f}",
                          "harm": f"{abs(top.harm - other.harm):.1f}"}
                assert figures and all(value == wanted[kind] for value, kind in figures), text
                if "worth it at a risk weight" in text:  # the gain outweighs the weighted harm
                    assert top.learning - other.learning >= 2.0 * (top.harm - other.harm)
                seen.add("balance")
            if "later chance" in text:
                seen.add("later")
    assert seen == {"rule", "balance", "later"}


def test_a_lower_best_rung_before_a_later_decision_names_the_later_chance(played):
    """The issue's example: "Best: Watch: say nothing" at the laparoscopy port-site marking
    gave no reason; the reason is that she can still be stopped later (at the skin). Every
    such case in the library (the best lets the trainee go on, a later decision point can
    follow, and the choice broke no rule) says so."""
    checked = 0
    for scenario, session in played:
        solution = solve_cached(scenario, scenario.trainees[0].id, session.params)
        for review in session.score.decisions:
            analysis = solution.at(review.node, review.history)
            pair = compared(analysis, review)
            if pair is None or pair[1].broken or pair[0].q - pair[1].q < explain.TINY:
                continue
            top, other = pair
            ladder = list(explain.RUNG_WORDS)
            if top.level not in ladder or other.level not in ladder or \
                    ladder.index(top.level) >= ladder.index(other.level):
                continue
            node = scenario.node(review.node)
            after = _decisions_after(scenario, node.option(top.option).next)
            text = why_sentence(scenario, analysis, review, session.params.risk_weight)
            assert ("still leaves a later chance" in text) == bool(after), text
            checked += bool(after)
    assert checked


def _decisions_after(scenario, start: str) -> set[str]:
    """Decision points reachable from `start` (every route, every chance outcome)."""
    found, seen, todo = set(), set(), [start]
    while todo:
        node = scenario.node(todo.pop())
        if node.id in seen:
            continue
        seen.add(node.id)
        if node.kind == "decision":
            if node.purpose != "debrief":
                found.add(node.id)
            continue
        todo += [getattr(node, "next", "")] * bool(getattr(node, "next", "")) + \
            [r.to for r in getattr(node, "routes", ())] + \
            [o.next for o in getattr(node, "outcomes", ())]
    return found


def test_every_explanation_has_a_german_entry():
    from tests.ui.test_i18n import literal_calls, placeholders
    german = json.loads((assets_dir() / "i18n" / "de.json").read_text(encoding="utf-8"))
    found, bad = literal_calls(Path(explain.__file__))
    ids = set(found) | set(explain.MESSAGES)
    assert not bad and len(ids) > 15
    missing = sorted(i for i in ids if not german.get(i, "").strip())
    assert not missing, missing
    assert all(placeholders(i) == placeholders(german[i]) for i in ids)


def test_german_moments_use_decimal_commas(played):
    de = Translator("de")
    for scenario, session in played[:12]:
        for review in session.score.decisions:
            text = moments_sentence(scenario, review, de)
            assert not re.search(r"\d\.\d", text), text


def test_the_shown_q_of_your_choice_is_the_best_q_less_your_regret(tmp_path):
    """A cue given too late used to show the best's Q beside a regret of 2.65; the bars,
    the debrief and the report now show your choice at the moment you made it."""
    from game.replay.debrief import build_debrief
    from game.replay.explain import shown_q
    from game.replay.reader import read_log
    catalogue = load_catalogue(SCENARIOS)
    rows = []
    for scenario_id in ("lumbar_puncture", "caesarean_full_dilatation", "npwt_dressing"):
        scenario = catalogue.get(scenario_id)
        path = tmp_path / f"{scenario_id}.jsonl"
        config = SessionConfig(scenario.id, 4, scenario.trainees[0].id)
        play_out(RecordedSession(scenario, config, ModelParams(), path),
                 ScriptedPolicy("random", 4))
        rows += build_debrief(read_log(path), scenario, with_attitude=False).decisions
    late = [r for r in rows if r.regret > 0 and r.chosen != r.best]
    assert late
    for row in rows:
        q = shown_q(row)
        assert set(q) == {o.option for o in row.options}
        if row.regret > 0:
            assert q[row.best] - q[row.chosen] == pytest.approx(row.regret)
        others = {o.option: o.q for o in row.options if o.option != row.chosen or not row.regret}
        assert all(q[k] == v for k, v in others.items())
