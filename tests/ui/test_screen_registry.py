"""The screen registry: every name opens a scene class that answers to that name."""

from __future__ import annotations

import pytest

from game.ui.shell.scene import Scene
from game.ui.shell.screens import SCREENS, screen_class

ANSWERS_AS = {"tutorial-play": "play"}
"""The tutorial's vignette is a play screen to the stack (help, popping back to "play")."""


@pytest.mark.parametrize("name", sorted(SCREENS))
def test_every_registered_screen_loads_and_has_its_name(name):
    cls = screen_class(name)
    assert issubclass(cls, Scene)
    assert cls.name == ANSWERS_AS.get(name, name), f"{SCREENS[name]} calls itself {cls.name!r}"


def test_an_unknown_screen_is_named_in_the_error():
    with pytest.raises(KeyError, match="no screen called 'nowhere'"):
        screen_class("nowhere")
