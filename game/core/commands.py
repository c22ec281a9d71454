"""Player commands: plain data holding stable ids, so each serialises to one JSON line."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Advance:
    """Let simulation time run for `ticks` ticks (the UI and headless runners send this;
    it is implied by the tick of logged commands and never logged itself)."""

    ticks: int
    kind: str = "advance"


@dataclass(frozen=True)
class Intervene:
    """Choose an option of the open decision point (watching is an option too)."""

    decision: str
    option: str
    kind: str = "intervene"


@dataclass(frozen=True)
class Skip:
    """Finish the current narration beat now instead of waiting for it."""

    kind: str = "skip"


Command = Advance | Intervene | Skip

_KINDS = {"advance": Advance, "intervene": Intervene, "skip": Skip}


def command_to_dict(command: Command) -> dict[str, Any]:
    data = asdict(command)
    kind = data.pop("kind")
    return {"kind": kind, **data}


def command_from_dict(data: dict[str, Any]) -> Command:
    """Rebuild a command from its JSON form; raises ValueError on anything unexpected."""
    if not isinstance(data, dict) or data.get("kind") not in _KINDS:
        raise ValueError(f"unknown command: {data!r}")
    cls = _KINDS[data["kind"]]
    fields = {k: v for k, v in data.items() if k != "kind"}
    try:
        command = cls(**fields)
    except TypeError as exc:
        raise ValueError(f"bad fields for {data['kind']}: {exc}") from None
    for name, value in fields.items():
        expected = int if name == "ticks" else str
        if not isinstance(value, expected) or isinstance(value, bool):
            raise ValueError(f"{data['kind']}.{name} must be {expected.__name__}")
    return command
