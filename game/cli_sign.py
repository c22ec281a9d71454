"""`safetynet keygen` and `safetynet sign`: a facilitator's or programme's key vouches for a log.

The key belongs on the facilitator's machine, never the player's: a signature only means
something if the player could not have made it. Signing refuses a log that does not verify,
so a signature always stands for "this reproduced when it was signed".
"""

from __future__ import annotations

from pathlib import Path

from game.replay.signing import SigningError, generate_key, load_private_key, sign_log


class SignCommandError(Exception):
    """Printed as one line by the CLI."""


def keygen(out: str) -> str:
    try:
        key_id = generate_key(out)
    except SigningError as exc:
        raise SignCommandError(str(exc)) from None
    return (f"key {key_id} written to {out} (private: keep it off players' machines) and "
            f"{out}.pub (public: give it to whoever checks signatures with --trust)")


def sign(log: str, key_file: str, find_scenario) -> str:
    from game.replay.verify import verify_log
    if not Path(log).is_file():
        raise SignCommandError(f"no such log: {log}")
    try:
        key = load_private_key(key_file)
    except SigningError as exc:
        raise SignCommandError(str(exc)) from None
    result = verify_log(log, find_scenario)
    if not result.ok:
        raise SignCommandError(f"{log} does not verify, so it is not signed: {result.reason}")
    try:
        out = sign_log(log, key)
    except SigningError as exc:
        raise SignCommandError(str(exc)) from None
    return f"signature written to {out}"
