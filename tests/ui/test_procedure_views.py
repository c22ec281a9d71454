"""Procedure views: draw without errors at every supported size and state, and show changes.

Each view is drawn into plain surfaces (dummy SDL driver, see tests/conftest.py) and the tests
check that a state change alters the pixels where it should (needle depth in the spine, the
trocar in the wall, the head in the pelvis, the capnography trace) and that unknown keys or
values fall back to the defaults instead of raising.
"""

from __future__ import annotations

import time

import pygame
import pytest

from game.ui.kit.theme import make_theme
from game.ui.procedures import _lp_anatomy as LPA
from game.ui.procedures import _trocar_section as TS
from game.ui.procedures import caesarean, generic, lumbar_puncture, trocar
from game.ui.procedures._kit import fit_frame, label_px
from game.ui.procedures.registry import view_for, view_names

SIZES = [(420, 300), (486, 268), (610, 322), (900, 600), (915, 483)]
PROGRESS = [0.0, 0.5, 1.0]

STATES = {
    "lumbar_puncture": [
        {},
        {"needle_depth_mm": 0, "needle_angle": "caudal", "passes": 0},
        {"needle_depth_mm": 20, "needle_angle": "caudal", "bone_contact": True, "passes": 1},
        {"needle_depth_mm": 45, "needle_angle": "cephalad", "csf": True, "passes": 2},
        {"needle_depth_mm": 30, "needle_angle": "cephalad", "bone_contact": True, "passes": 4},
    ],
    "trocar": [
        {},
        {"port_site": "medial", "trocar_depth": 0.1, "camera": "field"},
        {"port_site": "medial", "trocar_depth": 1, "bleeding": "brisk", "camera": "wall",
         "vessels_seen": True, "rescue_ready": True},
        {"port_site": "lateral", "trocar_depth": 1, "bleeding": "ooze", "camera": "field"},
        {"port_site": "medial", "trocar_depth": 1, "bleeding": "controlled", "camera": "wall"},
    ],
    "caesarean": [
        {},
        {"incision": "made", "head": "impacted", "hand": "above"},
        {"incision": "extended", "head": "elevated", "hand": "below", "push_from_below": True,
         "supervisor_hands": True, "bleeding": "brisk"},
        {"incision": "extended", "head": "delivered", "hand": "below", "bleeding": "controlled"},
        {"incision": "made", "head": "engaged", "bleeding": "ooze"},
    ],
    "dissection": [
        {},
        {"plane": "too_deep", "structure_at_risk": "duct", "instrument": "diathermy"},
        {"plane": "too_deep", "structure_at_risk": "vessel", "bleeding": "brisk",
         "supervisor_hands": True, "instrument": "scissors"},
        {"plane": "too_superficial", "bleeding": "controlled", "instrument": "blunt"},
        {"plane": "correct", "structure_at_risk": "ureter", "structure_seen": True,
         "structure_injured": True, "bleeding": "ooze"},
    ],
    "generic": [
        {},
        {"room": "Ward", "people": "trainee,patient,relative", "caption": "Draft orders",
         "hr": 112, "spo2": 98, "rr": 22, "bp": "102/64", "monitor": False},
        {"caption": "Naloxone given", "people": "trainee,patient,relative,supervisor",
         "hr": 88, "spo2": 84, "rr": 6, "sedation": "deep", "monitor": True},
        {"room": "Resus", "people": "trainee,patient,supervisor", "hr": 128, "spo2": 89,
         "etco2": 0, "bp": "88/50", "sedation": "general", "monitor": True},
        {"room": "Office", "people": "trainee,supervisor", "caption": "x" * 200},
    ],
}


@pytest.fixture(scope="module")
def theme():
    return make_theme()


def render(name, now, before=None, progress=1.0, size=(610, 322), theme=None, time_s=1.0):
    theme = theme or make_theme()
    surf = pygame.Surface(size)
    surf.fill((0, 0, 0))
    view_for(name).draw(surf, surf.get_rect(), now, before if before is not None else now,
                        progress, theme, time_s)
    return surf


def differs(a: pygame.Surface, b: pygame.Surface, region: pygame.Rect) -> bool:
    region = region.clip(a.get_rect())
    return any(a.get_at((x, y)) != b.get_at((x, y))
               for x in range(region.x, region.right) for y in range(region.y, region.bottom))


def same(a: pygame.Surface, b: pygame.Surface) -> bool:
    return pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB")


# ----------------------------------------------------------------------------- registry
def test_every_schema_view_has_a_renderer_and_every_renderer_a_schema_view():
    from game.content.procedure_schema import VIEWS
    from game.ui.procedures.registry import RENDERERS
    assert set(RENDERERS) == set(VIEWS), "procedure_schema.VIEWS and the renderers differ"
    assert view_names() == list(VIEWS)
    for name in VIEWS:
        assert isinstance(view_for(name), RENDERERS[name])


def test_registry_maps_names_and_falls_back_to_generic():
    assert set(view_names()) == {"lumbar_puncture", "trocar", "caesarean", "dissection",
                                 "generic"}
    assert isinstance(view_for("lumbar_puncture"), lumbar_puncture.LumbarPunctureView)
    assert isinstance(view_for("trocar"), trocar.TrocarView)
    assert isinstance(view_for("caesarean"), caesarean.CaesareanView)
    for unknown in ("generic", "no_such_view", "", None):
        assert isinstance(view_for(unknown), generic.GenericView)


# ----------------------------------------------------------------------------- smoke
@pytest.mark.parametrize("name", list(STATES))
@pytest.mark.parametrize("size", SIZES)
def test_every_state_size_and_progress_draws(name, size, theme):
    states = STATES[name]
    for before, now in zip(states, states[1:] + states[:1]):
        for progress in PROGRESS:
            render(name, now, before, progress, size, theme, time_s=progress * 3)


@pytest.mark.parametrize("name", list(STATES))
def test_draws_inside_an_offset_rect_only(name, theme):
    """Views draw only inside the rect they are given (the play screen owns the rest)."""
    surf = pygame.Surface((1280, 720))
    surf.fill((1, 2, 3))
    rect = pygame.Rect(20, 57, 610, 322)
    view_for(name).draw(surf, rect, STATES[name][2], STATES[name][1], 0.5, theme, 2.0)
    for point in [(rect.x - 1, rect.centery), (rect.right, rect.centery),
                  (rect.centerx, rect.y - 1), (rect.centerx, rect.bottom), (1279, 719)]:
        assert surf.get_at(point)[:3] == (1, 2, 3)


@pytest.mark.parametrize("name", list(STATES))
@pytest.mark.parametrize("palette,text_size", [("high-contrast", "x-large"),
                                                ("default", "small")])
def test_other_themes_and_text_sizes(name, palette, text_size):
    theme = make_theme(palette, text_size)
    for state in STATES[name]:
        render(name, state, size=(486, 268), theme=theme)


@pytest.mark.parametrize("name", list(STATES))
def test_junk_values_fall_back(name, theme):
    junk = {"needle_depth_mm": "deep", "needle_angle": "sideways", "passes": None,
            "port_site": "middle", "trocar_depth": "far", "bleeding": "lots", "camera": 3,
            "head": "floating", "hand": "both", "incision": "zigzag", "people": 42,
            "hr": "fast", "sedation": "very", "bp": "high", "etco2": "n/a", "unknown_key": 1}
    render(name, junk, {"something": object()}, 0.5, theme=theme)


def test_labels_never_below_14_px():
    assert label_px(pygame.Rect(0, 0, 420, 300)) >= 14
    assert label_px(pygame.Rect(0, 0, 486, 268)) >= 14


# ----------------------------------------------------------------------------- lumbar puncture
def _lp_frame(size):
    anatomy, _ = lumbar_puncture._layout(pygame.Rect((0, 0), size))
    return fit_frame(anatomy, *LPA.BOX)


def test_lp_needle_depth_moves_the_tip(theme):
    size = (610, 322)
    shallow = render("lumbar_puncture", {"needle_depth_mm": 0, "needle_angle": "cephalad"})
    deep = render("lumbar_puncture", {"needle_depth_mm": 45, "needle_angle": "cephalad"})
    tip = _lp_frame(size).p(*LPA.tip(LPA.ANGLES["cephalad"], 40))
    assert differs(shallow, deep, pygame.Rect(tip[0] - 3, tip[1] - 3, 7, 7))


def test_lp_unknown_angle_is_the_default(theme):
    a = render("lumbar_puncture", {"needle_depth_mm": 30, "needle_angle": "sideways"})
    b = render("lumbar_puncture", {"needle_depth_mm": 30, "needle_angle": "cephalad"})
    assert same(a, b)


def test_lp_transition_animates_between_states():
    before = {"needle_depth_mm": 20, "needle_angle": "caudal", "bone_contact": True,
              "passes": 1}
    now = {"needle_depth_mm": 45, "needle_angle": "cephalad", "csf": True, "passes": 2}
    frames = [render("lumbar_puncture", now, before, p, time_s=0) for p in (0.0, 0.5, 1.0)]
    anatomy, _ = lumbar_puncture._layout(pygame.Rect(0, 0, 610, 322))
    assert differs(frames[0], frames[1], anatomy)
    assert differs(frames[1], frames[2], anatomy)


def test_lp_bone_contact_and_csf_are_drawn():
    base = {"needle_depth_mm": 20, "needle_angle": "caudal", "passes": 1}
    bone = dict(base, bone_contact=True)
    f = _lp_frame((610, 322))
    tip = f.p(*LPA.tip(LPA.bone_angle("caudal", 20, LPA.ANGLES["caudal"]), 20))
    assert differs(render("lumbar_puncture", base), render("lumbar_puncture", bone),
                   pygame.Rect(tip[0] - 5, tip[1] - 5, 11, 11))
    dry = {"needle_depth_mm": 45, "needle_angle": "cephalad", "passes": 1}
    wet = dict(dry, csf=True)
    angle = LPA.ANGLES["cephalad"]
    hub = f.p(*LPA.tip(angle, 45 - LPA.NEEDLE_MM - 13))
    assert differs(render("lumbar_puncture", dry), render("lumbar_puncture", wet),
                   pygame.Rect(hub[0] - 40, hub[1] - 10, 80, 80))


def test_lp_bone_contact_puts_the_tip_on_the_spinous_process():
    angle = LPA.bone_angle("caudal", 20, LPA.ANGLES["caudal"])
    x, y = LPA.tip(angle, 20)
    (xa, ya), (xb, yb) = LPA._edge("caudal")
    edge_x = xa + (xb - xa) * (y - ya) / (yb - ya)
    assert abs(x - edge_x) < 0.5


# ----------------------------------------------------------------------------- trocar
def _section(size=(610, 322)):
    boxes = trocar._layout(pygame.Rect((0, 0), size))
    return boxes, fit_frame(boxes["section"], *TS.BOX)


def test_trocar_depth_moves_through_the_wall():
    _, f = _section()
    a = render("trocar", {"port_site": "lateral", "trocar_depth": 0})
    b = render("trocar", {"port_site": "lateral", "trocar_depth": 1})
    x, y = f.p(TS.PORT_X["lateral"], TS.PERITONEUM)
    assert differs(a, b, pygame.Rect(x - 3, y - 3, 7, 7))


def test_trocar_bleeding_camera_and_tray_change_their_regions():
    boxes, f = _section()
    base = {"port_site": "medial", "trocar_depth": 1, "camera": "wall"}
    brisk = dict(base, bleeding="brisk")
    x, y = f.p(TS.PORT_X["medial"], TS.POOL_Y)
    assert differs(render("trocar", base), render("trocar", brisk),
                   pygame.Rect(x - 20, y - 6, 40, 12))
    field = dict(base, camera="field")
    assert differs(render("trocar", base), render("trocar", field), boxes["scope"])
    ready = dict(base, rescue_ready=True)
    assert differs(render("trocar", base), render("trocar", ready), boxes["tray"])


# ----------------------------------------------------------------------------- caesarean
def test_caesarean_head_hand_and_incision_change_the_picture():
    boxes = caesarean._layout(pygame.Rect(0, 0, 610, 322))
    a = render("caesarean", {"incision": "made", "head": "impacted", "hand": "above"})
    b = render("caesarean", {"incision": "made", "head": "elevated", "hand": "above"})
    c = render("caesarean", {"incision": "made", "head": "impacted", "hand": "below"})
    d = render("caesarean", {"incision": "extended", "head": "impacted", "hand": "above"})
    assert differs(a, b, boxes["main"])
    assert differs(a, c, boxes["main"])
    assert differs(a, d, boxes["inset"])


def test_caesarean_supervisor_hands_and_push_are_drawn():
    boxes = caesarean._layout(pygame.Rect(0, 0, 610, 322))
    base = {"incision": "made", "head": "impacted", "hand": "above"}
    for extra in ({"supervisor_hands": True}, {"push_from_below": True}):
        assert differs(render("caesarean", base), render("caesarean", dict(base, **extra)),
                       boxes["main"])


# ----------------------------------------------------------------------------- generic
def _capno_row(size=(610, 322)):
    state = {"hr": 90, "etco2": 5, "monitor": True}
    boxes = generic._layout(pygame.Rect((0, 0), size), state, label_px(pygame.Rect((0, 0),
                                                                                   size)))
    return boxes["monitor"]


def test_capnography_is_flat_when_etco2_is_zero_and_moves_when_present():
    monitor = _capno_row()
    live = {"hr": 90, "rr": 14, "etco2": 5.2, "monitor": True}
    flat = dict(live, etco2=0)
    moving = [render("generic", live, time_s=t) for t in (0.0, 1.7)]
    still = [render("generic", flat, time_s=t) for t in (0.0, 1.7)]
    trace = pygame.Rect(monitor.x, monitor.y + monitor.h // 2, monitor.w // 3, monitor.h // 4)
    assert differs(moving[0], moving[1], trace)
    capno = [differs(still[0], still[1], r) for r in _row_slices(monitor)]
    assert not capno[2], "the EtCO2 row must not move when etco2 is 0"
    assert capno[0], "the ECG row keeps moving"


def _row_slices(monitor: pygame.Rect) -> list[pygame.Rect]:
    """Rough thirds of the trace column (ECG, pleth, capnography), excluding the numbers."""
    px = label_px(pygame.Rect(0, 0, 610, 322))
    body = pygame.Rect(monitor.x + 6, monitor.y + px + 11, monitor.w // 3,
                       monitor.h - px - 16)
    bottom_h = 2 * px + 12 if body.h > 8 * px else px + 10
    row = (body.h - bottom_h) // 3
    return [pygame.Rect(body.x, body.y + i * row + 6, body.w, row - 12) for i in range(3)]


def test_monitor_appears_with_vitals_and_warning_words_are_words():
    from game.ui.procedures import _monitor as M
    assert not M.shows_monitor({"caption": "x"})
    assert M.shows_monitor({"hr": 80}) and M.shows_monitor({"monitor": True})
    words = {r.key: r.warning for r in M.readings({"hr": 128, "spo2": 84, "rr": 6,
                                                   "etco2": 0, "bp": "88/50"})}
    assert words == {"hr": "HIGH", "spo2": "LOW", "rr": "LOW", "etco2": "NO CO2",
                     "bp": "LOW"}
    normal = {r.key: r.warning for r in M.readings({"hr": 80, "spo2": 98, "rr": 14,
                                                    "etco2": 5.0, "bp": "120/80"})}
    assert set(normal.values()) == {""}


def test_sedation_level_changes_the_scale():
    base = {"hr": 80, "monitor": True, "sedation": "minimal"}
    a = render("generic", base)
    b = render("generic", dict(base, sedation="deep"))
    assert not same(a, b)


# ----------------------------------------------------------------------------- cost
@pytest.mark.parametrize("name", list(STATES))
def test_a_frame_is_cheap_once_cached(name, theme):
    """Generous bound (the bench script measures properly): static layers are cached."""
    surf = pygame.Surface((1280, 720))
    rect = pygame.Rect(20, 57, 610, 322)
    view = view_for(name)
    view.draw(surf, rect, STATES[name][2], STATES[name][1], 0.5, theme, 0.0)
    start = time.perf_counter()
    for i in range(30):
        view.draw(surf, rect, STATES[name][2], STATES[name][1], i / 29, theme, i / 30)
    assert (time.perf_counter() - start) / 30 < 0.025
