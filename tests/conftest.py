"""Shared test setup. The SDL dummy drivers must be set before anything imports pygame."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("MPLBACKEND", "Agg")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tests.inline import TINY_YAML, load_text  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Never write to the real user folders from tests."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SAFETYNET_HOME", str(home))
    monkeypatch.setenv("MPLCONFIGDIR", str(home / "mpl"))
    monkeypatch.setenv("SAFETYNET_PHONES", "off")  # phone tests start their server on 127.0.0.1
    # Reports run their jobs in this process: forking a pytest process in which other tests
    # left native threads (SDL, a server's loop) can copy a held lock into the child and hang
    # it (seen once). The forked path is tested in a fresh process of its own
    # (tests/test_reports.py::test_forked_workers_write_the_same_report).
    monkeypatch.setenv("SAFETYNET_REPORT_WORKERS", "1")
    return home


@pytest.fixture
def tiny():
    return load_text(TINY_YAML)


@pytest.fixture
def shipped_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "scenarios"
