"""Build the timeline: select the days that matter, then the sentences for each day."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.analyze.candidates import COLLECTORS
from storyline.analyze.dates import DATE_SELECTORS
from storyline.analyze.rank import SENTENCE_RANKERS
from storyline.model import Article, Citation, Claim, DatedSentence, Timeline, TimelineEntry
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
    sentences: Sequence[DatedSentence],
    articles: dict[str, Article],
    settings: Settings,
    *,
    allowed: Callable[[DatedSentence], bool] | None = None,
    within: tuple[date, date] | None = None,
    model: object = None,
    claims: Sequence[Claim] = (),
) -> Timeline:
    """Take days from the selector's ranking, best first, until `max_dates` days have at least
    one quotable sentence; each gets up to `sentences_per_date` cited sentences.

    `allowed` limits which sentences may be quoted (evaluation keyword filters), `within`
    limits the days, `model` is passed to supervised date selectors; each entry links the
    `claims` its quoted sentences hold.
    """
    by_sentence: dict[tuple[str, int], list[str]] = {}
    for claim in claims:
        by_sentence.setdefault((claim.article, claim.sentence_start), []).append(claim.key)
    selector = _lookup(DATE_SELECTORS, settings.date_selector, "date selector")
    ranker = _lookup(SENTENCE_RANKERS, settings.sentence_ranker, "sentence ranker")
    make_collector = _lookup(COLLECTORS, settings.candidate_collector, "candidate collector")
    usable = [item for item in sentences if is_candidate(item, settings.min_sentence_words)]
    vectorizer = _story_vectorizer(usable) if _needs_vectorizer(settings) else None
    collect = make_collector(usable, vectorizer)
    entries: list[TimelineEntry] = []
    for day, score in selector(usable, articles, model=model, within=within):
        if len(entries) >= settings.max_dates:
            break
        if within is not None and not within[0] <= day <= within[1]:
            continue
        candidates = collect(day)
        chosen = ranker(candidates, settings.sentences_per_date, allowed=allowed, vectorizer=vectorizer)
        if not chosen:
            continue
        reporting = {item.sentence.article for item in candidates}
        outlets = sorted(
            {o for a in reporting for o in (articles[a].outlet, *articles[a].copy_outlets) if o}
        )
        held = [k for item in chosen for k in by_sentence.get((item.sentence.article, item.sentence.start), [])]
        entries.append(
            TimelineEntry(
                date=day,
                sentences=tuple(cite(item, articles) for item in chosen),
                score=round(score, 4),
                articles=len(reporting),
                outlets=tuple(outlets),
                claims=tuple(held),
            )
        )
    entries.sort(key=lambda entry: entry.date)
    params = {
        "date_selector": settings.date_selector,
        "candidate_collector": settings.candidate_collector,
        "sentence_ranker": settings.sentence_ranker,
        "max_dates": settings.max_dates,
        "sentences_per_date": settings.sentences_per_date,
    }
    return Timeline(tuple(entries), params)


def check_stage_names(settings: Settings) -> None:
    """Raise ValueError, naming the choices, if a stage named in the settings is unknown."""
    _lookup(DATE_SELECTORS, settings.date_selector, "date selector")
    _lookup(COLLECTORS, settings.candidate_collector, "candidate collector")
    _lookup(SENTENCE_RANKERS, settings.sentence_ranker, "sentence ranker")


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
