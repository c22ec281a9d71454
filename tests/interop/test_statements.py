"""xAPI statements from replay logs: content, identity, privacy, refusal of edited logs."""

from __future__ import annotations

import json
import uuid

import pytest

from game.interop import vocab as v
from game.interop.facts import FactsError, load_facts
from game.interop.statements import ExportOptions, session_statements
from game.replay.annotations import Note, add_note
from tests.interop.helpers import finder, library, record, record_interrupted, record_workshop


@pytest.fixture(scope="module")
def lib():
    return library()


def statements(path, **options):
    return session_statements(load_facts(path, finder()), ExportOptions(**options))


def verbs(items):
    return [s["verb"]["display"]["en-US"] for s in items]


def test_a_session_is_launched_initialized_decided_and_completed(lib, tmp_path):
    path = record(tmp_path, lib["lumbar_puncture"], "takeover", seed=3)
    out = statements(path)
    assert verbs(out)[:2] == ["launched", "initialized"] and verbs(out)[-1] == "completed"
    decisions = [s for s in out if s["verb"]["id"] == v.ANSWERED.id]
    facts = load_facts(path, finder())
    assert len(decisions) == len(facts.decisions) >= 1
    d, fact = decisions[0], facts.decisions[0]
    assert d["object"]["definition"]["interactionType"] == "choice"
    assert [c["id"] for c in d["object"]["definition"]["choices"]] == \
        [o.id for o in lib["lumbar_puncture"].node(fact.node).options]
    ext = d["result"]["extensions"]
    assert d["result"]["response"] == fact.chosen == "takeover" and ext[v.RUNG] == "takeover"
    assert ext[v.BEST_OPTION] == fact.best and ext[v.Q_VALUES] == fact.q_values
    # Regret is the model's, at the moment of the choice (not only the Q-value gap).
    assert ext[v.REGRET] == fact.regret >= 0
    assert fact.regret == round(facts.score.decisions[0].gap, 6)
    assert 0 <= ext[v.MOMENT] <= ext[v.WINDOW] and ext[v.MOMENT] == fact.moment_s
    assert ext[v.MOMENT_FRACTION] == round(fact.moment_s / fact.window_s, 6)
    if fact.best_moment_s is not None:  # scoring model v2: an interval of the window
        start, end = ext[v.BEST_MOMENT]
        assert 0 <= start <= end <= ext[v.WINDOW]
    else:
        assert v.BEST_MOMENT not in ext


def test_completed_carries_the_episode_score(lib, tmp_path):
    path = record(tmp_path, lib["lumbar_puncture"], "random", seed=3)
    facts = load_facts(path, finder())
    done = statements(path)[-1]
    result, score = done["result"], facts.score
    assert result["completion"] is True and result["success"] == (score.safety_rating != "red")
    assert -1 <= result["score"]["scaled"] <= 1 and result["score"]["raw"] == round(score.net, 6)
    assert result["extensions"][v.HARM_POINTS] == round(score.harm, 6)
    assert result["extensions"][v.RATING] == score.safety_rating
    assert result["extensions"][v.REGRET] == round(score.regret, 6)
    assert done["timestamp"].startswith("2026-11-22T10:31") and done["timestamp"].endswith("Z")


def test_the_same_log_gives_identical_statements_with_derived_ids(lib, tmp_path):
    path = record(tmp_path, lib["procedural_sedation"], "watch", seed=0)
    first, second = statements(path), statements(path)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    ids = [s["id"] for s in first]
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 5 for i in ids)
    registration = {s["context"]["registration"] for s in first}
    assert len(registration) == 1 and uuid.UUID(registration.pop()).version == 5
    other = statements(record(tmp_path, lib["procedural_sedation"], "watch", seed=1))
    assert not set(ids) & {s["id"] for s in other}


def session_with_rescue(lib, folder):
    """The first of a fixed list of sessions in which the supervisor had to rescue."""
    for scenario in sorted(lib.values(), key=lambda s: s.id):
        for policy, seed in (("watch", 0), ("watch", 1), ("random", 0), ("random", 1)):
            path = record(folder, scenario, policy, seed)
            facts = load_facts(path, finder())
            if facts.rescues and facts.harms:
                return path, facts
    raise AssertionError("no session with a rescue and harm in the shipped library")


def test_harm_and_rescue_events_are_sent_in_time_order(lib, tmp_path):
    path, facts = session_with_rescue(lib, tmp_path)
    out = statements(path)
    rescue = [s for s in out if s["verb"]["id"] == v.RESCUED.id]
    harm = [s for s in out if s["verb"]["id"] == v.UPDATED.id]
    assert len(rescue) == len(facts.rescues) and len(harm) == len(facts.harms)
    for s, fact in zip(rescue, facts.rescues):
        assert s["result"]["extensions"][v.RESCUE_KIND] == fact.kind in ("hands_on", "verbal")
        assert s["object"]["id"] == v.node_iri(facts.scenario.id, fact.node)
    for s, fact in zip(harm, facts.harms):
        assert s["result"]["extensions"][v.HARM_GRADE] == fact.grade
        assert s["result"]["extensions"][v.HARM_POINTS] == fact.points_so_far >= 0
    points = [s["result"]["extensions"][v.HARM_POINTS] for s in harm]
    assert points == sorted(points)  # harm so far only grows
    stamps = [s["timestamp"] for s in out if s["verb"]["id"] != v.COMMENTED.id]
    assert stamps == sorted(stamps)


def test_context_names_the_conditions_and_the_profile(lib, tmp_path):
    scenario = lib["lumbar_puncture"]
    out = statements(record(tmp_path, scenario, "watch", weight=4.0))
    for s in out:
        ext = s["context"]["extensions"]
        assert ext[v.SUPERVISION] == scenario.supervision and ext[v.RISK_WEIGHT] == 4.0
        assert ext[v.CONTENT_SHA256] == scenario.content_sha256
        assert ext[v.TRAINEE_PROFILE] == scenario.trainees[0].id
        assert s["context"]["contextActivities"]["category"][0]["id"] == v.PROFILE_VERSION
        assert s["actor"] == {"objectType": "Agent", "account": {
            "homePage": v.ACCOUNT_HOME, "name": "sup-0a1b2c3d"}}
    decision = next(s for s in out if s["verb"]["id"] == v.ANSWERED.id)
    assert decision["context"]["contextActivities"]["parent"][0]["id"] == \
        v.vignette_iri(scenario.id)


def test_no_names_and_no_note_text_unless_opted_in(lib, tmp_path):
    scenario = lib["lumbar_puncture"]
    path = record(tmp_path, scenario, "random", seed=4)
    add_note(path, Note(tick=30, text="Dr Jane Example hesitated here", author="Dr Jane",
                        decision=scenario.decisions()[0].id))
    text = json.dumps(statements(path))
    assert "Jane" not in text and scenario.patient.summary not in text
    assert all(t.name not in text for t in scenario.trainees)
    commented = [s for s in statements(path) if s["verb"]["id"] == v.COMMENTED.id]
    assert len(commented) == 1 and "response" not in commented[0]["result"]
    opted = statements(path, include_note_text=True)
    note = next(s for s in opted if s["verb"]["id"] == v.COMMENTED.id)
    assert note["result"]["response"] == "Dr Jane Example hesitated here"
    assert "Dr Jane\"" not in json.dumps(opted)  # the author field is never sent
    assert note["id"] == commented[0]["id"]


def test_workshop_votes_one_statement_per_vote_with_the_participants_token(lib, tmp_path):
    path = record_workshop(tmp_path, lib["lumbar_puncture"])
    out = statements(path)
    votes = [s for s in out if s["verb"]["id"] == v.RESPONDED.id]
    decisions = [s for s in out if s["verb"]["id"] == v.ANSWERED.id]
    rooms = sum('"type":"vote"' in line for line in path.read_text().splitlines())
    assert rooms >= 1 and len(votes) == 5 * rooms  # two phones and three hands per vote
    phones = [s for s in votes if s["result"]["extensions"][v.TOKEN_SOURCE] == "phone"]
    assert {s["actor"]["account"]["name"] for s in phones} == {"tok-aaaa1111", "tok-bbbb2222"}
    counted = {s["actor"]["account"]["name"] for s in votes} - {"tok-aaaa1111", "tok-bbbb2222"}
    assert len(counted) == 3 * rooms
    facilitator = {"objectType": "Agent", "account": {"homePage": v.ACCOUNT_HOME,
                                                      "name": "sup-facil01"}}
    for s in out:
        assert s["context"]["instructor"] == facilitator
    assert decisions[0]["actor"]["objectType"] == "Group"
    assert all(s["context"]["team"] == decisions[0]["actor"] for s in votes)
    first_decision = out.index(decisions[0])
    assert all(out.index(s) < first_decision for s in votes[:5])


def test_an_interrupted_session_has_no_completed_statement(lib, tmp_path):
    out = statements(record_interrupted(tmp_path, lib["lumbar_puncture"]))
    assert verbs(out)[:2] == ["launched", "initialized"] and "completed" not in verbs(out)
    assert "answered" in verbs(out)


def test_an_edited_log_is_refused_with_its_line(lib, tmp_path):
    path = record(tmp_path, lib["lumbar_puncture"], "takeover")
    lines = path.read_text().splitlines()
    lines[1] = lines[1].replace('"takeover"', '"watch"')
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(FactsError, match=r"lumbar_puncture-takeover-1.jsonl: not exported: "
                                         r"broken hash chain at line 2"):
        load_facts(path, finder())
    junk = tmp_path / "junk.jsonl"
    junk.write_text("not json\n")
    with pytest.raises(FactsError, match="junk.jsonl: unreadable log: line 1"):
        load_facts(junk, finder())


def test_durations_are_plain_seconds():
    from game.interop.statements import iso_duration
    assert [iso_duration(x) for x in (0, 4.9, 12.0, 1234567.25)] == \
        ["PT0S", "PT4.9S", "PT12S", "PT1234567.25S"]


def test_learning_records_never_load_pygame():
    """The exporters and the live sender run in the CLI and in the game's background thread;
    neither may pull in the UI toolkit."""
    import subprocess
    import sys
    code = ("import sys, game.cli_interop, game.interop.live, game.interop.pipeline, "
            "game.interop.csv_export, game.interop.profile_check; "
            "sys.exit('pygame' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_the_supervision_distance_is_the_one_in_force_at_each_statement(lib, tmp_path):
    """(content v2) When the supervisor is called in, later statements say so."""
    found = None
    for scenario in lib.values():
        for policy, seed in (("takeover", 1), ("random", 2), ("random", 3), ("takeover", 4)):
            facts = load_facts(record(tmp_path, scenario, policy, seed), finder())
            if facts.supervision_changes and facts.complete:
                found = facts
                break
        if found:
            break
    assert found, "no shipped vignette changed the supervision distance in these sessions"
    tick, distance = found.supervision_changes[0]
    assert found.supervision_at(tick - 1) == found.scenario.supervision
    assert found.supervision_at(tick) == distance
    out = session_statements(found)
    assert out[0]["context"]["extensions"][v.SUPERVISION] == found.scenario.supervision
    assert out[-1]["verb"]["id"] in (v.COMPLETED.id, v.COMMENTED.id)
    completed = next(s for s in out if s["verb"]["id"] == v.COMPLETED.id)
    assert completed["context"]["extensions"][v.SUPERVISION] == \
        found.supervision_changes[-1][1]
