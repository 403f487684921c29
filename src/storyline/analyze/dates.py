"""Which day each sentence reports on, and which days matter for the timeline.

Date selectors are registered by name (`DATE_SELECTORS`) with one signature, so that a
benchmark can compare them: `select(tally, model=None, within=None) -> [(day, score)]`, a
full ranking, best first, from a `DayTally` of the story's sentences; the timeline takes from
the top what it needs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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


@dataclass
class DayTally:
    """What every date selector needs to know of a story's sentences, summed per day and
    gathered one article at a time: the story stage can rank the days of a corpus whose
    sentences it never holds in memory all at once (pipeline's streamed build), and gets the
    same ranking as from a list of every sentence.

    Sums of sentence weights are sums of powers of two (1, 0.5, 0.25), exact in floating
    point, so they do not depend on the order articles are added in."""

    rows: dict[date, dict[str, float]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(float)))
    outlets: dict[date, set[str]] = field(default_factory=lambda: defaultdict(set))
    weights: dict[date, float] = field(default_factory=lambda: defaultdict(float))  # `mentions`
    counts: dict[date, float] = field(default_factory=lambda: defaultdict(float))  # `mention-count`
    days: set[date] = field(default_factory=set)  # days with at least one sentence

    def add(self, article: Article, sentences: Sequence[DatedSentence]) -> None:
        """One article's sentences (every one of them from `article`)."""
        per_day: dict[date, list[float]] = {}  # day -> [mention weight, publication weight, count, weight]
        for item in sentences:
            if item.day is None:
                continue
            factor = inferred_factor(item, article)
            sums = per_day.setdefault(item.day, [0.0, 0.0, 0.0, 0.0])
            if item.day_from == "mention":
                sums[0] += factor
                sums[2] += 1
                sums[3] += factor
            else:
                sums[1] += factor
                sums[3] += PUBLICATION_WEIGHT * factor
        self._add_sums(article, per_day)

    def add_counts(self, article: Article, counts: Sequence[tuple[date, int, int]]) -> None:
        """`add` from counts alone, for an article whose publication date was not inferred
        (so every sentence weighs 1): (day, sentences dated by a mention, sentences dated by
        publication), days in the order of their first sentence."""
        if article.published_from == "inferred":
            raise ValueError("an article with an inferred date needs its sentences (`add`)")
        self._add_sums(article, {
            day: [float(mention), float(publication), float(mention), mention + PUBLICATION_WEIGHT * publication]
            for day, mention, publication in counts
        })

    def _add_sums(self, article: Article, per_day: dict[date, list[float]]) -> None:
        published = article.published
        outlet = article.outlet or article.source
        reach = _outlet_count(article)
        for day, (mention, publication, count, weight) in per_day.items():
            self.days.add(day)
            self.weights[day] += min(weight, MAX_WEIGHT_PER_ARTICLE) * reach
            row = self.rows[day]
            if publication:
                row["sents_published"] += publication
            if not count:
                continue
            self.counts[day] += count
            row["sents_total"] += mention
            row["docs_total"] += 1
            self.outlets[day].add(outlet)
            if published is not None and day < published:
                row["sents_before"] += mention
                row["docs_before"] += 1
            elif published is not None and day > published:
                row["sents_after"] += mention
                row["docs_after"] += 1

    def add_published(self, article: Article) -> None:
        """Count the article's publication day (every article of the story, with or without
        sentences)."""
        if article.published is not None:
            inferred = article.published_from == "inferred"
            self.rows[article.published]["docs_published"] += INFERRED_WEIGHT if inferred else 1

    def statistics(self) -> dict[date, dict[str, float]]:
        """Counts of how each day is mentioned, by sentences and by articles, before or after
        their publication, and how many articles were published that day."""
        stats: dict[date, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for day, row in self.rows.items():
            stats[day].update(row)
        for day, outlets in self.outlets.items():
            stats[day]["outlets"] = len(outlets)
        for day, row in stats.items():
            row["sents_total_log"] = math.log1p(row["sents_total"])
            row["docs_total_log"] = math.log1p(row["docs_total"])
            row["neighbour_mentions"] = sum(
                stats[day + timedelta(days=d)]["sents_total"] for d in (-1, 1) if day + timedelta(days=d) in stats
            )
        return stats


def tally(sentences: Sequence[DatedSentence], articles: dict[str, Article]) -> DayTally:
    """The tally of a list of sentences (grouped by article) and the articles they are from."""
    by_article: dict[str, list[DatedSentence]] = {}
    for item in sentences:
        by_article.setdefault(item.sentence.article, []).append(item)
    counted = DayTally()
    for key, items in by_article.items():
        counted.add(articles[key], items)
    for article in articles.values():
        counted.add_published(article)
    return counted


def select_by_mentions(
    counted: DayTally, model: object = None, within: tuple[date, date] | None = None,
) -> list[tuple[date, float]]:
    """Rank days by how many sentences of how many independent articles report them (one
    article counts for at most MAX_WEIGHT_PER_ARTICLE)."""
    return sorted(counted.weights.items(), key=lambda pair: (-pair[1], pair[0]))


def _outlet_count(article: Article) -> float:
    # A wire copy carried by several outlets is one source: it counts a little more than
    # one article (wider reach) but far less than independent reports.
    return 1.0 + 0.1 * len(article.copy_outlets)


def select_by_mention_count(
    counted: DayTally, model: object = None, within: tuple[date, date] | None = None,
) -> list[tuple[date, float]]:
    """DATEWISE's MentionCount: sentences whose first day-level expression is that day."""
    return sorted(counted.counts.items(), key=lambda pair: (-pair[1], pair[0]))


def date_statistics(
    sentences: Sequence[DatedSentence], articles: dict[str, Article]
) -> dict[date, dict[str, float]]:
    """Counts of how each day is mentioned (`DayTally.statistics`) in a list of sentences."""
    return tally(sentences, articles).statistics()


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
    counted: DayTally, model: object = None, within: tuple[date, date] | None = None,
) -> list[tuple[date, float]]:
    """Rank days by a trained model's score; `model` is a DateModel (analyze/date_model.py).
    A model trained on statistics of the story's span only sees days `within` it."""
    if model is None:
        raise ValueError("the supervised date selector needs a trained model")
    return model.ranking(counted.statistics(), within)  # type: ignore[attr-defined]


DATE_SELECTORS: dict[str, DateSelector] = {
    "mentions": select_by_mentions,
    "mention-count": select_by_mention_count,
    "supervised": select_supervised,
}
