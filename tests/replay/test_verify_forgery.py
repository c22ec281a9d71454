"""Each forgery from issue 17: the verifier reports it, or says "unsigned" where only a key could
tell; a signature made with a key the player does not hold detects tampering after signing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.content.catalogue import load_catalogue
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.format import GENESIS, seal
from game.replay.session import RecordedSession
from game.replay.signing import (
    generate_key,
    load_private_key,
    sign_log,
    signature_path,
    trusted_keys,
)
from game.replay.verify import verify_log
from game.scoring.params import ModelParams


def record(tiny, path, seed=3, kind="takeover", mode="practice", player="p-1"):
    session = RecordedSession(tiny, SessionConfig("tiny", seed, "junior", mode=mode),
                              ModelParams(), path, player=player)
    play_out(session, ScriptedPolicy(kind, seed=seed))
    return session


def finder(scenario):
    return lambda sid: scenario if sid == scenario.id else None


def records_of(path):
    return [json.loads(x) for x in path.read_text().splitlines()]


def reseal(path, records):
    """What a forger with the format document does: recompute every digest."""
    previous, out = GENESIS, []
    for r in records:
        body = {k: v for k, v in r.items() if k != "digest"}
        line, previous = seal(previous, body)
        out.append(line)
    path.write_text("\n".join(out) + "\n")


@pytest.fixture(scope="module")
def red_case():
    """A shipped vignette, profile and seed whose watched session is rated red (searched,
    so that content changes do not break the test)."""
    catalogue = load_catalogue(Path(__file__).resolve().parents[2] / "scenarios")
    for scenario in catalogue.scenarios:
        for trainee in scenario.trainees:
            for seed in range(3):
                session = RecordedSession(scenario, SessionConfig(scenario.id, seed,
                                                                  trainee.id),
                                          ModelParams(), None)
                play_out(session, ScriptedPolicy("watch"))
                if session.score.safety_rating == "red":
                    return scenario, trainee.id, seed
    pytest.fail("no shipped vignette gives a red rating when every window is watched")


def red_log(case, tmp_path):
    """A finished log whose recorded safety rating is red (watching every window)."""
    scenario, profile, seed = case
    path = tmp_path / "red.jsonl"
    session = RecordedSession(scenario, SessionConfig(scenario.id, seed, profile),
                              ModelParams(), path, player="p-1")
    play_out(session, ScriptedPolicy("watch"))
    assert records_of(path)[-1]["score"]["safety_rating"] == "red"
    return path


def test_resealed_end_line_with_a_better_rating_is_reported(red_case, tmp_path):
    lumbar = red_case[0]
    path = red_log(red_case, tmp_path)
    records = records_of(path)
    records[-1]["score"].update(safety_rating="green", safety_rule=None, regret=0.0)
    reseal(path, records)
    result = verify_log(str(path), finder(lumbar))
    assert not result.ok and result.line == len(records)
    assert "safety_rating" in result.reason or "regret" in result.reason


@pytest.mark.parametrize("field, value", [("learning", 99.0), ("harm", 5.0), ("best_value", 1.0),
                                          ("net", 50.0)])
def test_every_resealed_score_field_is_recomputed(tiny, tmp_path, field, value):
    path = tmp_path / "s.jsonl"
    record(tiny, path)
    records = records_of(path)
    records[-1]["score"][field] = value
    reseal(path, records)
    result = verify_log(str(path), finder(tiny))
    assert not result.ok and f"recorded {field}" in result.reason


def test_resealed_title_and_path_are_recomputed(tiny, tmp_path):
    path = tmp_path / "s.jsonl"
    record(tiny, path, kind="watch")
    records = records_of(path)
    records[-1]["title"] = "Everything went perfectly"
    reseal(path, records)
    assert "title" in verify_log(str(path), finder(tiny)).reason
    records[-1]["title"] = records_of(tmp_path / "s.jsonl")[-1]["title"]
    record(tiny, path, kind="watch")
    records = records_of(path)
    records[-1]["path"][0]["by"] = "player"
    records[-1]["path"][0]["elapsed"] = 1
    reseal(path, records)
    assert "path differs" in verify_log(str(path), finder(tiny)).reason


def test_header_changed_to_assessment_by_another_player_is_unsigned_or_reported(tiny,
                                                                                tmp_path):
    path = tmp_path / "s.jsonl"
    record(tiny, path)
    records = records_of(path)
    records[0].update(mode="assessment", player="p-someone-else")
    reseal(path, records)
    result = verify_log(str(path), finder(tiny))
    assert not result.ok or result.reason.endswith("unsigned")
    assert result.signature.state == "unsigned"


def test_fabricated_session_reproduces_but_says_unsigned(tiny, tmp_path):
    path = tmp_path / "fabricated.jsonl"
    record(tiny, path, mode="assessment", player="p-victim")
    result = verify_log(str(path), finder(tiny))
    assert result.ok and result.reason == "reproduces; unsigned"


def test_appended_command_with_recomputed_fingerprint(tiny, tmp_path):
    """A forger who runs the engine can extend an interrupted session: only a signature
    tells; and after the end line nothing may be appended at all."""
    path = tmp_path / "s.jsonl"
    session = RecordedSession(tiny, SessionConfig("tiny", 2, "junior"), ModelParams(), path)
    session.advance(20)
    session.close()
    forged = tmp_path / "forged.jsonl"
    session = RecordedSession(tiny, SessionConfig("tiny", 2, "junior"), ModelParams(), forged)
    session.advance(20)
    from game.core.commands import Intervene
    session.issue(Intervene("d1", "cue"))
    session.close()
    result = verify_log(str(forged), finder(tiny))
    assert result.ok and result.reason.endswith("unsigned")
    finished = tmp_path / "f.jsonl"
    record(tiny, finished)
    records = records_of(finished)
    records.append({**records[1], "seq": 9, "tick": records[-1]["tick"] + 1})
    reseal(finished, records)
    result = verify_log(str(finished), finder(tiny))
    assert not result.ok and "line after the end line" in result.reason


def test_cut_end_line_is_reported_when_the_history_knows_the_session_finished(red_case,
                                                                             tmp_path):
    tiny = red_case[0]
    path = red_log(red_case, tmp_path)
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n")
    interrupted = verify_log(str(path), finder(tiny))
    assert interrupted.ok and not interrupted.complete  # without history: cannot be told
    result = verify_log(str(path), finder(tiny), finished_logs={path.name})
    assert not result.ok and "end line was removed" in result.reason
    assert result.line == len(lines) - 1


def test_signed_log_verifies_and_names_the_key(tiny, tmp_path):
    key_file = tmp_path / "facilitator.key"
    key_id = generate_key(key_file)
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    path = tmp_path / "s.jsonl"
    record(tiny, path, mode="assessment")
    sign_log(path, load_private_key(key_file))
    result = verify_log(str(path), finder(tiny))
    assert result.ok and result.signature.state == "signed" and f"signed by {key_id}" in \
        result.reason
    trusted = trusted_keys([str(key_file) + ".pub"])
    assert verify_log(str(path), finder(tiny), trusted=trusted).signature.trusted
    other = tmp_path / "other.key"
    generate_key(other)
    stranger = verify_log(str(path), finder(tiny), trusted=trusted_keys([str(other) + ".pub"]))
    assert stranger.ok and not stranger.signature.trusted and "not among" in stranger.reason


def test_tampering_after_signing_is_detected_even_when_resealed(red_case, tmp_path):
    tiny = red_case[0]
    key_file = tmp_path / "k"
    generate_key(key_file)
    path = red_log(red_case, tmp_path)
    sign_log(path, load_private_key(key_file))
    records = records_of(path)
    records[0]["player"] = "p-other"
    reseal(path, records)
    result = verify_log(str(path), finder(tiny))
    assert not result.ok and "changed after it was signed" in result.reason


def test_an_edited_signature_file_is_reported(tiny, tmp_path):
    key_file = tmp_path / "k"
    generate_key(key_file)
    path = tmp_path / "s.jsonl"
    record(tiny, path)
    sidecar = sign_log(path, load_private_key(key_file))
    data = json.loads(sidecar.read_text())
    data["signed_at"] = "2020-01-01T00:00:00+00:00"
    sidecar.write_text(json.dumps(data))
    assert "does not verify" in verify_log(str(path), finder(tiny)).reason
    signature_path(path).write_text("[1, 2")
    assert "not a readable signature" in verify_log(str(path), finder(tiny)).reason


def test_a_forger_signing_with_their_own_key_is_not_trusted(tiny, tmp_path):
    facilitator, forger = tmp_path / "fac", tmp_path / "forger"
    generate_key(facilitator)
    generate_key(forger)
    path = tmp_path / "s.jsonl"
    record(tiny, path, mode="assessment")
    sign_log(path, load_private_key(forger))
    result = verify_log(str(path), finder(tiny),
                        trusted=trusted_keys([str(facilitator) + ".pub"]))
    assert not result.signature.trusted


def test_replay_verify_consults_the_history_for_a_cut_end_line(tmp_path, capsys):
    """End to end through the store's read API: a finished session recorded in the history
    whose log lost its end line fails `replay --verify`; without a history it is said that
    the cut cannot be told from an interruption."""
    from game import paths
    from game.cli import main
    from game.store.opening import open_history
    from game.store.records import SessionRecord

    logs = paths.logs_dir()
    logs.mkdir(parents=True)
    log = logs / "s-1.jsonl"
    assert main(["run", "lumbar_puncture", "--policy", "watch", "--log", str(log)]) == 0
    lines = log.read_text().splitlines()
    log.write_text("\n".join(lines[:-1]) + "\n")
    capsys.readouterr()
    assert main(["replay", str(log), "--verify"]) == 0
    assert "no history was consulted" in capsys.readouterr().out
    history, problem = open_history()
    assert history is not None, problem
    with history:
        history.add(SessionRecord(uid=log.name, player="headless", scenario_id="lumbar_puncture",
                                  content_sha256="x", profile="p", mode="headless",
                                  started_at="", log_file=log.name))
    assert main(["replay", str(log), "--verify"]) == 1
    assert "the end line was removed" in capsys.readouterr().out


def test_a_removed_score_field_is_reported_and_a_newer_one_is_not_required(tiny, tmp_path):
    path = tmp_path / "s.jsonl"
    record(tiny, path)
    records = records_of(path)
    del records[-1]["score"]["regret"]
    reseal(path, records)
    assert "recorded regret None differs" in verify_log(str(path), finder(tiny)).reason
    record(tiny, path)
    records = records_of(path)
    records[-1]["score"]["a_field_from_the_future"] = 1  # unknown to this model: ignored
    reseal(path, records)
    assert verify_log(str(path), finder(tiny)).ok
