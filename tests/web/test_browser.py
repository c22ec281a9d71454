"""A phone in headless chromium at 390x844: join by URL and room code, vote, wait, change the
vote, survive a reload, see the reveal, the countdown and the private end summary."""

from __future__ import annotations

import pytest

from game.app.room import Room, ballot_options
from game.app.room_end import room_end
from game.scoring.params import ModelParams
from game.web.server import RoomServer
from tests.web.browser import WAIT_S

pytestmark = pytest.mark.browser


@pytest.fixture
def served():
    room = Room("K7P2Q")
    server = RoomServer(room, host="127.0.0.1", port=0)
    server.start()
    yield room, server
    server.stop()


def visible(driver, section: str) -> bool:
    return driver.find_element("id", section).is_displayed()


def wait_for(driver, section: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, WAIT_S).until(lambda d: visible(d, section),
                                        f"the phone never showed {section!r}")


def text(driver, element_id: str) -> str:
    return driver.find_element("id", element_id).text


def test_a_phone_joins_votes_waits_sees_the_reveal_and_its_own_summary(browser, served, tiny):
    room, server = served
    browser.get(server.url)
    wait_for(browser, "join")
    assert not visible(browser, "nick-row")  # nicknames are off by default
    assert browser.execute_script("return window.innerWidth") == 390
    browser.find_element("id", "code").send_keys("k7p2q")
    browser.find_element("id", "join-button").click()
    wait_for(browser, "lobby")
    assert room.participants == 1

    d1 = tiny.node("d1")
    room.open("d1", "<b>Mistake</b> imminent.", ballot_options(d1.options))
    wait_for(browser, "vote")
    assert text(browser, "cue") == "<b>Mistake</b> imminent."  # shown as text, never markup
    buttons = browser.find_elements("css selector", "#options .option")
    assert [b.text.splitlines()[0] for b in buttons] == ["WATCH", "PROBE", "CUE", "TAKE OVER"]
    buttons[0].click()
    wait_for(browser, "waiting")
    assert "1 of 1 have voted" in text(browser, "waiting")
    assert room.tally() is None and room.progress().phones == 1

    browser.refresh()  # a reload rejoins with the stored key and keeps the one vote
    wait_for(browser, "waiting")
    pressed = browser.find_elements("css selector", '#options [aria-pressed="true"]')
    assert [b.get_attribute("data-option") for b in pressed] == ["watch"]
    browser.find_elements("css selector", "#options .option")[1].click()  # change of mind
    wait_for(browser, "waiting")
    assert room.participants == 1 and list(room.current.votes.values()) == ["probe"]

    room.set_hands("watch", 1)
    room.reveal()
    wait_for(browser, "reveal")
    assert text(browser, "reveal-text") == \
        "A tie: Watch: Watch and Probe: Ask, 1 vote each."
    widths = browser.execute_script(
        "return [...document.querySelectorAll('.track')].map(t => t.clientWidth)")
    assert len(set(widths)) == 1  # equal tracks from zero
    assert "(you)" in browser.find_element("css selector", "#bars .mine").text

    room.leave_decision()
    d2 = tiny.node("d2")
    room.open("d2", d2.cue, ballot_options(d2.options), ("d1:probe", "c_probe:sees"))
    room.countdown(30)
    wait_for(browser, "countdown")
    assert "s left to vote" in text(browser, "countdown")
    browser.find_elements("css selector", "#options .option")[1].click()
    wait_for(browser, "waiting")
    room.finish(room_end(room, tiny, "junior", ModelParams(risk_weight=2.0)))
    wait_for(browser, "end")
    assert text(browser, "interval").startswith("Your choices fit risk weights ")
    rows = browser.find_elements("css selector", "#end-rows .end-row")
    assert len(rows) == 2 and "Probe: Ask" in rows[0].text and "Model" in rows[0].text

    room.close_room()
    server.stop()
    wait_for(browser, "gone")


def test_a_wrong_room_code_is_one_clear_line(browser, served):
    _room, server = served
    browser.execute_script("localStorage.clear()")
    browser.get(server.url)
    wait_for(browser, "join")
    field = browser.find_element("id", "code")
    field.clear()
    field.send_keys("WRONG")
    browser.find_element("id", "join-button").click()
    wait_for(browser, "error")
    assert text(browser, "error") == "That room code is not this room's. Check the projector."
    assert visible(browser, "join")


def test_the_qr_link_fills_in_the_room_code(browser, served):
    _room, server = served
    browser.execute_script("localStorage.clear()")
    browser.get(server.qr_url)
    wait_for(browser, "join")
    assert browser.find_element("id", "code").get_attribute("value") == "K7P2Q"


def test_nicknames_appear_only_when_the_facilitator_switches_them_on(browser, served):
    room, server = served
    browser.execute_script("localStorage.clear()")
    browser.get(server.url)
    wait_for(browser, "join")
    assert not visible(browser, "nick-row")                # off by default
    room.allow_nicknames(True)                             # N on the setup screen
    browser.find_element("id", "code").click()             # the form asks again: no reload
    wait_for(browser, "nick-row")
    browser.find_element("id", "code").send_keys("K7P2Q")
    browser.find_element("id", "nickname").send_keys("Dr Sam")
    browser.find_element("id", "join-button").click()
    wait_for(browser, "lobby")
    assert text(browser, "who") == "You are Dr Sam"       # on this phone...
    assert room.lobby() == ["Dr Sam"]                      # ...and the projector's lobby
    room.allow_nicknames(False)                            # off again: forgotten everywhere
    browser.refresh()
    wait_for(browser, "lobby")
    assert text(browser, "who") == "Anonymous" and room.lobby() == []
