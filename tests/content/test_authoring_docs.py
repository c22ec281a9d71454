"""docs/authoring.md stays true: its procedure-key table is the schema's, its worked examples
load, and the schema declares exactly the keys the procedure views read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content.loader import check_text
from game.content.procedure_schema import VIEWS, markdown_table
from game.paths import scenarios_dir

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "authoring.md").read_text()
VIEW_FILES = {"lumbar_puncture": ("lumbar_puncture.py", "_lp_anatomy.py"),
              "trocar": ("trocar.py", "_trocar_insets.py", "_trocar_section.py"),
              "caesarean": ("caesarean.py", "_cs_anatomy.py", "_cs_parts.py", "_cs_scene.py"),
              "generic": ("generic.py", "_monitor.py")}
NOT_DECLARED = {"caesarean": {"operator_hand"}}
"""Keys a view still reads but the format does not offer: `operator_hand` is an older
spelling of `hand` that no vignette uses; one name per thing keeps the table honest."""


HELPER_READ = re.compile(r"\b(?:num|flag|pick|has|shown)\([^\"()]*(?:\([^()]*\))?"
                         r"[^\"()]*,\s*\"(\w+)\"")
"""A key read through the views' kit: `num(now, "key", ...)`, `pick(a if b else c, "key"...`."""
DIRECT_READ = re.compile(r"\b(?:state|now)(?:\.get\(|\[)\"(\w+)\"")


def between(start: str, end: str) -> str:
    return GUIDE[GUIDE.index(start):GUIDE.index(end)].split("\n", 1)[1]


def test_the_procedure_key_table_is_generated_from_the_schema():
    table = between("<!-- procedure-keys:start", "<!-- procedure-keys:end -->").strip()
    assert table == markdown_table()


def test_the_v2_worked_example_is_the_tested_file_and_loads_without_warnings():
    block = between("<!-- v2-example:start", "<!-- v2-example:end -->")
    text = block.removeprefix("```yaml\n").removesuffix("```\n")
    assert text == (Path(__file__).parent / "v2_example.yaml").read_text()
    assert check_text(text.encode(), "ng_tube_check.yaml").warnings == ()


def test_the_arterial_gas_worked_example_loads():
    start = GUIDE.index("### The final file")
    block = GUIDE[start:].split("```yaml\n", 1)[1].split("\n```", 1)[0] + "\n"
    loaded = check_text(block.encode(), "arterial_gas.yaml")
    assert loaded.scenario.id == "arterial_gas" and loaded.warnings == ()


@pytest.mark.parametrize("view", sorted(VIEW_FILES))
def test_the_schema_declares_exactly_the_keys_each_view_reads(view):
    read: set[str] = set()
    for name in VIEW_FILES[view]:
        source = next(ROOT.glob(f"game/ui/**/{name}")).read_text()
        read |= set(HELPER_READ.findall(source)) | set(DIRECT_READ.findall(source))
    assert read, f"no keys found in the {view} view's source; has it moved?"
    assert set(VIEWS[view]) == read - NOT_DECLARED.get(view, set())


def test_every_shipped_vignette_uses_only_its_views_keys():
    for path in sorted(p for p in Path(scenarios_dir()).rglob("*.yaml")
                       if "translations" not in p.parts):
        loaded = check_text(path.read_bytes(), path.name)
        assert not [w for w in loaded.warnings if "procedure" in w.message], path.name


def test_what_the_guide_says_validate_prints_for_the_v2_example():
    from game.content.lint import dominance

    text = (Path(__file__).parent / "v2_example.yaml").read_text()
    scenario = check_text(text.encode(), "ng_tube_check.yaml").scenario
    found = {(d, o): severity for d, o, _, severity in dominance(scenario)}
    assert found == {("feed_decision", "watch"): "info", ("feed_decision", "stop"): "warning",
                     ("check", "come"): "warning"}
    assert "prints one info line\nand two warnings" in GUIDE
    assert "info: feed_decision: option 'watch': unsafe at every weight" in GUIDE
    assert "warning: check: option 'come': never optimal" in GUIDE
