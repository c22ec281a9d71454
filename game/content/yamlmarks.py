"""Safe, bounded YAML loading that remembers where every value came from.

We build plain Python data straight from the parser's event stream instead of composing a
node tree, for three reasons:

- **Limits before work.** Nesting depth and the number of values (with every alias counted
  at its full expanded size) are checked event by event, so an alias bomb or a 600-level
  nested list is refused at the first event past the limit, in microseconds, without ever
  expanding anything.
- **No recursion.** An explicit stack replaces the recursive composer and builder, so no
  input can raise RecursionError (or overflow the C stack).
- **Locations.** `path -> (line, col)` is recorded for every value and key, so schema and
  graph errors point at the exact spot in the author's file.

Only safe constructors are used and only standard YAML tags are accepted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

import yaml

_Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
try:  # libyaml's C parser is much faster; the pure-Python one is the fallback
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Path = tuple[Any, ...]
Marks = dict[Path, tuple[int, int]]

MAX_DEPTH = 40
"""Deepest nesting of mappings and lists a scenario may use (the shipped ones use < 10)."""
MAX_VALUES = 50_000
"""Most values a file may hold once aliases are expanded (the largest shipped file has
about 2,500); an alias bomb trips this long before it costs time or memory."""

_STD = "tag:yaml.org,2002:"
_STR, _INT = _STD + "str", _STD + "int"
_PLAIN_INT = re.compile(r"[-+]?(0|[1-9][0-9]{0,17})")
_COLLECTION_TAGS = (None, "!", _STD + "map", _STD + "seq")


class YamlProblem(Exception):
    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def _at(mark, message: str) -> YamlProblem:
    return YamlProblem(mark.line + 1, mark.column + 1, message) if mark else \
        YamlProblem(1, 1, message)


@dataclass
class _Open:
    """A mapping or list still being read."""

    value: dict | list
    path: Path
    anchor: str | None
    size: int = 1
    key: Any = None
    has_key: bool = False


@dataclass
class _Builder:
    marks: Marks = field(default_factory=dict)
    stack: list[_Open] = field(default_factory=list)
    anchors: dict[str, tuple[Any, int]] = field(default_factory=dict)
    open_anchors: set[str] = field(default_factory=set)
    total: int = 0
    root: Any = None
    documents: int = 0
    resolver: yaml.resolver.Resolver = field(default_factory=yaml.resolver.Resolver)
    constructor: yaml.constructor.SafeConstructor = field(
        default_factory=yaml.constructor.SafeConstructor)

    def feed(self, ev: yaml.Event) -> None:
        handler = _HANDLERS.get(type(ev))
        if handler is not None:
            handler(self, ev)

    def _document(self, ev: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _at(ev.start_mark, "a scenario file holds one YAML document (found '---' "
                                     "starting a second)")

    def _scalar_event(self, ev: yaml.ScalarEvent) -> None:
        value = self._scalar(ev)
        if ev.anchor is not None:
            self._remember(ev.anchor, value, 1)
        self._place(value, 1, ev.start_mark)

    def _end(self, ev) -> None:
        done = self.stack.pop()
        if done.anchor is not None:
            self.open_anchors.discard(done.anchor)
            self._remember(done.anchor, done.value, done.size)
        self._attach(done.value, done.size)

    # -- values ----------------------------------------------------------------------------
    def _count(self, n: int, mark) -> None:
        self.total += n
        if self.total > MAX_VALUES:
            raise _at(mark, f"more than {MAX_VALUES:,} values once aliases are expanded; "
                            "a scenario never needs this many (an alias bomb?)")

    def _scalar(self, ev: yaml.ScalarEvent) -> Any:
        self._count(1, ev.start_mark)
        tag = ev.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(yaml.ScalarNode, ev.value, ev.implicit)
        if not tag.startswith(_STD) or tag.startswith(_STD + "python"):
            raise _at(ev.start_mark, f"YAML tag {tag!r} is not allowed in scenarios")
        if tag == _STR:
            return ev.value
        if tag == _INT and _PLAIN_INT.fullmatch(ev.value):
            return int(ev.value)  # the common case; YAML 1.1 oddities (0x, 1:30) go below
        mark = cast(yaml.Mark | None, ev.start_mark)  # libyaml's marks quack alike
        node = yaml.ScalarNode(tag, ev.value, mark, cast(yaml.Mark | None, ev.end_mark),
                               ev.style)
        if tag == _STD + "merge":
            return _MERGE
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError, OverflowError) as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            raise _at(ev.start_mark, f"YAML value: {problem}") from None

    def _alias(self, ev: yaml.AliasEvent) -> None:
        if ev.anchor in self.open_anchors:
            raise _at(ev.start_mark, f"alias *{ev.anchor} refers to a value that contains "
                                     "it (a recursive alias)")
        if ev.anchor not in self.anchors:
            raise _at(ev.start_mark, f"alias *{ev.anchor} has no anchor &{ev.anchor} before it")
        value, size = self.anchors[ev.anchor]
        self._count(size, ev.start_mark)
        self._place(value, size, ev.start_mark)

    def _remember(self, anchor: str | None, value: Any, size: int) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size)

    def _start(self, ev) -> None:
        if ev.tag not in _COLLECTION_TAGS:
            raise _at(ev.start_mark, f"YAML tag {ev.tag!r} is not allowed in scenarios")
        if len(self.stack) >= MAX_DEPTH:
            raise _at(ev.start_mark, f"nested more than {MAX_DEPTH} levels deep; a scenario "
                                     "never needs this")
        self._count(1, ev.start_mark)
        path = self._child_path(ev.start_mark, collection=True)
        self.marks[path] = (ev.start_mark.line + 1, ev.start_mark.column + 1)
        value: dict | list = {} if isinstance(ev, yaml.MappingStartEvent) else []
        if ev.anchor is not None:
            self.open_anchors.add(ev.anchor)
        self.stack.append(_Open(value, path, ev.anchor))

    def _child_path(self, mark, collection: bool = False) -> Path:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return top.path + (len(top.value),)
        if not top.has_key:
            raise _at(mark, "mapping keys must be plain" if collection else "bad key")
        return top.path + (top.key,)

    def _place(self, value: Any, size: int, mark) -> None:
        """Put a scalar or alias value where the parser is; mapping keys are checked."""
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and not top.has_key:
            self._key(top, value, mark)
            return
        path = self._child_path(mark)
        self.marks.setdefault(path, (mark.line + 1, mark.column + 1))
        self._attach(value, size)

    def _key(self, top: _Open, key: Any, mark) -> None:
        if key is _MERGE:
            raise _at(mark, "YAML merge keys (<<) are not supported in scenarios")
        if not isinstance(key, (str, int, float, bool)):
            raise _at(mark, "mapping keys must be plain")
        if key in top.value:
            raise _at(mark, f"duplicate key {key!r}")
        top.key, top.has_key = key, True
        self.marks[top.path + (key, "<key>")] = (mark.line + 1, mark.column + 1)

    def _attach(self, value: Any, size: int) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            top.value.append(value)
        else:
            top.value[top.key] = value
            top.key, top.has_key = None, False


_MERGE = object()
_HANDLERS: dict[type[yaml.Event], Callable[[_Builder, Any], None]] = {
    yaml.DocumentStartEvent: _Builder._document,
    yaml.ScalarEvent: _Builder._scalar_event,
    yaml.AliasEvent: _Builder._alias,
    yaml.MappingStartEvent: _Builder._start,
    yaml.SequenceStartEvent: _Builder._start,
    yaml.MappingEndEvent: _Builder._end,
    yaml.SequenceEndEvent: _Builder._end,
}


def load_with_marks(text: str) -> tuple[Any, Marks]:
    builder = _Builder()
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise _at(mark, f"YAML syntax: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, 1, f"YAML: {exc}") from None
    if builder.root is None:
        raise YamlProblem(1, 1, "the file is empty")
    return builder.root, builder.marks


def locate(marks: Marks, path: Path) -> tuple[int, int]:
    """The mark of `path`, or of its nearest recorded ancestor."""
    path = tuple(path)
    while path:
        if path in marks:
            return marks[path]
        path = path[:-1]
    return marks.get((), (1, 1))
