"""Which day each sentence reports on, and which days matter for the timeline.

Date selectors are registered by name (`DATE_SELECTORS`) with one signature, so that a
benchmark can compare them: `select(sentences, articles, limit) -> [(day, score)]`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date

from storyline.annotate.temporal import MIN_DATING_CONFIDENCE, sentence_day
from storyline.model import Article, DatedSentence, Sentence, TimeMention

# A sentence dated only by its article's publication date is weaker evidence that
# something happened that day than an explicit mention ("on Wednesday").
PUBLICATION_WEIGHT = 0.5
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


def sentence_weight(item: DatedSentence) -> float:
    """How strongly a dated sentence says something happened on its day."""
    return 1.0 if item.day_from == "mention" else PUBLICATION_WEIGHT


DateSelector = Callable[[Sequence[DatedSentence], dict[str, Article], int], list[tuple[date, float]]]


def select_by_mentions(
    sentences: Sequence[DatedSentence], articles: dict[str, Article], limit: int
) -> list[tuple[date, float]]:
    """Rank days by how many sentences of how many independent articles report them."""
    per_article: dict[tuple[date, str], float] = defaultdict(float)
    for item in sentences:
        if item.day is not None:
            per_article[(item.day, item.sentence.article)] += sentence_weight(item)
    scores: dict[date, float] = defaultdict(float)
    for (day, article), weight in per_article.items():
        scores[day] += min(weight, MAX_WEIGHT_PER_ARTICLE) * _outlet_count(articles[article])
    ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
    return ranked[:limit]


def _outlet_count(article: Article) -> float:
    # A wire copy carried by several outlets is one source: it counts a little more than
    # one article (wider reach) but far less than independent reports.
    return 1.0 + 0.1 * len(article.copy_outlets)


DATE_SELECTORS: dict[str, DateSelector] = {"mentions": select_by_mentions}
