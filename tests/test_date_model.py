"""Supervised date models: training, ranking, date F1 and the nested choice of a variant,
on small synthetic statistics whose right answers are worked out by hand."""

from __future__ import annotations

import json
from datetime import date, timedelta

import numpy as np
import pytest

from storyline.analyze.date_model import (
    FALLBACK_VARIANT,
    SHIPPED_MODEL,
    VARIANTS,
    cross_validated_f1,
    date_f1,
    export_model,
    load_model,
    train_date_model,
    train_selected_model,
)
from storyline.analyze.dates import (
    DATEWISE_FEATURES,
    STORYLINE_FEATURES,
    DayTally,
    select_supervised,
)

START = date(2011, 1, 1)
FEATURES = ("sents_total", "docs_total")


def story(counts: list[int], gold_days: list[int]) -> tuple[dict[date, dict[str, float]], set[date]]:
    """Per-day statistics where day i is mentioned counts[i] times by as many articles."""
    stats = {
        START + timedelta(days=i): {"sents_total": float(c), "docs_total": float(c)} for i, c in enumerate(counts)
    }
    return stats, {START + timedelta(days=i) for i in gold_days}


# Training stories where the gold days are the most mentioned ones: any sensible model learns
# "more mentions, more likely a timeline date".
TRAINING = [
    ("a", *story([9, 1, 8, 1, 1, 7, 0], [0, 2, 5])),
    ("b", *story([1, 6, 1, 9, 0, 1], [1, 3])),
    ("c", *story([5, 0, 1, 1, 8, 2, 1], [0, 4])),
]


def test_a_trained_model_ranks_the_most_mentioned_days_first() -> None:
    model = train_date_model([(s, g) for _, s, g in TRAINING], FEATURES, "logistic")
    stats, _ = story([2, 7, 0, 5], [])
    assert [d for d, _ in model.ranking(stats)] == [START + timedelta(days=i) for i in (1, 3, 0, 2)]


def test_date_f1_averages_precision_and_recall_over_stories() -> None:
    model = train_date_model([(s, g) for _, s, g in TRAINING], FEATURES, "logistic")
    # Story 1: gold {0, 2}, top-2 by mentions {0, 1}: P = R = 1/2.
    # Story 2: gold {1}, top-1 {1}: P = R = 1. Means 3/4 and 3/4, so F1 = 0.75.
    examples = [("x", *story([4, 3, 2, 1], [0, 2])), ("y", *story([1, 5, 2], [1]))]
    assert date_f1(model, examples) == pytest.approx(0.75)


def test_only_days_inside_the_gold_span_are_counted() -> None:
    model = train_date_model([(s, g) for _, s, g in TRAINING], FEATURES, "logistic")
    # Day 0 is the most mentioned but lies before the gold span (days 1..3): it is not taken.
    examples = [("x", *story([9, 5, 1, 4], [1, 3]))]
    assert date_f1(model, examples) == pytest.approx(1.0)


def test_a_span_only_model_sees_only_the_span() -> None:
    model = train_date_model([(s, g) for _, s, g in TRAINING], FEATURES, "logistic", span_only=True)
    stats, _ = story([9, 5, 1, 4], [])
    within = (START + timedelta(days=1), START + timedelta(days=3))
    assert [d for d, _ in model.ranking(stats, within)] == [START + timedelta(days=i) for i in (1, 3, 2)]
    assert select_supervised(DayTally(), model=model, within=within) == []


def test_cross_validation_leaves_each_group_out() -> None:
    # With the gold days being the most mentioned in every story, every held-out group is
    # predicted perfectly whatever the variant.
    for variant in VARIANTS:
        assert cross_validated_f1(TRAINING, FEATURES, variant) == pytest.approx(1.0), variant


def noisy_examples(seed: int) -> list:  # type: ignore[type-arg]
    """Stories where mentions by sentences and by articles disagree, and gold days are only
    loosely the most mentioned: the variants score differently on these."""
    rng = np.random.default_rng(seed)
    examples = []
    for group in "abcdef":
        sents, docs = rng.integers(0, 10, 30), rng.integers(0, 5, 30)
        gold = {START + timedelta(days=int(i)) for i in np.argsort(-(sents + 3 * rng.random(30)))[:6]}
        stats = {
            START + timedelta(days=i): {"sents_total": float(sents[i]), "docs_total": float(docs[i])}
            for i in range(30)
        }
        examples.append((group, stats, gold))
    return examples


def test_the_chosen_variant_has_the_best_cross_validated_f1() -> None:
    examples = noisy_examples(3)
    scores = {v: cross_validated_f1(examples, FEATURES, v) for v in VARIANTS}
    assert len(set(scores.values())) > 1  # the choice is not a formality
    model = train_selected_model(examples, FEATURES)
    best = max(scores.values())
    assert model.variant == next(v for v in VARIANTS if scores[v] == best)  # ties: the earlier
    assert (model.span_only, model.features) == (VARIANTS[model.variant][1], FEATURES)


def test_with_one_group_there_is_nothing_to_compare_and_the_fallback_is_used() -> None:
    model = train_selected_model([TRAINING[0]], FEATURES)
    assert model.variant == FALLBACK_VARIANT


def test_training_without_both_classes_is_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="no day out"):
        train_date_model([story([1, 2], [0, 1])], FEATURES)


def test_an_exported_model_ranks_exactly_as_the_fitted_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for kind in ("linear", "logistic"):
        model = train_date_model([(s, g) for _, s, g in TRAINING], FEATURES, kind, variant=kind)
        path = tmp_path / f"{kind}.json"
        path.write_text(json.dumps(export_model(model, "three synthetic stories")))
        loaded = load_model(path)
        for _, stats, _ in noisy_examples(0):
            assert [d for d, _ in loaded.ranking(stats)] == [d for d, _ in model.ranking(stats)]
            assert np.allclose([x for _, x in loaded.ranking(stats)], [x for _, x in model.ranking(stats)])
        assert (loaded.variant, loaded.features) == (kind, FEATURES)


def test_boosted_models_are_not_exported() -> None:
    model = train_date_model([(s, g) for _, s, g in TRAINING], FEATURES, "boosted")
    with pytest.raises(TypeError, match="only linear"):
        export_model(model, "")


def test_a_broken_model_file_gets_a_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "model.json"
    path.write_text('{"features": ["sents_total"], "coef": [1.0, 2.0], "intercept": 0, "logistic": true}')
    with pytest.raises(ValueError, match="1 features, 2 weights"):
        load_model(path)
    path.write_text("not json")
    with pytest.raises(ValueError, match="cannot load the date model"):
        load_model(path)


def test_the_shipped_model_uses_statistics_we_compute_and_prefers_widely_reported_days() -> None:
    model = load_model(SHIPPED_MODEL)
    known = set(DATEWISE_FEATURES) | set(STORYLINE_FEATURES)
    assert set(model.features) <= known
    assert model.variant in VARIANTS
    # Day 1 is recalled afterwards by eight articles; day 0 by one article, twice; day 2 by none.
    quiet, busy, unmentioned = (START + timedelta(days=i) for i in range(3))
    stats = {
        quiet: {"sents_total": 2.0, "sents_before": 2.0, "docs_total": 1.0, "docs_before": 1.0},
        busy: {"sents_total": 8.0, "sents_before": 8.0, "docs_total": 8.0, "docs_before": 8.0},
        unmentioned: {},
    }
    assert [d for d, _ in model.ranking(stats)] == [busy, quiet, unmentioned]
