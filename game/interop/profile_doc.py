"""The Safety Net xAPI profile (xAPI Profiles 1.0, JSON-LD), built from the vocabulary.

`docs/xapi/profile.jsonld` is this function's output; a test regenerates it and compares, so
the published profile and the statements the code sends cannot drift apart. Regenerate with
`python -m game.interop.profile_doc > docs/xapi/profile.jsonld`.
"""

from __future__ import annotations

import json
from typing import Any

from game.interop import vocab as v

PUBLISHED = "2026-12-07T00:00:00Z"
T = f"{v.BASE}/templates"
P = f"{v.BASE}/patterns"


def _concept(kind: str, iri: str, label: str, definition: str, **extra: Any) -> dict:
    return {"id": iri, "type": kind, "inScheme": v.PROFILE_VERSION, "prefLabel": {"en": label},
            "definition": {"en": definition}, **extra}


def _schema(**schema: Any) -> str:
    return json.dumps(schema, separators=(",", ":"))


NUM, STR = _schema(type="number"), _schema(type="string")
RATINGS = _schema(type="string", enum=["green", "amber", "red"])

CONTEXT_EXTENSIONS = [
    (v.SUPERVISION, "supervision distance", "How far the supervisor is from the trainee at "
     "the time of the statement: direct (in the room), indirect (nearby, can come), distant "
     "(on the phone); it changes during a vignette when the supervisor is called in.",
     _schema(type="string", enum=["direct", "indirect", "distant"])),
    (v.TRAINEE_PROFILE, "trainee profile", "Id of the simulated trainee profile played "
     "(e.g. confident_junior); a profile of the vignette, never a person.", STR),
    (v.RISK_WEIGHT, "risk weight", "Learning points per harm point used for scoring.", NUM),
    (v.CONTENT_SHA256, "content hash", "SHA-256 of the vignette file played: which version "
     "of the content the records refer to.", _schema(type="string", pattern="^[0-9a-f]{64}$")),
    (v.MODE, "mode", "practice, assessment, workshop or headless.",
     _schema(type="string", enum=["practice", "assessment", "workshop", "headless"])),
]

RESULT_EXTENSIONS = [
    (v.RUNG, "rung", "The rung of the intervention ladder chosen: watch, probe, cue, guide "
     "or takeover.", _schema(type="string", enum=["watch", "probe", "cue", "guide",
                                                    "takeover"])),
    (v.MOMENT, "moment", "Seconds into the decision window when the supervisor chose.", NUM),
    (v.WINDOW, "window", "Length of the decision window in seconds.", NUM),
    (v.MOMENT_FRACTION, "moment in the window", "The moment as a fraction of the window "
     "(0 = as it opened).", _schema(type="number", minimum=0, maximum=1)),
    (v.DECIDED_BY, "decided by", "player (an intervention), timeout (the window ran out "
     "and the default, watching, followed), waiting or preempted (scoring model v2: the "
     "supervisor waited, or stepped in too late to act first).",
     _schema(type="string", enum=["player", "timeout", "waiting", "preempted"])),
    (v.BEST_OPTION, "best option", "The scoring model's best admissible option here.", STR),
    (v.BEST_MOMENT, "best moment", "The interval [from, to] of seconds into the window in "
     "which stepping in is best; present only when the scoring model computes moments.",
     _schema(type="array", minItems=2, maxItems=2)),
    (v.PREEMPTED, "preempted", "The trainee's self-correction, the mistake or the window's "
     "end came before the supervisor's intervention took effect.", _schema(type="boolean")),
    (v.WINDOW_EVENT, "window event", "What decided the window when it was not the "
     "supervisor: self_correct (the trainee corrected the mistake) or error (it happened).",
     _schema(type="string", enum=["self_correct", "error"])),
    (v.Q_VALUES, "Q-values", "Expected net value (learning minus risk weight times harm) of "
     "every option at this decision, by option id.", _schema(type="object")),
    (v.REGRET, "regret", "Expected regret: how far the choices were from the model's best, "
     "separate from luck.", NUM),
    (v.RATING, "safety rating", "green, amber or red.", RATINGS),
    (v.HARM_GRADE, "harm grade", "The harm grade as the vignette writes it (e.g. CD-I).",
     STR),
    (v.HARM_POINTS, "harm points", "Harm points so far (harm events) or in total "
     "(completed).", NUM),
    (v.ext("scenario-node"), "scenario node", "The vignette node where harm occurred.", STR),
    (v.NEVER_EVENT, "never-event", "The harm came from a step the vignette marks as a "
     "never-event: zero tolerance, whoever the trainee.", _schema(type="boolean")),
    (v.RESCUE_KIND, "rescue kind", "hands_on or verbal.",
     _schema(type="string", enum=["hands_on", "verbal"])),
    (v.LEARNING, "learning", "The trainee's learning earned in the session.", NUM),
    (v.NET, "net", "Learning minus risk weight times harm.", NUM),
    (v.SAFETY_RULE, "safety rule", "The safety rule a choice broke (red rating).", STR),
    (v.END_NODE, "end", "The vignette ending reached.", STR),
    (v.ROOM_FOLLOWED, "option the room followed", "In a workshop, the option the story "
     "followed after the vote.", STR),
    (v.TOKEN_SOURCE, "token source", "phone: the participant's own anonymous token; "
     "room-count: a vote the facilitator counted, with a token derived for that one vote.",
     _schema(type="string", enum=["phone", "room-count"])),
    (v.NOTE_SHA256, "note digest", "SHA-256 identifying a facilitator note.", STR),
    (v.NOTE_TICK, "tick", "Simulation tick (10 per second) a note is pinned to.",
     _schema(type="integer")),
]


def _concepts() -> list[dict]:
    out = [_concept("Verb", v.RESCUED.id, "rescued", "The supervisor stepped in to rescue "
                    "the patient after the trainee's mistake had happened (hands on or "
                    "verbally).")]
    out.append(_concept("ActivityType", v.HARM_LEDGER, "harm ledger", "The running count of "
                        "harm to the (fictional) patient in one vignette; it is `updated` "
                        "whenever harm occurs."))
    out.append(_concept("ActivityType", v.SCENARIO_NODE, "scenario node", "A point of a "
                        "vignette's story graph (a chance outcome or option)."))
    for iri, label, text, schema in CONTEXT_EXTENSIONS:
        out.append(_concept("ContextExtension", iri, label, text, inlineSchema=schema))
    for iri, label, text, schema in RESULT_EXTENSIONS:
        out.append(_concept("ResultExtension", iri, label, text, inlineSchema=schema))
    return out


def _included(*paths: str) -> list[dict]:
    return [{"location": p, "presence": "included"} for p in paths]


def _xr(iri: str) -> str:
    return f"$.result.extensions['{iri}']"


def _xc(iri: str) -> str:
    return f"$.context.extensions['{iri}']"


COMMON_RULES = _included("$.actor.account.name", "$.actor.account.homePage",
                         "$.context.registration", _xc(v.TRAINEE_PROFILE), _xc(v.RISK_WEIGHT),
                         _xc(v.CONTENT_SHA256), _xc(v.MODE)) + [
    {"location": _xc(v.SUPERVISION), "presence": "included",
     "any": ["direct", "indirect", "distant"]},
    {"location": "$.context.contextActivities.category[*].id", "presence": "included",
     "all": [v.PROFILE_VERSION]},
]


def _template(name: str, label: str, text: str, verb: str, obj: str | None,
              rules: list[dict], parent: bool = True) -> dict:
    t: dict[str, Any] = {
        "id": f"{T}/{name}", "type": "StatementTemplate", "inScheme": v.PROFILE_VERSION,
        "prefLabel": {"en": label}, "definition": {"en": text}, "verb": verb,
        "contextCategoryActivityType": [v.PROFILE_TYPE]}
    if obj:
        t["objectActivityType"] = obj
    if parent:
        t["contextParentActivityType"] = [v.SIMULATION]
    t["rules"] = COMMON_RULES + rules
    return t


def _templates() -> list[dict]:
    return [
        _template("launched", "session launched", "A vignette was opened.", v.LAUNCHED.id,
                  v.SIMULATION, [], parent=False),
        _template("initialized", "session initialized", "The session started with its "
                  "trainee profile and risk weight.", v.INITIALIZED.id, v.SIMULATION, [],
                  parent=False),
        _template("decision", "decision", "A decision point as a choice interaction: the "
                  "option chosen, its rung, the moment in the window, the best option, "
                  "Q-values and regret.", v.ANSWERED.id, v.INTERACTION, [
                      {"location": "$.object.definition.interactionType", "presence":
                       "included", "all": ["choice"]},
                      *_included("$.object.definition.choices", "$.result.response",
                                 _xr(v.MOMENT), _xr(v.WINDOW), _xr(v.MOMENT_FRACTION),
                                 _xr(v.DECIDED_BY), _xr(v.BEST_OPTION), _xr(v.Q_VALUES),
                                 _xr(v.REGRET), _xr(v.RATING), _xr(v.PREEMPTED)),
                      {"location": _xr(v.RUNG), "presence": "recommended"},
                      {"location": _xr(v.WINDOW_EVENT), "presence": "recommended"},
                      {"location": _xr(v.BEST_MOMENT), "presence": "recommended"}]),
        _template("vote", "workshop vote", "One participant's vote at a decision point in a "
                  "workshop; the actor is the participant's anonymous token.", v.RESPONDED.id,
                  v.INTERACTION, _included("$.result.response", "$.context.team",
                                           "$.context.instructor", _xr(v.ROOM_FOLLOWED),
                                           _xr(v.TOKEN_SOURCE))),
        _template("harm", "harm occurred", "Harm to the patient: the harm ledger was "
                  "updated.", v.UPDATED.id, v.HARM_LEDGER,
                  _included(_xr(v.HARM_GRADE), _xr(v.HARM_POINTS), _xr(v.NEVER_EVENT))),
        _template("rescue", "rescue", "The supervisor rescued after a mistake.", v.RESCUED.id,
                  v.SCENARIO_NODE, [{"location": _xr(v.RESCUE_KIND), "presence": "included",
                                     "any": ["hands_on", "verbal"]}]),
        _template("completed", "session completed", "The vignette ended; the result holds "
                  "the scaled score, learning, harm points, safety rating and regret.",
                  v.COMPLETED.id, v.SIMULATION, [
                      *_included("$.result.score.scaled", "$.result.score.raw",
                                 "$.result.success", _xr(v.LEARNING), _xr(v.HARM_POINTS),
                                 _xr(v.RATING), _xr(v.REGRET), _xr(v.NET)),
                      {"location": "$.result.completion", "presence": "included",
                       "all": [True]}], parent=False),
        _template("comment", "facilitator note", "A note pinned to a moment of the "
                  "recording; its text is sent only where the programme opted in.",
                  v.COMMENTED.id, None, _included(_xr(v.NOTE_SHA256), _xr(v.NOTE_TICK)),
                  parent=False),
    ]


def _pattern(name: str, label: str, text: str, primary: bool = False, **rule: Any) -> dict:
    p: dict[str, Any] = {"id": f"{P}/{name}", "type": "Pattern", "inScheme": v.PROFILE_VERSION,
                         "prefLabel": {"en": label}, "definition": {"en": text}}
    if primary:
        p["primary"] = True
    p.update(rule)
    return p


def _patterns() -> list[dict]:
    return [
        _pattern("session", "a session", "What one recorded session emits, in order.", True,
                 sequence=[f"{T}/launched", f"{T}/initialized", f"{P}/events",
                           f"{P}/ending", f"{P}/notes"]),
        _pattern("event", "an event", "A vote, a decision, harm or a rescue.",
                 alternates=[f"{T}/vote", f"{T}/decision", f"{T}/harm", f"{T}/rescue"]),
        _pattern("events", "the events", "The session's events in time order (at one tick: "
                 "votes, the decision, its consequences).", zeroOrMore=f"{P}/event"),
        _pattern("ending", "the ending", "Completed, unless the session was interrupted.",
                 optional=f"{T}/completed"),
        _pattern("notes", "the notes", "Facilitator notes on the recording.",
                 zeroOrMore=f"{T}/comment"),
    ]


def build_profile() -> dict:
    return {
        "@context": "https://w3id.org/xapi/profiles/context",
        "id": v.PROFILE_ID, "type": "Profile",
        "conformsTo": "https://w3id.org/xapi/profiles#1.0",
        "prefLabel": {"en": "Safety Net: supervision decisions"},
        "definition": {"en": "Learning records of a simulation in which a clinical supervisor "
                             "decides whether, and when, to let a trainee make a mistake: "
                             "each decision with its rung on the intervention ladder, its "
                             "moment in the window, the model's best option, harm, rescues, "
                             "workshop votes and the session's result."},
        "seeAlso": "https://w3id.org/safetynet/xapi",
        "author": {"type": "Organization", "name": "Safety Net"},
        "versions": [{"id": v.PROFILE_VERSION, "generatedAtTime": PUBLISHED}],
        "concepts": _concepts(), "templates": _templates(), "patterns": _patterns(),
    }


def profile_text() -> str:
    return json.dumps(build_profile(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(profile_text(), end="")
