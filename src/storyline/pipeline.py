"""The orchestrator: read → clean → date → dedup → annotate → analyze, one step each.

`build` returns data and prints nothing; progress goes to an optional callback so the CLI
can draw a bar and the web app can stream it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

from storyline.analyze.date_model import SHIPPED_MODEL, DateModel, load_model
from storyline.analyze.dates import date_sentences
from storyline.analyze.summarize import summarize
from storyline.analyze.timeline import build_timeline, check_stage_names
from storyline.annotate import nlp
from storyline.annotate.temporal import day_first, find_mentions
from storyline.ingest import language
from storyline.ingest.agencies import host_outlet, wire_sources
from storyline.ingest.clean import clean
from storyline.ingest.dating import publication_date
from storyline.ingest.dedup import article_id, deduplicate
from storyline.ingest.language import is_foreign
from storyline.ingest.limits import DocumentTimeout, time_limit
from storyline.ingest.readers import read_inputs
from storyline.model import (
    Article,
    DatedSentence,
    InputRecord,
    Note,
    RawDocument,
    RunReport,
    Skipped,
    Story,
)
from storyline.settings import DEFAULT, Settings

Progress = Callable[[str, int, int], None]


@dataclass
class _Stopwatch:
    timings: dict[str, float] = field(default_factory=dict)
    _start: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = round(now - self._start, 3)
        self._start = now


def check_settings(settings: Settings) -> DateModel | None:
    """The date model the settings call for (None if their selector needs none); raise
    ValueError, with the choices, for an unknown stage name or an unusable model."""
    check_stage_names(settings)
    return date_model(settings)


def date_model(settings: Settings) -> DateModel | None:
    """The supervised selector's model: `settings.date_model`, else the shipped one."""
    if settings.date_selector != "supervised":
        return None
    return load_model(Path(settings.date_model) if settings.date_model else SHIPPED_MODEL)


def build(
    paths: Iterable[str | Path],
    settings: Settings = DEFAULT,
    progress: Progress | None = None,
) -> Story:
    """Build a story (timeline, summary, run report) from files, folders or `-` (stdin)."""
    clock = _Stopwatch()
    model = check_settings(settings)  # first: a bad name or model file fails before any work
    raw, skipped = read_inputs(paths, settings)
    clock.lap("read")
    articles, more_skipped, notes = prepare_articles(raw, settings, progress)
    skipped.extend(more_skipped)
    clock.lap("clean")
    articles, merges = deduplicate(articles, settings.dedup_threshold, settings.shingle_words)
    clock.lap("dedup")
    dated = annotate(articles, settings, progress)
    clock.lap("annotate")
    by_id = {article.id: article for article in articles}
    timeline = build_timeline(dated, by_id, settings, model=model)
    summary = summarize(timeline, settings.summary_sentences)
    clock.lap("analyze")

    records = [InputRecord(s.source, "skipped", s.reason) for s in skipped]
    records += [InputRecord(a.source, "article", None, a.id) for a in articles]
    records += [
        InputRecord(m.source, "duplicate", "exact copy" if m.exact else "near-duplicate", m.into)
        for m in merges
    ]
    report = RunReport(
        inputs=tuple(sorted(records, key=lambda r: _source_order(r.source))),
        undated=tuple(a.id for a in articles if a.published is None),
        removed_lines=sum(len(a.removed) for a in articles),
        sentences=len(dated),
        time_mentions=sum(len(item.mentions) for item in dated),
        notes=tuple(notes),
        timings=clock.timings,
    )
    return Story(tuple(articles), timeline, summary, report)


def _source_order(source: str) -> tuple[str, int]:
    # "file.jsonl:10" sorts after "file.jsonl:9".
    head, _, tail = source.rpartition(":")
    if head and tail.isdigit():
        return head, int(tail)
    return source, 0


# Below this many documents a process pool costs more to start than it saves.
MIN_DOCUMENTS_FOR_POOL = 64


def prepare_articles(
    raw: list[RawDocument], settings: Settings, progress: Progress | None = None
) -> tuple[list[Article], list[Skipped], list[Note]]:
    """Clean and date each raw document; one failing document never stops the others.

    Returns the articles, the documents skipped, and notes about problems that did not
    stop a document (such as a given date that could not be parsed). Large batches are
    spread over a process pool; results keep input order.
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    notes: list[Note] = []
    workers = settings.workers or (os.cpu_count() or 1)
    if workers > 1 and len(raw) >= MIN_DOCUMENTS_FOR_POOL:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=warm_up)
        results = pool.map(_prepare_safely, raw, repeat(settings), chunksize=16)
    else:
        pool = None
        warm_up()
        results = map(_prepare_safely, raw, repeat(settings))
    try:
        for done, (article, skip, note) in enumerate(results, start=1):
            if article is not None:
                articles.append(article)
            if skip is not None:
                skipped.append(skip)
            if note is not None:
                notes.append(note)
            if progress:
                progress("clean", done, len(raw))
    finally:
        if pool is not None:
            pool.shutdown()
    return articles, skipped, notes


def warm_up() -> None:
    """Load models once, before any document's time limit starts counting."""
    language.load()


def _prepare_safely(
    doc: RawDocument, settings: Settings
) -> tuple[Article | None, Skipped | None, Note | None]:
    try:
        with time_limit(settings.max_seconds_per_document):
            article, problem = prepare_article(doc, settings)
    except DocumentTimeout as err:
        return None, Skipped(doc.source, str(err)), None
    except Exception as err:  # noqa: BLE001 - a library failing on one page must not end the batch
        return None, Skipped(doc.source, f"failed to process ({type(err).__name__}: {err})"), None
    note = Note(doc.source, problem) if problem else None
    if isinstance(article, str):
        return None, Skipped(doc.source, article), note
    return article, None, note


def prepare_article(doc: RawDocument, settings: Settings) -> tuple[Article | str, str | None]:
    """Clean, date and identify one document: an Article, or the reason it is not one."""
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
    return article, found.problem


def annotate(
    articles: list[Article], settings: Settings, progress: Progress | None = None
) -> list[DatedSentence]:
    """Split sentences, find and resolve time mentions, and date every sentence."""
    if not articles:
        return []
    model = nlp.load(settings.spacy_model, settings.sentence_model)
    by_id = {article.id: article for article in articles}
    dated: list[DatedSentence] = []
    pairs = ((a.id, a.text) for a in articles)
    for done, (key, sentences) in enumerate(nlp.split_sentences(model, pairs), start=1):
        article = by_id[key]
        mentions = find_mentions(article.text, article.published, day_first(article.locale))
        dated.extend(date_sentences(article, sentences, mentions))
        if progress:
            progress("annotate", done, len(articles))
    return dated
