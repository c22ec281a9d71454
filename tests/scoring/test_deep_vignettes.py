"""Deep vignettes through the commands authors run: `validate` (which solves every profile
for its dominance warnings) and `solve` never overflow the stack; past the path limit the
author gets one located line, not a traceback."""

from __future__ import annotations

from game.cli import main
from tests.inline import TINY_YAML

KNOWN_ONLY = """\
trainees:
  - {id: junior, name: J, level: PGY1, summary: s, confidence: 0.8, competence: 0.3}
  - {id: senior, name: S, level: PGY4, summary: s, confidence: 0.4, competence: 0.7}
"""


def chain_yaml(n: int) -> str:
    """n decisions in a row, each with a chance node after watching (2n + 1 steps)."""
    head = TINY_YAML[:TINY_YAML.index("start: intro")].replace("id: tiny", f"id: deep{n}")
    start, end = head.index("trainees:"), head.index("objectives:")
    parts = [head[:start] + KNOWN_ONLY + head[end:], "start: d0\nnodes:\n"]
    for i in range(n):
        nxt = f"d{i + 1}" if i + 1 < n else "end_ok"
        parts.append(f"""  d{i}:
    kind: decision
    cue: Mistake {i}.
    window: 4
    learning_value: 3
    assumption: test
    options:
      - {{id: watch, level: watch, label: Watch, next: c{i}}}
      - {{id: cue, level: cue, label: Cue, next: {nxt}}}
  c{i}:
    kind: chance
    assumption: test
    outcomes:
      - {{id: bad, p: {{low: 0.6, high: 0.05}}, harm: [minor-1], next: {nxt}}}
      - {{id: good, p: {{low: 0.4, high: 0.95}}, next: {nxt}}}
""")
    parts.append("  end_ok: {kind: end, title: Fine, text: All well.}\n")
    return "".join(parts)


def test_validate_and_solve_the_deepest_chain_the_path_limit_allows(tmp_path, capsys):
    path = tmp_path / "deep149.yaml"
    path.write_text(chain_yaml(149), encoding="utf-8")  # 299 steps: just inside the limit
    assert main(["validate", str(path)]) == 0
    assert "1 valid, 0 invalid" in capsys.readouterr().out
    assert main(["solve", "deep149", "--dir", str(tmp_path), "--profile", "junior"]) == 0
    out = capsys.readouterr().out
    assert "d148" in out and "the path of optimal choices in story order" in out


def test_past_the_path_limit_validate_names_the_place(tmp_path, capsys):
    path = tmp_path / "deep400.yaml"
    path.write_text(chain_yaml(400), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:" in out and "steps from the start on one path" in out
    assert "Traceback" not in out and "RecursionError" not in out
