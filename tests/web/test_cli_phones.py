"""`safetynet play --phones`: a bad address is one line and exit 1, before any window opens."""

from __future__ import annotations

import pytest

from game.cli import main
from game.web.address import parse_phones


def test_a_bad_phones_address_is_one_clear_line(capsys):
    assert main(["play", "--mode", "workshop", "--phones", "10.0.0"]) == 1
    err = capsys.readouterr().err
    assert err == "safetynet: --phones: '10.0.0' is not an IP address (or 'lan', 'off')\n"


@pytest.mark.parametrize(("text", "parsed"), [
    ("off", None), ("lan", (None, 8765)), ("127.0.0.1", ("127.0.0.1", 8765)),
    ("10.42.0.1:9000", ("10.42.0.1", 9000)), ("::1", ("::1", 8765))])
def test_phones_settings(text, parsed):
    assert parse_phones(text) == parsed


def test_a_port_out_of_range_is_refused():
    with pytest.raises(ValueError, match="out of range"):
        parse_phones("127.0.0.1:70000")
