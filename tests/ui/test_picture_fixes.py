"""Pictures that agree with the text (issue 12, item 5): the relatives' room has no patient in
a bed, and the cannula tutorial shows a forearm and a cannula at the stage the caption names."""

from __future__ import annotations

import pygame
import pytest

from game.ui.kit.theme import make_theme
from game.ui.procedures import generic as G

SIZE = (610, 322)


@pytest.fixture(scope="module")
def theme():
    return make_theme()


def render(state, theme):
    surf = pygame.Surface(SIZE)
    surf.fill((0, 0, 0))
    G.GenericView().draw(surf, surf.get_rect(), state, state, 1.0, theme, 0.0)
    return surf


def count(surf, colour, region):
    return sum(surf.get_at((x, y))[:3] == colour
               for x in range(region.x, region.right) for y in range(region.y, region.bottom))


@pytest.mark.parametrize("room", ["Relatives' room", "Outpatient clinic 4", "Family room"])
def test_a_patient_in_a_talking_room_sits_instead_of_lying_in_bed(room, theme):
    people = "trainee,patient,relative,supervisor"
    ward = render({"room": "Medical ward, bay 2", "people": people}, theme)
    talk = render({"room": room, "people": people}, theme)
    blanket = (150, 176, 204)
    room_box = G._layout(pygame.Rect(0, 0, *SIZE), {}, 17)["room"]
    bed = pygame.Rect(room_box.x + int(room_box.w * 0.5), room_box.y + int(room_box.h * 0.5),
                      int(room_box.w * 0.08), int(room_box.h * 0.04))
    assert count(ward, blanket, bed) > 0
    assert count(talk, blanket, bed) == 0


@pytest.mark.parametrize("caption,stage", [
    ("Tourniquet on, skin cleaned", "ready"),
    ("Needle over the vein, skin not held taut", "ready"),
    ("Flashback: the needle is in the vein", "flashback"),
    ("Missed: the vein rolled away", "missed"),
    ("Needle half withdrawn from the cannula", "withdrawn"),
    ("Cannula in, flushed and dressed", "placed"),
    ("Plan: CXR, bloods; no urine sample", None),
])
def test_cannula_captions_bring_up_the_forearm_at_their_stage(caption, stage):
    assert G.cannula_stage({"caption": caption}) == stage


def test_the_forearm_close_up_is_drawn_only_for_a_cannula(theme):
    base = {"room": "Medical ward, bay 2", "people": "trainee,patient,supervisor"}
    plain = render(dict(base, caption="Obs stable"), theme)
    arm = render(dict(base, caption="Tourniquet on, skin cleaned"), theme)
    skin = theme.palette.skin
    room_box = G._layout(pygame.Rect(0, 0, *SIZE), {}, 17)["room"]
    close_up = pygame.Rect(room_box.x + 6, room_box.y, int(room_box.w * 0.42),
                           int(room_box.h * 0.5))
    assert count(arm, skin, close_up) > count(plain, skin, close_up) + 200
