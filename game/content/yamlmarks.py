"""Safe YAML loading that remembers where every value came from.

`yaml.compose` keeps the start mark of each node; we build plain Python data from the node
tree ourselves and record `path -> (line, col)` so schema and graph errors can point at the
exact spot in the author's file. Only safe constructors are used.
"""

from __future__ import annotations

from typing import Any

import yaml

try:  # libyaml's C loader is ~8x faster; the pure-Python one is the fallback
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path = tuple[Any, ...]
Marks = dict[Path, tuple[int, int]]


class YamlProblem(Exception):
    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def load_with_marks(text: str) -> tuple[Any, Marks]:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(line, col, f"YAML syntax: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, 1, f"YAML: {exc}") from None
    if root is None:
        raise YamlProblem(1, 1, "the file is empty")
    marks: Marks = {}
    constructor = yaml.constructor.SafeConstructor()
    return _build(root, (), marks, constructor), marks


def _build(node: yaml.Node, path: Path, marks: Marks, constructor) -> Any:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if not node.tag.startswith("tag:yaml.org,2002:") or node.tag.startswith(
            "tag:yaml.org,2002:python"):
        raise YamlProblem(node.start_mark.line + 1, node.start_mark.column + 1,
                          f"YAML tag {node.tag!r} is not allowed in scenarios")
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                  "YAML merge keys (<<) are not supported in scenarios")
            key = _build(key_node, path + ("<key>",), {}, constructor)
            if not isinstance(key, (str, int, float, bool)):
                raise YamlProblem(key_node.start_mark.line + 1,
                                  key_node.start_mark.column + 1, "mapping keys must be plain")
            if key in result:
                raise YamlProblem(key_node.start_mark.line + 1,
                                  key_node.start_mark.column + 1, f"duplicate key {key!r}")
            marks[path + (key, "<key>")] = (key_node.start_mark.line + 1,
                                          key_node.start_mark.column + 1)
            result[key] = _build(value_node, path + (key,), marks, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), marks, constructor) for i, item in enumerate(node.value)]
    try:
        return constructor.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise YamlProblem(node.start_mark.line + 1, node.start_mark.column + 1,
                          f"YAML value: {exc.problem}") from None


def locate(marks: Marks, path: Path) -> tuple[int, int]:
    """The mark of `path`, or of its nearest recorded ancestor."""
    path = tuple(path)
    while path:
        if path in marks:
            return marks[path]
        path = path[:-1]
    return marks.get((), (1, 1))
