"""An independent check: every statement validates against Ralph's xAPI 1.0.3 models."""

from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement

from game.interop.facts import load_facts
from game.interop.statements import ExportOptions, session_statements
from tests.interop.helpers import finder as library_finder
from tests.interop.helpers import library, record, record_interrupted, record_workshop


@pytest.fixture(scope="module")
def statements(tmp_path_factory) -> list[dict]:
    from game.replay.annotations import Note, add_note
    folder = tmp_path_factory.mktemp("ralph")
    lib = library()
    paths = [record(folder, s, "random", seed=5, started_at=None if i % 2 else
                    "2026-11-22T10:31:05+00:00") for i, s in enumerate(lib.values())]
    paths += [record_workshop(folder, lib["procedural_sedation"]),
              record_interrupted(folder, lib["lumbar_puncture"])]
    add_note(paths[0], Note(12, "Ünïcödé note ✓"))
    find = library_finder()
    options = ExportOptions(include_note_text=True)
    return [s for p in paths for s in session_statements(load_facts(p, find), options)]


def test_every_statement_is_valid_for_ralph(statements):
    verbs = set()
    for statement in statements:
        BaseXapiStatement.model_validate(statement)
        verbs.add(statement["verb"]["display"]["en-US"])
    assert verbs == {"launched", "initialized", "answered", "responded", "updated",
                     "rescued", "completed", "commented"}


@pytest.mark.parametrize("mutate", [
    lambda s: s["result"]["score"].update(scaled=1.5),
    lambda s: s["context"].update(registration="session-1"),
    lambda s: s["actor"]["account"].update(homePage="not an iri"),
    lambda s: s.update(id="not-a-uuid"),
])
def test_ralph_would_catch_a_malformed_statement(statements, mutate):
    """The check above can fail: the same models refuse statements we could get wrong."""
    completed = copy.deepcopy(next(s for s in statements
                                   if s["verb"]["display"]["en-US"] == "completed"))
    mutate(completed)
    with pytest.raises(ValidationError):
        BaseXapiStatement.model_validate(completed)
