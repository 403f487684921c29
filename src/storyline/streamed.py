"""The streamed build: `build` for inputs too large to hold in memory.

Documents are read one at a time (JSONL line by line) and go through the same document
stage as always (document.process, in the process pool). Each result goes to a spill file on
disk; memory keeps only what the story stage needs of every article: its metadata, the
length of its text, its MinHash signature and its figures. The story stage is the one every
build runs (`pipeline.assemble`), over sentences read back from the spill
(`SpilledSentences`): one pass to rank the days (a DayTally, analyze/dates.py), one to gather
the sentences of the days the timeline takes. The same inputs give the same timeline.json,
byte for byte (tests/test_streamed.py).

What memory holds grows with the number of articles only through these small records (a few
KB each); the texts and sentences, the bulk, stay on disk. bench/memory.py measures it.
"""

from __future__ import annotations

import pickle
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import IO

from storyline.analyze.date_model import DateModel
from storyline.analyze.day_sentences import Sentences
from storyline.document import Progress, process_stream
from storyline.ingest.readers import iter_documents
from storyline.model import DatedSentence, RawDocument, Skipped, Story
from storyline.pipeline import Documents, assemble, streamable
from storyline.run_report import Stopwatch
from storyline.settings import Settings

# Above this many bytes of input (local files), `build` streams unless told otherwise: an
# in-memory build holds about ten times its input (bench/memory.py).
STREAM_ABOVE_BYTES = 100 * 2**20


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

    def put_text(self, source: str, text: str) -> None:
        self._texts[source] = self._write(zlib.compress(text.encode("utf-8"), 1))

    def put_sentences(self, source: str, sentences: tuple[DatedSentence, ...]) -> None:
        """Keep (or replace) a document's sentences."""
        self._sentences[source] = self._write(zlib.compress(pickle.dumps(sentences, protocol=5), 1))

    def sources(self) -> list[str]:
        """The sources of the documents kept, in the order they were put."""
        return list(self._texts)

    def text(self, source: str) -> str:
        return zlib.decompress(self._read(self._texts[source])).decode("utf-8")

    def sentences(self, source: str) -> tuple[DatedSentence, ...]:
        return pickle.loads(zlib.decompress(self._read(self._sentences[source])))  # type: ignore[no-any-return]

    def _write(self, data: bytes) -> tuple[int, int]:
        self._file.seek(0, 2)
        offset = self._file.tell()
        self._file.write(data)
        return offset, len(data)

    def _read(self, where: tuple[int, int]) -> bytes:
        self._file.seek(where[0])
        return self._file.read(where[1])


class SpilledSentences(Sentences):
    """Each document's dated sentences, read back from the spill when asked for."""

    def __init__(self, spill: Spill) -> None:
        self._spill = spill

    def __getitem__(self, source: str) -> tuple[DatedSentence, ...]:
        return self._spill.sentences(source)

    def __setitem__(self, source: str, sentences: tuple[DatedSentence, ...]) -> None:
        self._spill.put_sentences(source, sentences)


class SpilledTexts(Mapping[str, str]):
    """Article texts by input source, read from a spill as they are asked for (the last few
    are cached: figures and claims come article by article)."""

    def __init__(self, spill: Spill) -> None:
        self._spill = spill
        self._text = lru_cache(maxsize=16)(spill.text)

    def __getitem__(self, key: str) -> str:
        return self._text(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._spill.sources())

    def __len__(self) -> int:
        return len(self._spill.sources())


def build_streamed(
    paths: Iterable[str | Path], settings: Settings, model: DateModel | None = None,
    progress: Progress | None = None,
) -> Story:
    """`pipeline.build` for inputs too large to hold: same story, bounded memory."""
    why_not = streamable(settings)
    if why_not is not None:
        raise ValueError(why_not)
    clock = Stopwatch()
    reading: list[Skipped] = []
    docs = _gather(_documents(iter_documents(paths, settings), reading), settings, progress)
    docs.skipped[:0] = reading  # inputs that never became documents come first, as read
    clock.lap("process")
    return assemble(docs, settings, model, clock, progress)


def _documents(items: Iterable[RawDocument | Skipped], skipped: list[Skipped]) -> Iterator[RawDocument]:
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            yield item


def _gather(raw: Iterable[RawDocument], settings: Settings, progress: Progress | None) -> Documents:
    """What memory keeps of every processed document: the article without its text, the
    text's length, its signature and figures; texts and sentences go to the spill."""
    spill = Spill()
    docs = Documents(sentences=SpilledSentences(spill), texts=SpilledTexts(spill), lengths={})
    assert docs.lengths is not None
    for doc in process_stream(raw, settings, progress):
        if doc.article is not None:  # its sentences go to the spill through docs.sentences
            spill.put_text(doc.source, doc.article.text)
            docs.lengths[doc.source] = len(doc.article.text)
            doc = replace(doc, article=replace(doc.article, text=""))
        docs.add(doc)
    return docs
