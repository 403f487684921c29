"""The orchestrator: read → clean → date → dedup → annotate → analyze, one step each.

`build` returns data and prints nothing; progress goes to an optional callback so the CLI
can draw a bar and the web app can stream it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.analyze.dates import date_sentences
from storyline.analyze.summarize import summarize
from storyline.analyze.timeline import build_timeline
from storyline.annotate import nlp
from storyline.annotate.temporal import find_mentions
from storyline.ingest.clean import clean
from storyline.ingest.dating import publication_date
from storyline.ingest.dedup import article_id, deduplicate
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


def build(
    paths: Iterable[str | Path],
    settings: Settings = DEFAULT,
    progress: Progress | None = None,
) -> Story:
    """Build a story (timeline, summary, run report) from files, folders or `-` (stdin)."""
    clock = _Stopwatch()
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
    timeline = build_timeline(dated, by_id, settings)
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


def prepare_articles(
    raw: list[RawDocument], settings: Settings, progress: Progress | None = None
) -> tuple[list[Article], list[Skipped], list[Note]]:
    """Clean and date each raw document; one failing document never stops the others.

    Returns the articles, the documents skipped, and notes about problems that did not
    stop a document (such as a given date that could not be parsed).
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    notes: list[Note] = []
    for done, doc in enumerate(raw, start=1):
        try:
            article, note = prepare_article(doc, settings)
        except Exception as err:  # noqa: BLE001 - a library failing on one page must not end the batch
            skipped.append(Skipped(doc.source, f"failed to process ({type(err).__name__}: {err})"))
        else:
            if article is None:
                skipped.append(Skipped(doc.source, "no article text found"))
            else:
                articles.append(article)
            if note:
                notes.append(Note(doc.source, note))
        if progress:
            progress("clean", done, len(raw))
    return articles, skipped, notes


def prepare_article(doc: RawDocument, settings: Settings) -> tuple[Article | None, str | None]:
    """Clean and date one document."""
    cleaned = clean(doc, settings)
    if cleaned is None:
        return None, None
    found = publication_date(doc, cleaned.extracted if doc.kind == "html" else None)
    article = Article(
        id=article_id(cleaned.text),
        source=doc.source,
        text=cleaned.text,
        title=cleaned.title,
        outlet=cleaned.outlet,
        url=doc.url,
        published=found.value,
        published_from=found.found_from,
        removed=cleaned.removed,
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
        mentions = find_mentions(article.text, article.published)
        dated.extend(date_sentences(article, sentences, mentions))
        if progress:
            progress("annotate", done, len(articles))
    return dated
