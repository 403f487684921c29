"""Which day each sentence reports on, and which days matter for the timeline.

Date selectors are registered by name (`DATE_SELECTORS`) with one signature, so that a
benchmark can compare them: `select(sentences, articles, model=None, within=None) ->
[(day, score)]`, a full ranking, best first; the timeline takes from the top what it needs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import numpy as np

from storyline.annotate.temporal import MIN_DATING_CONFIDENCE, sentence_day
from storyline.model import Article, DatedSentence, Sentence, TimeMention

# A sentence dated only by its article's publication date is weaker evidence that
# something happened that day than an explicit mention ("on Wednesday").
PUBLICATION_WEIGHT = 0.5
# A day reached through a publication date that was inferred from the text (ingest/undated.py)
# rather than found (the date itself, or "on Thursday" resolved against it) counts this much
# of the same evidence from a dated article: `storyline eval dating` puts an inferred day on
# the right day about 60% of the time, a found date about 99%.
INFERRED_WEIGHT = 0.5
# One article may support a day with at most this much weight, so a long article that
# repeats "on Monday" does not outvote several outlets.
MAX_WEIGHT_PER_ARTICLE = 2.0


def date_sentences(
    article: Article, sentences: Sequence[Sentence], mentions: Sequence[TimeMention]
) -> list[DatedSentence]:
    """Attach mentions to their sentences and choose the day each sentence is about.

    A sentence with a confident day mention is about that day; one with no confident time
    mention at all is taken to report news of the publication day; one that only mentions
    a month or a year is about no particular day.
    """
    dated: list[DatedSentence] = []
    ordered = sorted(mentions, key=lambda m: m.start)
    cursor = 0
    for sentence in sentences:
        while cursor < len(ordered) and ordered[cursor].start < sentence.start:
            cursor += 1
        inside: list[TimeMention] = []
        probe = cursor
        while probe < len(ordered) and ordered[probe].start < sentence.end:
            inside.append(ordered[probe])
            probe += 1
        day_mention = sentence_day(inside)
        confident = [m for m in inside if m.confidence >= MIN_DATING_CONFIDENCE]
        if day_mention is not None:
            dated.append(DatedSentence(sentence, tuple(inside), day_mention.day, "mention"))
        elif not confident and article.published is not None:
            dated.append(DatedSentence(sentence, tuple(inside), article.published, "publication"))
        else:
            dated.append(DatedSentence(sentence, tuple(inside), None, "none"))
    return dated


def sentence_weight(item: DatedSentence, article: Article | None = None) -> float:
    """How strongly a dated sentence says something happened on its day."""
    weight = 1.0 if item.day_from == "mention" else PUBLICATION_WEIGHT
    return weight * inferred_factor(item, article)


def inferred_factor(item: DatedSentence, article: Article | None) -> float:
    """INFERRED_WEIGHT when the sentence's day rests on an inferred publication date, else 1."""
    if article is None or article.published_from != "inferred":
        return 1.0
    if item.day_from == "publication":
        return INFERRED_WEIGHT
    mention = sentence_day(list(item.mentions)) if item.day_from == "mention" else None
    return INFERRED_WEIGHT if mention is not None and "publication" in mention.how else 1.0


DateSelector = Callable[..., list[tuple[date, float]]]


def select_by_mentions(
    sentences: Sequence[DatedSentence], articles: dict[str, Article], model: object = None,
    within: tuple[date, date] | None = None,
) -> list[tuple[date, float]]:
    """Rank days by how many sentences of how many independent articles report them."""
    per_article: dict[tuple[date, str], float] = defaultdict(float)
    for item in sentences:
        if item.day is not None:
            per_article[(item.day, item.sentence.article)] += sentence_weight(
                item, articles[item.sentence.article]
            )
    scores: dict[date, float] = defaultdict(float)
    for (day, article), weight in per_article.items():
        scores[day] += min(weight, MAX_WEIGHT_PER_ARTICLE) * _outlet_count(articles[article])
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


def _outlet_count(article: Article) -> float:
    # A wire copy carried by several outlets is one source: it counts a little more than
    # one article (wider reach) but far less than independent reports.
    return 1.0 + 0.1 * len(article.copy_outlets)


def select_by_mention_count(
    sentences: Sequence[DatedSentence], articles: dict[str, Article], model: object = None,
    within: tuple[date, date] | None = None,
) -> list[tuple[date, float]]:
    """DATEWISE's MentionCount: sentences whose first day-level expression is that day."""
    counts: dict[date, float] = defaultdict(float)
    for item in sentences:
        if item.day is not None and item.day_from == "mention":
            counts[item.day] += 1
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


# Per-day statistics that supervised date rankers learn from. DATEWISE's seven (Gholipour
# Ghalandari & Ifrim 2020; its `docs_published` is never filled in news-tls, so it is always 0
# there, kept for fidelity as `docs_published_zero`); ours drop that column and add six.
DATEWISE_FEATURES = (
    "sents_total", "sents_before", "sents_after", "docs_total", "docs_before", "docs_after",
    "docs_published_zero",
)
STORYLINE_FEATURES = DATEWISE_FEATURES[:-1] + (
    "docs_published", "sents_published", "outlets", "sents_total_log", "docs_total_log",
    "neighbour_mentions",
)


def date_statistics(
    sentences: Sequence[DatedSentence], articles: dict[str, Article]
) -> dict[date, dict[str, float]]:
    """Counts of how each day is mentioned, by sentences and by articles, before or after
    their publication, and how many articles were published that day."""
    stats: dict[date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    mentioned: dict[date, set[str]] = defaultdict(set)
    for item in sentences:
        article = articles[item.sentence.article]
        published = article.published
        if item.day is None:
            continue
        weight = inferred_factor(item, article)
        if item.day_from == "publication":
            stats[item.day]["sents_published"] += weight
            continue
        row = stats[item.day]
        row["sents_total"] += weight
        if published is not None and item.day < published:
            row["sents_before"] += weight
        elif published is not None and item.day > published:
            row["sents_after"] += weight
        mentioned[item.day].add(article.id)
    for day, ids in mentioned.items():
        row = stats[day]
        row["docs_total"] = len(ids)
        outlets = set()
        for key in ids:
            article = articles[key]
            outlets.add(article.outlet or article.source)
            if article.published is not None and day < article.published:
                row["docs_before"] += 1
            elif article.published is not None and day > article.published:
                row["docs_after"] += 1
        row["outlets"] = len(outlets)
    for article in articles.values():
        if article.published is not None:
            inferred = article.published_from == "inferred"
            stats[article.published]["docs_published"] += INFERRED_WEIGHT if inferred else 1
    for day, row in stats.items():
        row["sents_total_log"] = math.log1p(row["sents_total"])
        row["docs_total_log"] = math.log1p(row["docs_total"])
        row["neighbour_mentions"] = sum(
            stats[day + timedelta(days=d)]["sents_total"] for d in (-1, 1) if day + timedelta(days=d) in stats
        )
    return stats


def feature_matrix(
    stats: dict[date, dict[str, float]], names: Sequence[str]
) -> tuple[list[date], np.ndarray]:
    """Days (sorted) and their features, each column scaled to unit L2 norm as DATEWISE does
    (so figures from collections of different sizes are comparable)."""
    days = sorted(stats)
    matrix = np.array([[stats[d].get(n, 0.0) for n in names] for d in days], dtype=float)
    if matrix.size:
        norms = np.linalg.norm(matrix, axis=0)
        norms[norms == 0] = 1.0
        matrix = matrix / norms
    return days, matrix


def select_supervised(
    sentences: Sequence[DatedSentence], articles: dict[str, Article], model: object = None,
    within: tuple[date, date] | None = None,
) -> list[tuple[date, float]]:
    """Rank days by a trained model's score; `model` is a DateModel (analyze/date_model.py).
    A model trained on statistics of the story's span only sees days `within` it."""
    if model is None:
        raise ValueError("the supervised date selector needs a trained model")
    return model.ranking(date_statistics(sentences, articles), within)  # type: ignore[attr-defined]


DATE_SELECTORS: dict[str, DateSelector] = {
    "mentions": select_by_mentions,
    "mention-count": select_by_mention_count,
    "supervised": select_supervised,
}
