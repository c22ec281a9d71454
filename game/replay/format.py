"""The replay log format (docs/replay-format.md): one JSON object per line.

Line 1 is the header, then one line per player command, then an end line. Each line carries a
`digest` = sha256(previous digest + "\n" + canonical JSON of the line without its digest), so
changing, removing or reordering any line breaks the chain from that line on.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

FORMAT_NAME = "safetynet-replay"
FORMAT_VERSION = 1
MIN_READER_VERSION = 1
"""Oldest reader version that can read what this version writes."""
READER_VERSION = 1
GENESIS = "0" * 64


def canonical(obj: dict[str, Any]) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_digest(previous: str, body: dict[str, Any]) -> str:
    return hashlib.sha256((previous + "\n" + canonical(body)).encode("utf-8")).hexdigest()


def seal(previous: str, body: dict[str, Any]) -> tuple[str, str]:
    """The line to write for `body` and its digest (the next line's `previous`)."""
    digest = chain_digest(previous, body)
    return canonical({**body, "digest": digest}), digest
