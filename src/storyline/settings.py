"""One settings object with shipped defaults; callers override fields with `replace`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Settings:
    """Options for a whole run. Every stage reads what it needs from here."""

    # Ingest limits, enforced by the readers themselves.
    max_bytes: int = 20 * 1024 * 1024
    max_line_chars: int = 100_000
    max_seconds_per_document: float = 20.0  # 0 turns the limit off
    # Cleaning runs in this many processes when there are enough documents (0 = one per core).
    workers: int = 0
    languages: tuple[str, ...] = ("en",)
    # Near-duplicate detection (MinHash over word 5-shingles); see ingest/dedup.py.
    # Calibrated by bench/dedup_calibration.py on the golden set and the example story:
    # edited wire copies (new intro, last paragraph cut, up to 6% of words changed) have
    # Jaccard >= 0.40, distinct articles of the same story <= 0.03. At 0.3: every copy
    # merged, no false merge.
    dedup_threshold: float = 0.3
    shingle_words: int = 5
    # Sentence splitting (annotate/nlp.py): "senter" (spaCy's sentence recogniser, default),
    # "fast" (blingfire, several times faster; Timeline17 date F1 0.560 against 0.573 on the
    # two-topic test, docs/benchmarks.md) or "parser" (spaCy's parser, slowest).
    sentence_model: str = "senter"
    spacy_model: str | None = None  # a package name; None tries the known English names
    # Timeline shape.
    # Days are ranked by the shipped supervised model (analyze/data/date_model.json, trained on
    # Timeline17); "mentions" is the unsupervised alternative. Measured in docs/benchmarks.md.
    date_selector: str = "supervised"
    date_model: str | None = None  # JSON weights for the supervised selector; None: shipped
    # Publication dates the user gives (a --dates manifest): (input path or id, YYYY-MM-DD).
    given_dates: tuple[tuple[str, str], ...] = ()
    candidate_collector: str = "dated"
    sentence_ranker: str = "centroid"
    max_dates: int = 20
    sentences_per_date: int = 3
    summary_sentences: int = 5
    min_sentence_words: int = 5
    # Entries built from events (analyze/events.py): each day's sentences grouped by the
    # happening they report, with its places and actors (spaCy's entities on those sentences
    # only). Off: the sentence ranker alone picks each day's sentences (DATEWISE's methods).
    events: bool = True
    # Figures about people (annotate/claims.py) and their reconciliation across sources.
    claims: bool = True
    # Where the document stage runs: "local" (this machine's process pool) or "dask" (a Dask
    # cluster: `scheduler` is its address; None starts a local cluster for the run).
    engine: str = "local"
    scheduler: str | None = None
    # Stream large inputs (streamed.py): documents read one at a time, their texts and
    # sentences kept on disk until the story stage needs them; same outputs, bounded memory.
    # None: stream when the local inputs exceed streamed.STREAM_ABOVE_BYTES.
    stream: bool | None = None

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given fields replaced; unknown names raise a clear error."""
        unknown = sorted(set(overrides) - set(self.__dataclass_fields__))
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}")
        return replace(self, **overrides)


DEFAULT = Settings()
