"""Flat tables for researchers: decisions.csv (one row per decision) and sessions.csv.

Plain RFC 4180 CSV in UTF-8 with a header row, read as-is by pandas (`read_csv`) and R
(`read.csv`). Missing values are empty cells; booleans are `true`/`false`; numbers use a
dot and at most six decimals. The columns and their types are declared once here and
rendered into the data dictionary of docs/learning-records.md (a test keeps them in step).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from game.interop.facts import DecisionFact, SessionFacts, scaled_score, seconds

Column = tuple[str, str, str]
"""(name, type, meaning); type is one of string, integer, number, boolean, json."""

KEY_COLUMNS: list[Column] = [
    ("session_id", "string", "session UUID (the xAPI registration)"),
    ("player", "string", "pseudonymous player id (never a name)"),
    ("vignette", "string", "scenario id"),
    ("content_sha256", "string", "SHA-256 of the vignette file played (content version)"),
    ("profile", "string", "trainee profile played"),
    ("risk_weight", "number", "learning points per harm point used for scoring"),
    ("mode", "string", "practice, assessment, workshop or headless"),
]

DECISION_COLUMNS: list[Column] = KEY_COLUMNS + [
    ("decision_index", "integer", "1 for the session's first decision, 2 for the next, ..."),
    ("decision", "string", "decision point id"),
    ("option", "string", "option chosen"),
    ("rung", "string", "rung of the ladder chosen (empty for a debrief decision)"),
    ("decided_by", "string", "player; timeout when the window ran out (watching); with "
                             "scoring v2 also waiting or preempted"),
    ("moment_s", "number", "seconds into the window (content time, before the pace "
                           "setting) when the supervisor acted or the window ran out"),
    ("window_s", "number", "length of the window in seconds (content time)"),
    ("moment_fraction", "number", "moment_s / window_s"),
    ("best_option", "string", "the scoring model's best admissible option"),
    ("best_moment_from_s", "number", "start of the interval of the window in which "
                                     "stepping in is best (empty without moments)"),
    ("best_moment_to_s", "number", "end of that interval (empty without moments)"),
    ("preempted", "boolean", "the trainee's self-correction, the mistake or the window's end "
                             "came before the intervention took effect"),
    ("window_event", "string", "self_correct or error when a window event decided what "
                               "happened (scoring v2), else empty"),
    ("q_chosen", "number", "Q-value of the option chosen"),
    ("q_best", "number", "Q-value of the best option"),
    ("q_values", "json", "every option's Q-value as a JSON object"),
    ("regret", "number", "expected regret of this choice at the moment it was made"),
    ("rating", "string", "safety rating of the choice: green, amber, red"),
    ("rule_broken", "string", "the safety rule the choice broke, if any"),
]

SESSION_COLUMNS: list[Column] = KEY_COLUMNS + [
    ("seed", "integer", "the session's seed"),
    ("started_at", "string", "ISO 8601 start (empty for reproducible headless runs)"),
    ("complete", "boolean", "false when the session was interrupted"),
    ("end", "string", "ending reached (empty when interrupted)"),
    ("duration_s", "number", "simulated seconds from start to end"),
    ("decisions", "integer", "number of decisions made"),
    ("learning", "number", "learning earned (empty when interrupted)"),
    ("harm_points", "number", "harm points (empty when interrupted)"),
    ("net", "number", "learning - risk_weight * harm_points"),
    ("regret", "number", "expected regret of the whole session"),
    ("safety_rating", "string", "green, amber or red"),
    ("safety_rule", "string", "the rule a choice broke (red), if any"),
    ("scaled_score", "number", "1 - regret / |best expected value|, clipped to [-1, 1]"),
    ("votes", "integer", "workshop votes recorded"),
    ("log_file", "string", "file name of the replay log"),
]


def export_csv(sessions: Iterable[SessionFacts], out: Path) -> tuple[int, int]:
    """Write both tables into `out`; returns (sessions, decisions) written."""
    out.mkdir(parents=True, exist_ok=True)
    n_sessions = n_decisions = 0
    with open(out / "sessions.csv", "w", encoding="utf-8", newline="") as fs, \
            open(out / "decisions.csv", "w", encoding="utf-8", newline="") as fd:
        sessions_w = _writer(fs, SESSION_COLUMNS)
        decisions_w = _writer(fd, DECISION_COLUMNS)
        for facts in sessions:
            sessions_w.writerow(_cells(session_row(facts), SESSION_COLUMNS))
            n_sessions += 1
            for d in facts.decisions:
                decisions_w.writerow(_cells(decision_row(facts, d), DECISION_COLUMNS))
                n_decisions += 1
    return n_sessions, n_decisions


def _writer(f: Any, columns: list[Column]) -> Any:
    w = csv.writer(f, lineterminator="\n")
    w.writerow([c[0] for c in columns])
    return w


def _keys(f: SessionFacts) -> dict[str, Any]:
    h = f.header
    return {"session_id": f.session_id, "player": f.player, "vignette": f.scenario.id,
            "content_sha256": h.get("scenario_sha256"), "profile": h.get("profile"),
            "risk_weight": float(h.get("risk_weight", 2.0)), "mode": h.get("mode")}


def decision_row(f: SessionFacts, d: DecisionFact) -> dict[str, Any]:
    return {**_keys(f), "decision_index": d.index, "decision": d.node, "option": d.chosen,
            "rung": d.rung, "decided_by": d.by, "moment_s": d.moment_s,
            "window_s": d.window_s,
            "moment_fraction": d.moment_s / d.window_s if d.window_s else 0.0,
            "best_option": d.best,
            "best_moment_from_s": d.best_moment_s[0] if d.best_moment_s else None,
            "best_moment_to_s": d.best_moment_s[1] if d.best_moment_s else None,
            "preempted": d.preempted, "window_event": d.window_event or None,
            "q_chosen": d.q_values.get(d.chosen), "q_best": d.q_values.get(d.best),
            "q_values": d.q_values, "regret": d.regret, "rating": d.rating,
            "rule_broken": d.broken}


def session_row(f: SessionFacts) -> dict[str, Any]:
    s = f.score
    row = {**_keys(f), "seed": f.header.get("seed"), "started_at": f.header.get("started_at"),
           "complete": f.complete, "end": f.end_node, "duration_s": seconds(f.end_tick),
           "decisions": len(f.decisions), "votes": len(f.votes),
           "regret": round(sum(d.regret for d in f.decisions), 6),
           "log_file": Path(f.path).name}
    if s is not None:
        row.update(learning=s.learning, harm_points=s.harm, net=s.net, regret=s.regret,
                   safety_rating=s.safety_rating, safety_rule=s.safety_rule,
                   scaled_score=scaled_score(s))
    return row


def _cells(row: dict[str, Any], columns: list[Column]) -> list[str]:
    return [_cell(row.get(name), kind) for name, kind, _ in columns]


def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "json":
        return json.dumps(value, separators=(",", ":"), sort_keys=True)
    if kind == "number":
        return f"{float(value):.6f}".rstrip("0").rstrip(".") if value == value else ""
    if kind == "integer":
        return str(int(value))
    return str(value)
