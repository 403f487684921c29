"""Full-text search of a story's sentences (SQLite FTS5, Porter stemming)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

# Search hits returned at most (a story page shows them all).
MAX_HITS = 200
_HIT_START, _HIT_END = "\x02", "\x03"
_SEARCH_WORD = re.compile(r'"([^"]+)"|(\w+\*?)')


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A sentence matching a search, with the spans of the matched words."""

    article: str
    title: str | None
    outlet: str | None
    source: str
    start: int
    end: int
    day: str | None
    text: str
    marks: tuple[tuple[int, int], ...]  # offsets into `text`


def search_sentences(conn: sqlite3.Connection, story: int, query: str, limit: int = MAX_HITS) -> list[SearchHit]:
    """Sentences of the story's articles (inputs merged as duplicates left out) with every
    word of `query`, best match (BM25) first."""
    expression = fts_query(query)
    if expression is None:
        return []
    rows = conn.execute(
        "SELECT s.article, a.title, a.outlet, i.source, s.start, s.\"end\", s.day, "
        "highlight(sentence_search, 0, ?, ?) "
        "FROM sentence_search JOIN sentences s ON s.id = sentence_search.rowid "
        "JOIN inputs i ON i.id = s.input JOIN articles a ON a.input = s.input "
        "WHERE sentence_search MATCH ? AND s.story = ? AND i.state = 'article' "
        "ORDER BY rank LIMIT ?",
        (_HIT_START, _HIT_END, expression, story, min(limit, MAX_HITS)),
    ).fetchall()
    return [SearchHit(*row[:7], *_marks(row[7])) for row in rows]  # type: ignore[call-arg]


def fts_query(text: str) -> str | None:
    """An FTS5 query for a user's words: every word (or "quoted phrase") must appear;
    `word*` matches a prefix. None when there is no word."""
    terms = []
    for phrase, word in _SEARCH_WORD.findall(text):
        if phrase.strip():
            terms.append('"' + phrase.replace('"', "") + '"')
        elif word:
            prefix = word.endswith("*")
            terms.append('"' + word.rstrip("*") + '"' + ("*" if prefix else ""))
    return " ".join(terms) or None


def _marks(highlighted: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    text: list[str] = []
    marks: list[tuple[int, int]] = []
    position, start = 0, 0
    for part in re.split(f"([{_HIT_START}{_HIT_END}])", highlighted):
        if part == _HIT_START:
            start = position
        elif part == _HIT_END:
            marks.append((start, position))
        else:
            text.append(part)
            position += len(part)
    return "".join(text), tuple(marks)
