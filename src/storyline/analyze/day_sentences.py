"""Where the story stage finds its articles' sentences: held in memory (`HeldSentences`),
spilled to disk (streamed.py) or kept in SQLite (store/documents.py).

The story stage asks three things of them: one article's sentences (to date an undated article
again), a `DayTally` of the kept articles' quotable sentences (to rank the days), and the
quotable sentences of the days the timeline takes. The defaults here read article by article;
a source that cannot hold every sentence at once answers the last two with a pass over disk or
an SQL query instead, and the timeline is the same.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date

from storyline.analyze.dates import DayTally
from storyline.analyze.timeline import is_candidate
from storyline.model import Article, DatedSentence
from storyline.settings import Settings

Progress = Callable[[str, int, int], None]
# Progress is reported every this many articles on a pass over the story's sentences.
PROGRESS_EVERY = 500


class Sentences:
    """The interface, with defaults that read the sentences article by article."""

    def __getitem__(self, source: str) -> tuple[DatedSentence, ...]:
        raise NotImplementedError

    def __setitem__(self, source: str, sentences: tuple[DatedSentence, ...]) -> None:
        raise NotImplementedError

    def tally(
        self, kept: Sequence[Article], settings: Settings, progress: Progress | None = None
    ) -> tuple[DayTally, int, int]:
        """The kept articles' quotable sentences tallied by day, with how many sentences and
        time mentions the kept articles hold in all (for the run report)."""
        counted = DayTally()
        sentences = mentions = 0
        for done, article in enumerate(kept, start=1):
            items = self[article.source]
            sentences += len(items)
            mentions += sum(len(item.mentions) for item in items)
            counted.add(article, [item for item in items if is_candidate(item, settings.min_sentence_words)])
            _report(progress, "days", done, len(kept))
        for article in kept:
            counted.add_published(article)
        return counted, sentences, mentions

    def of_days(
        self, days: set[date], kept: Sequence[Article], settings: Settings, progress: Progress | None = None
    ) -> dict[date, list[DatedSentence]]:
        """The kept articles' quotable sentences of `days`, by day, in input order."""
        by_day: dict[date, list[DatedSentence]] = defaultdict(list)
        for done, article in enumerate(kept, start=1):
            for item in quotable_on(self[article.source], days, settings):
                by_day[item.day].append(item)  # type: ignore[index]
            _report(progress, "sentences", done, len(kept))
        return by_day


def quotable_on(items: Sequence[DatedSentence], days: set[date], settings: Settings) -> list[DatedSentence]:
    """The sentences fit to quote (`is_candidate`) among `items` that are about one of `days`."""
    return [item for item in items if item.day in days and is_candidate(item, settings.min_sentence_words)]


class HeldSentences(dict[str, tuple[DatedSentence, ...]], Sentences):
    """Every document's sentences in memory, by input source."""


def _report(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
        progress(stage, done, total)
