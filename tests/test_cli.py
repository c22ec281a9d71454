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
    lines = proc.stdout.splitlines()
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
