"""Which view draws which procedure: scenes ask by the scenario's procedure name.

The names are not declared here: `game.content.procedure_schema.VIEWS` is the one list of
procedure views and their `procedure:` keys (the validator checks scenarios against it and
the authoring guide's table is generated from it). This module only says which class draws
each of them, and `tests/ui/test_procedure_views.py` fails if a schema view has no renderer
or a renderer has no schema view. An unknown or missing name still gets a sensible picture
(the generic room view) instead of an error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from game.content.procedure_schema import VIEWS
from game.ui.procedures import ProcedureView
from game.ui.procedures.caesarean import CaesareanView
from game.ui.procedures.dissection import DissectionView
from game.ui.procedures.generic import GenericView
from game.ui.procedures.lumbar_puncture import LumbarPunctureView
from game.ui.procedures.trocar import TrocarView

FALLBACK = "generic"
"""The schema's fallback view, which also draws any name the schema does not know."""

RENDERERS: Mapping[str, Callable[[], ProcedureView]] = {
    "lumbar_puncture": LumbarPunctureView,
    "trocar": TrocarView,
    "caesarean": CaesareanView,
    "dissection": DissectionView,
    FALLBACK: GenericView,
}
"""The class that draws each view named in `procedure_schema.VIEWS`."""

_VIEWS: dict[str, ProcedureView] = {name: RENDERERS.get(name, GenericView)() for name in VIEWS}


def view_for(name: str | None) -> ProcedureView:
    """The view for `name` ("lumbar_puncture", "trocar", "caesarean", ...); generic otherwise."""
    key = (name or FALLBACK).strip().lower().replace("-", "_").replace(" ", "_")
    return _VIEWS.get(key, _VIEWS[FALLBACK])


def view_names() -> list[str]:
    """The procedure views the schema declares, each with its renderer (tests, the bench)."""
    return list(_VIEWS)
