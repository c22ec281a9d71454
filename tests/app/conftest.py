"""Fixtures for the application layer's tests (no pygame anywhere here)."""

from __future__ import annotations

import pytest

from game.content.catalogue import Catalogue, load_catalogue
from game.core.model import Scenario
from game.paths import scenarios_dir


@pytest.fixture(scope="session")
def library() -> Catalogue:
    return load_catalogue(scenarios_dir())


@pytest.fixture
def lumbar(library) -> Scenario:
    scenario = library.get("lumbar_puncture")
    assert scenario is not None, "the shipped lumbar_puncture vignette must be valid"
    return scenario
