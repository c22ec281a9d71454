"""The wrong-plane dissection picture (issue 12): the tip sits in the layer the narration
names, an unidentified structure is drawn and labelled as not yet seen, an injury and the
bleeding are stated in words, and the supervisor's hands appear only when they are in."""

from __future__ import annotations

import pygame
import pytest

from game.ui.kit.theme import make_theme
from game.ui.procedures import dissection as D
from game.ui.procedures._kit import fit_frame

SIZE = (610, 322)


@pytest.fixture(scope="module")
def theme():
    return make_theme()


def render(now, theme, before=None, progress=1.0, size=SIZE):
    surf = pygame.Surface(size)
    surf.fill((0, 0, 0))
    D.DissectionView().draw(surf, surf.get_rect(), now, before if before is not None else now,
                            progress, theme, 0.0)
    return surf


def frame(size=SIZE):
    section, _ = D._layout(pygame.Rect(0, 0, *size))
    return fit_frame(section, *D.BOX)


def steel_near(surf, x, y, theme, r=2):
    want = theme.palette.steel
    return any(surf.get_at((x + dx, y + dy))[:3] == want
               for dx in range(-r, r + 1) for dy in range(-r, r + 1))


@pytest.mark.parametrize("plane", D.PLANES)
def test_the_tip_is_in_the_layer_the_state_names(plane, theme):
    f = frame()
    surf = render({"plane": plane, "instrument": "scissors"}, theme)
    x, y = f.p(D.TIP_X - 6, D.TIP_Y[plane] - 3)
    assert steel_near(surf, x, y, theme)
    for other in D.PLANES:
        if other != plane:
            assert not steel_near(surf, *f.p(D.TIP_X + 1, D.TIP_Y[other]), theme, r=0)


def test_tip_moves_between_layers_during_a_change(theme):
    before, now = {"plane": "correct"}, {"plane": "too_deep"}
    assert D._tip_y(now, before, 0.0) == D.TIP_Y["correct"]
    assert D.TIP_Y["correct"] < D._tip_y(now, before, 0.5) < D.TIP_Y["too_deep"]
    assert D._tip_y(now, before, 1.0) == D.TIP_Y["too_deep"]


def test_a_structure_not_yet_seen_is_drawn_fainter_than_a_seen_one(theme):
    f = frame()
    centre = f.p(D.STRUCT[0], D.STRUCT[1])
    unseen = render({"structure_at_risk": "duct"}, theme).get_at(centre)
    seen = render({"structure_at_risk": "duct", "structure_seen": True}, theme).get_at(centre)
    none = render({}, theme).get_at(centre)
    assert unseen != seen and unseen != none


def test_status_words_name_injury_bleeding_and_wrong_plane(theme):
    assert D._status({"structure_at_risk": "duct", "structure_injured": True}, {},
                     theme).words == "DUCT INJURED"
    assert D._status({}, {"bleeding": "brisk"}, theme).words == "BLEEDING: brisk"
    assert D._status({"plane": "too_superficial"}, {}, theme).words == "Wrong plane"
    assert D._status({"plane": "correct"}, {}, theme).words == "In the plane"


def test_supervisor_hands_change_only_the_far_side(theme):
    f = frame()
    a = render({"plane": "correct"}, theme)
    b = render({"plane": "correct", "supervisor_hands": True}, theme)
    grip = f.p(D.TIP_X + 20, D.SPECIMEN[0] + 14)
    assert a.get_at(grip) != b.get_at(grip)
    assert a.get_at(f.p(20, 100)) == b.get_at(f.p(20, 100))


def test_junk_values_fall_back_to_defaults(theme):
    render({"plane": "sideways", "bleeding": 3, "structure_at_risk": "spleen",
            "instrument": None, "structure_seen": "maybe"}, theme)
