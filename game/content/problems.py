"""Content problems, each pinned to `path:line:col`, and the error that carries them all.

A problem is an *error* (the file cannot be played), a *warning* (it can, but something is
probably not what the author meant: a flag read that can never be true, an option no
supervisor should ever prefer) or an *info* (worth knowing, nothing to fix: an option the
safety rules call wrong at every weight, offered as the vignette's deliberate wrong answer).
Warnings and infos never stop a file from loading.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    severity: str = ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        label = "" if self.is_error else f"{self.severity}: "
        return f"{self.path}:{self.line}:{self.col}: {label}{self.message}"


def warning(path: str, line: int, col: int, message: str) -> Problem:
    return Problem(path, line, col, message, WARNING)


def info(path: str, line: int, col: int, message: str) -> Problem:
    return Problem(path, line, col, message, INFO)


class ContentError(Exception):
    """Raised with *every* error found in a file, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
