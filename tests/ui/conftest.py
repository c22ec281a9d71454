"""UI test fixtures: a dummy-driver pygame, user data in tmp_path, contexts at both sizes."""

from __future__ import annotations

import os
from collections.abc import Callable

import pygame
import pytest

from game.app.sessions import Launch, session_starter
from game.content.catalogue import Catalogue, load_catalogue
from game.paths import scenarios_dir
from game.ui.kit.motion import procedure_view
from game.ui.kit.theme import make_theme
from game.ui.shell.context import Services, UiContext

SIZES = [(1280, 720), (1024, 600)]


@pytest.fixture(scope="session", autouse=True)
def _pygame():
    assert os.environ.get("SDL_VIDEODRIVER") == "dummy"
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((1, 1))
    yield
    pygame.quit()


@pytest.fixture
def home(_isolated_home):
    """The tmp folder tests/conftest.py points SAFETYNET_HOME at (logs, player id)."""
    assert os.environ["SAFETYNET_HOME"] == str(_isolated_home)
    return _isolated_home


@pytest.fixture(scope="session")
def library() -> Catalogue:
    return load_catalogue(scenarios_dir())


@pytest.fixture(scope="session")
def libraries(library) -> Callable[[str], Catalogue]:
    """The shipped library in each language, loaded once (German reads its translations)."""
    found = {"en": library}

    def get(language: str) -> Catalogue:
        if language not in found:
            found[language] = load_catalogue(scenarios_dir(), language=language)
        return found[language]
    return get


@pytest.fixture
def make_ctx(libraries):
    def make(size=(1280, 720), seed=3, catalogue: Catalogue | None = None,
             text_size="normal") -> UiContext:
        made: list[UiContext] = []

        def current() -> Catalogue:
            """As the game does: the vignettes' words follow the settings' language."""
            return catalogue or libraries(made[0].settings.language if made else "en")
        services = Services(catalogue=current,
                            start_session=session_starter(seed, "practice"),
                            procedure_view=procedure_view, launch=Launch(seed))
        made.append(UiContext(make_theme("default", text_size), services, size, recorder=[]))
        return made[0]
    return make


@pytest.fixture
def ctx(make_ctx) -> UiContext:
    return make_ctx()


@pytest.fixture
def lumbar(library):
    scenario = library.get("lumbar_puncture")
    assert scenario is not None, "the shipped lumbar_puncture vignette must be valid"
    return scenario
