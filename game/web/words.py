"""The phone page in the workshop's language: its words, picked out and translated on the server.

The facilitator runs the workshop in one language (the settings' language); the phones read
the same one. Nothing is fetched at run time: the server fills the page before it sends it.
- index.html marks each message as `{{English text}}` (line breaks inside count as one space):
  the server writes it translated and HTML-escaped, and sets `<html lang>`.
- app.js writes every message as `T("English {value}", {value})`: the server hands the page
  the German for exactly those messages in a JSON data block (`<script type="application/json"
  id="words">`, which is data, never run, so the strict Content-Security-Policy stays), and
  `T` looks them up (English when a message has no entry).
- The server's own sentences (the reveal, the summary's interval) are translated in
  game.web.views with the same `Translator`, numbers with the language's decimal separator.
The message ids are the English texts, as everywhere in game.i18n; the German catalogue must
hold each (a test reads them from here).
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources

from game.i18n import LANGUAGES, Tr, Translator, english

PAGE_MESSAGE = re.compile(r"\{\{(.+?)\}\}", re.S)
"""A message in index.html."""
SCRIPT_MESSAGE = re.compile(r"""\bT\(\s*"((?:[^"\\]|\\.)*)\"""")
"""A message in app.js: the first argument of `T(...)`, a double-quoted string."""
PHONE_ERRORS = (
    "That room code is not this room's. Check the projector.", "This workshop has ended.",
    "The room is full.", "This phone has not joined the room yet.",
    "That decision is no longer open.", "That is not one of the options.",
    "No decision is open right now.", "The vote has closed.",
    "A nickname cannot hold control characters.",
    "The laptop did not answer in time: try again.", "Request too large.",
    "Too many requests: wait a moment.", "Too many phones are joining at once: try again.",
    "Too many open connections.")
"""The refusals a participant's phone may show (game.app.room's and this package's
`RoomError`s), translated where the server answers; others (a malformed request, which the
page never sends) stay English."""
WORDS_SLOT = "<!--words-->"
"""Where index.html takes the script's words."""
_JSON_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
"""Inside a <script> block "</script>" must never appear, whatever a translation holds."""


def _static(name: str) -> str:
    return (resources.files("game.web") / "static" / name).read_text(encoding="utf-8")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def page_messages(page: str | None = None) -> tuple[str, ...]:
    """The messages of index.html, in page order."""
    return tuple(_one_line(m) for m in PAGE_MESSAGE.findall(page or _static("index.html")))


def script_messages(script: str | None = None) -> tuple[str, ...]:
    """The messages of app.js (the English text of each `T("...")`)."""
    found = SCRIPT_MESSAGE.findall(script or _static("app.js"))
    return tuple(dict.fromkeys(json.loads(f'"{m}"') for m in found))


def language_of(language: str | None) -> str:
    """A language the game has ("en" for anything else)."""
    return language if language in LANGUAGES else "en"


@cache
def translator(language: str) -> Tr:
    """One translator per language for the server's answers (the catalogue is read once)."""
    language = language_of(language)
    return Translator(language) if language != "en" else english


def render_page(page: str, script: str, language: str) -> bytes:
    """index.html in `language`: messages translated and escaped, `lang` set, the script's
    words in their data block."""
    language = language_of(language)
    t = Translator(language) if language != "en" else english
    text = PAGE_MESSAGE.sub(lambda m: html.escape(t(_one_line(m.group(1)))), page)
    text = text.replace('<html lang="en">', f'<html lang="{language}">', 1)
    words = {m: t(m) for m in script_messages(script) if t(m) != m}
    data = json.dumps(words, ensure_ascii=False, sort_keys=True).translate(_JSON_SAFE)
    block = f'<script type="application/json" id="words">{data}</script>'
    return text.replace(WORDS_SLOT, block, 1).encode()
