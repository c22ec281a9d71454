"""The phone server on 127.0.0.1: joining needs the code, input is validated and
size-limited, phones are rate-limited, changes are pushed, and it stops when told."""

from __future__ import annotations

import socket
import threading
import urllib.request

import pytest

from game.app.room import Room
from game.web.server import RoomServer, ServerError
from tests.web.helpers import OPTIONS, Phone, request


@pytest.fixture
def served():
    room = Room("ABCDE", secret=b"t" * 32)
    server = RoomServer(room, host="127.0.0.1", port=0, phone_burst=5, phone_rate=1.0)
    server.start()
    yield room, server
    server.stop()


def test_the_page_and_its_assets_are_served_locally_with_strict_headers(served):
    _room, server = served
    with urllib.request.urlopen(server.url, timeout=5) as answer:
        page = answer.read().decode()
        csp = answer.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "http" not in page.replace('content="width=device-width', "")  # nothing remote
    status, data, _ = request(server.url + "static/other.js")
    assert status == 404 and data == {"error": "Not found."}
    with urllib.request.urlopen(server.url + "static/app.js", timeout=5) as answer:
        script = answer.read().decode()
    for sink in (".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script  # every text is set with textContent


def test_joining_needs_the_room_code(served):
    room, server = served
    status, data, _ = request(server.url + "api/join", "POST", {"code": "WRONG"})
    assert status == 403 and "room code" in data["error"]
    phone = Phone(server.url, "abcde")
    data = phone.join()
    assert data["state"]["phase"] == "lobby" and room.participants == 1
    assert phone.join()["token"] == data["token"]  # rejoining keeps the seat
    assert room.participants == 1


def test_the_nickname_switch_is_off_by_default_and_nicknames_stay_off_the_record(served):
    room, server = served
    assert request(server.url + "api/info")[1] == {"nicknames": False}
    status, data, _ = request(server.url + "api/join", "POST",
                              {"code": "ABCDE", "nickname": "Sam"})
    assert status == 200 and data["state"]["nickname"] is None and room.lobby() == []
    room.allow_nicknames(True)                      # the facilitator's N on the setup screen
    assert request(server.url + "api/info")[1] == {"nicknames": True}
    status, data, _ = request(server.url + "api/join", "POST",
                              {"code": "ABCDE", "nickname": "Sam"})
    assert status == 200 and data["state"]["nickname"] == "Sam"  # its own phone sees it
    status, bad, _ = request(server.url + "api/join", "POST",
                             {"code": "ABCDE", "nickname": "x" * 30})
    assert status == 400 and bad == {"error": "A nickname has at most 24 characters."}
    room.open("d1", "cue", OPTIONS)
    request(server.url + "api/vote", "POST", {"decision": "d1", "option": "watch"},
            key=data["key"])
    assert "Sam" not in repr(room.record())          # never beside a vote in the log
    other = Phone(server.url, "ABCDE")
    other.join()
    assert "Sam" not in repr(other.state())          # nor on anyone else's phone
    assert room.lobby() == ["Sam"]
    room.allow_nicknames(False)
    assert room.lobby() == [] and room.nicknames == {}


def test_votes_are_validated_and_go_to_the_room(served):
    room, server = served
    phone = Phone(server.url, "ABCDE")
    phone.join()
    room.open("d1", "Cue text", OPTIONS)
    status, state = phone.vote("d1", "probe")
    assert status == 200 and state["mine"] == "probe" and state["phase"] == "vote"
    assert state["reveal"] is None and state["progress"] == {"voted": 1, "expected": 1}
    status, data = phone.vote("d1", "<b>x</b>")
    assert status == 400 and data["error"] == "Invalid option."
    status, data, _ = request(server.url + "api/vote", "POST", {"decision": "d1",
                                                                "option": "watch"})
    assert status == 401
    status, data, _ = request(server.url + "api/vote", "POST", raw=b"{not json",
                              key=phone.key)
    assert status == 400 and "not JSON" in data["error"]
    status, data, _ = request(server.url + "api/join", "POST", raw=b"x" * 5000)
    assert status == 413
    room.reveal()
    state = phone.state()
    assert state["phase"] == "reveal" and state["reveal"]["rows"][1]["count"] == 1


def test_a_phone_that_floods_the_server_is_slowed_down(served):
    room, server = served
    phone = Phone(server.url, "ABCDE")
    phone.join()
    room.open("d1", "Cue text", OPTIONS)
    answers = [phone.vote("d1", "watch")[0] for _ in range(12)]
    assert answers[:5] == [200] * 5 and 429 in answers


def test_phones_hear_about_a_new_decision_through_the_event_stream(served):
    room, server = served
    phone = Phone(server.url, "ABCDE")
    phone.join()
    lines: list[bytes] = []
    ready = threading.Event()

    def read() -> None:
        with urllib.request.urlopen(f"{server.url}api/events?k={phone.key}", timeout=5) as s:
            lines.append(s.readline())
            s.readline()
            s.readline()
            ready.set()
            lines.append(s.readline())
            lines.append(s.readline())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert ready.wait(5)
    room.open("d1", "Cue text", OPTIONS)
    reader.join(5)
    assert lines[0] == b"retry: 2000\n"
    assert lines[1:] == [b"event: message\n", f"data: {room.phase_version}\n".encode()]


def test_the_server_stops_when_the_workshop_ends():
    room = Room("ABCDE")
    server = RoomServer(room, host="127.0.0.1", port=0)
    server.start()
    port = server.port
    server.stop()
    assert not server.running
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


def test_an_address_that_is_not_this_machines_is_one_clear_error():
    server = RoomServer(Room("ABCDE"), host="203.0.113.9", port=0)
    with pytest.raises(ServerError, match=r"^cannot listen on 203\.0\.113\.9"):
        server.start()
