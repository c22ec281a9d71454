"""Screenshots of the phone page at 390x844 (run by hand: `python -m tests.web.screens DIR
[LANGUAGE]`, e.g. `de` for a workshop run in German).

Plays one room through join, vote, reveal and end on the tiny test vignette with a headless
chromium phone, and saves one PNG per screen so a person can look at them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from game.app.room import Room, ballot_options
from game.app.room_end import room_end
from game.scoring.params import ModelParams
from game.web.server import RoomServer
from tests.inline import TINY_YAML, load_text
from tests.web.browser import phone_browser


def shoot(out: Path, language: str = "en") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    tiny = load_text(TINY_YAML)
    room = Room("K7P2Q")
    server = RoomServer(room, host="127.0.0.1", port=0, language=language)
    server.start()
    others = [room.join("K7P2Q").key for _ in range(11)]
    driver = phone_browser(scale=2.0)
    shots: list[Path] = []

    def snap(name: str) -> None:
        time.sleep(0.6)
        shots.append(out / f"phone-{language}-{name}.png")
        driver.save_screenshot(str(shots[-1]))

    try:
        driver.get(server.qr_url)
        snap("1-join")
        driver.find_element("id", "join-button").click()
        room.open("d1", tiny.node("d1").cue, ballot_options(tiny.node("d1").options))
        room.countdown(45)
        time.sleep(0.5)
        driver.find_elements("css selector", "#options .option")[1].click()
        for i, key in enumerate(others[:7]):
            room.vote(key, "d1", ("watch", "probe", "cue")[i % 3])
        driver.execute_script("document.dispatchEvent(new Event('visibilitychange'))")
        snap("2-voted")
        room.close()
        snap("3-closed")
        room.reveal()
        snap("4-reveal")
        room.leave_decision()
        d2 = tiny.node("d2")
        room.open("d2", d2.cue, ballot_options(d2.options), ("d1:probe", "c_probe:sees"))
        time.sleep(0.5)
        driver.find_elements("css selector", "#options .option")[1].click()
        room.finish(room_end(room, tiny, "junior", ModelParams(risk_weight=2.0)))
        snap("5-end")
    finally:
        driver.quit()
        server.stop()
    return shots


if __name__ == "__main__":
    for path in shoot(Path(sys.argv[1] if len(sys.argv) > 1 else "screens"),
                      sys.argv[2] if len(sys.argv) > 2 else "en"):
        print(path)
