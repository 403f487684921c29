"""A short multi-document summary: the best sentence of the most salient days, in date order."""

from __future__ import annotations

from storyline.model import Citation, Timeline, TimelineEntry


def summarize(timeline: Timeline, size: int) -> tuple[Citation, ...]:
    """Pick `size` days by salience, preferring days whose lead sentence comes from an
    article not yet quoted, so the summary spans the story rather than one report."""
    ranked = sorted(timeline.entries, key=_salience)
    chosen: list[TimelineEntry] = []
    used_articles: set[str] = set()
    for relaxed in (False, True):
        for entry in ranked:
            if len(chosen) >= size:
                break
            lead = entry.sentences[0]
            if entry in chosen or (not relaxed and lead.article in used_articles):
                continue
            chosen.append(entry)
            used_articles.add(lead.article)
    chosen.sort(key=lambda entry: entry.date)
    return tuple(entry.sentences[0] for entry in chosen)


def _salience(entry: TimelineEntry) -> tuple[float, int, int, str]:
    # Higher score first; then more independent articles; then more quoted sentences.
    return (-entry.score, -entry.articles, -len(entry.sentences), entry.date.isoformat())
