"""Hostile scenario files are refused quickly, locally and with a location (issue 17, item 4).

Each test first builds the input that used to hurt (an alias bomb that took 13 s and 1.5 GB,
600-level nesting and a 1,200-beat chain that raised RecursionError, a FIFO that hung the
game, a symlink to /dev/zero that raised MemoryError) and then checks the refusal.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from game.content.catalogue import FileCache, load_catalogue
from game.content.graph import MAX_PATH
from game.content.problems import ContentError
from game.content.safe_read import MAX_BYTES
from game.content.yamlmarks import MAX_DEPTH
from tests.inline import TINY_YAML, load_text

LOCATED = re.compile(r"^[^:]+\.yaml:\d+:\d+: ")


def refused(text: str, name: str = "tiny.yaml") -> list[str]:
    with pytest.raises(ContentError) as info:
        load_text(text, name)
    found = [str(p) for p in info.value.problems]
    assert found and all(LOCATED.match(p) for p in found), found
    return found


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """The classic 'billion laughs': 9 levels of 9 aliases each, 9**9 values expanded."""
    names = "abcdefghijk"
    lines = ['a: &a ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"{names[i]}: &{names[i]} [" + ",".join([f"*{names[i - 1]}"] * width)
                     + "]")
    return "\n".join(lines) + "\n"


def test_a_300_byte_alias_bomb_is_refused_without_expanding_it():
    bomb = alias_bomb()
    assert len(bomb) <= 350
    tracemalloc.start()
    try:
        found = refused(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert any("alias bomb" in p for p in found)
    assert peak < 5_000_000, f"peak {peak:,} bytes: the aliases were expanded"


def test_a_recursive_alias_is_refused():
    found = refused("a: &a [1, *a]\n")
    assert found == ["tiny.yaml:1:11: alias *a refers to a value that contains it "
                     "(a recursive alias)"]


def test_an_undefined_alias_is_a_located_error():
    assert any("no anchor &nope" in p for p in refused("a: 1\nb: *nope\n"))


def test_600_levels_of_nested_lists_are_refused_at_the_level_past_the_limit():
    found = refused("x: " + "[" * 600 + "]" * 600 + "\n")
    assert len(found) == 1 and f"nested more than {MAX_DEPTH} levels" in found[0]
    assert found[0].startswith(f"tiny.yaml:1:{3 + MAX_DEPTH}:")


def test_deep_nested_mappings_are_refused_too():
    text = "".join(" " * i + f"k{i}:\n" for i in range(200)) + " " * 200 + "v\n"
    assert any("nested more than" in p for p in refused(text))


def chain(beats: int) -> str:
    """TINY_YAML with a chain of `beats` beats in front of its first decision."""
    head, nodes = TINY_YAML.split("start: intro\nnodes:\n")
    links = "".join(f"  b{i}: {{kind: beat, text: Step {i}., duration: 1, next: b{i + 1}}}\n"
                    for i in range(beats - 1))
    links += f"  b{beats - 1}: {{kind: beat, text: Last step., duration: 1, next: intro}}\n"
    return head + "start: b0\nnodes:\n" + links + nodes


def test_a_1200_beat_chain_is_a_located_error_not_a_recursion_error():
    text = chain(1200)
    found = refused(text)
    deep = [p for p in found if f"more than {MAX_PATH} steps" in p]
    assert len(deep) == 1, found
    node = f"b{MAX_PATH}"
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith(f"  {node}:"))
    assert deep[0].startswith(f"tiny.yaml:{line}:3: {node}: ")


def test_a_long_but_playable_chain_loads():
    scenario = load_text(chain(MAX_PATH - 20))
    assert len(scenario.nodes) > MAX_PATH - 20


def test_a_cycle_deep_in_a_long_chain_is_reported_briefly():
    text = chain(250).replace("next: b200}", "next: b3}")
    found = [p for p in refused(text) if "cycle through" in p]
    assert found and "..." in found[0] and len(found[0]) < 300


def test_an_oversized_file_is_refused_before_parsing(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text(TINY_YAML + "#" * (MAX_BYTES + 10) + "\n")
    cat = load_catalogue(tmp_path, cache=FileCache())
    assert "larger than 512 KB" in str(cat.invalid[0].problems[0])
    with pytest.raises(ContentError):
        load_text(TINY_YAML + "#" * MAX_BYTES)


def test_devices_and_fifos_are_not_read(tmp_path):
    (tmp_path / "tiny.yaml").write_text(TINY_YAML)
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "dir.yaml").mkdir()
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "missing")
    cat = load_catalogue(tmp_path, cache=FileCache())
    assert [s.id for s in cat.scenarios] == ["tiny"]
    why = {Path(e.path).name: str(e.problems[0]) for e in cat.invalid}
    assert "a character device" in why["zero.yaml"]
    assert "a FIFO" in why["pipe.yaml"]
    assert "cannot read file" in why["dangling.yaml"]
    assert all(re.match(rf"{re.escape(str(tmp_path))}/\w+\.yaml:1:1: ", w) for w in why.values())


def test_validate_does_not_hang_on_a_fifo_with_no_writer(tmp_path):
    (tmp_path / "tiny.yaml").write_text(TINY_YAML)
    os.mkfifo(tmp_path / "pipe.yaml")
    done = subprocess.run([sys.executable, "-m", "game", "validate", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "pipe.yaml:1:1: not a regular file (a FIFO (named pipe))" in done.stdout
    assert "1 valid, 1 invalid" in done.stdout


def test_one_hostile_file_never_affects_the_others(tmp_path):
    (tmp_path / "tiny.yaml").write_text(TINY_YAML)
    (tmp_path / "bomb.yaml").write_text(alias_bomb())
    (tmp_path / "deep.yaml").write_text("x: " + "[" * 600 + "]" * 600)
    (tmp_path / "long.yaml").write_text(chain(1200).replace("id: tiny", "id: long"))
    (tmp_path / "bytes.yaml").write_bytes(bytes(range(256)) * 8)
    cat = load_catalogue(tmp_path, cache=FileCache())
    assert [s.id for s in cat.scenarios] == ["tiny"]
    assert len(cat.invalid) == 4
    assert all(LOCATED.match(str(p)) for e in cat.invalid for p in e.problems)


def test_the_library_is_parsed_once_and_again_only_when_a_file_changes(tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY_YAML)
    (tmp_path / "broken.yaml").write_text("id: [\n")
    cache = FileCache()
    first = load_catalogue(tmp_path, cache=cache)
    again = load_catalogue(tmp_path, cache=cache)
    assert cache.parses == 2 and again.scenarios[0] is first.scenarios[0]
    assert again.invalid[0].problems == first.invalid[0].problems
    path.write_text(TINY_YAML.replace("title: Tiny", "title: Tiny again"))
    os.utime(path, ns=(1, 1))  # even an old mtime counts: the stamp changed
    changed = load_catalogue(tmp_path, cache=cache)
    assert cache.parses == 3 and changed.scenarios[0].title == "Tiny again"
