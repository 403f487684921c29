"""The streamed build: `build` for inputs too large to hold in memory.

Documents are read one at a time (JSONL line by line) and go through the same document
stage as always (document.process, in the process pool). Each result goes to a spill file on
disk; memory keeps only what the story stage needs of every article: its metadata, the
length of its text, its MinHash signature and its figures. The story stage then reads the
spill twice: once to rank the days (a DayTally, analyze/dates.py), once to gather the
sentences of the days the timeline will show, and builds the timeline from those with the
same code as an in-memory build (analyze/timeline.timeline_from): the same inputs give the
same timeline.json, byte for byte (tests/test_streamed.py).

What memory holds grows with the number of articles only through these small records (a few
KB each); the texts and sentences, the bulk, stay on disk. bench/memory.py measures it.
"""

from __future__ import annotations

import pickle
import tempfile
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import IO

from storyline.analyze.dates import DayTally
from storyline.analyze.reconcile import reconcile
from storyline.analyze.summarize import summarize
from storyline.analyze.timeline import days_to_collect, is_candidate, rank_days, timeline_from
from storyline.document import Progress, date_from_story, process_stream
from storyline.ingest.dedup import deduplicate
from storyline.ingest.readers import iter_documents
from storyline.ingest.undated import story_years
from storyline.model import Article, Claim, DatedSentence, Note, RawDocument, Skipped, Story
from storyline.run_report import Stopwatch, run_report
from storyline.settings import Settings

# Above this many bytes of input (local files), `build` streams unless told otherwise: an
# in-memory build holds about ten times its input (bench/memory.py).
STREAM_ABOVE_BYTES = 100 * 2**20


def streamable(settings: Settings) -> str | None:
    """Why these settings cannot stream (None: they can). The candidate collector and the
    sentence ranker must not need a vector model fitted on every sentence of the story."""
    if settings.engine != "local":
        return "a streamed build runs on the local engine"
    if settings.candidate_collector != "dated":
        return f"a streamed build needs the 'dated' candidate collector, not {settings.candidate_collector!r}"
    if settings.sentence_ranker == "centroid-opt" and not settings.events:
        return "a streamed build cannot use the 'centroid-opt' sentence ranker"
    return None


def should_stream(paths: Iterable[str | Path], settings: Settings) -> bool:
    """`settings.stream`, or when it is None (auto) whether the local inputs add up to more
    than STREAM_ABOVE_BYTES and the settings allow streaming."""
    if settings.stream is not None:
        return settings.stream
    if streamable(settings) is not None:
        return False
    total = 0
    for item in paths:
        path = Path(item)
        try:
            if path.is_dir():
                total += sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
            elif path.is_file():
                total += path.stat().st_size
        except OSError:
            continue  # the readers report it
        if total > STREAM_ABOVE_BYTES:
            return True
    return False


class Spill:
    """Per-document records in a temporary file (deleted when closed or collected): each
    article's text and its dated sentences, compressed, by input source."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the story
        self._texts: dict[str, tuple[int, int]] = {}
        self._sentences: dict[str, tuple[int, int]] = {}

    def put(self, source: str, text: str, sentences: tuple[DatedSentence, ...]) -> None:
        self._texts[source] = self._write(zlib.compress(text.encode("utf-8"), 1))
        self.put_sentences(source, sentences)

    def put_sentences(self, source: str, sentences: tuple[DatedSentence, ...]) -> None:
        """Keep (or replace) a document's sentences."""
        self._sentences[source] = self._write(zlib.compress(pickle.dumps(sentences, protocol=5), 1))

    def text(self, source: str) -> str:
        return zlib.decompress(self._read(self._texts[source])).decode("utf-8")

    def sentences(self, source: str) -> tuple[DatedSentence, ...]:
        return pickle.loads(zlib.decompress(self._read(self._sentences[source])))  # type: ignore[no-any-return]

    def close(self) -> None:
        self._file.close()

    def _write(self, data: bytes) -> tuple[int, int]:
        self._file.seek(0, 2)
        offset = self._file.tell()
        self._file.write(data)
        return offset, len(data)

    def _read(self, where: tuple[int, int]) -> bytes:
        self._file.seek(where[0])
        return self._file.read(where[1])


class SpilledTexts(Mapping[str, str]):
    """Article texts by article id, read from a spill as the renderers ask for them (the
    last few are cached: figures and claims come article by article)."""

    def __init__(self, spill: Spill, sources: dict[str, str]) -> None:
        self._spill = spill
        self._sources = sources  # article id -> input source
        self._text = lru_cache(maxsize=16)(spill.text)

    def __getitem__(self, key: str) -> str:
        return self._text(self._sources[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


@dataclass
class _Gathered:
    """What memory keeps of every processed document."""

    spill: Spill = field(default_factory=Spill)
    articles: list[Article] = field(default_factory=list)  # without their texts
    lengths: dict[str, int] = field(default_factory=dict)  # text length by source
    claims: dict[str, tuple[Claim, ...]] = field(default_factory=dict)  # by source
    signatures: dict[str, bytes] = field(default_factory=dict)  # by article id
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    unparsed_figures: int = 0


def build_streamed(
    paths: Iterable[str | Path], settings: Settings, model: object = None, progress: Progress | None = None,
) -> Story:
    """`pipeline.build` for inputs too large to hold: same story, bounded memory."""
    why_not = streamable(settings)
    if why_not is not None:
        raise ValueError(why_not)
    clock = Stopwatch()
    reading: list[Skipped] = []
    found = _gather(_documents(iter_documents(paths, settings), reading), settings, progress)
    found.skipped[:0] = reading  # inputs that never became documents come first, as read
    clock.lap("process")
    _date_from_story(found, settings)
    kept, merges = deduplicate(
        found.articles, settings.dedup_threshold, settings.shingle_words, None, found.signatures, found.lengths
    )
    clock.lap("dedup")
    by_id = {article.id: article for article in kept}
    claims = [c for a in kept for c in found.claims[a.source]]
    figures = reconcile(claims, by_id)
    counted, sentences, mentions = _tally(kept, found.spill, settings, progress)
    ranking = rank_days(counted, settings, model=model)
    chosen = days_to_collect(ranking, counted, settings)
    by_day = _sentences_of(chosen, kept, found.spill, settings, progress)
    timeline = timeline_from(ranking, lambda day: by_day.get(day, []), by_id, settings, claims=claims, entities={})
    latest = max((a.published for a in kept if a.published is not None), default=None)
    summary = summarize(timeline, settings.summary_sentences, latest)
    clock.lap("analyze")
    report = run_report(
        found.skipped, kept, merges, found.notes, clock, claims, found.unparsed_figures,
        sentences=sentences, time_mentions=mentions,
    )
    texts = SpilledTexts(found.spill, {a.id: a.source for a in kept})
    return Story(tuple(kept), timeline, summary, report, tuple(claims), tuple(figures), texts=texts)


def _documents(items: Iterable[RawDocument | Skipped], skipped: list[Skipped]) -> Iterator[RawDocument]:
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            yield item


def _gather(raw: Iterable[RawDocument], settings: Settings, progress: Progress | None) -> _Gathered:
    found = _Gathered()
    for doc in process_stream(raw, settings, progress):
        found.unparsed_figures += doc.unparsed_figures
        if doc.article is not None:
            article = doc.article
            found.spill.put(doc.source, article.text, doc.sentences)
            found.lengths[doc.source] = len(article.text)
            found.articles.append(replace(article, text=""))
            found.claims[doc.source] = doc.claims
            if doc.signature is not None:
                found.signatures.setdefault(article.id, doc.signature)
        if doc.skipped is not None:
            found.skipped.append(doc.skipped)
        if doc.note is not None:
            found.notes.append(doc.note)
    return found


def _date_from_story(found: _Gathered, settings: Settings) -> None:
    """`pipeline.Documents.date_from_story`, reading the undated articles back from the spill."""
    years = story_years([a.published for a in found.articles if a.published and a.published_from != "inferred"])
    if years is None:
        return
    for index, article in enumerate(found.articles):
        if article.published is None and article.published_window is None:
            source = article.source
            whole = replace(article, text=found.spill.text(source))
            redated, dated, claims = date_from_story(whole, found.spill.sentences(source), years, settings)
            found.articles[index] = replace(redated, text="")
            found.spill.put_sentences(source, tuple(dated))
            found.claims[source] = tuple(claims)


def _tally(
    kept: list[Article], spill: Spill, settings: Settings, progress: Progress | None
) -> tuple[DayTally, int, int]:
    """The kept articles' quotable sentences tallied by day, with how many sentences and
    time mentions they hold in all."""
    counted = DayTally()
    sentences = mentions = 0
    for done, article in enumerate(kept, start=1):
        items = spill.sentences(article.source)
        sentences += len(items)
        mentions += sum(len(item.mentions) for item in items)
        counted.add(article, [item for item in items if is_candidate(item, settings.min_sentence_words)])
        if progress and (done % 500 == 0 or done == len(kept)):
            progress("days", done, len(kept))
    for article in kept:
        counted.add_published(article)
    return counted, sentences, mentions


def _sentences_of(
    days: set[date], kept: list[Article], spill: Spill, settings: Settings, progress: Progress | None
) -> dict[date, list[DatedSentence]]:
    """The quotable sentences of the chosen days, in input order."""
    by_day: dict[date, list[DatedSentence]] = defaultdict(list)
    for done, article in enumerate(kept, start=1):
        for item in spill.sentences(article.source):
            if item.day in days and is_candidate(item, settings.min_sentence_words):
                by_day[item.day].append(item)
        if progress and (done % 500 == 0 or done == len(kept)):
            progress("sentences", done, len(kept))
    return by_day
