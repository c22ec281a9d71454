"""A phone in headless chromium follows the workshop's language: a page open in English turns
German when the facilitator switches the settings, stays joined, and the script's words
(countdown, the 'your vote' mark, the waiting line) are German too."""

from __future__ import annotations

import pytest

from game.app.room import Room
from game.web.server import RoomServer
from tests.web.browser import WAIT_S
from tests.web.helpers import OPTIONS

pytestmark = pytest.mark.browser


def _until(driver, check, what: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, WAIT_S).until(lambda d: check(d), f"the phone never {what}")


def _text(driver, element_id: str) -> str:
    return driver.find_element("id", element_id).text


def test_an_open_page_turns_german_with_the_workshop_and_keeps_its_seat(browser):
    room = Room("M4RT9")
    server = RoomServer(room, host="127.0.0.1", port=0)
    server.start()
    try:
        browser.get(server.qr_url)
        browser.find_element("id", "join-button").click()
        _until(browser, lambda d: d.find_element("id", "lobby").is_displayed(), "joined")
        assert _text(browser, "lobby").startswith("You are in")

        server.set_language("de")
        _until(browser, lambda d: d.execute_script("return document.documentElement.lang")
               == "de", "reloaded in German")
        _until(browser, lambda d: d.find_element("id", "lobby").is_displayed(), "rejoined")
        assert _text(browser, "lobby").startswith("Sie sind dabei")
        assert room.participants == 1  # the same phone, not a second seat

        room.open("d1", "Fehler droht.", OPTIONS)
        room.countdown(30)
        _until(browser, lambda d: d.find_element("id", "countdown").is_displayed(), "voted")
        assert _text(browser, "countdown").startswith("Noch ")
        browser.find_elements("css selector", "#options .option")[0].click()
        _until(browser, lambda d: d.find_element("id", "waiting").is_displayed(), "waited")
        assert "1 von 1 haben abgestimmt" in _text(browser, "waiting")
        mark = browser.execute_script(
            "return getComputedStyle(document.querySelector('[aria-pressed=true] .rung'),"
            " '::after').content")
        assert "Ihre Stimme" in mark
    finally:
        server.stop()
