"""Scoring story discovery: B-cubed by hand, and a small real check on two Timeline17 topics."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import SHARED

from storyline.analyze.story_text import Item
from storyline.evaluate.discover import (
    Labelled,
    bcubed,
    ceiling,
    cluster_pool,
    load_keywords,
    prepare_pool,
    score,
    t17_documents,
)
from storyline.model import Article
from storyline.settings import DEFAULT

T17 = SHARED / "datasets" / "t17"
# Floors for the small real check below, a little under what it scored when written
# (B-cubed precision 1.0, F1 0.55: a small pile fragments into more stories than the big
# pool does, docs/benchmarks.md); raise them when discovery improves, never lower them silently.
FLOOR_PRECISION = 0.95
FLOOR_F1 = 0.5


def test_bcubed_by_hand() -> None:
    # Gold a a a b b; clusters {1,2} {3,4,5}: precision (1+1+1/3+2/3+2/3)/5, recall
    # (2/3+2/3+1/3+1+1)/5.
    precision, recall, f1 = bcubed(["a", "a", "a", "b", "b"], [1, 1, 2, 2, 2])
    assert precision == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall))
    assert bcubed(["a", "b"], [1, 2]) == (1.0, 1.0, 1.0)


def test_unscored_articles_still_cost_precision() -> None:
    # Only the first two are scored, but their cluster holds a "b" too.
    precision, recall, _ = bcubed(["a", "a", "b"], [1, 1, 1], [True, True, False])
    assert precision == pytest.approx(2 / 3)
    assert recall == 1.0


def test_the_ceiling_leaves_off_topic_articles_out_and_still_loses_their_recall() -> None:
    # Topic a: three on-topic articles and one off-topic; topic b: two on-topic.
    flags = [("a", True), ("a", True), ("a", True), ("a", False), ("b", True), ("b", True)]
    pool = [Labelled(Item(str(n), None, "", Counter()), label, on, Article(id=str(n), source=str(n), text=""))
            for n, (label, on) in enumerate(flags)]
    best = ceiling(pool)
    assert best[0] == best[1] == best[2] != best[4] == best[5]
    assert best[3] not in best[:3] + best[4:]
    # On-topic: precision 1; recall (3/4 * 3 + 1 + 1) / 5 = 0.85 (a's size counts the fourth).
    on = score(pool, best, on_topic_only=True)
    assert on.precision == 1.0
    assert on.recall == pytest.approx((3 * 3 / 4 + 2) / 5)
    # All: the off-topic article is alone, recall 1/4.
    assert score(pool, best).recall == pytest.approx((3 * 3 / 4 + 1 / 4 + 2) / 6)


@pytest.mark.skipif(not (T17 / "raw").is_dir(), reason="Timeline17 is not in ../shared/datasets")
def test_two_timeline17_topics_pooled_come_apart() -> None:
    documents = []
    for topic in ("haiti", "mj"):
        mine = sorted(t17_documents(T17, (topic,)), key=lambda d: (d[0].published or "", d[0].source))
        documents += mine[:40]
    pool = prepare_pool(documents, load_keywords(T17), DEFAULT.with_overrides(workers=1))
    scores = score(pool, cluster_pool(pool))
    assert scores.articles >= 75
    assert scores.precision >= FLOOR_PRECISION
    assert scores.f1 >= FLOOR_F1
