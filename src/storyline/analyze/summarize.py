"""The story summary: one self-contained sentence for each key event, first to last, in date
order, each cited.

Key events are the timeline's days whose salience is at least KEY_SHARE of the top day's,
leaving out days after the last article was published (plans and deadlines, not happenings).
The summary always spans the story's arc, from the earliest key day to the latest, then adds
the most salient key days between them, spread over the story. Each day says what happened through the best sentence
of its events that can stand alone (analyze/standalone.py: no opening pronoun, connective or
"the figure", no bare quote), preferring an article the summary has not quoted yet; a day
with no such sentence is left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from storyline.analyze.standalone import dangling
from storyline.model import Citation, Event, Timeline, TimelineEntry

# Calibrated on the example story: its eight true days score 0.48-1.0 of the top day under
# the shipped date model, its background day (2025-02-11, the ship's arrival) 0.29.
KEY_SHARE = 0.4


def summarize(timeline: Timeline, size: int, latest: date | None = None) -> tuple[Citation, ...]:
    """Up to `size` cited sentences covering the story's key events in date order; days after
    `latest` (the last publication date) are left out."""
    events = {event.id: event for event in timeline.events}
    options = {
        entry.date: sentences
        for entry in timeline.entries
        if (latest is None or entry.date <= latest) and (sentences := _standalone(entry, events))
    }
    entries = [entry for entry in timeline.entries if entry.date in options]
    if not entries or size <= 0:
        return ()
    top = max(entry.score for entry in entries) or 1.0
    key = [entry for entry in entries if entry.score >= KEY_SHARE * top] or entries
    arc = [min(key, key=lambda e: e.date), max(key, key=lambda e: e.date)]
    chosen = list(dict.fromkeys(arc[: min(size, 2)]))
    for pool in (key, entries):
        while len(chosen) < size and (left := [e for e in pool if e not in chosen]):
            chosen.append(min(left, key=lambda e: _salience(e, top, chosen)))
    chosen.sort(key=lambda entry: entry.date)
    quoted: set[str] = set()
    summary: list[Citation] = []
    for entry in chosen:
        sentences = options[entry.date]
        pick = next((s for s in sentences if s.article not in quoted), sentences[0])
        quoted.add(pick.article)
        summary.append(pick)
    return tuple(summary)


def _standalone(entry: TimelineEntry, events: dict[str, Event]) -> list[Citation]:
    """The day's sentences that can stand alone, best first: those the entry quotes, then
    the rest of its events' sentences, most representative first."""
    candidates: Iterable[Citation] = (
        *entry.sentences,
        *(c for key in entry.events if key in events for c in events[key].sentences),
    )
    unique = {(c.article, c.start): c for c in candidates}
    return [c for c in unique.values() if dangling(c.text) is None]


def _salience(entry: TimelineEntry, top: float, chosen: list[TimelineEntry]) -> tuple[float, int, int, str]:
    # Higher score first, in steps of a tenth of the top day's (closer scores are noise);
    # within a step the day farthest from those already chosen, so the summary spreads over
    # the story; then more independent articles.
    gap = min((abs((entry.date - other.date).days) for other in chosen), default=0)
    return (-round(entry.score / top, 1), -gap, -entry.articles, entry.date.isoformat())
