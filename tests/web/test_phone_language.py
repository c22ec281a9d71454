"""The phones read the workshop's language: the page's words, the script's words and the
server's sentences (reveal, summary) in German when the facilitator runs it in German, with
decimal commas; English unchanged; every phone message has a German entry."""

from __future__ import annotations

import html
import io
import json
import re
import string
import urllib.request

import pytest

from game.app.room import Room, ballot_options
from game.app.room_end import ChoiceRow, ParticipantSummary, room_end
from game.i18n import Translator
from game.scoring.attitude import ATTITUDE_MESSAGES, Attitude
from game.scoring.params import ModelParams
from game.ui.workshop.phones import PhoneRoom
from game.web import words
from game.web.server import RoomServer
from game.web.views import SERVER_MESSAGES, interval_text
from game.web.words import PHONE_ERRORS, page_messages, render_page, script_messages
from tests.web.helpers import OPTIONS, Phone, request

WORDS_BLOCK = re.compile(r'<script type="application/json" id="words">(.*?)</script>', re.S)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _page(server: RoomServer) -> str:
    with urllib.request.urlopen(server.url, timeout=5) as answer:
        return answer.read().decode()


@pytest.fixture
def german():
    room = Room("ABCDE", secret=b"g" * 32)
    server = RoomServer(room, host="127.0.0.1", port=0, language="de")
    server.start()
    yield room, server
    server.stop()


def test_every_phone_message_has_a_german_entry_with_the_same_fields():
    catalogue = Translator("de").catalogue
    messages = (*page_messages(), *script_messages(), *SERVER_MESSAGES, *ATTITUDE_MESSAGES,
                *PHONE_ERRORS)
    assert "Join the room" in messages and "Time is up" in messages  # the scan finds them
    missing = [m for m in messages if m not in catalogue]
    assert missing == []
    assert [m for m in messages if _fields(catalogue[m]) != _fields(m)] == []


def test_the_page_has_no_words_outside_its_messages():
    """A sentence added to index.html without {{...}} would stay English in German."""
    page = (words.resources.files("game.web") / "static" / "index.html").read_text()
    visible = re.sub(r"<[^>]+>|\{\{.*?\}\}", " ", words.PAGE_MESSAGE.sub("", page), flags=re.S)
    assert visible.split() == ["Safety", "Net"]  # the product's name
    style = (words.resources.files("game.web") / "static" / "app.css").read_text()
    assert re.findall(r'content:[^;]*"[^"]*[A-Za-z][^"]*"', style) == []  # words come from T()


def test_the_german_page_carries_german_words_its_language_and_the_scripts_words(german):
    _room, server = german
    page = _page(server)
    assert '<html lang="de">' in page and "{{" not in page
    assert "Dem Raum beitreten" in page and "Join the room" not in page
    assert html.escape("Schauen Sie auf den Projektor.") in page
    block = json.loads(WORDS_BLOCK.search(page).group(1))
    assert block["Time is up"] == "Die Zeit ist um"
    assert block["{seconds} s left to vote"] == "Noch {seconds} s zum Abstimmen"


def test_the_english_page_is_unchanged_and_escaped():
    room = Room("ABCDE", secret=b"e" * 32)
    server = RoomServer(room, host="127.0.0.1", port=0)
    server.start()
    try:
        page = _page(server)
    finally:
        server.stop()
    assert '<html lang="en">' in page and "<h2>Join the room</h2>" in page
    assert "projector&#x27;s lobby" in page  # escaped like every message
    assert json.loads(WORDS_BLOCK.search(page).group(1)) == {}  # the script's own English


def test_a_translation_can_never_become_markup(monkeypatch):
    class Hostile(Translator):
        def __call__(self, message: str, **values: object) -> str:
            return "</script><b>x</b>&"
    monkeypatch.setattr(words, "Translator", Hostile)
    page = render_page('<html lang="en"><p>{{Join}}</p><!--words-->',
                       'T("Time is up")', "de").decode()
    assert "<b>" not in page and "&lt;/script&gt;&lt;b&gt;" in page
    assert page.count("</script>") == 1  # only the data block's own end
    assert json.loads(WORDS_BLOCK.search(page).group(1)) == {"Time is up": "</script><b>x</b>&"}


def test_the_german_room_speaks_german_in_its_json(german, tiny):
    room, server = german
    phone = Phone(server.url, "ABCDE")
    assert phone.join()["state"]["lang"] == "de"
    room.open("d1", "Fehler droht.", OPTIONS)
    state = phone.vote("d1", "watch")[1]
    assert [o["rung_name"] for o in state["decision"]["options"]] == \
        ["Beobachten", "Nachfragen", "Übernehmen"]
    room.set_hands("probe", 1)
    room.reveal()
    reveal = phone.state()["reveal"]
    assert reveal["text"] == ("Gleichstand: Beobachten: Let her go on und "
                              "Nachfragen: Ask about the angle, je 1 Stimme.")
    assert reveal["rows"][0]["title"] == "Beobachten: Let her go on"


def test_english_sentences_are_unchanged(tiny):
    room = Room("ABCDE", secret=b"e" * 32)
    server = RoomServer(room, host="127.0.0.1", port=0)
    server.start()
    try:
        phone = Phone(server.url, "ABCDE")
        phone.join()
        room.open("d1", "Mistake.", OPTIONS)
        phone.vote("d1", "watch")
        room.set_hands("watch", 1)
        room.reveal()
        state = phone.state()
    finally:
        server.stop()
    assert state["lang"] == "en"
    assert state["reveal"]["text"] == "Most chose Watch: Let her go on (2 of 2)."
    assert state["decision"]["options"][2]["rung_name"] == "Take over"


def test_the_summary_writes_risk_weights_with_a_decimal_comma_in_german():
    rows = (ChoiceRow("d1", "Fehler droht.", "Watch: Let her go on", "Take over: Take it",
                      "Tie: Watch: Let her go on / Probe: Ask"),)
    mine = ParticipantSummary("tok", rows, Attitude(2.85, 5.19, True))
    assert interval_text(mine, Translator("de")) == \
        "Ihre Entscheidungen passen zu Risikogewichten 2,85 bis 5,19."
    assert interval_text(mine) == "Your choices fit risk weights 2.85 to 5.19."
    assert interval_text(ParticipantSummary("tok", rows, None), Translator("de")).startswith(
        "Sie haben nicht abgestimmt")


def test_the_german_summary_reaches_the_phone_and_a_language_change_follows(german, tiny):
    room, server = german
    phone = Phone(server.url, "ABCDE")
    phone.join()
    d1 = tiny.node("d1")
    room.open("d1", d1.cue, ballot_options(d1.options))
    phone.vote("d1", "probe")
    room.reveal()
    room.finish(room_end(room, tiny, "junior", ModelParams(risk_weight=2.0)))
    end = phone.state()["end"]
    assert end["interval"].startswith("Ihre Entscheidungen passen")
    assert end["rows"][0]["mine"].startswith("Nachfragen: ")
    assert re.search(r"\d,\d", end["interval"]) and not re.search(r"\d\.\d", end["interval"])

    server.set_language("en")  # the facilitator switched the settings to English
    assert phone.state()["end"]["interval"].startswith("Your choices fit")
    page = _page(server)
    assert '<html lang="en">' in page and "Join the room" in page


def test_a_german_phone_is_refused_in_german(german):
    room, server = german
    status, data, _ = request(server.url + "api/join", "POST", {"code": "WRONG"})
    assert status == 403 and data["error"].startswith("Dieser Raumcode gehört nicht")
    phone = Phone(server.url, "ABCDE")
    phone.join()
    room.open("d1", "Fehler droht.", OPTIONS)
    room.close()
    assert phone.vote("d1", "watch") == (409, {"error": "Die Abstimmung ist geschlossen."})
    server.set_language("en")
    assert phone.vote("d1", "watch") == (409, {"error": "The vote has closed."})


def test_the_workshop_hands_its_language_to_the_phones_at_start_and_when_it_changes():
    setting = ["de"]
    phones = PhoneRoom.start("127.0.0.1:0", out=io.StringIO(), language=lambda: setting[0])
    assert phones is not None and phones.server is not None
    try:
        assert phones.server.language == "de" and '<html lang="de">' in _page(phones.server)
        setting[0] = "en"  # the facilitator changes the settings' language
        phones.check()     # every workshop screen's frame
        assert phones.server.language == "en"
        Phone(phones.server.url, phones.room.code).join()  # a round trip: the server heard it
        assert '<html lang="en">' in _page(phones.server)
    finally:
        phones.server.stop()


def test_a_summary_that_fits_no_weight_names_decisions_by_their_number():
    rows = (ChoiceRow("d1", "Cue one.", "Watch: A", "Watch: A", ""),
            ChoiceRow("d2", "Cue two.", "Cue: B", "Watch: C", ""))
    mine = ParticipantSummary("tok", rows, Attitude(None, None, False, ("d1", "d2")))
    german = interval_text(mine, Translator("de"))
    assert "Entscheidung 1" in german and "Entscheidung 2" in german and "d1" not in german
    assert "decision 1" in interval_text(mine)
