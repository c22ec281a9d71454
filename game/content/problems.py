"""Content problems, each pinned to `path:line:col`, and the error that carries them all.

A problem is an *error* (the file cannot be played) or a *warning* (it can, but something is
probably not what the author meant: a flag read that can never be true, an option no
supervisor should ever prefer). Warnings never stop a file from loading.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING = "error", "warning"


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

    def __str__(self) -> str:
        label = "warning: " if self.is_warning else ""
        return f"{self.path}:{self.line}:{self.col}: {label}{self.message}"


def warning(path: str, line: int, col: int, message: str) -> Problem:
    return Problem(path, line, col, message, WARNING)


class ContentError(Exception):
    """Raised with *every* error found in a file, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
