"""End to end: the CLI on the shipped library, as a user would call it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from game.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          timeout=120)


def test_validate_shipped_library_passes(capsys):
    assert main(["validate"]) == 0


def test_validate_reports_dangling_target_and_bad_sum_with_locations(tmp_path, shipped_dir):
    broken = tmp_path / "lumbar_puncture.yaml"
    text = (shipped_dir / "lumbar_puncture.yaml").read_text()
    text = text.replace("next: reangled_pass\n      - id: guide",
                        "next: nowhere\n      - id: guide")
    text = text.replace("p: 0.89", "p: 0.79")
    broken.write_text(text)
    proc = run_cli("validate", str(broken))
    assert proc.returncode == 1
    *lines, summary = proc.stdout.splitlines()
    assert summary.startswith("0 valid, 1 invalid")  # the summary is the result: stdout
    assert any(":" in row and "missing node 'nowhere'" in row for row in lines)
    assert any("sum to 0.9, not 1" in row for row in lines)
    for row in lines:
        path, line, col, _ = row.split(":", 3)
        assert path.endswith("lumbar_puncture.yaml") and int(line) > 0 and int(col) > 0
    assert "Traceback" not in proc.stderr


def test_run_twice_gives_identical_logs_and_verify_accepts(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for path in (a, b):
        assert main(["run", "lumbar_puncture", "--policy", "random", "--seed", "42",
                     "--log", str(path)]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert main(["replay", str(a), "--verify"]) == 0


def test_changing_one_character_of_a_command_line_is_reported(tmp_path, capsys):
    log = tmp_path / "a.jsonl"
    assert main(["run", "lumbar_puncture", "--policy", "takeover", "--log", str(log)]) == 0
    lines = log.read_text().splitlines()
    number = next(i for i, row in enumerate(lines) if '"type":"command"' in row)
    lines[number] = lines[number].replace('"takeover"', '"takeovel"')
    log.write_text("\n".join(lines) + "\n")
    capsys.readouterr()
    assert main(["replay", str(log), "--verify"]) == 1
    assert f"line {number + 1}" in capsys.readouterr().out


def test_run_with_policy_file_and_json(tmp_path, capsys):
    policy = tmp_path / "p.yaml"
    policy.write_text("angle_decision: probe\nsecond_pass_decision: {option: cue, at: 0.5}\n")
    assert main(["run", "lumbar_puncture", "--policy", str(policy), "--seed", "3",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["decisions"][0] == {**out["decisions"][0], "decision": "angle_decision",
                                   "chosen": "probe"}
    assert out["safety_rating"] in ("green", "amber", "red")


@pytest.mark.parametrize("args, message", [
    (["run", "nope", "--policy", "watch"], "no scenario 'nope'"),
    (["run", "lumbar_puncture", "--policy", "missing.yaml"], "cannot read policy file"),
    (["run", "lumbar_puncture", "--policy", "watch", "--profile", "x"], "no trainee profile"),
    (["replay", "missing.jsonl", "--verify"], "no such log"),
    (["solve", "lumbar_puncture", "--risk-weight", "-1"], "--risk-weight"),
    (["validate", "nowhere/"], "no such file or folder"),
    (["play", "--window", "800x500"], "smallest supported window"),
])
def test_user_mistakes_get_one_clear_line(args, message, capsys):
    assert main(args) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_list_and_solve_json(capsys):
    assert main(["list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert any(s["id"] == "lumbar_puncture" for s in listed["scenarios"])
    assert main(["solve", "lumbar_puncture", "--json"]) == 0
    solved = json.loads(capsys.readouterr().out)
    decisions = {d["decision"]: d for d in solved["decisions"]}
    assert set(decisions["second_pass_decision"]["best_by_weight"]) == {"0.5", "1.0", "2.0",
                                                                       "4.0"}


def test_python_dash_m_game_works_like_the_script():
    proc = run_cli("list")
    assert proc.returncode == 0 and "lumbar_puncture" in proc.stdout
    if shutil.which("safetynet"):
        assert subprocess.run(["safetynet", "--version"], capture_output=True).returncode == 0


@pytest.mark.parametrize("command", [["run", "lumbar_puncture", "--policy", "watch"],
                                     ["play", "lumbar_puncture"]])
@pytest.mark.parametrize("seed", ["-5", "9223372036854775808", "1e3", "x"])
def test_out_of_range_seeds_are_refused_the_same_way_everywhere(command, seed, capsys):
    with pytest.raises(SystemExit) as info:
        main([*command, "--seed", seed])
    err = capsys.readouterr().err
    assert info.value.code == 2 and "--seed: must be a whole number from 0 to" in err


def test_largest_seed_is_accepted_and_verifies(tmp_path):
    log = tmp_path / "big.jsonl"
    assert main(["run", "lumbar_puncture", "--policy", "random", "--seed",
                 "9223372036854775807", "--log", str(log)]) == 0
    assert main(["replay", str(log), "--verify"]) == 0


@pytest.mark.parametrize("target, message", [
    (".", "it is a folder"),
    ("missing-folder/a.jsonl", "does not exist"),
    ("/proc/version", "not a replay log"),
])
def test_bad_log_targets_get_one_line(target, message, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["run", "lumbar_puncture", "--policy", "watch", "--log", target]) == 1
    err = capsys.readouterr().err
    assert err.startswith("safetynet: --log:") and message in err and err.count("\n") == 1


@pytest.mark.parametrize("code, words", [(28, "the disk is full"), (30, "read-only")])
def test_full_or_read_only_log_target(code, words, tmp_path, monkeypatch, capsys):
    import os

    from game.replay import recorder

    def refuse(*_args):
        raise OSError(code, os.strerror(code))
    monkeypatch.setattr(recorder.os, "write", refuse)
    log = tmp_path / "a.jsonl"
    assert main(["run", "lumbar_puncture", "--policy", "watch", "--log", str(log)]) == 1
    assert words in capsys.readouterr().err and not log.exists()


def test_policy_misuse_is_explained(tmp_path, capsys):
    assert main(["run", "lumbar_puncture", "--policy", "bogus"]) == 1
    assert "use one of watch, takeover, random" in capsys.readouterr().err
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert main(["run", "lumbar_puncture", "--policy", str(deep)]) == 1
    assert "nested too deeply" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text('{"angle_decision": "probe",\n "x": }')
    assert main(["run", "lumbar_puncture", "--policy", str(broken)]) == 1
    assert f"{broken}:2:" in capsys.readouterr().err


def test_policy_entry_never_reached_is_reported(tmp_path, capsys):
    from tests.inline import TINY_YAML
    (tmp_path / "tiny.yaml").write_text(TINY_YAML)
    policy = tmp_path / "p.json"
    policy.write_text(json.dumps({"d1": "takeover", "d2": "cue"}))  # takeover ends it at d1
    assert main(["run", "tiny", "--dir", str(tmp_path), "--policy", str(policy)]) == 0
    err = capsys.readouterr().err
    assert "'d2' was not used" in err and "'d1'" not in err


@pytest.mark.parametrize("size, message", [("99999x99999", "largest supported window"),
                                           ("800x500", "smallest supported window"),
                                           ("wide", "WIDTHxHEIGHT")])
def test_window_sizes_are_bounded(size, message, capsys):
    assert main(["play", "--window", size]) == 1
    assert message in capsys.readouterr().err


def test_keygen_sign_and_verify_end_to_end(tmp_path, capsys):
    log, key = tmp_path / "a.jsonl", tmp_path / "fac.key"
    assert main(["run", "lumbar_puncture", "--policy", "watch", "--log", str(log)]) == 0
    assert main(["replay", str(log), "--verify"]) == 0
    assert capsys.readouterr().out.strip().endswith("unsigned")
    assert main(["keygen", str(key)]) == 0
    assert main(["keygen", str(key)]) == 1  # never overwrites a key
    assert main(["sign", str(log), "--key", str(key)]) == 0
    capsys.readouterr()
    assert main(["replay", str(log), "--verify", "--json", "--trust", f"{key}.pub"]) == 0
    verdict = json.loads(capsys.readouterr().out)
    assert verdict["signature"] == "signed" and verdict["trusted"]
    with open(log, "a") as f:
        f.write('{"type":"command"')  # a cut-off line appended after signing
    assert main(["replay", str(log), "--verify"]) == 1
    assert "changed after it was signed" in capsys.readouterr().out
    assert main(["sign", str(log), "--key", str(log)]) == 1
    assert "not an unencrypted PEM private key" in capsys.readouterr().err
