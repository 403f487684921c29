"""Quality gate: figure extraction on the hand-annotated claims gold set stays above pinned
floors that only ever rise (tests/data/claims_floors.json), on both the development part and
the held-out part annotated after the rules were frozen."""

from __future__ import annotations

import itertools
import json

import pytest
from conftest import ROOT, SHARED

from storyline.evaluate.claims import ClaimScores, evaluate, load_gold

PARTS = {"development": ROOT / "tests" / "data" / "claims_gold",
         "held-out": ROOT / "tests" / "data" / "claims_heldout"}
FLOORS = json.loads((ROOT / "tests" / "data" / "claims_floors.json").read_text("utf-8"))["history"]
METRICS = ("f1", "low_high", "measure", "who", "attribution", "group_status")


@pytest.fixture(scope="module")
def scores() -> dict[str, ClaimScores]:
    return {part: evaluate(load_gold(folder, SHARED)) for part, folder in PARTS.items()}


def test_gold_set_is_as_large_as_promised() -> None:
    development, held_out = (load_gold(folder, SHARED) for folder in PARTS.values())
    everything = development + held_out
    assert sum(len(a.figures) for a in everything) >= 300
    assert len(everything) >= 60
    assert sum(len(a.figures) for a in held_out) >= 80
    t17_topics = {a.topic for a in everything if a.key.startswith("t17/")}
    assert len(t17_topics) >= 8
    assert len([a for a in development if a.key.startswith("seeds/")]) == 5


def test_gold_offsets_point_at_number_expressions() -> None:
    for folder in PARTS.values():
        for article in load_gold(folder, SHARED):
            for figure in article.figures:
                surface = article.text[figure.start : figure.end]
                assert surface and surface.strip() == surface, (article.key, figure)
                # Digits ("at least 84") or words ("Forty-four", "a quarter of a million").
                assert any(ch.isdigit() for ch in surface) or surface.replace("-", " ").replace(" ", "").isalpha()


def test_floors_only_rise() -> None:
    for before, after in itertools.pairwise(FLOORS):
        for part in PARTS:
            for metric in METRICS:
                assert after[part][metric] >= before[part][metric], (part, metric)


@pytest.mark.parametrize("part", list(PARTS))
def test_extraction_stays_above_floors(scores: dict[str, ClaimScores], part: str) -> None:
    measured = scores[part].as_dict()
    floor = FLOORS[-1][part]
    for metric in METRICS:
        assert measured[metric] >= floor[metric], (part, metric, measured)
