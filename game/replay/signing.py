"""Ed25519 signatures of replay logs: authenticity that does not rest on the player's machine.

The hash chain only shows that a log is internally consistent; anyone who knows the format can
write a consistent log (see docs/replay-format.md, "What the chain does not protect"). A
signature made with a key the player does not hold (the facilitator's or the programme's)
says that the key's holder saw exactly these bytes. It lives in a sidecar `LOG.sig.json`, so
the log itself stays byte-identical and verifiable without any key.

The signed message is the canonical JSON of {format, version, log_name, log_sha256, key_id,
signed_at}; the sidecar holds that, the raw public key and the signature (both base64).
A key id is the first 16 hex digits of the SHA-256 of the raw 32-byte public key.
`cryptography` is imported only when a key or a signature is actually used: verifying an
unsigned log, and starting the game, never load it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from game.replay.format import canonical
from game.replay.reader import MAX_LOG_BYTES, read_bytes

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

SIGNATURE_FORMAT = "safetynet-signature"
SIGNATURE_VERSION = 1
MAX_KEY_BYTES = 16 * 1024


class SigningError(Exception):
    """A key or signature file that cannot be used, said in one line naming the file."""


@dataclass(frozen=True)
class SignatureStatus:
    state: str
    """"unsigned", "signed" or "invalid" (present but not matching the log)."""
    key_id: str = ""
    message: str = "unsigned"
    trusted: bool = False


def signature_path(log_path: str | Path) -> Path:
    log_path = Path(log_path)
    return log_path.with_name(log_path.name + ".sig.json")


def key_id_of(public_key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives import serialization
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def generate_key(out: str | Path) -> str:
    """Write a new private key to `out` (mode 0600, never overwriting) and its public key to
    `out.pub`; returns the key id."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    out = Path(out)
    public_out = out.with_name(out.name + ".pub")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    for path, data, mode in ((out, private_pem, 0o600), (public_out, public_pem, 0o644)):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        except FileExistsError:
            raise SigningError(f"{path} already exists; choose another name") from None
        except OSError as exc:
            raise SigningError(f"cannot write {path}: {exc.strerror or exc}") from None
    return key_id_of(key.public_key())


def _read_key_file(path: Path) -> bytes:
    try:
        return read_bytes(path, MAX_KEY_BYTES)
    except (OSError, ValueError) as exc:
        raise SigningError(f"cannot read key {path}: {getattr(exc, 'strerror', None) or exc}"
                           ) from None


def load_private_key(path: str | Path) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    path = Path(path)
    try:
        key = serialization.load_pem_private_key(_read_key_file(path), password=None)
    except (ValueError, TypeError):
        raise SigningError(f"{path}: not an unencrypted PEM private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"{path}: not an Ed25519 key (make one with `safetynet keygen`)")
    return key


def load_public_key(path: str | Path) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    path = Path(path)
    try:
        key = serialization.load_pem_public_key(_read_key_file(path))
    except (ValueError, TypeError):
        raise SigningError(f"{path}: not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise SigningError(f"{path}: not an Ed25519 public key")
    return key


def _log_sha256(log_path: Path) -> str:
    try:
        return hashlib.sha256(read_bytes(log_path, MAX_LOG_BYTES)).hexdigest()
    except (OSError, ValueError) as exc:
        raise SigningError(f"cannot read {log_path}: {getattr(exc, 'strerror', None) or exc}"
                           ) from None


def sign_log(log_path: str | Path, key: Ed25519PrivateKey, now: datetime | None = None
             ) -> Path:
    """Write the signature sidecar of `log_path` atomically; returns its path."""
    from cryptography.hazmat.primitives import serialization
    log_path = Path(log_path)
    message = {"format": SIGNATURE_FORMAT, "version": SIGNATURE_VERSION,
               "log_name": log_path.name, "log_sha256": _log_sha256(log_path),
               "key_id": key_id_of(key.public_key()),
               "signed_at": (now or datetime.now(UTC)).isoformat(timespec="seconds")}
    raw_public = key.public_key().public_bytes(serialization.Encoding.Raw,
                                               serialization.PublicFormat.Raw)
    sidecar = {**message, "public_key": base64.b64encode(raw_public).decode("ascii"),
               "signature": base64.b64encode(key.sign(canonical(message).encode())).decode()}
    out = signature_path(log_path)
    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.write_text(json.dumps(sidecar, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        raise SigningError(f"cannot write {out}: {exc.strerror or exc}") from None
    return out


def check_signature(log_path: str | Path, trusted: dict[str, str] | None = None
                    ) -> SignatureStatus:
    """Whether the log's sidecar signature matches its bytes; `trusted` maps key ids the
    reader trusts to a name for them. Never raises."""
    log_path = Path(log_path)
    path = signature_path(log_path)
    if not path.exists():
        return SignatureStatus("unsigned")
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    try:
        sidecar = json.loads(read_bytes(path, MAX_KEY_BYTES).decode("utf-8"))
        message = {k: sidecar[k] for k in ("format", "version", "log_name", "log_sha256",
                                           "key_id", "signed_at")}
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(sidecar["public_key"]))
        signature = base64.b64decode(sidecar["signature"])
    except (OSError, ValueError, TypeError, KeyError, RecursionError, AttributeError):
        return SignatureStatus("invalid", message=f"{path.name} is not a readable signature")
    key_id = key_id_of(public)
    try:
        public.verify(signature, canonical(message).encode())
    except InvalidSignature:
        return SignatureStatus("invalid", key_id, f"{path.name} does not verify: the "
                                                  "signature file was edited")
    if message["key_id"] != key_id or message["log_name"] != log_path.name:
        return SignatureStatus("invalid", key_id, f"{path.name} names another key or log")
    try:
        actual = _log_sha256(log_path)
    except SigningError as exc:
        return SignatureStatus("invalid", key_id, str(exc))
    if actual != message["log_sha256"]:
        return SignatureStatus("invalid", key_id, "the log was changed after it was signed "
                                                  f"by {key_id}")
    return _signed(key_id, str(message["signed_at"]), trusted)


def _signed(key_id: str, signed_at: str, trusted: dict[str, str] | None) -> SignatureStatus:
    if trusted is None:
        return SignatureStatus("signed", key_id, f"signed by {key_id} at {signed_at}")
    if key_id in trusted:
        return SignatureStatus("signed", key_id, f"signed by {key_id} ({trusted[key_id]}) at "
                                                 f"{signed_at}", trusted=True)
    return SignatureStatus("signed", key_id, f"signed by {key_id} at {signed_at}, a key that "
                                             "is not among the trusted keys given")


def trusted_keys(paths: list[str]) -> dict[str, str]:
    """Key id -> file name for each public key file given (raises SigningError)."""
    return {key_id_of(load_public_key(p)): Path(p).name for p in paths}
