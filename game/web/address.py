"""Where the phones find the server: the laptop's LAN address, the join URL and its QR code."""

from __future__ import annotations

import socket

import segno

DEFAULT_PORT = 8765


def lan_address() -> str:
    """The address other devices on the laptop's network reach it by (127.0.0.1 without one).

    Connecting a UDP socket sends no packet: it only asks the kernel which local address would
    route to a public address (192.0.2.1 is a documentation address nobody owns)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))
        address = probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()
    return address if address and not address.startswith("0.") else "127.0.0.1"


def join_url(host: str, port: int) -> str:
    """The short URL shown on the projector (the room code is typed on the phone)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/" if port != 80 else f"http://{shown}/"


def qr_url(host: str, port: int, code: str) -> str:
    """The QR code's URL: the room code rides in the fragment, which phones never send to the
    server, so it fills the form without appearing in any request."""
    return f"{join_url(host, port)}#{code}"


def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code as rows of dark (True) modules, with its four-module quiet zone."""
    code = segno.make(url, error="m", micro=False)
    return tuple(tuple(bool(m) for m in row) for row in code.matrix_iter(border=4))


def parse_phones(text: str) -> tuple[str | None, int] | None:
    """The facilitator's `--phones` choice: "off" (None), "lan" (the LAN address), an
    address, or address:port. Raises ValueError with a one-line reason."""
    text = text.strip()
    if text.lower() == "off":
        return None
    if text.lower() in ("", "lan"):
        return (None, DEFAULT_PORT)
    host, sep, port = text.rpartition(":") if text.count(":") == 1 else ("", "", "")
    if not sep:
        host, port = text, str(DEFAULT_PORT)
    try:
        number = int(port)
    except ValueError:
        raise ValueError(f"--phones: {port!r} is not a port number") from None
    if not 0 <= number <= 65535:
        raise ValueError(f"--phones: port {number} is out of range (0-65535)")
    try:
        socket.inet_pton(socket.AF_INET6 if ":" in host else socket.AF_INET, host)
    except OSError:
        raise ValueError(f"--phones: {host!r} is not an IP address (or 'lan', 'off')") from None
    return (host, number)
