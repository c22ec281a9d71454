"""Reports: the single-log debrief and the cohort report, end to end through real logs.

Cohort tests use the smallest shipped vignettes so that the exact solves behind the revealed
risk attitudes stay fast; the counting assertions read the logs' own end lines, not the
report code, so they check the report against the recording.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from game.cli import main
from game.content.catalogue import load_catalogue
from game.core.state import SessionConfig
from game.headless import ScriptedPolicy, play_out
from game.replay.annotations import Note, add_note
from game.replay.reader import read_log
from game.replay.session import RecordedSession
from game.replay.verify import verify_log
from game.reports.cohort_model import build_cohort
from game.reports.cohort_records import check_log
from game.reports.files import load_library, log_files
from game.reports.spread import combine, spread
from game.scoring.attitude import Attitude
from game.scoring.params import ModelParams
from tests.fixtures_cohort import generate_cohort

SMALL = ("difficult_consultation", "medication_dosing", "ultrasound_preset")
XSS = "<script>alert(1)</script>"


def record(path: Path, scenario_id: str = "lumbar_puncture", seed: int = 4,
           scenarios: Path | None = None, policy: str = "random") -> Path:
    scenario = load_catalogue(scenarios or Path("scenarios")).get(scenario_id)
    config = SessionConfig(scenario.id, seed, scenario.trainees[0].id, "normal", "headless")
    session = RecordedSession(scenario, config, ModelParams(), path, player="P-test")
    play_out(session, ScriptedPolicy(policy, seed=seed))
    return path


def report(tmp_path: Path, *args: str) -> tuple[int, str]:
    out = tmp_path / "out"
    code = main(["report", *args, "--out", str(out)])
    html = (out / "index.html").read_text(encoding="utf-8") if code == 0 else ""
    return code, html


@pytest.fixture(autouse=True)
def _in_project(monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)


def test_single_report_has_figures_decisions_and_escaped_notes(tmp_path):
    log = record(tmp_path / "lp.jsonl")
    add_note(log, Note(230, f"Here she hesitated {XSS} & moved on", decision="angle_decision"))
    code, html = report(tmp_path, str(log))
    assert code == 0
    pngs = sorted(p.name for p in (tmp_path / "out").glob("*.png"))
    assert "timeline.png" in pngs and "decision_1_q.png" in pngs
    assert "Lumbar puncture: the angle that hits bone" in html
    for node in (d["node"] for d in read_log(log).end["path"] if d["kind"] == "decision"):
        assert node.replace("_", " ") in html
    assert "Advocacy-inquiry prompt" in html and "Verified: reproduces" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert not re.search(r'(src|href)="(https?:)?//', html), "report must not load from the web"


def test_tampered_log_report_says_so_prominently(tmp_path):
    log = record(tmp_path / "lp.jsonl")
    lines = log.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["player"] = "someone-else"
    lines[0] = json.dumps(header)
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, html = report(tmp_path, str(log))
    assert code == 0
    assert "does NOT reproduce" in html and "broken hash chain at line 1" in html
    assert "3. Analysis" in html  # still re-simulated as it stands


def test_tampered_beyond_replay_still_gives_a_report(tmp_path):
    log = record(tmp_path / "lp.jsonl")
    text = log.read_text(encoding="utf-8")
    log.write_text(text.replace('"option":"cue"', '"option":"teleport"', 1)
                   .replace('"option":"guide"', '"option":"teleport"', 1), encoding="utf-8")
    code, html = report(tmp_path, str(log))
    assert code == 0 and "broken hash chain at line" in html
    assert "does NOT reproduce" in html and "could not be re-simulated" in html


def test_unreadable_single_log_is_one_clear_line(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    assert main(["report", str(bad), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unreadable log" in err[0] and "line 1" in err[0]


def test_cli_errors_for_missing_path_and_unwritable_out(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no such file or folder" in err[0]
    log = record(tmp_path / "lp.jsonl", "difficult_consultation")
    blocker = tmp_path / "a_file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["report", str(log), "--out", str(blocker / "sub")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot write the report" in err[0]


def decisions_reached(paths: list[Path]) -> dict[tuple[str, str, str], int]:
    """(scenario id, sha, decision) -> number of logs that reached it, from the end lines."""
    counts: dict[tuple[str, str, str], int] = {}
    for path in paths:
        log = read_log(path)
        for step in log.end["path"]:
            if step["kind"] == "decision":
                key = (log.header["scenario_id"], log.header["scenario_sha256"], step["node"])
                counts[key] = counts.get(key, 0) + 1
    return counts


def test_cohort_counts_match_the_logs_and_bad_files_are_listed(tmp_path):
    logs = generate_cohort(tmp_path / "logs", 30, seed=3, only=SMALL)
    (tmp_path / "logs" / "broken.jsonl").write_text('{"type": "header"\n', encoding="utf-8")
    edited = logs[0].read_text(encoding="utf-8").replace('"tick":', '"tick":1', 1)
    (tmp_path / "logs" / "edited.jsonl").write_text(edited, encoding="utf-8")
    cohort = build_cohort(log_files([tmp_path / "logs"]), load_library("scenarios"))
    assert cohort.analysed == 30 and cohort.total == 32
    reasons = {Path(e.path).name: e.reason for e in cohort.excluded}
    assert sorted(reasons) == ["broken.jsonl", "edited.jsonl"]
    assert "broken hash chain" in reasons["edited.jsonl"]
    expected = decisions_reached(logs)
    seen = {(g.scenario.id, g.scenario.content_sha256, d.node): d.reached
            for g in cohort.groups for d in g.decisions if d.reached}
    assert seen == expected
    for g in cohort.groups:
        for d in g.decisions:
            assert sum(o.count for o in d.options) == d.reached == len(d.fractions) + d.watched
        assert {p.player for p in g.players} <= {s.player for s in g.sessions}
    code, html = report(tmp_path, str(tmp_path / "logs"))
    assert code == 0 and "broken.jsonl" in html and "not a JSON object" in html
    figures = list((tmp_path / "out").glob("*.svg"))
    assert 0 < len(figures) <= 2 * len(cohort.groups) + 2
    assert "<script" not in html.lower()
    for figure in figures:  # well-formed SVG, no script, every figure linked from the page
        root = ElementTree.fromstring(figure.read_text(encoding="utf-8"))
        assert root.tag.endswith("svg") and "script" not in figure.read_text().lower()
        assert f'src="{figure.name}"' in html


def test_svg_figures_escape_hostile_labels(tmp_path):
    from game.reports.svgkit import Canvas
    canvas = Canvas(100, 50)
    canvas.text(10, 10, '<script>alert(1)</script> & "x"')
    canvas.save(tmp_path / "f.svg", "title </title><script>")
    text = (tmp_path / "f.svg").read_text()
    assert "<script" not in text and "&lt;script&gt;" in text
    ElementTree.fromstring(text)


def edited_library(tmp_path: Path, scenario_id: str) -> Path:
    """A copy of one shipped scenario with an edited title: same id, another content hash."""
    folder = tmp_path / "edited"
    folder.mkdir()
    source = Path("scenarios") / f"{scenario_id}.yaml"
    text = source.read_text(encoding="utf-8")
    text = re.sub(r'^title: .*$', 'title: "Edited version <b>of</b> the vignette"', text,
                  count=1, flags=re.MULTILINE)
    (folder / source.name).write_text(text, encoding="utf-8")
    return folder


def test_content_versions_are_grouped_apart_never_pooled(tmp_path):
    sid = "difficult_consultation"
    edited = edited_library(tmp_path, sid)
    generate_cohort(tmp_path / "logs", 4, seed=1, only=(sid,))
    generate_cohort(tmp_path / "logs", 3, seed=2, only=(sid,), scenarios=edited)
    files = log_files([tmp_path / "logs"])
    cohort = build_cohort(files, load_library("scenarios", [edited]))
    groups = [g for g in cohort.groups if g.scenario.id == sid]
    assert sorted(len(g.sessions) for g in groups) == [3, 4]
    assert len({g.scenario.content_sha256 for g in groups}) == 2
    assert cohort.version_notes and "never pooled" in cohort.version_notes[0]
    alone = build_cohort(files, load_library("scenarios"))
    assert alone.analysed == 4 and len(alone.excluded) == 3
    assert all("not loaded" in e.reason for e in alone.excluded)
    code, html = report(tmp_path, str(tmp_path / "logs"), "--versions", str(edited))
    assert code == 0 and "never pooled" in html
    assert "Edited version &lt;b&gt;of&lt;/b&gt; the vignette" in html


def test_fast_check_agrees_with_verify_log(tmp_path):
    library = load_library("scenarios")
    good = record(tmp_path / "good.jsonl", "medication_dosing")
    lines = good.read_text(encoding="utf-8").splitlines()
    cases = {"good": good}
    cases["no_end"] = tmp_path / "no_end.jsonl"
    cases["no_end"].write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    cases["cut"] = tmp_path / "cut.jsonl"
    cases["cut"].write_text("\n".join(lines[:-1]) + "\n" + lines[-1][:30], encoding="utf-8")
    cases["edited"] = tmp_path / "edited.jsonl"
    cases["edited"].write_text("\n".join([lines[0].replace('"seed":4', '"seed":5')] + lines[1:])
                               + "\n", encoding="utf-8")
    other = load_library(edited_library(tmp_path, "medication_dosing"))
    for name, path in cases.items():
        log = read_log(path)
        for lib in (library, other):
            scenario = lib.for_header(log.header)
            ours = check_log(log, scenario).result
            theirs = verify_log(str(path), lambda _sid, found=scenario: found)
            assert (ours.ok, ours.reason, ours.line) == (theirs.ok, theirs.reason,
                                                         theirs.line), name


def test_report_folder_is_self_contained(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFETYNET_REPORT_WORKERS", "1")  # the in-process path, too
    logs = generate_cohort(tmp_path / "logs", 6, seed=5, only=("medication_dosing",))
    code, html = report(tmp_path, str(tmp_path / "logs"))
    assert code == 0
    for src in re.findall(r'src="([^"]+)"', html):
        assert "/" not in src and (tmp_path / "out" / src).is_file()
    assert "<style>" in html and "<link" not in html and "@media print" in html
    shutil.rmtree(tmp_path / "out")
    code, single = report(tmp_path, str(logs[0]))
    for src in re.findall(r'src="([^"]+)"', single):
        assert (tmp_path / "out" / src).is_file()


def test_participant_intervals_intersect_over_sessions():
    wide = Attitude(0.5, 4.0, True)
    narrow = Attitude(1.0, 8.0, True)
    both = combine("P-1", [wide, narrow])
    assert both.consistent and (both.low, both.high) == (1.0, 4.0) and both.midpoint == 2.0
    apart = combine("P-2", [Attitude(0.1, 0.5, True), Attitude(2.0, 4.0, True)])
    assert not apart.consistent and "all 2 sessions" in apart.text
    never = Attitude(None, None, False, ("d1",))
    assert combine("P-3", [never, wide]).text == never.describe()
    group = spread([both, apart, combine("P-4", [Attitude(2.0, 16.0, True)])])
    assert group.participants == 3 and group.consistent == 2
    assert group.common == (2.0, 4.0) and group.q1 <= group.median <= group.q3


def test_fixture_cohort_is_deterministic_and_varied(tmp_path):
    first = generate_cohort(tmp_path / "a", 8, seed=11, only=SMALL)
    again = generate_cohort(tmp_path / "b", 8, seed=11, only=SMALL)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    headers = [read_log(p).header for p in first]
    assert len({h["player"] for h in headers}) == 4
    assert {h["policy"] for h in headers} == {"watch", "takeover", "random", "optimal"}
    assert {h["risk_weight"] for h in headers} == {0.5, 1.0, 2.0, 4.0}
    assert all(verify_log(str(p), load_catalogue(Path("scenarios")).get).ok for p in first)


def chosen_counts(paths: list[Path]) -> dict[tuple[str, str, str], int]:
    """(scenario id, decision, option) -> how many logs chose it, from the end lines."""
    counts: dict[tuple[str, str, str], int] = {}
    for path in paths:
        log = read_log(path)
        for step in log.end["path"]:
            if step["kind"] == "decision":
                key = (log.header["scenario_id"], step["node"], step["choice"])
                counts[key] = counts.get(key, 0) + 1
    return counts


def test_a_200_session_cohort_shows_the_recorded_distributions(tmp_path):
    """Generated across the whole library with several policies and risk weights."""
    logs = generate_cohort(tmp_path / "logs", 200, seed=11)
    cohort = build_cohort(log_files([tmp_path / "logs"]), load_library("scenarios"))
    assert cohort.analysed == 200 and not cohort.excluded
    assert sum(len(g.sessions) for g in cohort.groups) == 200
    shown = {(g.scenario.id, d.node, o.option): o.count
             for g in cohort.groups for d in g.decisions for o in d.options if o.count}
    assert shown == chosen_counts(logs)
    weights = {json.loads(p.read_text().splitlines()[0])["risk_weight"] for p in logs}
    assert len(weights) > 1  # the fixture mixes risk weights
    players = {s.player for g in cohort.groups for s in g.sessions}
    assert all(any(p.player == who for g in cohort.groups for p in g.players) for who in players)


def test_single_report_says_when_and_why_as_the_outcome_does(tmp_path):
    """Issue 13: the moments were on the outcome only, and no reason was given anywhere;
    the report prints the same sentences as the outcome and debrief, and its terms."""
    from markupsafe import escape

    from game.replay.debrief import build_debrief
    from game.replay.explain import explain_decisions
    from game.replay.glossary import GLOSSARY
    log = record(tmp_path / "lp.jsonl", seed=4, policy="random")
    code, html = report(tmp_path, str(log))
    assert code == 0
    scenario = load_catalogue(Path("scenarios")).get("lumbar_puncture")
    explained = explain_decisions(build_debrief(read_log(log), scenario, with_attitude=False))
    assert explained and any(m for m, _ in explained) and any(w for _, w in explained)
    for moments, why in explained:
        if moments:
            assert f"<strong>When:</strong> {escape(moments)}" in html
        if why:
            assert f"<strong>Why the model's best:</strong> {escape(why)}" in html
    assert 'id="terms"' in html
    for term, meaning in GLOSSARY:
        assert escape(term) in html and escape(meaning) in html


def test_report_chart_points_are_the_timeline_at_each_moment(tmp_path):
    """The learning/harm chart steps where the log says things happened: never before the
    first window opened, and it ends at the summary's learning and harm."""
    from game.core import events as ev
    from game.replay.debrief import build_debrief
    from game.reports.single_figures import ledger_points
    log = record(tmp_path / "lp.jsonl", seed=3, policy="watch")
    scenario = load_catalogue(Path("scenarios")).get("lumbar_puncture")
    debrief = build_debrief(read_log(log), scenario, with_attitude=False)
    points = ledger_points(debrief.raw_timeline)
    opened = next(m.tick for m in debrief.raw_timeline.moments
                  if isinstance(m.event, ev.DecisionOpened)) / 10
    assert all((learning, harm) == (0.0, 0.0) for s, learning, harm in points if s <= opened)
    assert points[-1][1:] == (debrief.score.learning, debrief.score.harm)


def test_reports_never_fork_while_another_thread_runs():
    """A forked child keeps a copy of every lock as it was; one held by another thread at
    that moment (a solve cache's, say) stays held in the child, which hangs. A cohort
    report's worker did, in the test suite, while the game's background solves ran."""
    import os
    import threading

    from game.reports.parallel import run_jobs, workers_for
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert workers_for(8) == 1
        assert run_jobs([lambda: os.getpid()] * 3) == [os.getpid()] * 3  # in this process
    finally:
        stop.set()
        other.join()


def test_forked_workers_write_the_same_report(tmp_path):
    """The cohort report's worker processes (forked in a fresh `safetynet report`, which runs
    no other thread) write the same page as jobs run in turn in this process."""
    import os
    import subprocess
    import sys
    logs = generate_cohort(tmp_path / "logs", 4, seed=5, only=SMALL)
    code, in_turn = report(tmp_path, str(tmp_path / "logs"))
    assert code == 0
    env = dict(os.environ, SAFETYNET_REPORT_WORKERS="2")
    forked = tmp_path / "forked"
    done = subprocess.run([sys.executable, "-m", "game", "report", str(tmp_path / "logs"),
                           "--out", str(forked)], env=env, capture_output=True, text=True,
                          timeout=240, check=False)
    assert done.returncode == 0, done.stderr
    assert (forked / "index.html").read_text(encoding="utf-8") == in_turn
    assert len(logs) == 4
