"""Writes a replay log as the session runs: every line flushed and fsynced at once, so a
killed game leaves a readable log up to its last command.

Storage can fail under a running session (a full disk, a home folder that turned read-only).
The writer then keeps the log valid up to its last complete line (a part-written line is cut
off again), raises one `RecordingError` worded for the player, and from then on records
nothing more: `failed` holds the error, further writes are skipped, and the session itself
plays on. The front end decides what to do (practice: go on unrecorded; assessment: end as
not recorded). A log that could not even get its header is removed, so no empty or headless
file is ever left behind.

The play screen hands the writing to a writer thread (`in_background`, issue 17: no fsync on
the UI thread). The thread builds, seals, writes and fsyncs the lines in the order they were
handed over (a FIFO queue), so the log is byte for byte the same; a line's costly parts (a
command's state fingerprint, the end line's path and digest) are computed there, from the
immutable session state, not in the frame of the key press or of the vignette's end. A game killed
then loses at most the lines still queued: the log is a verifiable prefix, as before. A failure
is found by the thread, so `failed` is set a moment later instead of raised; the play screen
polls it each frame. `close` (leaving, quitting, and at interpreter exit) waits for the queue.
"""

from __future__ import annotations

import atexit
import errno
import os
import queue
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.replay.format import GENESIS, seal

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the folder is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EISDIR: "it is a folder",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "part of the path is not a folder",
}


class RecordingError(OSError):
    """The session cannot be (or can no longer be) recorded; `str()` says why, in words.

    An OSError, so front ends that already catch OSError around a session start keep doing
    so; `storage_full` and `read_only` tell the two cases the player can act on."""

    def __init__(self, path: Path, reason: str, lines_kept: int, errno_: int | None = None):
        kept = f"; the log keeps its first {lines_kept} line(s)" if lines_kept else ""
        super().__init__(f"cannot record to {path}: {reason}{kept}")
        self.errno = errno_
        self.path, self.reason, self.lines_kept = path, reason, lines_kept

    @property
    def storage_full(self) -> bool:
        return self.errno in (errno.ENOSPC, errno.EDQUOT)

    @property
    def read_only(self) -> bool:
        return self.errno in (errno.EROFS, errno.EACCES, errno.EPERM)


def reason_for(exc: OSError) -> str:
    return _REASONS.get(exc.errno or -1, exc.strerror or str(exc))


class LogWriter:
    def __init__(self, path: str | Path, header: dict[str, Any]):
        self.path = Path(path)
        self.failed: RecordingError | None = None
        """Set when a write failed: the log is valid up to its last complete line."""
        self._previous, self._seq, self._size, self._lines = GENESIS, 0, 0, 0
        self._fd: int | None = None
        self._queue: queue.Queue[Callable[[], bytes] | None] | None = None
        """Set in background mode: the lines for the writer thread to build and seal, in
        order (None: stop)."""
        self._thread: threading.Thread | None = None
        self._ended = False
        self._lock = threading.Lock()
        """Orders "hand a line over" against "the thread failed and stopped taking lines"."""
        self._check_target()
        self._start(header)

    def _check_target(self) -> None:
        if self.path.is_dir():
            raise RecordingError(self.path, "it is a folder", 0, errno.EISDIR)
        if self.path.exists() and not _replaceable(self.path):
            raise RecordingError(self.path, "it exists and is not a replay log (a log only "
                                 "replaces an earlier log or an empty file)", 0, errno.EEXIST)

    def _start(self, header: dict[str, Any]) -> None:
        """Write the header to a hidden temporary file, then rename it into place: a game
        killed at any moment leaves either no log or one with a complete header."""
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        except OSError as exc:
            raise RecordingError(self.path, reason_for(exc), 0, exc.errno) from None
        try:
            self._write(lambda: {"type": "header", **header})
            os.replace(tmp, self.path)
        except OSError as exc:  # the rename failed; RecordingError (an OSError) too
            self.close()
            _remove(tmp)
            if isinstance(exc, RecordingError):
                raise
            raise RecordingError(self.path, reason_for(exc), 0, exc.errno) from None
        _sync_folder(self.path.parent)

    def command(self, tick: int, command: dict[str, Any],
                fingerprint: Callable[[], str]) -> None:
        """A player command; `fingerprint` gives the digest of the state after it (on the
        writer thread in background mode)."""
        self._seq += 1
        seq = self._seq
        self._write(lambda: {"type": "command", "seq": seq, "tick": tick, "command": command,
                             "fingerprint": fingerprint()})

    def vote(self, tick: int, record: dict[str, Any]) -> None:
        """A workshop room's vote at a decision point (not a command: replay skips it)."""
        self._write(lambda: {"type": "vote", "tick": tick, **record})

    def end(self, tick: int, body: Callable[[], dict[str, Any]]) -> None:
        """The end line (`body` builds its fields), then the log is closed. In background
        mode this returns at once: the writer thread builds, seals, writes and fsyncs the
        line and closes the log (`wait` joins it), so the frame in which the vignette ends
        neither does I/O nor digests the final state (issue 17)."""
        try:
            self._write(lambda: {"type": "end", "tick": tick, **body()})
        finally:
            if self._queue is not None:
                self._stop_thread(join=False)
            else:
                self.close()

    def in_background(self) -> None:
        """From now on, write and fsync on one writer thread, in order (see the module doc).
        A daemon, so a forgotten writer never holds the game open; `close` at exit (atexit)
        still writes out what is queued."""
        if self._queue is not None or self._fd is None:
            return
        self._queue = queue.Queue()
        self._thread = threading.Thread(target=self._drain, name="safetynet-log-writer",
                                        daemon=True)
        self._thread.start()
        _LIVE.add(self)

    def flush(self) -> None:
        """Wait until every line handed over so far is written and fsynced (or recording
        failed and the rest was dropped). A synchronous writer has nothing to wait for."""
        if self._queue is not None:
            self._queue.join()

    def wait(self, timeout: float | None = None) -> bool:
        """After `end` or `close`: wait until the thread has written the rest and closed."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def _write(self, body: Callable[[], dict[str, Any]]) -> None:
        """Build, seal and write one line: here, or in background mode on the writer thread
        (every line is sealed there, in the order handed over, so the chain is the one a
        synchronous writer makes)."""
        if self._fd is None or self._ended or self.failed is not None:
            return  # closed, or recording stopped after a failure: the session plays on
        if self._queue is not None:
            self._hand_over(lambda: self._seal(body()))
            return
        line, digest = seal(self._previous, body())
        self._put((line + "\n").encode("utf-8"))
        self._previous = digest

    def _seal(self, body: dict[str, Any]) -> bytes:
        """Seal a line into the chain (the writer thread's only state it shares with no one:
        after `in_background` only that thread seals)."""
        line, self._previous = seal(self._previous, body)
        return (line + "\n").encode("utf-8")

    def _put(self, data: bytes) -> None:
        """Write and fsync one sealed line (the caller's thread, or the writer thread)."""
        fd = self._fd
        assert fd is not None  # callers skip a closed log
        try:
            written = 0
            while written < len(data):
                written += os.write(fd, data[written:])
            os.fsync(fd)
        except OSError as exc:
            self._fail(exc)
        self._size, self._lines = self._size + len(data), self._lines + 1

    def _hand_over(self, data: Callable[[], bytes] | None) -> None:
        """Queue a line (None: stop) unless the thread has failed and stopped."""
        assert self._queue is not None
        with self._lock:
            if self.failed is None:
                self._queue.put(data)

    def _drain(self) -> None:
        """The writer thread: lines in order until told to stop. After a failure it drops
        what is queued and stops (the log stays valid up to its last complete line), so
        nobody waits for it: the session's end skips a failed log's end line."""
        assert self._queue is not None
        while True:
            data = self._queue.get()
            try:
                if data is None:
                    self._close_fd()
                    return
                self._put(self._built(data))
            except RecordingError:  # kept in `failed`: the play screen polls it
                with self._lock:  # no line is handed over after this
                    while not self._queue.empty():
                        self._queue.get_nowait()
                        self._queue.task_done()
                return
            finally:
                self._queue.task_done()

    def _built(self, make: Callable[[], bytes]) -> bytes:
        """A line built on this thread; if building it fails, the log stops before it and
        says so (as a storage failure does: valid up to its last complete line)."""
        try:
            return make()
        except Exception as exc:  # noqa: BLE001 -- kept in `failed`, never lost silently
            self._close_fd()
            self.failed = RecordingError(self.path, f"a line could not be built ({exc})",
                                         self._lines)
            raise self.failed from exc

    def _stop_thread(self, join: bool) -> None:
        if not self._ended and self._queue is not None:
            self._ended = True
            self._hand_over(None)
        if join:
            self.wait()

    def _fail(self, exc: OSError) -> None:
        """Cut a part-written line off again, stop recording, and say why."""
        assert self._fd is not None
        try:
            os.ftruncate(self._fd, self._size)
            os.fsync(self._fd)
        except OSError:
            pass  # the reader tolerates a cut-off last line anyway
        self._close_fd()
        self.failed = RecordingError(self.path, reason_for(exc), self._lines, exc.errno)
        raise self.failed from None

    def close(self) -> None:
        """Stop recording (no end line). In background mode, first write out what is
        queued: leaving the play screen or quitting loses no line."""
        if self._queue is not None:
            self._stop_thread(join=True)
            return
        self._close_fd()

    def _close_fd(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                os.close(fd)
            except OSError:
                pass  # nothing buffered: every line was fsynced as written

    @property
    def closed(self) -> bool:
        """No more lines are taken (in background mode, the queue may still be writing)."""
        return self._fd is None or self._ended


_LIVE: weakref.WeakSet[LogWriter] = weakref.WeakSet()
"""Writers in background mode: closed at interpreter exit so queued lines are written."""


@atexit.register
def _close_live_writers() -> None:
    for writer in list(_LIVE):
        writer.close()


def _replaceable(path: Path) -> bool:
    """Only an earlier log or an empty regular file may be overwritten: `run --log` aimed at
    the wrong file must not destroy it."""
    try:
        if not path.is_file():
            return False
        with open(path, "rb") as f:
            start = f.read(200)
    except OSError:
        return False
    return not start or b"\"format\":\"safetynet-replay\"" in start


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass  # could not be created in the first place, or the folder refuses even this


def _sync_folder(folder: Path) -> None:
    """fsync the folder so the new log's directory entry survives a power cut."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a folder; the file itself is synced
    finally:
        os.close(fd)
