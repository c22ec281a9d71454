"""Ralph's LRS on 127.0.0.1 with its file-system backend, for tests and the benchmark.

This is what `ralph runserver -b fs` does (it writes the same RALPH_* settings and starts
uvicorn on `ralph.api:app`), without the development reloader that command switches on
(a file watcher that restarts the server, which a test must not have) and without the `cli`
extra. The app is loaded through `tests.interop.ralph_app`, which lets Ralph's file backend
take more than one POST (see there). The server binds to 127.0.0.1 only, on a free port,
and is stopped by its own pid.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import bcrypt


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RalphServer:
    def __init__(self, folder: Path, port: int | None = None):
        self.folder = Path(folder)
        self.port = port or free_port()
        self.user, self.password = "safetynet-test", secrets.token_hex(12)
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    @property
    def auth(self) -> str:
        return f"{self.user}:{self.password}"

    def _environment(self) -> dict[str, str]:
        self.folder.mkdir(parents=True, exist_ok=True)
        auth_file = self.folder / "auth.json"
        digest = bcrypt.hashpw(self.password.encode(), bcrypt.gensalt(4)).decode()
        auth_file.write_text(json.dumps([{
            "username": self.user, "hash": digest, "scopes": ["all"],
            "agent": {"account": {"homePage": "http://127.0.0.1", "name": self.user}}}]))
        root = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
        return {**os.environ, "PYTHONPATH": path, "RALPH_RUNSERVER_BACKEND": "fs",
                "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder / "data"),
                "RALPH_AUTH_FILE": str(auth_file), "RALPH_APP_DIR": str(self.folder / "app"),
                "RALPH_SENTRY_DSN": ""}

    def start(self, timeout: float = 90.0) -> RalphServer:
        env = self._environment()
        log = open(self.folder / "server.log", "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "tests.interop.ralph_app:app", "--host", "127.0.0.1",
             "--port", str(self.port), "--log-level", "warning"],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=self.folder)
        self._log = log
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("Ralph did not start:\n" + self.tail())
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__",
                                            timeout=1) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Ralph did not answer within {timeout} s:\n" + self.tail())

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None
        if getattr(self, "_log", None):
            self._log.close()
            self._log = None

    def tail(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def __enter__(self) -> RalphServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
