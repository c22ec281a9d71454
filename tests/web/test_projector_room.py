"""The phone room on the projector: join box with a scannable QR code, "N of M have voted"
with nothing else before the reveal, ties called ties on equal tracks, the end histogram."""

from __future__ import annotations

import io

import pygame
import pytest

from game.app.room_end import histogram
from game.replay.workshop import RoomVote
from game.scoring.attitude import Attitude
from game.ui.kit.theme import make_theme
from game.ui.shell.context import UiContext
from game.ui.workshop.phones import PhoneRoom
from game.ui.workshop.presenters import end_row, vote_vm
from game.ui.workshop.room_draw import QR_DARK, draw_histogram, draw_join, draw_qr
from game.ui.workshop.room_presenters import histogram_vm, join_vm, room_vote_vm
from game.ui.workshop.view import projector
from game.ui.workshop.vote import VoteDesk
from game.ui.workshop.vote_draw import draw_vote
from game.ui.workshop.vote_layout import vote_regions
from game.ui.workshop.vote_row import row_parts
from game.web.address import qr_matrix


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((1, 1))
    yield


@pytest.fixture
def ctx() -> UiContext:
    return projector(UiContext(make_theme("default", "normal"), None, (1280, 720), recorder=[]))


@pytest.fixture
def phones():
    room = PhoneRoom.start("127.0.0.1:0", out=io.StringIO())
    yield room
    room.stop()


def test_starting_prints_one_join_line_and_off_means_no_room():
    out = io.StringIO()
    phones = PhoneRoom.start("127.0.0.1:0", out=out)
    try:
        line = out.getvalue()
        assert line.count("\n") == 1 and line.startswith("join: http://127.0.0.1:")
        assert f"room code {phones.room.code}" in line
    finally:
        phones.stop()
    assert PhoneRoom.start("off") is None
    bad = PhoneRoom.start("not-an-address")
    assert bad is not None and bad.server is None and "not an IP address" in bad.error


def test_before_the_reveal_the_projector_says_how_many_never_what(phones, tiny):
    room = phones.room
    keys = [room.join(room.code).key for _ in range(3)]
    from game.app.room import ballot_options
    room.open("d1", "cue", ballot_options(tiny.node("d1").options))
    room.vote(keys[0], "d1", "watch")
    room.set_hands("probe", 2)
    vm = room_vote_vm(phones)
    assert vm.heading == "3 of 5 have voted"
    assert vm.detail == "1 on phones · 2 by hand · hidden until R"
    assert vm.join_line == f"Join: 127.0.0.1:{phones.server.port} · room code {room.code}"
    assert "watch" not in repr(vm).lower()


def test_a_tie_is_called_a_tie_and_its_bars_are_equal(tiny, ctx):
    vote = RoomVote("d1", ("watch", "probe", "cue", "takeover"), {"watch": 6, "probe": 6})
    vm = vote_vm(tiny, vote, False, True, None)
    assert [r.tied for r in vm.rows] == [True, True, False, False]
    assert not any(r.majority for r in vm.rows)
    assert vm.status.startswith("A tie: Watch: Watch / Probe: Ask, 6 votes each.")
    desk = VoteDesk(tiny, tiny.node("d1"))
    for option, n in (("watch", 6), ("probe", 6), ("cue", 1)):
        desk.add(option, n)
    desk.toggle_reveal()
    surface = pygame.Surface(ctx.size)
    panel = pygame.Rect(500, 60, 760, 600)
    draw_vote(ctx, surface, panel, desk)
    regions = vote_regions(ctx, panel, desk)

    def bar_pixels(row: pygame.Rect) -> int:
        parts = row_parts(ctx, row)
        area = pygame.Rect(parts.detail.x, parts.detail.y, parts.plus.right - parts.detail.x,
                           parts.detail.height)
        return sum(surface.get_at((x, area.centery))[:3] == ctx.palette.accent
                   for x in range(area.left, area.right))
    lengths = [bar_pixels(row) for row in regions.rows]
    assert lengths[0] == lengths[1] > 2 * lengths[2] > 0 and lengths[3] == 0


def test_the_end_screen_calls_a_tie_a_tie(tiny):
    from game.replay.workshop import RoomDecision
    row = RoomDecision("d1", (), {"watch": 6, "probe": 6, "cue": 0, "takeover": 0},
                       "probe", "watch", "probe", ())
    vm = end_row(tiny, 1, row)
    assert vm.majority == "a tie: Watch: Watch / Probe: Ask"
    assert vm.followed == "Watch: Watch (one of the tied)"
    assert vm.verdict == "✔ Optimal: Probe: Ask, one of the tied choices"


def test_the_qr_code_is_black_on_white_in_whole_pixels():
    matrix = qr_matrix("http://192.168.1.20:8765/#K7P2Q")
    surface = pygame.Surface((400, 400))
    square = draw_qr(surface, surface.get_rect(), matrix)
    module = square.width // len(matrix)
    assert square.width == module * len(matrix) and module >= 8
    y, x = next((y, x) for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark)
    assert surface.get_at((square.x + x * module, square.y + y * module))[:3] == QR_DARK
    assert surface.get_at(square.topleft)[:3] == (255, 255, 255)  # the quiet zone


def test_the_join_box_and_the_histogram_draw_inside_their_boxes(phones, ctx):
    surface = pygame.Surface(ctx.size)
    box = pygame.Rect(40, 40, 600, 320)
    draw_join(ctx, surface, box, join_vm(phones, ctx.t))
    hist = histogram([Attitude(0.5, 1.0, True), Attitude(1.0, 4.0, True), None],
                     2.0, Attitude(1.0, 2.0, True))
    vm = histogram_vm(hist, ctx.t)
    assert vm.counts == (0, 0, 0, 1, 2, 1, 1, 0) and vm.default_band == 5
    assert vm.majority_bands == (4, 5) and "1 who did not vote" in vm.excluded_text
    draw_histogram(ctx, surface, pygame.Rect(40, 380, 1200, 320), vm)
    placed = ctx.base.recorder
    assert len(placed) > 10 and all(p.box.contains(p.rect) for p in placed)


def test_the_room_opens_on_the_setup_screen_and_closes_on_leaving_the_workshop(
        monkeypatch, capsys):
    from game.app.sessions import Launch, session_starter
    from game.content.catalogue import load_catalogue
    from game.paths import scenarios_dir
    from game.ui.shell.context import Services
    from game.ui.shell.services import procedure_view
    from game.ui.workshop.setup import WorkshopSetupScene
    monkeypatch.setenv("SAFETYNET_PHONES", "127.0.0.1:0")
    library = load_catalogue(scenarios_dir())
    services = Services(catalogue=lambda: library, start_session=session_starter(3, "practice"),
                        procedure_view=procedure_view, launch=Launch(3))
    ctx = UiContext(make_theme("default", "normal"), services, (1280, 720), recorder=[])
    setup = WorkshopSetupScene(ctx, "lumbar_puncture", None)
    setup.resize()
    phones = setup.phones  # the workshop started: phones join before the first vignette
    assert phones is not None and phones.server is not None and phones.server.running
    assert capsys.readouterr().out.startswith("join: http://127.0.0.1:")
    key = phones.room.join(phones.room.code).key
    ctx.recorder.clear()
    setup.draw(pygame.Surface(ctx.size))
    shown = [p.text for p in ctx.recorder]
    assert phones.room.code in shown and "1 phone has joined" in shown
    assert not any("In the room" in x for x in shown)  # nicknames are off by default
    from game.ui.shell.input import key_event
    setup.handle_event(key_event(pygame.K_n))          # the facilitator switches them on
    assert phones.room.nicknames_allowed
    phones.room.join(phones.room.code, nickname="Sam")
    ctx.recorder.clear()
    setup.draw(pygame.Surface(ctx.size))
    shown = [p.text for p in ctx.recorder]
    assert "In the room: Sam; 1 without a nickname" in shown
    assert "✔ Nicknames on phones: on" in shown
    play = setup._start().scene
    assert play.phones is phones and capsys.readouterr().out == ""  # one join line only
    for _ in range(3000):
        if play.phase == "vote":
            break
        play.update(100)
    play.update(16)  # the projector's frame opens the phones' ballot
    ballot = phones.room.current
    assert ballot is not None and ballot.decision == play.desk.vote.decision
    phones.room.vote(key, ballot.decision, ballot.options[1].id)
    play.update(16)
    assert play.desk.vote.counts == {ballot.options[1].id: 1}
    ctx.recorder.clear()
    play.draw(pygame.Surface(ctx.size))
    shown = [p.text for p in ctx.recorder]
    assert "1 of 2 have voted" in shown and "hidden until R" in shown  # Sam has not voted
    setup.close()
    assert not phones.server.running and phones.room.closed
