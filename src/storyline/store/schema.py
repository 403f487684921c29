"""The store's SQLite schema, its version, and the migrations that bring older stores up to it.

Records are kept generically (`records.py`): the columns are what is searched, joined or read
in bulk, and a `record` JSON column holds the rest of a dataclass, so fields added to the
model need no migration. A change to the columns themselves adds a step to MIGRATIONS.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from storyline.analyze.timeline import quotable_words

SCHEMA_VERSION = 4
# How long a writer waits for another one to finish (an add holds the write lock while it
# recomputes the story: seconds on a story of thousands of articles).
BUSY_TIMEOUT_SECONDS = 600.0

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per story; `view` is its timeline.json data without the articles' texts and removed
-- lines (zlib JSON), rewritten by every add (the texts are in `articles`: the whole timeline.json
-- is made from both when read, not by every add), `version` counts the adds.
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    settings TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0,
    first_date TEXT,
    last_date TEXT,
    view BLOB
);

-- Every input ever added, in the order added (`seq`); `digest` identifies its content, so
-- adding it again is a no-op. `state`/`reason`/`article` are its fate in the current story
-- (article, duplicate, skipped), as in the run report.
CREATE TABLE inputs (
    id INTEGER PRIMARY KEY,
    story INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    source TEXT NOT NULL,
    digest TEXT,
    state TEXT NOT NULL,
    reason TEXT,
    article TEXT,
    note TEXT,
    unparsed_figures INTEGER NOT NULL DEFAULT 0,
    added TEXT NOT NULL,
    UNIQUE (story, source)
);
CREATE INDEX inputs_by_seq ON inputs (story, seq);

-- The article an input became (before duplicates are merged), with its MinHash signature.
CREATE TABLE articles (
    input INTEGER PRIMARY KEY REFERENCES inputs(id) ON DELETE CASCADE,
    story INTEGER NOT NULL,
    id TEXT NOT NULL,
    outlet TEXT,
    published TEXT,
    title TEXT,
    text TEXT NOT NULL,
    record TEXT NOT NULL,
    signature BLOB
);
CREATE INDEX articles_by_id ON articles (story, id);

-- LSH band keys of the signatures: near-duplicate candidates are found by lookup.
CREATE TABLE bands (
    story INTEGER NOT NULL,
    band INTEGER NOT NULL,
    key BLOB NOT NULL,
    input INTEGER NOT NULL REFERENCES inputs(id) ON DELETE CASCADE
);
CREATE INDEX bands_by_key ON bands (story, band, key);
CREATE INDEX bands_by_input ON bands (input);

-- Near-duplicate article pairs (ids), found when the later one was added.
CREATE TABLE near_pairs (
    story INTEGER NOT NULL,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    input INTEGER NOT NULL REFERENCES inputs(id) ON DELETE CASCADE
);
CREATE INDEX near_pairs_by_story ON near_pairs (story);
CREATE INDEX near_pairs_by_input ON near_pairs (input);

-- Sentences with the day they report on; `text` only when it is not the article's slice;
-- `words` (schema 3) counts the words of a sentence fit to quote (timeline.quotable_words),
-- NULL for a heading or fragment, so the story stage tallies the days in SQL.
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    story INTEGER NOT NULL,
    input INTEGER NOT NULL REFERENCES inputs(id) ON DELETE CASCADE,
    article TEXT NOT NULL,
    idx INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    day TEXT,
    day_from TEXT NOT NULL,
    text TEXT,
    extra TEXT,
    words INTEGER
);
CREATE INDEX sentences_by_story ON sentences (story, id);
CREATE INDEX sentences_by_day ON sentences (story, day);
CREATE INDEX sentences_by_input ON sentences (input);

CREATE TABLE mentions (
    sentence INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    story INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT NOT NULL,
    granularity TEXT NOT NULL,
    how TEXT NOT NULL,
    confidence REAL NOT NULL,
    extra TEXT
);
CREATE INDEX mentions_by_story ON mentions (story, sentence);
CREATE INDEX mentions_by_value ON mentions (story, value);

-- Figures about people as each article reports them (the story's figures are in `view`).
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    story INTEGER NOT NULL,
    input INTEGER NOT NULL REFERENCES inputs(id) ON DELETE CASCADE,
    article TEXT NOT NULL,
    measure TEXT NOT NULL,
    low INTEGER,
    high INTEGER,
    record TEXT NOT NULL
);
CREATE INDEX claims_by_story ON claims (story, id);
CREATE INDEX claims_by_input ON claims (input);

-- Full-text index of the sentences (rowid = sentences.id); Porter stemming, so a search for
-- "evacuate" finds "evacuated".
CREATE VIRTUAL TABLE sentence_search USING fts5(text, tokenize = 'porter unicode61');
"""

# Added by schema 2 (a migration creates it in a store of schema 1).
_ENTITIES = """
-- Places and actors the story stage found in a sentence (JSON list of Entity), by article
-- id (a hash of the text) and sentence start: the recogniser reads each sentence once.
-- `rules`: the version of the rules and model that found them (others are found again).
CREATE TABLE entities (
    story INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    article TEXT NOT NULL,
    start INTEGER NOT NULL,
    rules TEXT NOT NULL,
    found TEXT NOT NULL,
    PRIMARY KEY (story, article, start)
) WITHOUT ROWID;
"""


def _add_entities(conn: sqlite3.Connection) -> None:
    for statement in _statements(_ENTITIES):
        conn.execute(statement)


def _add_words(conn: sqlite3.Connection) -> None:
    """Schema 3: each sentence's quotable words, counted from its text."""
    conn.execute("ALTER TABLE sentences ADD COLUMN words INTEGER")
    conn.execute("CREATE INDEX sentences_by_day ON sentences (story, day)")
    rows = conn.execute(
        'SELECT s.id, s.text, s.start, s."end", a.text FROM sentences s JOIN articles a ON a.input = s.input'
    )
    conn.executemany(
        "UPDATE sentences SET words = ? WHERE id = ?",
        [(quotable_words(own if own is not None else text[start:end]), key) for key, own, start, end, text in rows],
    )


def _drop_timelines(conn: sqlite3.Connection) -> None:
    """Schema 4: the whole timeline.json is no longer kept, only its view (it is made when read)."""
    conn.execute("ALTER TABLE stories DROP COLUMN timeline")


# Steps from version N (the key) to N + 1. A store newer than SCHEMA_VERSION is refused.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _add_entities, 2: _add_words, 3: _drop_timelines,
}


class StoreError(Exception):
    """A store that cannot be used (newer schema, not a store, unknown story...)."""


def connect(path: Path) -> sqlite3.Connection:
    """An open connection in WAL mode with foreign keys on, migrated to SCHEMA_VERSION."""
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error as err:
        raise StoreError(f"{path}: cannot be opened ({err})") from err
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL stays consistent; the last commits may wait for a checkpoint
        migrate(conn)
    except sqlite3.DatabaseError as err:
        conn.close()
        raise StoreError(f"{path} is not a Storyline store ({err})") from err
    except StoreError:
        conn.close()
        raise
    return conn


def schema_version(conn: sqlite3.Connection) -> int | None:
    """The store's schema version; None for an empty file, StoreError for another database."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return None
    if "meta" not in tables:
        raise StoreError("not a Storyline store (an SQLite database of something else)")
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise StoreError("not a Storyline store (no schema version)")
    return int(row[0])


def migrate(conn: sqlite3.Connection) -> None:
    """Create the schema in an empty file, or run the migrations an older store needs."""
    if schema_version(conn) == SCHEMA_VERSION:
        return  # the usual case, without waiting for the write lock a running add holds
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(conn)
        if version is None:
            for statement in _statements(_TABLES + _ENTITIES):
                conn.execute(statement)
            conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        else:
            _refuse_newer(version)
            while version < SCHEMA_VERSION:
                step = MIGRATIONS.get(version)
                if step is None:
                    raise StoreError(f"no migration from store schema {version}; export it with "
                                     "the Storyline version that made it and add the files again")
                step(conn)
                version += 1
                conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _refuse_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise StoreError(f"store schema {version} is newer than this Storyline supports "
                         f"({SCHEMA_VERSION}): upgrade Storyline to open it")


def _statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
