"""Quality gate: boilerplate removal on the golden set stays above pinned floors, which only
ever rise (tests/data/boilerplate_floors.json), and beats trafilatura alone on HTML."""

from __future__ import annotations

import itertools
import json

import pytest
from conftest import ROOT, SHARED

from storyline.evaluate.boilerplate import (
    load_golden,
    score,
    storyline_cleaner,
    trafilatura_cleaner,
)

GOLD = ROOT / "tests" / "data" / "boilerplate_gold"
FLOORS = json.loads((ROOT / "tests" / "data" / "boilerplate_floors.json").read_text("utf-8"))["history"]


@pytest.fixture(scope="module")
def golden():  # type: ignore[no-untyped-def]
    return load_golden(GOLD, SHARED)


def test_golden_set_has_forty_documents_with_seeds(golden) -> None:  # type: ignore[no-untyped-def]
    assert len(golden) >= 40
    assert sum(1 for d in golden if d.name.endswith(".html")) >= 10
    assert sum(1 for d in golden if d.name[:3] in {"000", "001", "002", "003", "004"} and "_" in d.name) == 5


def test_floors_only_rise() -> None:
    for before, after in itertools.pairwise(FLOORS):
        assert after["precision"] >= before["precision"] and after["recall"] >= before["recall"]


def test_cleaning_stays_above_floors(golden) -> None:  # type: ignore[no-untyped-def]
    scores = score(golden, storyline_cleaner())
    floor = FLOORS[-1]
    assert scores.recall >= floor["recall"], scores.misses
    assert scores.precision >= floor["precision"], scores.leaks


def test_html_cleaning_is_no_worse_than_trafilatura_alone(golden) -> None:  # type: ignore[no-untyped-def]
    html = [d for d in golden if d.kind == "html"]
    ours, theirs = score(html, storyline_cleaner()), score(html, trafilatura_cleaner())
    assert ours.recall >= theirs.recall - 0.02
    assert ours.precision >= theirs.precision
