"""The xAPI vocabulary Safety Net uses: reused IRIs first, our own only where none fits.

Reused: ADL verbs and activity types (adlnet.gov), the MedBiquitous virtual-patient verb
`updated` (a counter of the case changed: here the harm ledger). Ours live under
`https://w3id.org/safetynet/xapi/` (see docs/xapi/README.md for who controls it).
"""

from __future__ import annotations

from dataclasses import dataclass

BASE = "https://w3id.org/safetynet/xapi"
PROFILE_ID = f"{BASE}/profile"
PROFILE_VERSION = f"{PROFILE_ID}/v1"
ACCOUNT_HOME = "https://w3id.org/safetynet"
"""Default homePage of player accounts; a programme may set its own in lrs.json."""

XAPI_VERSION = "1.0.3"


@dataclass(frozen=True)
class Verb:
    id: str
    display: str
    ours: bool = False

    def as_json(self) -> dict:
        return {"id": self.id, "display": {"en-US": self.display}}


ADL = "http://adlnet.gov/expapi/verbs"
LAUNCHED = Verb(f"{ADL}/launched", "launched")
INITIALIZED = Verb(f"{ADL}/initialized", "initialized")
ANSWERED = Verb(f"{ADL}/answered", "answered")
RESPONDED = Verb(f"{ADL}/responded", "responded")
COMMENTED = Verb(f"{ADL}/commented", "commented")
COMPLETED = Verb(f"{ADL}/completed", "completed")
UPDATED = Verb("https://w3id.org/xapi/medbiq/verbs/updated", "updated")
RESCUED = Verb(f"{BASE}/verbs/rescued", "rescued", ours=True)

ACT = "http://adlnet.gov/expapi/activities"
SIMULATION = f"{ACT}/simulation"
INTERACTION = f"{ACT}/cmi.interaction"
PROFILE_TYPE = f"{ACT}/profile"
HARM_LEDGER = f"{BASE}/activity-types/harm-ledger"
SCENARIO_NODE = f"{BASE}/activity-types/scenario-node"


def ext(name: str) -> str:
    return f"{BASE}/extensions/{name}"


# Context extensions: the conditions a session was played under.
SUPERVISION = ext("supervision-distance")
TRAINEE_PROFILE = ext("trainee-profile")
RISK_WEIGHT = ext("risk-weight")
CONTENT_SHA256 = ext("content-sha256")
MODE = ext("mode")
PACE = ext("pace")

# Result extensions of a decision.
RUNG = ext("rung")
MOMENT = ext("moment")
WINDOW = ext("window")
MOMENT_FRACTION = ext("moment-fraction")
DECIDED_BY = ext("decided-by")
BEST_OPTION = ext("best-option")
BEST_MOMENT = ext("best-moment")
Q_VALUES = ext("q-values")
REGRET = ext("regret")
RATING = ext("safety-rating")
PREEMPTED = ext("preempted")
WINDOW_EVENT = ext("window-event")

# Result extensions of harm, rescue, votes, notes and the completed session.
HARM_GRADE = ext("harm-grade")
HARM_POINTS = ext("harm-points")
NEVER_EVENT = ext("never-event")
RESCUE_KIND = ext("rescue-kind")
LEARNING = ext("learning")
NET = ext("net")
SAFETY_RULE = ext("safety-rule")
END_NODE = ext("end-node")
ROOM_FOLLOWED = ext("room-followed")
TOKEN_SOURCE = ext("token-source")
NOTE_SHA256 = ext("note-sha256")
NOTE_TICK = ext("tick")


def vignette_iri(scenario_id: str) -> str:
    return f"{BASE}/vignettes/{scenario_id}"


def decision_iri(scenario_id: str, node: str) -> str:
    return f"{BASE}/vignettes/{scenario_id}/decisions/{node}"


def node_iri(scenario_id: str, node: str) -> str:
    return f"{BASE}/vignettes/{scenario_id}/nodes/{node}"


def harm_iri(scenario_id: str) -> str:
    return f"{BASE}/vignettes/{scenario_id}/harm"
