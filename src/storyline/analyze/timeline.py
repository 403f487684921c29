"""Build the timeline: select the days that matter, then the sentences for each day."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.analyze.candidates import COLLECTORS, Collector
from storyline.analyze.dates import DATE_SELECTORS, DayTally, tally
from storyline.analyze.events import choose_sentences, day_events, event_vectorizer, pool_of
from storyline.analyze.names import entity_index, story_names
from storyline.analyze.rank import SENTENCE_RANKERS
from storyline.annotate.entities import EntityCache, find_entities
from storyline.model import (
    Article,
    Citation,
    Claim,
    DatedSentence,
    Event,
    NamedEntity,
    Timeline,
    TimelineEntry,
)
from storyline.settings import Settings

_SENTENCE_END = tuple(".!?\"'”’»)")


def is_candidate(item: DatedSentence, min_words: int) -> bool:
    """A sentence fit to quote: long enough and a complete sentence, not a heading."""
    words = quotable_words(item.sentence.text)
    return words is not None and words >= min_words


def quotable_words(text: str) -> int | None:
    """The words of a complete sentence (one that ends like one), None for a heading or a
    fragment: `is_candidate` asks for at least `min_sentence_words` of them."""
    return len(text.split()) if text.endswith(_SENTENCE_END) else None


def cite(item: DatedSentence, articles: dict[str, Article]) -> Citation:
    """A citation of a dated sentence, with the outlet of its article."""
    sentence = item.sentence
    outlet = articles[sentence.article].outlet
    return Citation(sentence.text, sentence.article, sentence.start, sentence.end, outlet)


def build_timeline(
    sentences: Sequence[DatedSentence],
    articles: dict[str, Article],
    settings: Settings,
    *,
    allowed: Callable[[DatedSentence], bool] | None = None,
    within: tuple[date, date] | None = None,
    model: object = None,
    claims: Sequence[Claim] = (),
    entities: EntityCache | None = None,
) -> Timeline:
    """Take days from the selector's ranking, best first, until `max_dates` days have at least
    one quotable sentence; each gets up to `sentences_per_date` cited sentences.

    `allowed` limits which sentences may be quoted (evaluation keyword filters), `within`
    limits the days, `model` is passed to supervised date selectors; each entry links the
    `claims` its quoted sentences hold. With `settings.events` (the default) each day's
    sentences are grouped into events (analyze/events.py) that its entry is built from, in
    place of the sentence ranker, and the timeline holds the events and the index of their
    places and actors; `entities` keeps the entities found, for the next run of the same
    story (see annotate/entities.find_entities).
    """
    usable = [item for item in sentences if is_candidate(item, settings.min_sentence_words)]
    vectorizer = _story_vectorizer(usable) if _needs_vectorizer(settings) else None
    make_collector = _lookup(COLLECTORS, settings.candidate_collector, "candidate collector")
    ranking = rank_days(tally(usable, articles), settings, model=model, within=within)
    return timeline_from(
        ranking, make_collector(usable, vectorizer), articles, settings,
        allowed=allowed, within=within, claims=claims, entities=entities, vectorizer=vectorizer,
    )


def rank_days(
    counted: DayTally, settings: Settings, *, model: object = None, within: tuple[date, date] | None = None,
) -> list[tuple[date, float]]:
    """The settings' date selector's ranking of the days, best first."""
    selector = _lookup(DATE_SELECTORS, settings.date_selector, "date selector")
    return selector(counted, model=model, within=within)  # type: ignore[no-any-return]


def days_to_collect(
    ranking: Sequence[tuple[date, float]], counted: DayTally, settings: Settings,
    within: tuple[date, date] | None = None,
) -> set[date]:
    """The days `timeline_from` will ask the `dated` collector for, when every sentence may
    be quoted: the ranking's best days that have sentences, up to `max_dates`. A story stage
    that cannot hold every sentence gathers these days' sentences alone."""
    chosen: set[date] = set()
    for day, _ in ranking:
        if len(chosen) >= settings.max_dates:
            break
        if (within is None or within[0] <= day <= within[1]) and day in counted.days:
            chosen.add(day)
    return chosen


def timeline_from(
    ranking: Sequence[tuple[date, float]],
    collect: Collector,
    articles: dict[str, Article],
    settings: Settings,
    *,
    allowed: Callable[[DatedSentence], bool] | None = None,
    within: tuple[date, date] | None = None,
    claims: Sequence[Claim] = (),
    entities: EntityCache | None = None,
    vectorizer: TfidfVectorizer | None = None,
) -> Timeline:
    """The timeline from a ranking of the days and a collector of each day's candidate
    sentences (see `build_timeline`)."""
    by_sentence: dict[tuple[str, int], list[str]] = {}
    for claim in claims:
        by_sentence.setdefault((claim.article, claim.sentence_start), []).append(claim.key)
    ranker = _lookup(SENTENCE_RANKERS, settings.sentence_ranker, "sentence ranker")
    entries: list[TimelineEntry] = []
    days: list[tuple[date, float, list[DatedSentence]]] = []
    for day, score in ranking:
        if len(entries) + len(days) >= settings.max_dates:
            break
        if within is not None and not within[0] <= day <= within[1]:
            continue
        candidates = collect(day)
        if settings.events:
            # The same days as the centroid ranker: those with a sentence it may quote.
            if any(allowed is None or allowed(item) for item in candidates):
                days.append((day, score, candidates))
            continue
        chosen = ranker(candidates, settings.sentences_per_date, allowed=allowed, vectorizer=vectorizer)
        if chosen:
            entries.append(_entry(day, score, candidates, chosen, articles, by_sentence))
    events: tuple[Event, ...] = ()
    index: tuple[NamedEntity, ...] = ()
    if settings.events:
        entries, events, index = _event_entries(days, articles, settings, allowed, by_sentence, entities)
    entries.sort(key=lambda entry: entry.date)
    params = {
        "date_selector": settings.date_selector,
        "candidate_collector": settings.candidate_collector,
        "sentence_ranker": "events" if settings.events else settings.sentence_ranker,
        "max_dates": settings.max_dates,
        "sentences_per_date": settings.sentences_per_date,
    }
    return Timeline(tuple(entries), params, events, index)


def _entry(
    day: date, score: float, candidates: Sequence[DatedSentence], chosen: Sequence[DatedSentence],
    articles: dict[str, Article], by_sentence: Mapping[tuple[str, int], Sequence[str]],
    events: Sequence[Event] = (),
) -> TimelineEntry:
    """A day's entry: the chosen sentences cited, who reports the day, the figures quoted,
    and the events the sentences come from with their places and actors."""
    reporting = {item.sentence.article for item in candidates}
    outlets = sorted({o for a in reporting for o in (articles[a].outlet, *articles[a].copy_outlets) if o})
    held = [k for item in chosen for k in by_sentence.get((item.sentence.article, item.sentence.start), [])]
    return TimelineEntry(
        date=day,
        sentences=tuple(cite(item, articles) for item in chosen),
        score=round(score, 4),
        articles=len(reporting),
        outlets=tuple(outlets),
        claims=tuple(held),
        events=tuple(event.id for event in events),
        places=tuple(dict.fromkeys(name for event in events for name in event.places)),
        actors=tuple(dict.fromkeys(name for event in events for name in event.actors)),
    )


def _event_entries(
    days: Sequence[tuple[date, float, list[DatedSentence]]],
    articles: dict[str, Article],
    settings: Settings,
    allowed: Callable[[DatedSentence], bool] | None,
    by_sentence: Mapping[tuple[str, int], Sequence[str]],
    known: EntityCache | None = None,
) -> tuple[list[TimelineEntry], tuple[Event, ...], tuple[NamedEntity, ...]]:
    """Entries built from events: each day's pool grouped into events, entities found for
    the pools' sentences in one batch and named once for the whole story."""
    pools = [pool_of([c for c in candidates if allowed is None or allowed(c)]) for _, _, candidates in days]
    sentences = list({
        (i.sentence.article, i.sentence.start): i.sentence for pool in pools for i in pool.sentences
    }.values())
    entities = find_entities(sentences, settings.spacy_model, known=known)
    names = story_names(entities, articles, {(s.article, s.start): s.text for s in sentences})
    vectorizer = event_vectorizer(pools, entities, names)
    entries: list[TimelineEntry] = []
    events: list[Event] = []
    for (day, score, candidates), pool in zip(days, pools, strict=True):
        grouped = day_events(day, pool, entities, names, articles, by_sentence, vectorizer)
        quoted = choose_sentences(grouped, settings.sentences_per_date)
        chosen = [grouped.ranked.sentences[i] for _, i in quoted]
        used = [grouped.events[e] for e in dict.fromkeys(e for e, _ in quoted)]
        entries.append(_entry(day, score, candidates, chosen, articles, by_sentence, used))
        events.extend(grouped.events)
    mentions = Counter(name for found in entities.values() for e in found if (name := names.of(e)))
    return entries, tuple(sorted(events, key=lambda e: e.date)), entity_index(events, names, mentions)


def check_stage_names(settings: Settings) -> None:
    """Raise ValueError, naming the choices, if a stage named in the settings is unknown."""
    _lookup(DATE_SELECTORS, settings.date_selector, "date selector")
    _lookup(COLLECTORS, settings.candidate_collector, "candidate collector")
    _lookup(SENTENCE_RANKERS, settings.sentence_ranker, "sentence ranker")


def ranks_from_tally(settings: Settings) -> bool:
    """Whether the story stage can rank the days from a DayTally and gather only the chosen
    days' sentences (`timeline_from` with `days_to_collect`): the `dated` collector, and no
    ranker that needs a vector model fitted on every sentence of the story."""
    return settings.candidate_collector == "dated" and (settings.events or settings.sentence_ranker != "centroid-opt")


def _needs_vectorizer(settings: Settings) -> bool:
    return settings.candidate_collector == "pm-mean" or settings.sentence_ranker == "centroid-opt"


def _story_vectorizer(sentences: Sequence[DatedSentence]) -> TfidfVectorizer:
    """TF-IDF fitted on every sentence of the story (DATEWISE's representation)."""
    vectorizer = TfidfVectorizer(stop_words="english", lowercase=True)
    vectorizer.fit([item.sentence.text for item in sentences] or ["empty"])
    return vectorizer


def _lookup(registry: dict, name: str, what: str):  # type: ignore[no-untyped-def,type-arg]
    try:
        return registry[name]
    except KeyError:
        known = ", ".join(sorted(registry))
        raise ValueError(f"unknown {what} {name!r}; choose one of: {known}") from None
