"""`safetynet migrate` and the warnings `safetynet validate` prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main
from game.cli_migrate import MigrationRefused, migrate_text
from game.content.catalogue import FileCache, load_catalogue
from game.content.lint import dominance, locate_findings, validation_report
from game.content.loader import check_text
from game.content.problems import INFO
from tests.inline import TINY_YAML

COMMENTED = "# A comment the author cares about\n" + TINY_YAML.replace(
    "schema_version: 1", "schema_version: 1   # still the first format").replace(
    "title: Tiny", "title: 'Tiny'  # quoted on purpose")


def test_migrating_changes_only_the_version_and_keeps_every_comment():
    result = migrate_text(COMMENTED.encode(), "tiny.yaml")
    assert result.text == COMMENTED.replace("schema_version: 1 ", "schema_version: 2 ")
    assert result.changes == ("schema_version 1 -> 2 at line 2; every other line kept as "
                              "written",)
    migrated = check_text(result.text.encode(), "tiny.yaml").scenario
    original = check_text(COMMENTED.encode(), "tiny.yaml").scenario
    assert migrated.schema_version == 2 and migrated.nodes == original.nodes


def test_a_v2_file_is_left_alone():
    v2 = TINY_YAML.replace("schema_version: 1", "schema_version: 2")
    assert migrate_text(v2.encode(), "tiny.yaml").changes == ()


@pytest.mark.parametrize("text, message", [
    (TINY_YAML.replace("window: 5", "window: -5"), r"tiny\.yaml:\d+:\d+: nodes\.d1\.window: "
                                                   r".*\(and \d+ more|; fix it first"),
    (TINY_YAML.replace("    duration: 2\n", "    duration: 2\n    procedure: {spo2: high}\n"),
     r"tiny\.yaml:\d+:\d+: intro: procedure spo2 must be a number, not 'high'; fix it first"),
    (TINY_YAML.replace("schema_version: 1", "schema_version: '1'"), r"schema_version is '1'"),
    ("id: [\n", r"tiny\.yaml:2:1: YAML syntax"),
])
def test_a_file_that_would_not_be_valid_is_refused_with_one_line(text, message):
    with pytest.raises(MigrationRefused) as info:
        migrate_text(text.encode(), "tiny.yaml")
    assert re.search(message, str(info.value)) and "\n" not in str(info.value)


def test_the_command_rewrites_files_in_place_and_reports(tmp_path, capsys):
    good = tmp_path / "tiny.yaml"
    good.write_text(COMMENTED)
    good.chmod(0o640)
    bad = tmp_path / "bad.yaml"
    bad.write_text(TINY_YAML.replace("title: Tiny", "title: [Tiny"))
    before = bad.read_bytes()
    assert main(["migrate", str(good), str(bad), str(tmp_path / "missing.yaml")]) == 1
    out, err = capsys.readouterr()
    assert out == f"{good}: schema_version 1 -> 2 at line 2; every other line kept as written\n"
    assert len(err.splitlines()) == 2 and "YAML syntax" in err and "missing.yaml" in err
    assert good.read_text().startswith("# A comment") and "schema_version: 2 " in \
        good.read_text()
    assert good.stat().st_mode & 0o777 == 0o640 and bad.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "tiny.yaml"]
    assert main(["migrate", str(good)]) == 0
    assert "already schema_version 2" in capsys.readouterr().out


def test_validate_prints_warnings_and_still_succeeds(tmp_path, capsys):
    v2 = TINY_YAML.replace("schema_version: 1", "schema_version: 2").replace(
        "- {id: cue, level: cue, label: Cue, next: d2}",
        "- {id: cue, level: cue, label: Cue, next: d2, requires: [prepared]}")
    (tmp_path / "tiny.yaml").write_text(v2)
    assert main(["validate", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    row = next(i for i, r in enumerate(v2.splitlines(), 1) if "prepared" in r)
    *lines, summary = out.splitlines()
    assert any(re.fullmatch(rf"{tmp_path}/tiny\.yaml:{row}:\d+: warning: d1: flag 'prepared' "
                            r"is never set .*", line) for line in lines)
    assert all(re.match(rf"{tmp_path}/tiny\.yaml:\d+:\d+: warning: ", line) for line in lines)
    assert summary == f"1 valid, 0 invalid, {len(lines)} warning(s)" and not err


def test_validate_runs_the_scoring_models_dominance_analysis(tmp_path, capsys):
    (tmp_path / "tiny.yaml").write_text(TINY_YAML)
    assert main(["validate", str(tmp_path)]) == 0
    takeover = next(i for i, r in enumerate(TINY_YAML.splitlines(), 1) if "id: takeover" in r)
    assert f"{tmp_path}/tiny.yaml:{takeover}:9: warning: d1: option 'takeover': never " \
        "optimal" in capsys.readouterr().out


def test_an_analysis_that_fails_is_a_warning_not_a_traceback(tmp_path):
    (tmp_path / "tiny.yaml").write_text(TINY_YAML)
    cache = FileCache()

    def broken(scenario):
        raise ZeroDivisionError("division by zero")

    report = validation_report(load_catalogue(tmp_path, cache=cache), [broken], cache=cache)
    assert report.ok and report.lines == (
        f"{tmp_path}/tiny.yaml:1:1: warning: broken could not run (ZeroDivisionError: "
        "division by zero); please report this",)


def test_findings_of_an_analysis_are_located_at_their_option(tmp_path):
    (tmp_path / "tiny.yaml").write_text(TINY_YAML)
    cache = FileCache()
    cat = load_catalogue(tmp_path, cache=cache)

    def analysis(scenario):
        return [("d1", "probe", "dominated at every weight and profile"),
                ("d2", "nothing", "not an option")]

    report = validation_report(cat, [analysis], cache=cache)
    rows = TINY_YAML.splitlines()
    probe = next(i for i, r in enumerate(rows, 1) if "id: probe" in r)
    d2 = next(i for i, r in enumerate(rows, 1) if r == "  d2:")
    assert report.ok and report.warnings == 2
    assert report.lines == (
        f"{tmp_path}/tiny.yaml:{probe}:9: warning: d1: option 'probe': dominated at every "
        "weight and profile",
        f"{tmp_path}/tiny.yaml:{d2}:3: warning: d2: option 'nothing': not an option")
    scenario = cat.scenarios[0]
    assert locate_findings(scenario, {}, [("d1", "probe", "x")])[0].line == 1


def test_migrate_needs_a_file(capsys):
    with pytest.raises(SystemExit):
        main(["migrate"])
    assert "FILE" in capsys.readouterr().err


def test_the_shipped_library_migrates_cleanly(tmp_path):
    from game.paths import scenarios_dir
    for path in sorted(Path(scenarios_dir()).glob("*.yaml")):
        raw = path.read_bytes()
        result = migrate_text(raw, path.name)
        check_text(result.text.encode(), path.name)


def test_an_info_finding_is_printed_as_info_and_not_counted_as_a_warning(tmp_path, capsys):
    (tmp_path / "tiny.yaml").write_text(TINY_YAML)
    cache = FileCache()

    def analysis(scenario):
        return [("d1", "probe", "unsafe at every weight (deliberate wrong answer)", INFO)]

    report = validation_report(load_catalogue(tmp_path, cache=cache), [analysis], cache=cache)
    probe = next(i for i, r in enumerate(TINY_YAML.splitlines(), 1) if "id: probe" in r)
    assert report.ok and (report.warnings, report.infos) == (0, 1)
    assert report.lines == (f"{tmp_path}/tiny.yaml:{probe}:9: info: d1: option 'probe': "
                            "unsafe at every weight (deliberate wrong answer)",)


def test_the_standard_dominance_analysis_reports_a_deliberate_wrong_answer_as_info():
    from game.core.model import Level
    from tests.scoring.trees import end, risky_step, scenario
    nodes = [end()] + risky_step(0, (Level.WATCH, Level.CUE), 0.9, 0.6, "CD-IIIb", 8.0, "end")
    [(decision, option, reason, severity)] = dominance(scenario(nodes, "d0"))
    assert (decision, option, severity) == ("d0", "watch", INFO)
    assert reason.startswith("unsafe at every weight (deliberate wrong answer)")
