"""`safetynet migrate FILE...`: rewrite version 1 scenario files as version 2.

Version 2 only adds fields, so migrating is one targeted edit: the `schema_version` value
becomes 2, and every other byte (comments, layout, quoting) stays as the author wrote it.
A file is migrated only when it is valid before and after (the second check guards the
promise that v2 reads every valid v1 file the same); otherwise it is left untouched and the
one line says why. The new text is written to
a temporary file beside the old one and renamed over it, so a crash leaves one or the other.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from game.content.problems import ContentError
from game.content.safe_read import UnreadableFile, read_scenario_bytes

EXIT_OK, EXIT_FAIL = 0, 1


class MigrationRefused(Exception):
    """The file cannot be migrated as it is; the message is one line."""


@dataclass(frozen=True)
class Migrated:
    text: str
    changes: tuple[str, ...]


def migrate_text(raw: bytes, shown: str) -> Migrated:
    """The version 2 text of a version 1 file, and what changed, in words."""
    data, marks = _parse(raw, shown)
    version = data.get("schema_version")
    if version == 2 and not isinstance(version, bool):
        return Migrated(raw.decode("utf-8"), ())
    if version != 1 or isinstance(version, bool):
        from game.content.yamlmarks import locate  # YAML: only when a command needs it
        line, col = locate(marks, ("schema_version",))
        raise MigrationRefused(f"{shown}:{line}:{col}: schema_version is {version!r}; "
                               "migrate reads version 1 files")
    _valid(raw, shown, "fix it first")
    text = raw.decode("utf-8")
    line, col = marks[("schema_version",)]
    lines = text.split("\n")
    row = lines[line - 1]
    token = row[col - 1:col]
    if token != "1" or row[col:col + 1].isdigit():
        raise MigrationRefused(f"{shown}:{line}:{col}: write schema_version as a plain 1 "
                               "before migrating")
    lines[line - 1] = row[:col - 1] + "2" + row[col:]
    new = "\n".join(lines)
    warnings = _valid(new.encode("utf-8"), shown, "as version 2 this is an error; fix it, "
                                                  "then migrate again")
    changes = [f"schema_version 1 -> 2 at line {line}; every other line kept as written"]
    if warnings:
        changes.append(f"{warnings} warning(s) remain; run `safetynet validate {shown}`")
    return Migrated(new, tuple(changes))


def _parse(raw: bytes, shown: str):
    # The content loader (pydantic, YAML, numpy) is imported when migrating, not when the
    # CLI builds its parser: every command, `play` included, registers this one.
    from game.content.loader import parse_document
    try:
        return parse_document(raw, shown)
    except ContentError as exc:
        raise MigrationRefused(_first(exc, "fix it first")) from None


def _valid(raw: bytes, shown: str, advice: str) -> int:
    from game.content.loader import check_text
    try:
        return len(check_text(raw, shown).warnings)
    except ContentError as exc:
        raise MigrationRefused(_first(exc, advice)) from None


def _first(exc: ContentError, advice: str) -> str:
    more = len(exc.problems) - 1
    tail = f" (and {more} more problem(s); see `safetynet validate`)" if more else ""
    return f"{exc.problems[0]}{tail}; {advice}"


def migrate_file(path: Path) -> tuple[str, ...]:
    try:
        raw = read_scenario_bytes(path)
    except UnreadableFile as exc:
        raise MigrationRefused(f"{path}: {exc}") from None
    result = migrate_text(raw, str(path))
    if result.changes:
        _replace(path, result.text)
    return result.changes


def _replace(path: Path, text: str) -> None:
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise MigrationRefused(f"{path}: cannot write ({exc.strerror or exc})") from None


def cmd_migrate(args: argparse.Namespace) -> int:
    """One line per file: what changed, or why it was left alone; exit 1 if any was."""
    status = EXIT_OK
    for name in args.files:
        try:
            changes = migrate_file(Path(name))
        except MigrationRefused as exc:
            print(f"safetynet: {exc}", file=sys.stderr)
            status = EXIT_FAIL
            continue
        print(f"{name}: " + ("; ".join(changes) if changes else
                             "already schema_version 2; unchanged"))
    return status


def register(add) -> None:
    """Add `migrate` to the CLI (`add` is `cli.build_parser`'s sub-command helper)."""
    sp = add("migrate", cmd_migrate, "rewrite version 1 scenario files as version 2, "
                                     "keeping comments and layout")
    sp.add_argument("files", nargs="+", metavar="FILE")
