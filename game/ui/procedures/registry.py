"""Which view draws which procedure: scenes ask by the scenario's procedure name.

Kept as one small lookup so the scene code never imports individual views, and an unknown
or missing name still gets a sensible picture (the generic room view) instead of an error.
"""

from __future__ import annotations

from game.ui.procedures import ProcedureView
from game.ui.procedures.caesarean import CaesareanView
from game.ui.procedures.dissection import DissectionView
from game.ui.procedures.generic import GenericView
from game.ui.procedures.lumbar_puncture import LumbarPunctureView
from game.ui.procedures.trocar import TrocarView

_VIEWS: dict[str, ProcedureView] = {
    "lumbar_puncture": LumbarPunctureView(),
    "trocar": TrocarView(),
    "caesarean": CaesareanView(),
    "dissection": DissectionView(),
    "generic": GenericView(),
}


def view_for(name: str | None) -> ProcedureView:
    """The view for `name` ("lumbar_puncture", "trocar", "caesarean", ...); generic otherwise."""
    key = (name or "generic").strip().lower().replace("-", "_").replace(" ", "_")
    return _VIEWS.get(key, _VIEWS["generic"])


def view_names() -> list[str]:
    """The procedure names that have a dedicated view (for tests and the bench script)."""
    return list(_VIEWS)
