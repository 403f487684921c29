"""Build the timeline: select the days that matter, then the sentences for each day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from storyline.analyze.dates import DATE_SELECTORS
from storyline.analyze.rank import SENTENCE_RANKERS
from storyline.model import Article, Citation, DatedSentence, Timeline, TimelineEntry
from storyline.settings import Settings

_SENTENCE_END = tuple(".!?\"'”’»)")


def is_candidate(item: DatedSentence, min_words: int) -> bool:
    """A sentence fit to quote: long enough and a complete sentence, not a heading."""
    text = item.sentence.text
    return len(text.split()) >= min_words and text.endswith(_SENTENCE_END)


def cite(item: DatedSentence, articles: dict[str, Article]) -> Citation:
    """A citation of a dated sentence, with the outlet of its article."""
    sentence = item.sentence
    outlet = articles[sentence.article].outlet
    return Citation(sentence.text, sentence.article, sentence.start, sentence.end, outlet)


def build_timeline(
    sentences: Sequence[DatedSentence], articles: dict[str, Article], settings: Settings
) -> Timeline:
    """Select up to `max_dates` days and up to `sentences_per_date` cited sentences each."""
    selector = _lookup(DATE_SELECTORS, settings.date_selector, "date selector")
    ranker = _lookup(SENTENCE_RANKERS, settings.sentence_ranker, "sentence ranker")
    by_day: dict[date, list[DatedSentence]] = defaultdict(list)
    for item in sentences:
        if item.day is not None and is_candidate(item, settings.min_sentence_words):
            by_day[item.day].append(item)
    candidates = [item for day_items in by_day.values() for item in day_items]
    entries = []
    for day, score in selector(candidates, articles, settings.max_dates):
        chosen = ranker(by_day[day], settings.sentences_per_date)
        if not chosen:
            continue
        reporting = {item.sentence.article for item in by_day[day]}
        outlets = sorted(
            {o for a in reporting for o in (articles[a].outlet, *articles[a].copy_outlets) if o}
        )
        entries.append(
            TimelineEntry(
                date=day,
                sentences=tuple(cite(item, articles) for item in chosen),
                score=round(score, 4),
                articles=len(reporting),
                outlets=tuple(outlets),
            )
        )
    entries.sort(key=lambda entry: entry.date)
    params = {
        "date_selector": settings.date_selector,
        "sentence_ranker": settings.sentence_ranker,
        "max_dates": settings.max_dates,
        "sentences_per_date": settings.sentences_per_date,
    }
    return Timeline(tuple(entries), params)


def _lookup(registry: dict, name: str, what: str):  # type: ignore[no-untyped-def,type-arg]
    try:
        return registry[name]
    except KeyError:
        known = ", ".join(sorted(registry))
        raise ValueError(f"unknown {what} {name!r}; choose one of: {known}") from None
