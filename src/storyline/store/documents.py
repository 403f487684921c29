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
from collections.abc import Iterable
from datetime import date
from typing import Any

import numpy as np

from storyline.analyze.day_sentences import HeldSentences
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
            'INSERT INTO sentences (story, input, article, idx, paragraph, start, "end", day, day_from, text, extra) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (story, input_id, sentence.article, sentence.index, sentence.paragraph, sentence.start,
             sentence.end, item.day.isoformat() if item.day else None, item.day_from, own_text,
             _extra(sentence=_rest(sentence, _SENTENCE_COLUMNS), dated=_rest(item, _DATED_COLUMNS))),
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


def load_documents(conn: sqlite3.Connection, story: int, entity_rules: str | None = None) -> Documents:
    """The story's processed documents, in the order their inputs were added, with the
    entities kept under `entity_rules` (none without it)."""
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
    sentences = _load_sentences(conn, story, texts)
    claims: dict[int, list[Claim]] = {i: [] for i in articles}
    for input_id, record in conn.execute("SELECT input, record FROM claims WHERE story = ? ORDER BY id", (story,)):
        claims[input_id].append(records.loads(Claim, record))
    docs.sentences = HeldSentences({sources[i]: tuple(sentences[i]) for i in articles})
    docs.claims = {sources[i]: tuple(claims[i]) for i in articles}
    docs.entities = {
        (article, start): records.loads(tuple[Entity, ...], found)  # type: ignore[arg-type]
        for article, start, found in conn.execute(
            "SELECT article, start, found FROM entities WHERE story = ? AND rules = ?", (story, entity_rules))
    }
    return docs


def save_entities(
    conn: sqlite3.Connection, story: int, found: dict[tuple[str, int], tuple[Entity, ...]], rules: str
) -> None:
    """Keep the places and actors the story stage found in sentences it had not read before."""
    conn.executemany(
        "INSERT OR REPLACE INTO entities (story, article, start, rules, found) VALUES (?, ?, ?, ?, ?)",
        [(story, article, start, rules, records.dumps(list(entities)))
         for (article, start), entities in found.items()],
    )


def _load_mentions(conn: sqlite3.Connection, story: int) -> dict[int, tuple[TimeMention, ...]]:
    found: dict[int, list[TimeMention]] = {}
    for sentence, start, end, text, value, granularity, how, confidence, extra in conn.execute(
        'SELECT sentence, start, "end", text, value, granularity, how, confidence, extra '
        "FROM mentions WHERE story = ? ORDER BY sentence, rowid", (story,)
    ):
        fields = {"start": start, "end": end, "text": text, "value": value, "granularity": granularity,
                  "how": how, "confidence": confidence}
        more = json.loads(extra) if extra else {}
        found.setdefault(sentence, []).append(_record(TimeMention, fields, more.get("mention")))
    return {key: tuple(items) for key, items in found.items()}


def _load_sentences(
    conn: sqlite3.Connection, story: int, texts: dict[int, str]
) -> dict[int, list[DatedSentence]]:
    mentions = _load_mentions(conn, story)
    days: dict[str, date] = {}
    found: dict[int, list[DatedSentence]] = {i: [] for i in texts}
    for sentence_id, input_id, article, index, paragraph, start, end, day, day_from, text, extra in conn.execute(
        'SELECT id, input, article, idx, paragraph, start, "end", day, day_from, text, extra '
        "FROM sentences WHERE story = ? ORDER BY id", (story,)
    ):
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
