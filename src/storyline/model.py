"""The data model: plain frozen records passed between pipeline stages.

Every output item keeps provenance: an article id and a character span into that
article's cleaned text, so any line of any output can be traced to its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

# How an article's publication date was found, best first.
DateSource = Literal["given", "html-metadata", "text", "url", "crawl", "unknown"]

# Granularity of a resolved time value.
Granularity = Literal["day", "week", "month", "quarter", "year"]

# What finally happened to one input (a file, or one line of a JSONL file).
InputState = Literal["article", "duplicate", "skipped"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as read from an input, before cleaning."""

    source: str  # path, "path:line" for JSONL records, or URL
    kind: Literal["text", "html"]
    content: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # as given by the input (JSONL, feed); parsed during dating
    given_id: str | None = None
    crawled: str | None = None  # WARC record date: a last resort for the publication date
    locale: str | None = None  # e.g. "en-GB", from JSONL `locale` (HTML: read from <html lang>)
    summary_only: bool = False  # a feed entry that carried only its summary


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that produced no document, and why."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Note:
    """A problem met on an input that did not stop it (e.g. an unparseable given date)."""

    source: str
    message: str


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line that cleaning removed, kept for the run report."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned, dated article: the unit every later stage works on."""

    id: str  # hash of the normalised clean text
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    locale: str | None = None  # the outlet's locale, when known ("en-GB", "en-US")
    published: date | None = None
    published_from: DateSource = "unknown"
    language: str = "en"
    removed: tuple[RemovedLine, ...] = ()
    wire_sources: tuple[str, ...] = ()  # agencies credited in the text ("AFP", "Reuters")
    summary_only: bool = False
    # Other inputs merged into this one as duplicates (their sources and outlets).
    copies: tuple[str, ...] = ()
    copy_outlets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article; start/end are offsets into Article.text."""

    article: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression found in a text and resolved to an absolute value.

    `value` is `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, `YYYY-Qn` or `YYYY`; `how` says what
    it was resolved against (explicit, publication date, an earlier mention, ...).
    """

    start: int
    end: int
    text: str
    value: str
    granularity: Granularity
    how: str
    confidence: float = 1.0

    @property
    def day(self) -> date | None:
        """The calendar day of a day-granularity mention, else None."""
        if self.granularity != "day":
            return None
        return date.fromisoformat(self.value)


@dataclass(frozen=True, slots=True)
class DatedSentence:
    """A sentence with the time mentions found in it and the day it reports on."""

    sentence: Sentence
    mentions: tuple[TimeMention, ...]
    day: date | None  # the day this sentence is about, if any
    day_from: Literal["mention", "publication", "none"]


@dataclass(frozen=True, slots=True)
class Citation:
    """A sentence quoted in an output, with where it comes from."""

    text: str
    article: str
    start: int
    end: int
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One date of the timeline and the sentences that best say what happened."""

    date: date
    sentences: tuple[Citation, ...]
    score: float
    articles: int  # independent articles reporting on this date
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    """Ordered entries and the parameters that made them."""

    entries: tuple[TimelineEntry, ...]
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class InputRecord:
    """What became of one input: an article, a duplicate of one, or skipped."""

    source: str
    state: InputState
    reason: str | None = None
    article: str | None = None  # the article id it became or was merged into


@dataclass(frozen=True, slots=True)
class RunReport:
    """Everything a user needs to trust a run: what was read, dropped, merged, how long."""

    inputs: tuple[InputRecord, ...]
    undated: tuple[str, ...]  # article ids without a publication date
    removed_lines: int
    sentences: int
    time_mentions: int
    notes: tuple[Note, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)

    def count(self, state: InputState) -> int:
        """Number of inputs that ended in `state`."""
        return sum(1 for record in self.inputs if record.state == state)


@dataclass(frozen=True, slots=True)
class Story:
    """The result of a build: articles, timeline, summary and run report."""

    articles: tuple[Article, ...]
    timeline: Timeline
    summary: tuple[Citation, ...]
    report: RunReport
