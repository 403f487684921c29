"""Events: the sentences of one day, from every article, that report the same happening.

A timeline day's candidate sentences (its pool: the EVENT_POOL most central, analyze/rank.py's
centroid score) are clustered by what they say: TF-IDF over their words with the time
expressions cut out (two reports of one day share the day, which says nothing about whether
they tell one happening), plus the story's canonical names of the places and actors they
name (analyze/names.py) as extra terms, so "Ramousseh" and "Ramussa" count as one word.
Average linkage, cut where the mean similarity of two groups falls below LINK. An event's
independent sources are its articles, a merged wire copy and its carriers counting once, and
two articles of one outlet once; its salience adds, per source, how firmly that source dates
it (a named day 1, the publication day alone 0.5).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from storyline.analyze.dates import sentence_weight
from storyline.analyze.names import Names
from storyline.analyze.rank import REDUNDANCY, centroid_scores
from storyline.analyze.standalone import dangling
from storyline.model import Article, Citation, DatedSentence, Entity, Event

# Calibrated by bench/events_calibration.py on 14 sentence pairs of the example story and the
# seeds judged by hand: pairs telling one happening score 0.21-0.75 (two more, 0.04 and 0.12,
# share almost no words: "the assault began Sunday" / "launched a major assault"), pairs
# telling two score 0.00-0.15 (the highest: two lines of one article that both name Aleppo).
# 0.17 joins the 6 separable pairs and keeps all 6 different ones apart.
LINK = 0.17
# Sentences per day that events (and the entity recogniser, annotate/entities.py) look at:
# entries quote from the top few, and 40 a day keep events at about 6.5% of a Timeline17 build
# (bench/events.py; docs/benchmarks.md, "Events and entities").
EVENT_POOL = 40
# A place or actor counts as this many words of a sentence (by eye on the seeds: names are
# what two reports of one happening most reliably share).
NAME_WEIGHT = 2
# Two sentences at most this many lines apart in one article often tell one happening
# ("ISIS claimed a suicide bombing on a bus ..." and, two lines on, "ISIS claimed
# responsibility for the attack ..."): their similarity gets this bonus, which lifts that pair
# from 0.16 to 0.21 and no different pair of the calibration set above LINK.
NEIGHBOUR_LINES = 2
NEIGHBOUR_BONUS = 0.05
# Choosing an event's headline: closeness to the day's centre (analyze/rank.py's score) plus
# this share of closeness to the event's own centre (0, 0.5 and 1 score within 0.0003 AR-1 on
# two Timeline17 topics; 0.5 keeps the headline typical of its event), less penalties for a
# sentence that cannot stand alone (analyze/standalone.py) and for a report written before
# the day it tells of, a plan or a forecast (by eye on the example story: "is due to open on
# Monday, March 17" yields to "opened on Monday").
EVENT_CENTRE_WEIGHT = 0.5
DANGLING_PENALTY = 0.3
FORECAST_PENALTY = 0.2
# A second sentence from a source already quoted is worth this much less in an entry
# (analyze/rank.py's SAME_ARTICLE_PENALTY, for sources): a day told by as many outlets as
# report it. Timeline17's articles carry no outlet, so there it is the article penalty.
SAME_SOURCE_PENALTY = 0.2
# Entries never quote a quote torn from its context (analyze/standalone.py's reasons).
ENTRY_EXCLUDES = ("bare quote", "part of a quote")
# Reporting words say who told the news, not what happened.
_STOP = sorted(ENGLISH_STOP_WORDS | {
    "said", "says", "say", "told", "tells", "according", "reported", "reports", "added", "adds",
    "statement", "news", "agency", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "today", "yesterday", "tonight", "week", "weeks", "day", "days",
    "month", "months", "year", "years", "earlier", "later", "late", "early",
})


@dataclass(frozen=True, slots=True)
class DayEvents:
    """One day's events, most salient first: each event's members are indices into the
    pool's sentences, most representative first; `similarity` is the pool's cosine
    similarity matrix."""

    day: date
    ranked: Pool
    events: tuple[Event, ...]
    members: tuple[tuple[int, ...], ...]
    similarity: np.ndarray
    sources: tuple[str, ...]  # the independent source of each pool sentence


@dataclass(frozen=True, slots=True)
class Pool:
    """The sentences of a day that events look at, most central first, with their closeness
    to the day's centre (analyze/rank.py's score, bonuses included)."""

    sentences: tuple[DatedSentence, ...]
    relevance: tuple[float, ...]


def pool_of(candidates: Sequence[DatedSentence], size: int = EVENT_POOL) -> Pool:
    """The `size` candidates closest to the day's centroid, best first; ties keep the
    candidates' order."""
    if not candidates:
        return Pool((), ())
    scores, _ = centroid_scores(candidates)
    order = sorted(range(len(candidates)), key=lambda i: (-scores[i], i))[:size]
    return Pool(tuple(candidates[i] for i in order), tuple(scores[i] for i in order))


def event_vectorizer(
    pools: Sequence[Pool], entities: Mapping[tuple[str, int], Sequence[Entity]], names: Names,
) -> TfidfVectorizer | None:
    """TF-IDF fitted on every pool of the story, so that a name the whole story repeats
    ("Aleppo") weighs less than one a single happening has ("Atmeh"); None if no word is
    left once stop words and dates are cut."""
    texts = [_features(item, _names_in(item, entities, names)) for pool in pools for item in pool.sentences]
    try:
        return TfidfVectorizer(stop_words=_STOP, sublinear_tf=True).fit(texts)
    except ValueError:
        return None


def day_events(
    day: date,
    ranked: Pool,
    entities: Mapping[tuple[str, int], Sequence[Entity]],
    names: Names,
    articles: Mapping[str, Article],
    claims_of: Mapping[tuple[str, int], Sequence[str]],
    vectorizer: TfidfVectorizer | None,
) -> DayEvents:
    """Group a day's pool into events and describe each (see the module docstring)."""
    pool, relevance = ranked.sentences, ranked.relevance
    named = [_names_in(item, entities, names) for item in pool]
    vectors = None
    if vectorizer is not None and pool:
        vectors = vectorizer.transform([_features(item, n) for item, n in zip(pool, named, strict=True)])
    similarity = _similarity(pool, vectors)
    described = []
    for group in _clusters(similarity):
        order = _representative_order(group, pool, vectors, relevance, articles)
        described.append((order, _salience(order, pool, articles)))
    described.sort(key=lambda pair: (-pair[1], -len(pair[0]), min(pair[0])))
    events = tuple(
        _event(f"ev-{day:%Y%m%d}-{number}", day, order, salience, pool, named, articles, claims_of, names)
        for number, (order, salience) in enumerate(described, start=1)
    )
    sources = tuple(_source(articles[item.sentence.article]) for item in pool)
    return DayEvents(day, ranked, events, tuple(order for order, _ in described), similarity, sources)


def _similarity(pool: Sequence[DatedSentence], vectors: object) -> np.ndarray:
    """Cosine similarity of the pool's sentences, plus NEIGHBOUR_BONUS for two sentences a
    few lines apart in one article (news copy tells one happening in consecutive lines)."""
    size = len(pool)
    if vectors is None:
        similarity = np.eye(size)
    else:
        similarity = np.asarray((vectors @ vectors.T).toarray())  # type: ignore[operator,attr-defined]
    for i in range(size):
        for j in range(i + 1, size):
            a, b = pool[i].sentence, pool[j].sentence
            if a.article == b.article and abs(a.index - b.index) <= NEIGHBOUR_LINES:
                similarity[i, j] += NEIGHBOUR_BONUS
                similarity[j, i] += NEIGHBOUR_BONUS
    return np.clip(similarity, 0.0, 1.0)


def choose_sentences(grouped: DayEvents, k: int) -> list[tuple[int, int]]:
    """Up to k sentences for the day's entry, as (event, pool index): the main event's most
    representative sentence, then the day's most central sentences (analyze/rank.py's score),
    a source not quoted yet before one already quoted; never two that say the same thing
    (analyze/rank.py's REDUNDANCY), and no quote torn from its context (ENTRY_EXCLUDES) unless
    the day has nothing else.

    Entries do quote sentences that open with a pronoun or "the figure": within a day they
    read well enough, and leaving them out cost 0.4 AR-1 and 0.8 AR-2 points on two
    Timeline17 topics (docs/benchmarks.md); the summary, read on its own, never does."""
    pool, relevance = grouped.ranked.sentences, grouped.ranked.relevance
    if not grouped.members:
        return []
    alone = [_quotable(item.sentence.text) for item in pool]
    event_of = {index: event for event, members in enumerate(grouped.members) for index in members}
    first = next((i for members in grouped.members for i in members if alone[i]), grouped.members[0][0])
    chosen = [first]
    left = [i for i in range(len(pool)) if alone[i] and i != first]
    while left and len(chosen) < k:
        quoted = {grouped.sources[i] for i in chosen}
        best = max(left, key=lambda i: (
            relevance[i] - (SAME_SOURCE_PENALTY if grouped.sources[i] in quoted else 0.0), -i))
        left.remove(best)
        if all(grouped.similarity[best, j] <= REDUNDANCY for j in chosen):
            chosen.append(best)
    return [(event_of[i], i) for i in chosen]


def _quotable(text: str) -> bool:
    reason = dangling(text)
    return reason is None or not reason.startswith(ENTRY_EXCLUDES)


def _source(article: Article) -> str:
    return article.outlet or f"#{article.id}"


def sources_of(article_ids: Sequence[str], articles: Mapping[str, Article]) -> int:
    """Independent reports among some articles: one per outlet, or per article when its
    outlet is unknown (merged wire copies are already one article)."""
    return len({_source(articles[a]) for a in article_ids})


def _names_in(
    item: DatedSentence, entities: Mapping[tuple[str, int], Sequence[Entity]], names: Names
) -> list[str]:
    found = entities.get((item.sentence.article, item.sentence.start), ())
    return [name for name in (names.of(entity) for entity in found) if name is not None]


def _content(item: DatedSentence) -> str:
    """The sentence's text with its time expressions blanked out."""
    sentence = item.sentence
    text = list(sentence.text)
    for mention in item.mentions:
        first = max(0, mention.start - sentence.start)
        last = min(len(text), mention.end - sentence.start)
        text[first:last] = " " * max(0, last - first)
    return "".join(text)


def _slug(name: str) -> str:
    return "name_" + re.sub(r"\W+", "_", name.lower()).strip("_")


def _features(item: DatedSentence, names: Sequence[str]) -> str:
    """What a sentence says, for grouping: its words without dates, and its names."""
    return _content(item) + " " + " ".join(_slug(n) for n in names for _ in range(NAME_WEIGHT))


def _clusters(similarity: np.ndarray) -> list[list[int]]:
    """Average-linkage groups of the pool, cut at LINK; each group's indices ascending."""
    size = len(similarity)
    if size <= 1:
        return [list(range(size))]
    distance = 1.0 - similarity
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - LINK, criterion="distance")
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return sorted(groups.values(), key=lambda group: group[0])


def _representative_order(
    group: list[int], pool: Sequence[DatedSentence], vectors: object, relevance: Sequence[float],
    articles: Mapping[str, Article],
) -> tuple[int, ...]:
    """A group's members, most representative first: closest to the day's centre (the
    ranker's score, with its bonuses) and to the group's own, less penalties for a sentence
    that cannot stand alone and for one written before the day it reports ("is due to open
    on Monday" tells a plan, not what happened)."""
    closeness = np.zeros(len(group))
    if vectors is not None and len(group) > 1:
        rows = vectors[group]  # type: ignore[index]
        centre = np.asarray(rows.mean(axis=0)).ravel()
        norm = np.linalg.norm(centre)
        if norm:
            closeness = np.asarray(rows @ (centre / norm)).ravel()

    def score(position: int) -> float:
        item = pool[group[position]]
        published = articles[item.sentence.article].published
        ahead = published is not None and item.day is not None and item.day > published
        return (
            relevance[group[position]]
            + EVENT_CENTRE_WEIGHT * float(closeness[position])
            - (DANGLING_PENALTY if dangling(item.sentence.text) else 0.0)
            - (FORECAST_PENALTY if ahead else 0.0)
        )
    return tuple(group[p] for p in sorted(range(len(group)), key=lambda p: (-score(p), group[p])))


def _salience(order: Sequence[int], pool: Sequence[DatedSentence], articles: Mapping[str, Article]) -> float:
    firmest: dict[str, float] = {}
    for index in order:
        item = pool[index]
        article = articles[item.sentence.article]
        source = _source(article)
        firmest[source] = max(firmest.get(source, 0.0), sentence_weight(item))
    return round(sum(firmest.values()), 4)


def _event(
    key: str, day: date, order: Sequence[int], salience: float, pool: Sequence[DatedSentence],
    named: Sequence[Sequence[str]], articles: Mapping[str, Article],
    claims_of: Mapping[tuple[str, int], Sequence[str]], names: Names,
) -> Event:
    members = [pool[i] for i in order]
    citations = tuple(_cite(item, articles) for item in members)
    ids = list(dict.fromkeys(item.sentence.article for item in members))
    outlets = sorted({o for a in ids for o in (articles[a].outlet, *articles[a].copy_outlets) if o})
    counted = Counter(name for i in order for name in named[i])
    first_seen: dict[str, int] = {}
    for i in order:
        for name in named[i]:
            first_seen.setdefault(name, len(first_seen))
    ranked = sorted(counted, key=lambda name: (-counted[name], first_seen[name]))
    claims = [k for item in members for k in claims_of.get((item.sentence.article, item.sentence.start), ())]
    return Event(
        id=key,
        date=day,
        window=_window(members, day),
        headline=citations[0],
        sentences=citations,
        outlets=tuple(outlets),
        articles=len(ids),
        sources=sources_of(ids, articles),
        places=tuple(n for n in ranked if names.kind_of[n] == "place"),
        actors=tuple(n for n in ranked if names.kind_of[n] == "actor"),
        claims=tuple(dict.fromkeys(claims)),
        salience=salience,
    )


def _window(members: Sequence[DatedSentence], day: date) -> tuple[date, date]:
    """The days the happening may lie on: the days its sentences name; with none named, the
    publication day or the day before (news of the day may report the day before)."""
    named = [item.day for item in members if item.day is not None and item.day_from == "mention"]
    if named:
        return min(named), max(named)
    days = [item.day for item in members if item.day is not None] or [day]
    return min(days) - timedelta(days=1), max(days)


def _cite(item: DatedSentence, articles: Mapping[str, Article]) -> Citation:
    sentence = item.sentence
    return Citation(sentence.text, sentence.article, sentence.start, sentence.end, articles[sentence.article].outlet)
