"""The document stage: everything that needs only one input, as one pure function.

`process(raw, settings)` reads nothing and writes nothing: clean → language → date →
sentences → time mentions → sentence days → claims, for one raw document. The process pool
(`process_all`), and any other engine, call this same function and nothing else does
per-document work; the story stage (`pipeline.build`) only reads its results.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice, repeat

from storyline.analyze.dates import date_sentences
from storyline.annotate import nlp
from storyline.annotate.claims import extract_claims_counted
from storyline.annotate.temporal import YearFor, day_first, find_mentions
from storyline.ingest import dedup
from storyline.ingest.agencies import host_outlet, wire_sources
from storyline.ingest.clean import clean
from storyline.ingest.dating import publication_date
from storyline.ingest.dedup import article_id
from storyline.ingest.given_dates import with_given_date
from storyline.ingest.language import is_foreign
from storyline.ingest.limits import DocumentTimeout, time_limit
from storyline.ingest.undated import date_undated, years_near
from storyline.model import Article, Claim, DatedSentence, Note, RawDocument, Sentence, Skipped
from storyline.settings import DEFAULT, Settings

Progress = Callable[[str, int, int], None]

# Below this many documents a process pool costs more to start than it saves.
MIN_DOCUMENTS_FOR_POOL = 64


@dataclass(frozen=True, slots=True)
class ProcessedDocument:
    """What the document stage makes of one raw input: an article with its annotations, or
    the reason it is not one; `note` records a problem that did not stop it."""

    source: str
    article: Article | None = None
    sentences: tuple[DatedSentence, ...] = ()
    claims: tuple[Claim, ...] = ()
    skipped: Skipped | None = None
    note: Note | None = None
    unparsed_figures: int = 0  # number expressions by a harm word that could not be read
    # The article's MinHash signature (ingest/dedup.py), made here so that both cores share
    # the hashing; None when near-duplicate detection is off.
    signature: bytes | None = None


def process(doc: RawDocument, settings: Settings) -> ProcessedDocument:
    """Clean, date, split and annotate one document; never raises for a bad document."""
    try:
        with time_limit(settings.max_seconds_per_document):
            return _process(doc, settings)
    except DocumentTimeout as err:
        return ProcessedDocument(doc.source, skipped=Skipped(doc.source, str(err)))
    except nlp.ModelMissingError:
        raise  # not the document's fault: the whole run cannot go on
    except Exception as err:  # noqa: BLE001 - a library failing on one page must not end the batch
        reason = f"failed to process ({type(err).__name__}: {err})"
        return ProcessedDocument(doc.source, skipped=Skipped(doc.source, reason))


def _process(doc: RawDocument, settings: Settings) -> ProcessedDocument:
    article, problem = prepare_article(doc, settings)
    note = Note(doc.source, problem) if problem else None
    if isinstance(article, str):
        return ProcessedDocument(doc.source, skipped=Skipped(doc.source, article), note=note)
    sentences, claims, unparsed = annotate_article(article, settings)
    signature = (
        dedup.signature(article.text, settings.shingle_words).tobytes() if settings.dedup_threshold < 1.0 else None
    )
    return ProcessedDocument(
        doc.source, article, tuple(sentences), tuple(claims), note=note, unparsed_figures=unparsed,
        signature=signature,
    )


def prepare_article(doc: RawDocument, settings: Settings) -> tuple[Article | str, str | None]:
    """Clean, date and identify one document: an Article, or the reason it is not one."""
    doc = with_given_date(doc, settings.given_dates)
    cleaned = clean(doc, settings)
    if cleaned is None:
        return "no article text found", None
    foreign = is_foreign(cleaned.text, settings.languages)
    if foreign is not None:
        return f"non-English ({foreign})", None
    found = publication_date(doc, cleaned.extracted if doc.kind == "html" else None)
    article = Article(
        id=article_id(cleaned.text),
        source=doc.source,
        text=cleaned.text,
        title=cleaned.title,
        outlet=cleaned.outlet or host_outlet(doc.url),
        url=doc.url,
        author=cleaned.author,
        locale=doc.locale or cleaned.locale,
        published=found.value,
        published_from=found.found_from,
        removed=cleaned.removed,
        wire_sources=wire_sources(cleaned.extracted),
        summary_only=doc.summary_only,
    )
    return date_undated(article), found.problem


def annotate_article(
    article: Article, settings: Settings
) -> tuple[list[DatedSentence], list[Claim], int]:
    """Sentences with their time mentions and days, the figures the article reports, and
    how many figures could not be read."""
    sentences = nlp.split(article.id, article.text, settings.spacy_model, settings.sentence_model)
    return _annotate_sentences(article, sentences, settings)


def _annotate_sentences(
    article: Article, sentences: Sequence[Sentence], settings: Settings,
    year_for: YearFor | None = None,
) -> tuple[list[DatedSentence], list[Claim], int]:
    if year_for is None and article.published is None and article.published_window is not None:
        # Undated, but the text reports full dates: the latest gives a year to the others.
        year_for = years_near(article.published_window[0])
    mentions = find_mentions(article.text, article.published, day_first(article.locale), year_for)
    dated = date_sentences(article, sentences, mentions)
    claims, unparsed = extract_claims_counted(article, dated) if settings.claims else ([], 0)
    return dated, claims, unparsed


def date_from_story(
    article: Article, sentences: Sequence[DatedSentence], story_year: YearFor, settings: Settings
) -> tuple[Article, list[DatedSentence], list[Claim]]:
    """An article whose dates have no year, dated again with the story's years (the story
    stage calls this once every document is processed): its inferred date, if the text now
    gives one, and its time mentions, sentence days and figures, on the same sentences."""
    article = date_undated(article, story_year)
    year_for = story_year if article.published is None else None
    split = [s.sentence for s in sentences]
    dated, claims, _ = _annotate_sentences(article, split, settings, year_for)
    return article, dated, claims


def claims_in_text(text: str, published: date | None = None, settings: Settings = DEFAULT) -> list[Claim]:
    """The figures about people in one plain text (the `storyline claims` command's twin);
    relative dates resolve against `published`."""
    article = Article(id=article_id(text), source="-", text=text, published=published)
    return annotate_article(article, settings)[1]


def warm_up(settings: Settings) -> None:
    """Load models once, before any document's time limit starts counting. The language
    identifier is left to load when a text first needs it: most news is plainly English
    (`language.plainly_english`), and loading it takes half a second."""
    nlp.warm(settings.spacy_model, settings.sentence_model)


def process_all(
    raw: Sequence[RawDocument], settings: Settings, progress: Progress | None = None
) -> Iterator[ProcessedDocument]:
    """`process` over a batch, in input order; large batches spread over a process pool."""
    workers = settings.workers or (os.cpu_count() or 1)
    if workers > 1 and len(raw) >= MIN_DOCUMENTS_FOR_POOL:
        pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=workers, initializer=warm_up, initargs=(settings,)
        )
        results = pool.map(process, raw, repeat(settings), chunksize=8)  # type: ignore[union-attr]
    else:
        pool = None
        warm_up(settings)
        results = map(process, raw, repeat(settings))
    try:
        for done, result in enumerate(results, start=1):
            if progress:
                progress("process", done, len(raw))
            yield result
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


# Documents in flight in the pool at once when streaming: enough to keep every core busy,
# few enough that their texts never add up to much memory.
STREAM_WINDOW = 256


def process_stream(
    raw: Iterable[RawDocument], settings: Settings, progress: Progress | None = None
) -> Iterator[ProcessedDocument]:
    """`process` over documents read as they come, in input order, holding at most
    STREAM_WINDOW of them at once (`process_all` takes a list); the total is unknown, so
    progress reports 0 as the total."""
    for done, result in enumerate(_streamed(raw, settings), start=1):
        if progress:
            progress("process", done, 0)
        yield result


def _streamed(raw: Iterable[RawDocument], settings: Settings) -> Iterator[ProcessedDocument]:
    items = iter(raw)
    first = list(islice(items, MIN_DOCUMENTS_FOR_POOL))
    workers = settings.workers or (os.cpu_count() or 1)
    if workers <= 1 or len(first) < MIN_DOCUMENTS_FOR_POOL:
        warm_up(settings)
        yield from (process(doc, settings) for doc in chain(first, items))
        return
    pending: deque[Future[ProcessedDocument]] = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=warm_up, initargs=(settings,)) as pool:
        try:
            for doc in chain(first, items):
                pending.append(pool.submit(process, doc, settings))
                while len(pending) >= STREAM_WINDOW or (pending and pending[0].done()):
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
