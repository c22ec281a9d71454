"""Branch a recorded session at one of its decisions: "what if I had stepped in here?"

The branch starts from the same seed and replays the recording's commands up to decision k,
then takes a different option at the same moment. Because the seed is the same, decisions
1..k-1 and everything that happened before k are reproduced exactly; the difference that
follows comes from the decision. The branch is written as a complete log of its own whose
header names its parent log and the decision it branched at.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from game.core.commands import Intervene, command_from_dict
from game.core.model import Decision, Scenario
from game.replay.reader import ReplayLog
from game.replay.session import RecordedSession
from game.replay.verify import config_from_header
from game.scoring.params import ModelParams


class BranchError(ValueError):
    pass


def decisions_in(log: ReplayLog) -> list[dict]:
    """The decisions of a complete log, in order, from its end line's path."""
    if not log.end:
        raise BranchError("the recording has no end line; branch from a finished session")
    return [s for s in log.end.get("path", []) if s.get("kind") == "decision"]


def branch(log: ReplayLog, scenario: Scenario, index: int, option: str,
           out: str | Path | None, player: str | None = None) -> RecordedSession:
    """A live session, just after taking `option` at the log's decision number `index` (0-based).

    The caller continues it (interactively, or with `headless.play_out`)."""
    decisions = decisions_in(log)
    if not 0 <= index < len(decisions):
        raise BranchError(f"the recording has {len(decisions)} decisions; no decision {index + 1}")
    target = decisions[index]
    node = scenario.node(target["node"])
    if not isinstance(node, Decision) or option not in {o.id for o in node.options}:
        raise BranchError(f"{target['node']} has no option {option!r}")
    params = ModelParams(risk_weight=float(log.header.get("risk_weight", 2.0)))
    parent = {"log": Path(log.path).name, "sha256": _file_hash(log.path),
              "decision": target["node"], "index": index, "original_option": target["choice"]}
    session = RecordedSession(scenario, config_from_header(log.header), params, out,
                              player=player or str(log.header.get("player", "anonymous")),
                              started_at=log.header.get("started_at"),
                              extra_header={"parent": parent})
    # A window that ran out closed at its last tick; branch one tick before that.
    stop = target["tick"] - (1 if target.get("by") == "timeout" else 0)
    for record in log.commands:
        if record["tick"] > stop or record["command"].get("decision") == node.id:
            break
        session.advance(record["tick"] - session.state.tick)
        session.issue(command_from_dict(record["command"]))
    session.advance(stop - session.state.tick)
    if session.state.node_id != node.id or session.finished:
        raise BranchError("the recording does not reproduce up to the branch point")
    return session


def _file_hash(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
