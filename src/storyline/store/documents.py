"""Processed documents in the store: written once when an input is added, read back in bulk
(in the order inputs were added) whenever the story stage runs again.

Sentences and time mentions are columns, not JSON: a story of 4,000 articles has a quarter of
a million sentences, and reading them as rows is several times faster than decoding JSON.
Any field the model gains on those records goes to the `extra` JSON column, so nothing is
lost before a migration turns it into a column.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import typing
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import numpy as np

from storyline.analyze.dates import DayTally
from storyline.analyze.day_sentences import HeldSentences, Progress, Sentences, quotable_on
from storyline.analyze.timeline import is_candidate, quotable_words
from storyline.document import ProcessedDocument
from storyline.ingest import dedup
from storyline.model import (
    Article,
    Claim,
    DatedSentence,
    Entity,
    Note,
    Sentence,
    Skipped,
    TimeMention,
)
from storyline.pipeline import Documents
from storyline.settings import Settings
from storyline.store import records

# The fields the columns hold; the rest of a record goes to `extra`.
_SENTENCE_COLUMNS = ("article", "index", "paragraph", "start", "end", "text")
_DATED_COLUMNS = ("sentence", "mentions", "day", "day_from")
_MENTION_COLUMNS = ("start", "end", "text", "value", "granularity", "how", "confidence")
# Rows without `extra` are built positionally while the columns are the records' fields, in
# order (a quarter of a million rows for 4,000 articles); by keyword once the model changes.
_POSITIONAL = (tuple(f.name for f in dataclasses.fields(Sentence)) == _SENTENCE_COLUMNS
               and tuple(f.name for f in dataclasses.fields(DatedSentence)) == _DATED_COLUMNS)
# What the store keeps of a ProcessedDocument (tests check nothing else has appeared).
STORED_FIELDS = frozenset(
    {"source", "article", "sentences", "claims", "skipped", "note", "unparsed_figures", "signature"}
)


def insert_input(
    conn: sqlite3.Connection, story: int, seq: int, doc: ProcessedDocument | Skipped,
    digest: str | None, added: str,
) -> int:
    """Insert one input's row and, for an article, everything the document stage found."""
    if isinstance(doc, Skipped):
        row = conn.execute(
            "INSERT INTO inputs (story, seq, source, digest, state, reason, added) "
            "VALUES (?, ?, ?, ?, 'skipped', ?, ?)", (story, seq, doc.source, digest, doc.reason, added))
        return int(row.lastrowid or 0)
    state, reason, article_id = (
        ("article", None, doc.article.id) if doc.article else ("skipped", doc.skipped.reason if doc.skipped else "skipped", None)
    )
    row = conn.execute(
        "INSERT INTO inputs (story, seq, source, digest, state, reason, article, note, unparsed_figures, added) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (story, seq, doc.source, digest, state, reason, article_id,
         doc.note.message if doc.note else None, doc.unparsed_figures, added),
    )
    input_id = int(row.lastrowid or 0)
    if doc.article is not None:
        _insert_article(conn, story, input_id, doc)
    return input_id


def _insert_article(conn: sqlite3.Connection, story: int, input_id: int, doc: ProcessedDocument) -> None:
    article = doc.article
    assert article is not None
    record = records.to_data(article)
    del record["text"]
    conn.execute(
        "INSERT INTO articles (input, story, id, outlet, published, title, text, record) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (input_id, story, article.id, article.outlet,
         article.published.isoformat() if article.published else None, article.title,
         article.text, json.dumps(record, ensure_ascii=False, separators=(",", ":"))),
    )
    for item in doc.sentences:
        sentence = item.sentence
        own_text = None if article.text[sentence.start : sentence.end] == sentence.text else sentence.text
        cursor = conn.execute(
            'INSERT INTO sentences (story, input, article, idx, paragraph, start, "end", day, day_from, text, extra, '
            "words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (story, input_id, sentence.article, sentence.index, sentence.paragraph, sentence.start,
             sentence.end, item.day.isoformat() if item.day else None, item.day_from, own_text,
             _extra(sentence=_rest(sentence, _SENTENCE_COLUMNS), dated=_rest(item, _DATED_COLUMNS)),
             quotable_words(sentence.text)),
        )
        sentence_id = cursor.lastrowid
        conn.execute("INSERT INTO sentence_search (rowid, text) VALUES (?, ?)", (sentence_id, sentence.text))
        conn.executemany(
            'INSERT INTO mentions (sentence, story, start, "end", text, value, granularity, how, confidence, extra) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(sentence_id, story, m.start, m.end, m.text, m.value, m.granularity, m.how, m.confidence,
              _extra(mention=_rest(m, _MENTION_COLUMNS))) for m in item.mentions],
        )
    conn.executemany(
        "INSERT INTO claims (story, input, article, measure, low, high, record) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(story, input_id, c.article, c.measure, c.low, c.high, records.dumps(c)) for c in doc.claims],
    )


def index_near_duplicates(
    conn: sqlite3.Connection, story: int, input_id: int, article: Article, settings: Settings,
    signature: bytes | None = None,
) -> None:
    """Store the article's signature (made here unless the document stage made it) and band
    keys, and the stored articles it nearly copies."""
    if settings.dedup_threshold >= 1.0:
        return
    sig = (dedup.signature(article.text, settings.shingle_words) if signature is None
           else dedup.from_bytes(signature))
    conn.execute("UPDATE articles SET signature = ? WHERE input = ?", (sig.tobytes(), input_id))
    # An exact copy indexed before this one (a signature is set when indexed; inputs of this
    # add are inserted first and indexed after, in order).
    known = conn.execute("SELECT 1 FROM articles WHERE story = ? AND id = ? AND input != ? "
                         "AND signature IS NOT NULL LIMIT 1", (story, article.id, input_id)).fetchone()
    keys = dedup.band_keys(sig, settings.dedup_threshold)
    conn.executemany("INSERT INTO bands (story, band, key, input) VALUES (?, ?, ?, ?)",
                     [(story, band, key, input_id) for band, key in enumerate(keys)])
    if known:
        return  # an exact copy: its pairs are those of the article it copies
    candidates: dict[str, bytes] = {}
    for band, key in enumerate(keys):
        for other, blob in conn.execute(
            "SELECT a.id, a.signature FROM bands b JOIN articles a ON a.input = b.input "
            "WHERE b.story = ? AND b.band = ? AND b.key = ? AND b.input != ?", (story, band, key, input_id)
        ):
            if other != article.id:
                candidates[other] = blob
    pairs = [(other, article.id, story, input_id) for other, blob in sorted(candidates.items())
             if dedup.is_near(dedup.from_bytes(blob), sig, settings.dedup_threshold)]
    conn.executemany("INSERT INTO near_pairs (a, b, story, input) VALUES (?, ?, ?, ?)", pairs)


def rebuild_near_pairs(conn: sqlite3.Connection, story: int, settings: Settings) -> None:
    """Find every near-duplicate pair again (after a stored input was replaced)."""
    conn.execute("DELETE FROM near_pairs WHERE story = ?", (story,))
    if settings.dedup_threshold >= 1.0:
        return
    firsts: dict[str, tuple[int, np.ndarray]] = {}
    for input_id, article_id, blob in conn.execute(
        "SELECT a.input, a.id, a.signature FROM articles a JOIN inputs i ON i.id = a.input "
        "WHERE a.story = ? ORDER BY i.seq", (story,)
    ):
        if article_id not in firsts:
            firsts[article_id] = (input_id, dedup.from_bytes(blob))
    signatures = [(key, sig) for key, (_, sig) in firsts.items()]
    pairs = dedup.near_pairs(signatures, settings.dedup_threshold)
    conn.executemany("INSERT INTO near_pairs (a, b, story, input) VALUES (?, ?, ?, ?)",
                     [(a, b, story, firsts[b][0]) for a, b in pairs])


def load_documents(
    conn: sqlite3.Connection, story: int, entity_rules: str | None = None, on_demand: bool = False
) -> Documents:
    """The story's processed documents, in the order their inputs were added, with the
    entities kept under `entity_rules` (none without it). `on_demand`: the sentences stay in
    the store until the story stage asks for them (`StoredSentences`), else all are read."""
    docs = Documents(near_pairs=[(a, b) for a, b in conn.execute(
        "SELECT a, b FROM near_pairs WHERE story = ? ORDER BY rowid", (story,))])
    sources: dict[int, str] = {}
    texts: dict[int, str] = {}
    for input_id, source, state, reason, note, unparsed in conn.execute(
        "SELECT id, source, state, reason, note, unparsed_figures FROM inputs WHERE story = ? ORDER BY seq",
        (story,),
    ):
        sources[input_id] = source
        docs.unparsed_figures += unparsed
        if state == "skipped":
            docs.skipped.append(Skipped(source, reason))
        if note is not None:
            docs.notes.append(Note(source, note))
    articles: dict[int, Article] = {}
    signatures: dict[int, bytes] = {}
    for input_id, text, record, signature in conn.execute(
        "SELECT input, text, record, signature FROM articles WHERE story = ?", (story,)
    ):
        data = json.loads(record)
        data["text"] = text
        articles[input_id] = records.from_data(Article, data)
        texts[input_id] = text
        if signature is not None:
            signatures[input_id] = signature
    docs.articles = [articles[i] for i in sources if i in articles]
    for input_id in sources:
        if input_id in signatures:
            docs.signatures.setdefault(articles[input_id].id, signatures[input_id])
    claims: dict[int, list[Claim]] = {i: [] for i in articles}
    for input_id, record in conn.execute("SELECT input, record FROM claims WHERE story = ? ORDER BY id", (story,)):
        claims[input_id].append(records.loads(Claim, record))
    if on_demand:
        docs.sentences = StoredSentences(conn, story, {sources[i]: i for i in articles}, texts)
    else:
        sentences = _load_sentences(conn, story, texts)
        docs.sentences = HeldSentences({sources[i]: tuple(sentences[i]) for i in articles})
    docs.claims = {sources[i]: tuple(claims[i]) for i in articles}
    docs.entities = {
        (article, start): records.loads(tuple[Entity, ...], found)  # type: ignore[arg-type]
        for article, start, found in conn.execute(
            "SELECT article, start, found FROM entities WHERE story = ? AND rules = ?", (story, entity_rules))
    }
    return docs


# By input id: (day, sentences dated by a mention, by publication) of its quotable sentences;
# its sentences; its time mentions.
_Aggregates = tuple[dict[int, list[tuple[date, int, int]]], dict[int, int], dict[int, int]]


class StoredSentences(Sentences):
    """A story's stored sentences, read when the story stage asks: the day tally grouped by
    SQLite, the chosen days' sentences alone, one input's sentences on demand. Sentences set
    here (a document just added to an open store, an article the story stage dated again)
    are held in memory and take the place of the stored ones."""

    def __init__(self, conn: sqlite3.Connection, story: int, inputs: dict[str, int], texts: dict[int, str]) -> None:
        self._conn = conn
        self._story = story
        self._inputs = inputs  # source -> input id, of the stored articles
        self._texts = texts  # input id -> article text
        self._held: dict[str, tuple[DatedSentence, ...]] = {}
        self._aggregated: tuple[int, _Aggregates] | None = None  # (min words, counts)

    def __getitem__(self, source: str) -> tuple[DatedSentence, ...]:
        if source in self._held:
            return self._held[source]
        key = self._inputs[source]
        return tuple(_load_sentences(self._conn, self._story, {key: self._texts[key]}, "AND input = ?", (key,))[key])

    def __setitem__(self, source: str, sentences: tuple[DatedSentence, ...]) -> None:
        self._held[source] = sentences

    def tally(
        self, kept: Sequence[Article], settings: Settings, progress: Progress | None = None
    ) -> tuple[DayTally, int, int]:
        counts, sentences, mentions = self._aggregates(settings.min_sentence_words)
        counted = DayTally()
        total_sentences = total_mentions = 0
        for article in kept:
            if article.source in self._held or article.published_from == "inferred":
                items = self[article.source]
                total_sentences += len(items)
                total_mentions += sum(len(item.mentions) for item in items)
                counted.add(article, [item for item in items if is_candidate(item, settings.min_sentence_words)])
                continue
            key = self._inputs[article.source]
            total_sentences += sentences.get(key, 0)
            total_mentions += mentions.get(key, 0)
            counted.add_counts(article, counts.get(key, []))
        for article in kept:
            counted.add_published(article)
        return counted, total_sentences, total_mentions

    def _aggregates(self, min_words: int) -> _Aggregates:
        """By input: its quotable sentences counted by day (sentences dated by a mention, by
        publication; days in the order of their first sentence), its sentences and its time
        mentions. Stored inputs do not change while this object lives (a replaced input
        makes the store read its documents again), so the counts are made once."""
        if self._aggregated is not None and self._aggregated[0] == min_words:
            return self._aggregated[1]
        days: dict[str, date] = {}
        found: dict[int, dict[date, list[int]]] = defaultdict(dict)  # input -> day -> [mention, publication, first]
        for key, day, day_from, count, first in self._conn.execute(
            "SELECT input, day, day_from, count(*), min(id) FROM sentences WHERE story = ? AND day IS NOT NULL "
            "AND words >= ? GROUP BY input, day, day_from", (self._story, min_words)
        ):
            when = days.get(day) or days.setdefault(day, date.fromisoformat(day))
            row = found[key].setdefault(when, [0, 0, first])
            row[0 if day_from == "mention" else 1] += count
            row[2] = min(row[2], first)
        counts = {
            key: [(day, mention, publication)
                  for day, (mention, publication, _) in sorted(by_day.items(), key=lambda pair: pair[1][2])]
            for key, by_day in found.items()
        }
        sentences = dict(self._conn.execute(
            "SELECT input, count(*) FROM sentences WHERE story = ? GROUP BY input", (self._story,)))
        mentions = dict(self._conn.execute(
            "SELECT s.input, count(*) FROM mentions m JOIN sentences s ON s.id = m.sentence "
            "WHERE m.story = ? GROUP BY s.input", (self._story,)))
        self._aggregated = (min_words, (counts, sentences, mentions))
        return counts, sentences, mentions

    def of_days(
        self, days: set[date], kept: Sequence[Article], settings: Settings, progress: Progress | None = None
    ) -> dict[date, list[DatedSentence]]:
        by_day: dict[date, list[DatedSentence]] = defaultdict(list)
        if not days:
            return by_day
        chosen = sorted(day.isoformat() for day in days)
        where = f"AND day IN ({','.join('?' * len(chosen))}) AND words >= ?"
        stored = _load_sentences(self._conn, self._story, self._texts, where, (*chosen, settings.min_sentence_words))
        for article in kept:
            if article.source in self._held:
                items = quotable_on(self._held[article.source], days, settings)
            else:
                items = stored[self._inputs[article.source]]
            for item in items:
                by_day[item.day].append(item)  # type: ignore[index]
        return by_day


def save_entities(
    conn: sqlite3.Connection, story: int, found: dict[tuple[str, int], tuple[Entity, ...]], rules: str
) -> None:
    """Keep the places and actors the story stage found in sentences it had not read before."""
    conn.executemany(
        "INSERT OR REPLACE INTO entities (story, article, start, rules, found) VALUES (?, ?, ?, ?, ?)",
        [(story, article, start, rules, records.dumps(list(entities)))
         for (article, start), entities in found.items()],
    )


def _load_mentions(
    conn: sqlite3.Connection, story: int, where: str = "", params: tuple[object, ...] = ()
) -> dict[int, tuple[TimeMention, ...]]:
    """The time mentions of the story's sentences (those that meet `where`, a condition on
    the sentences table), by sentence id."""
    chosen = f"AND sentence IN (SELECT id FROM sentences WHERE story = ? {where})" if where else ""
    found: dict[int, list[TimeMention]] = {}
    for sentence, start, end, text, value, granularity, how, confidence, extra in conn.execute(
        'SELECT sentence, start, "end", text, value, granularity, how, confidence, extra '
        f"FROM mentions WHERE story = ? {chosen} ORDER BY sentence, rowid",
        (story, story, *params) if where else (story,),
    ):
        fields = {"start": start, "end": end, "text": text, "value": value, "granularity": granularity,
                  "how": how, "confidence": confidence}
        more = json.loads(extra) if extra else {}
        found.setdefault(sentence, []).append(_record(TimeMention, fields, more.get("mention")))
    return {key: tuple(items) for key, items in found.items()}


def _load_sentences(
    conn: sqlite3.Connection, story: int, texts: dict[int, str], where: str = "", params: tuple[object, ...] = ()
) -> dict[int, list[DatedSentence]]:
    """The sentences of the inputs whose texts are given (those that meet `where`), by input
    id, in the order stored."""
    mentions = _load_mentions(conn, story, where, params)
    days: dict[str, date] = {}
    found: dict[int, list[DatedSentence]] = {i: [] for i in texts}
    for sentence_id, input_id, article, index, paragraph, start, end, day, day_from, text, extra in conn.execute(
        'SELECT id, input, article, idx, paragraph, start, "end", day, day_from, text, extra '
        f"FROM sentences WHERE story = ? {where} ORDER BY id", (story, *params)
    ):
        if input_id not in found:
            continue  # not asked for (an input whose sentences are held elsewhere)
        if text is None:
            text = texts[input_id][start:end]
        when = None if day is None else days.get(day) or days.setdefault(day, date.fromisoformat(day))
        said = mentions.get(sentence_id, ())
        if extra is None and _POSITIONAL:
            item = DatedSentence(Sentence(article, index, paragraph, start, end, text), said, when, day_from)
        else:
            more = json.loads(extra) if extra else {}
            fields = {"article": article, "index": index, "paragraph": paragraph, "start": start,
                      "end": end, "text": text}
            sentence = _record(Sentence, fields, more.get("sentence"))
            dated = {"sentence": sentence, "mentions": said, "day": when, "day_from": day_from}
            item = _record(DatedSentence, dated, more.get("dated"))
        found[input_id].append(item)
    return found


def _record(cls: type[Any], fields: dict[str, Any], extra: dict[str, Any] | None) -> Any:
    if extra:
        hints = typing.get_type_hints(cls)
        fields.update({key: records.decoder(hints[key])(value) for key, value in extra.items() if key in hints})
    return cls(**fields)


def _rest(record: Any, columns: Iterable[str]) -> dict[str, Any]:
    """The fields of a record that have no column of their own."""
    skip = set(columns)
    return {f.name: records.to_data(getattr(record, f.name)) for f in dataclasses.fields(record) if f.name not in skip}


def _extra(**parts: dict[str, Any]) -> str | None:
    """JSON of the column-less fields of each record, or None when there are none."""
    if not any(parts.values()):
        return None
    return json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
