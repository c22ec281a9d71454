"""Read a scenario file's bytes without trusting what the path points at.

A folder of vignettes may hold anything with a `.yaml` name: a FIFO (reading blocks for
ever), a symlink to `/dev/zero` (reading never ends), a huge file. So the file is opened
without blocking, checked to be a regular file on the *opened* descriptor (no race between
checking and reading), and read only up to a size limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_BYTES = 512 * 1024
"""Largest scenario file read (the largest shipped one is about 24 KB)."""

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


class UnreadableFile(Exception):
    """The path cannot be read as a scenario; the message says why in words."""


def kind_of(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_scenario_bytes(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
        | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnreadableFile(f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(f"not a regular file ({kind_of(info.st_mode)}); "
                                 "only plain scenario files are read")
        if info.st_size > limit:
            raise UnreadableFile(_too_big(info.st_size, limit))
        return _read_up_to(fd, limit)
    except OSError as exc:
        raise UnreadableFile(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _read_up_to(fd: int, limit: int) -> bytes:
    """Read at most `limit` bytes; a file that grew past it since `fstat` is refused too."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = os.read(fd, min(65536, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise UnreadableFile(_too_big(size, limit))


def _too_big(size: int, limit: int) -> str:
    return (f"file is larger than {limit // 1024} KB ({size:,} bytes or more); a scenario "
            "never needs this much")


def file_stamp(path: Path) -> tuple | None:
    """Only regular files are cached; anything else is re-read (and refused) each time."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (str(path), info.st_dev, info.st_ino, info.st_mtime_ns, info.st_ctime_ns,
            info.st_size)
