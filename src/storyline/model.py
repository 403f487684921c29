"""The data model: plain frozen records passed between pipeline stages.

Every output item keeps provenance: an article id and a character span into that
article's cleaned text, so any line of any output can be traced to its source.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

# How an article's publication date was found, best first ("inferred": from the dates its
# text reports, ingest/undated.py).
DateSource = Literal["given", "html-metadata", "text", "url", "crawl", "inferred", "unknown"]

# Granularity of a resolved time value.
Granularity = Literal["day", "week", "month", "quarter", "year"]

# What finally happened to one input (a file, or one line of a JSONL file).
InputState = Literal["article", "duplicate", "skipped"]

# Figures about people: how the number is qualified, what it counts, and whom.
Qualifier = Literal["exact", "at_least", "more_than", "nearly", "about", "up_to", "vague", "range"]
Measure = Literal[
    "killed", "wounded", "killed_or_wounded", "displaced", "trapped", "evacuated", "missing",
    "rescued", "detained", "other",
]
Who = Literal[
    "civilians", "children", "women", "fighters_rebel", "fighters_government", "fighters_is",
    "people", "other",
]
# How the sources' values for one counted thing relate (analyze/reconcile.py).
FigureStatus = Literal["single", "agree", "conflict", "evolving"]
# What a named entity is to the story: where things happen, or who takes part.
EntityKind = Literal["place", "actor"]


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
    # For a date inferred from the text (or no date): the days it may lie between, how sure
    # the inference is (0-1), and the reason in words (why undated, or what placed it).
    published_window: tuple[date, date | None] | None = None  # end None: open
    published_confidence: float | None = None
    published_reason: str | None = None
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
class Claim:
    """A figure about people reported in an article: "at least 84 civilians killed".

    `start`/`end` span the number expression, `sentence_start`/`sentence_end` its sentence,
    both offsets into the article's clean text. `low`/`high` are None when open.
    `attributed_to` is the source the text names (normalised), or "outlet" when the outlet
    states the figure on its own. `when` and `as_of` are resolved values (`YYYY-MM-DD`, or
    `YYYY-MM-DD/YYYY-MM-DD` for a period) when the text gives them.
    """

    article: str
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    low: int | None
    high: int | None
    qualifier: Qualifier
    measure: Measure
    who: Who
    attributed_to: str = "outlet"
    hypothetical: bool = False
    where: str | None = None
    when: str | None = None
    as_of: str | None = None
    outlet: str | None = None
    cumulative: bool = False  # a running total ("so far", "since March", "the toll rose to")

    @property
    def key(self) -> str:
        """A stable reference: article id and the number's offsets."""
        return f"{self.article}:{self.start}-{self.end}"


@dataclass(frozen=True, slots=True)
class FigureValue:
    """One value reported for a counted thing, with every outlet and source behind it."""

    low: int | None
    high: int | None
    qualifier: Qualifier
    text: str  # the number expression as first reported
    claims: tuple[str, ...]  # Claim.key of every claim reporting it
    outlets: tuple[str, ...]
    sources: tuple[str, ...]  # attributed sources ("outlet" when the outlet says it itself)
    as_of: str | None = None  # the day the figure held (its period's end), when known


@dataclass(frozen=True, slots=True)
class Figure:
    """Claims that count the same thing across a story's articles, reconciled.

    `conservative` is the lowest figure any source asserts (ACLED's rule); `low`/`high`
    the full range of the values (UCDP's low and high estimates). For an evolving toll,
    `values` are ordered by `as_of`: a series, not a disagreement.
    """

    id: str
    measure: Measure
    who: Who
    where: str | None
    status: FigureStatus
    values: tuple[FigureValue, ...]
    conservative: int | None
    low: int | None
    high: int | None
    hypothetical: bool = False


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
    claims: tuple[str, ...] = ()  # Claim.key of the figures its sentences hold
    events: tuple[str, ...] = ()  # Event.id of the events it quotes, the day's main event first
    places: tuple[str, ...] = ()  # canonical names, from those events
    actors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """A place or actor named in a sentence (spaCy's entities), offsets into Article.text.

    `label` is spaCy's (GPE, LOC, FAC, PERSON, ORG, NORP); `cue` what the words around it
    say it is ("in X", "X district": a place; "X said": an actor), when they say anything.
    """

    article: str
    start: int
    end: int
    text: str
    label: str
    cue: EntityKind | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One happening as the story's articles report it: the sentences that tell it, who
    reports it, where and who is involved.

    `window` is the first and last day it may have happened on (one day when the sentences
    name it); `sources` counts independent reports (an article and its merged wire copies
    count once, and so do two articles of one outlet).
    """

    id: str
    window: tuple[date, date]  # (before `date`, whose name would hide the type)
    date: date
    headline: Citation
    sentences: tuple[Citation, ...]  # every reporting sentence, most representative first
    outlets: tuple[str, ...]
    articles: int
    sources: int
    places: tuple[str, ...] = ()  # canonical names, most mentioned first
    actors: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()  # Claim.key of the figures its sentences hold
    salience: float = 0.0


@dataclass(frozen=True, slots=True)
class NamedEntity:
    """A place or actor of the story under its canonical name: the names it goes by in the
    articles and the events it appears in."""

    name: str
    kind: EntityKind
    variants: tuple[str, ...]  # every form seen, the canonical one included
    events: tuple[str, ...]  # Event.id, in date order
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class Timeline:
    """Ordered entries, the events they are built from, the index of those events' places
    and actors, and the parameters that made them."""

    entries: tuple[TimelineEntry, ...]
    params: dict[str, object] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
    entities: tuple[NamedEntity, ...] = ()


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
    claims: int = 0  # figures about people found
    unparsed_figures: int = 0  # number expressions near a casualty word that could not be read

    def count(self, state: InputState) -> int:
        """Number of inputs that ended in `state`."""
        return sum(1 for record in self.inputs if record.state == state)


@dataclass(frozen=True, slots=True)
class Story:
    """The result of a build: articles, timeline, summary, figures and run report."""

    articles: tuple[Article, ...]
    timeline: Timeline
    summary: tuple[Citation, ...]
    report: RunReport
    claims: tuple[Claim, ...] = ()
    figures: tuple[Figure, ...] = ()
    # The articles' texts by id when the articles do not hold them (a streamed build keeps
    # them on disk, pipeline/streamed.py); None: each article's own `text`.
    texts: Mapping[str, str] | None = field(default=None, compare=False, repr=False)

    def text_of(self, article: Article) -> str:
        """An article's cleaned text, wherever it is kept."""
        return article.text if self.texts is None else self.texts[article.id]
