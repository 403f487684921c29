"""The embedded store: stories kept in one SQLite file, updated article by article.

`Store.add` runs the document stage (`document.process_all`) on new inputs only, writes what
it found, then reruns the story stage (`pipeline.assemble`) on everything stored, in the order
inputs were added: so `Store.export` writes exactly what `storyline build` would write for the
same inputs in the same order. One add is one transaction: a writer killed half-way leaves
the store as it was, and readers (WAL) keep being answered while it runs.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import json
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from storyline.analyze.timeline import ranks_from_tally
from storyline.annotate.entities import rules_version
from storyline.document import ProcessedDocument, Progress, process_all
from storyline.ingest.readers import read_inputs
from storyline.model import InputRecord, RawDocument, Skipped, Story
from storyline.pipeline import Documents, assemble, check_settings
from storyline.render import json as render_json
from storyline.settings import DEFAULT, Settings
from storyline.store import records
from storyline.store.documents import (
    index_near_duplicates,
    insert_input,
    load_documents,
    rebuild_near_pairs,
    save_entities,
)
from storyline.store.schema import StoreError, connect
from storyline.store.search import MAX_HITS, SearchHit, search_sentences

# Story names appear in URLs and file names.
STORY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# Settings of one run only, never kept with a story.
# Settings of one add only (given_dates: the dates of this add's inputs; a later add of other
# files does not need them, and a re-added file keeps the article stored with its date).
RUN_FIELDS = frozenset({"max_bytes", "max_line_chars", "max_seconds_per_document", "workers", "engine", "scheduler",
                        "given_dates"})
# Settings the stored documents were processed with: a story keeps them for good.
# (and the near-duplicate index: signatures and band keys depend on the last two).
DOCUMENT_FIELDS = frozenset({"languages", "claims", "sentence_model", "spacy_model", "shingle_words", "dedup_threshold"})


@dataclass(frozen=True, slots=True)
class StoryInfo:
    """A story as the list of stories shows it."""

    name: str
    articles: int
    outlets: int
    inputs: int
    first_date: str | None
    last_date: str | None
    created: str
    updated: str
    version: int


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one add did: the fate of each of its inputs, in input order, and the story's
    new version. Inputs already stored are `duplicate` with reason "already in the store"."""

    story: str
    inputs: tuple[InputRecord, ...]
    version: int
    articles: int  # articles in the story after the add

    def count(self, state: str) -> int:
        """Inputs of this add that ended in `state`."""
        return sum(1 for record in self.inputs if record.state == state)


ALREADY_STORED = "already in the store"


class Store:
    """A store of stories in one SQLite file (created when missing)."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise StoreError(f"{self.path}: no such store")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"{self.path}: cannot be created ({err.strerror or err})") from err
        self._conn = connect(self.path)
        self._cache: dict[int, tuple[int, Documents]] = {}  # story id -> (version, documents)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Reading -------------------------------------------------------------------------------

    def stories(self) -> list[StoryInfo]:
        """Every story, by name."""
        rows = self._conn.execute(
            "SELECT name, articles, outlets, (SELECT count(*) FROM inputs i WHERE i.story = s.id), "
            "first_date, last_date, created, updated, version FROM stories s ORDER BY name"
        ).fetchall()
        return [StoryInfo(*row) for row in rows]

    def resolve(self, name: str | None) -> str:
        """The story meant: `name`, else the only one; StoreError when that is not clear."""
        names = [info.name for info in self.stories()]
        if name is not None:
            if name not in names:
                listed = ", ".join(names) or "none yet"
                raise StoreError(f"no story {name!r} in {self.path} (stories: {listed})")
            return name
        if len(names) == 1:
            return names[0]
        if not names:
            raise StoreError(f"{self.path} has no story yet: add articles first")
        raise StoreError(f"{self.path} has several stories ({', '.join(names)}): name one with --story")

    def version(self, name: str) -> int:
        """How many adds the story has had (0: unknown story)."""
        row = self._conn.execute("SELECT version FROM stories WHERE name = ?", (name,)).fetchone()
        return int(row[0]) if row else 0

    def settings(self, name: str) -> Settings:
        """The settings the story is built with."""
        return records.loads(Settings, self._story_row(name, "settings")[0])

    def timeline_gzip(self, name: str) -> tuple[int, bytes]:
        """The story's version and its timeline.json data (compact JSON), gzip-compressed,
        as the API serves it."""
        version, text = self.timeline(name)
        return version, gzip.compress(text.encode("utf-8"), 1, mtime=0)

    def timeline_json(self, name: str) -> str:
        """The story's timeline.json data as compact JSON text, as the last add left it
        (`export` writes the same data, indented)."""
        return self.timeline(name)[1]

    def timeline(self, name: str) -> tuple[int, str]:
        """The story's version and its timeline.json data as compact JSON text, read at once:
        the stored view with each article's text and removed lines put back. Made when asked,
        not by every add: the texts are most of it (27 of 34 MB for 4,000 articles), and
        writing them again made up a third of an add."""
        story_id = self._story_id(name)
        self._conn.execute("BEGIN")  # the version, the view and the texts of one add
        try:
            version = self.version(name)
            view = self.view(name)
            stored = {key: (text, record) for key, text, record in self._conn.execute(
                "SELECT a.id, a.text, a.record FROM articles a JOIN inputs i ON i.id = a.input "
                "WHERE a.story = ? AND i.state = 'article'", (story_id,))}
        finally:
            self._conn.execute("COMMIT")
        for article in view["articles"]:
            text, record = stored[article["id"]]
            # The two fields the view leaves out, and last, as in render.json.article_dict.
            article["removed_lines"] = _removed_lines(record)
            article["text"] = text
        return version, json.dumps(view, ensure_ascii=False)

    def view(self, name: str) -> dict[str, Any]:
        """timeline.json's data without the articles' texts and removed lines (for pages)."""
        data: dict[str, Any] = json.loads(zlib.decompress(self._story_row(name, "view")[0]))
        return data

    def article(self, name: str, article_id: str, view: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """One of the story's articles as in timeline.json (with its text), or None; `view`
        is the story's `view()` when the caller has it already."""
        articles = (view or self.view(name))["articles"]
        meta = next((a for a in articles if a["id"] == article_id), None)
        if meta is None:
            return None
        story_id = self._story_id(name)
        row = self._conn.execute(
            "SELECT a.text, a.record FROM articles a JOIN inputs i ON i.id = a.input "
            "WHERE a.story = ? AND a.id = ? AND i.state = 'article' LIMIT 1", (story_id, article_id),
        ).fetchone()
        if row is None:
            return None
        return {**meta, "removed_lines": _removed_lines(row[1]), "text": row[0]}

    def search(self, name: str, query: str, limit: int = MAX_HITS) -> list[SearchHit]:
        """Sentences of the story's articles (duplicates merged) matching the words of `query`,
        best match first."""
        return search_sentences(self._conn, self._story_id(name), query, limit)

    def story(self, name: str | None = None) -> Story:
        """The story rebuilt from stored annotations (what `storyline build` would make)."""
        name = self.resolve(name)
        settings = self.settings(name)
        with _paused_gc():
            docs = load_documents(
                self._conn, self._story_id(name), rules_version(settings.spacy_model), ranks_from_tally(settings)
            )
            return assemble(docs, settings, check_settings(settings))

    def export(self, out: Path, name: str | None = None) -> dict[str, Path]:
        """Write timeline.json, timeline.md and report.html of a story into `out`."""
        from storyline.render.files import write_outputs

        return write_outputs(self.story(name), out)

    # Writing -------------------------------------------------------------------------------

    def add(
        self, paths: Iterable[str | Path], name: str | None = None,
        options: Mapping[str, Any] | None = None, progress: Progress | None = None,
    ) -> AddResult:
        """Read files, folders or `-` (JSONL on stdin) and add them to a story (created when
        new; `name` defaults to the only story, else the store file's name). `options` are
        Settings fields: story-level ones (dates, summary...) are kept with the story."""
        name = self._name_for_add(name)
        settings = self._settings_for_add(name, options)
        raw, skipped = read_inputs(paths, settings)
        raw, skipped = _name_stdin(raw, skipped)
        return self.add_documents(raw, skipped, name, options, progress)

    def add_documents(
        self, raw: Sequence[RawDocument], skipped: Sequence[Skipped] = (), name: str | None = None,
        options: Mapping[str, Any] | None = None, progress: Progress | None = None,
    ) -> AddResult:
        """Add documents read already (uploads, API bodies) and inputs that could not be read."""
        name = self._name_for_add(name)
        settings = self._settings_for_add(name, options)
        model = check_settings(settings)  # a bad option fails before any work
        raw = list({doc.source: doc for doc in reversed(raw)}.values())[::-1]  # a source given twice: once
        digests = {doc.source: input_digest(doc) for doc in raw}
        digests.update({s.source: skip_digest(s) for s in skipped})
        stored = self._stored_digests(name)
        new = [doc for doc in raw if stored.get(doc.source) != digests[doc.source]]
        if not new and all(stored.get(s.source) == digests[s.source] for s in skipped):
            return self._unchanged(name, [*digests])  # nothing new: no write at all
        processed = list(process_all(new, settings, progress)) if new else []
        if progress:
            progress("store", 0, 1)
        with _paused_gc(), self._transaction():
            result = self._write(name, settings, model, raw, processed, skipped, digests)
        if progress:
            progress("store", 1, 1)
        return result

    def _write(
        self, name: str, settings: Settings, model: object, raw: Sequence[RawDocument],
        processed: list[ProcessedDocument], skipped: Sequence[Skipped], digests: dict[str, str],
    ) -> AddResult:
        story_id, version = self._story_for_write(name, settings)
        rows = {row[1]: row for row in self._conn.execute(
            "SELECT id, source, seq, digest, state, reason, article FROM inputs WHERE story = ?", (story_id,))}
        seq = max((row[2] for row in rows.values()), default=0)
        added = _now()
        unchanged = set(digests) - {doc.source for doc in processed} - {s.source for s in skipped}
        fresh: list[tuple[int, ProcessedDocument | Skipped]] = []
        replaced = False  # a stored article was replaced by a new version of its input
        items: list[ProcessedDocument | Skipped] = [*processed, *skipped]
        for item in items:
            digest = digests[item.source]
            old = rows.get(item.source)
            if old is not None and old[3] == digest:
                unchanged.add(item.source)  # another writer stored it meanwhile
                continue
            if old is not None:
                self._delete_input(old[0])
                replaced = replaced or old[4] != "skipped"
                position = old[2]
            else:
                seq += 1
                position = seq
            fresh.append((insert_input(self._conn, story_id, position, item, digest, added), item))
        for input_id, item in fresh:
            if isinstance(item, ProcessedDocument) and item.article is not None and not replaced:
                index_near_duplicates(self._conn, story_id, input_id, item.article, settings, item.signature)
        if replaced:
            self._reindex_signatures(story_id, [(i, item) for i, item in fresh if _is_article(item)], settings)
            rebuild_near_pairs(self._conn, story_id, settings)
        rules = rules_version(settings.spacy_model)
        docs = self._documents(story_id, version, fresh, replaced, rules, ranks_from_tally(settings))
        known = set(docs.entities)
        story = assemble(docs, settings, model)  # type: ignore[arg-type]
        save_entities(self._conn, story_id, {k: v for k, v in docs.entities.items() if k not in known}, rules)
        self._save_story(story_id, story, version + 1)
        self._cache = {story_id: (version + 1, docs)}
        fates = {record.source: record for record in story.report.inputs}
        results = []
        for source in [doc.source for doc in raw] + [s.source for s in skipped]:
            fate = fates[source]
            if source in unchanged and fate.state != "skipped":
                fate = InputRecord(source, "duplicate", ALREADY_STORED, fate.article)
            results.append(fate)
        return AddResult(name, tuple(results), version + 1, len(story.articles))

    def _unchanged(self, name: str, sources: list[str]) -> AddResult:
        if not sources:
            return AddResult(name, (), self.version(name), next((i.articles for i in self.stories() if i.name == name), 0))
        story_id = self._story_id(name)
        fates = {row[0]: InputRecord(*row) for row in self._conn.execute(
            "SELECT source, state, reason, article FROM inputs WHERE story = ?", (story_id,))}
        results = tuple(
            fates[s] if fates[s].state == "skipped" else InputRecord(s, "duplicate", ALREADY_STORED, fates[s].article)
            for s in sources)
        info = next(i for i in self.stories() if i.name == name)
        return AddResult(name, results, info.version, info.articles)

    def _documents(
        self, story_id: int, version: int, fresh: list[tuple[int, ProcessedDocument | Skipped]], replaced: bool,
        entity_rules: str, on_demand: bool,
    ) -> Documents:
        cached = self._cache.get(story_id)
        if cached is None or cached[0] != version or replaced:
            return load_documents(self._conn, story_id, entity_rules, on_demand)
        docs = cached[1]
        for _, item in fresh:
            if isinstance(item, Skipped):
                docs.skipped.append(item)
            else:
                docs.add(item)
        ids = [input_id for input_id, _ in fresh]
        marks = ",".join("?" * len(ids))
        assert docs.near_pairs is not None
        docs.near_pairs += [(a, b) for a, b in self._conn.execute(
            f"SELECT a, b FROM near_pairs WHERE input IN ({marks}) ORDER BY rowid", ids)]
        return docs

    def _save_story(self, story_id: int, story: Story, version: int) -> None:
        data = render_json.story_dict(story, include_texts=False)
        for article in data["articles"]:
            del article["text"], article["removed_lines"]  # kept in `articles`; see timeline_json
        view = zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 1)
        outlets = {o for a in story.articles for o in (a.outlet, *a.copy_outlets) if o}
        days = sorted(a.published.isoformat() for a in story.articles if a.published)
        self._conn.execute(
            "UPDATE stories SET version = ?, updated = ?, articles = ?, outlets = ?, first_date = ?, "
            "last_date = ?, view = ? WHERE id = ?",
            (version, _now(), len(story.articles), len(outlets), days[0] if days else None,
             days[-1] if days else None, view, story_id),
        )
        current = {source: (state, reason, article) for source, state, reason, article in self._conn.execute(
            "SELECT source, state, reason, article FROM inputs WHERE story = ?", (story_id,))}
        changed = [(r.state, r.reason, r.article, story_id, r.source) for r in story.report.inputs
                   if current.get(r.source, (r.state, r.reason, r.article)) != (r.state, r.reason, r.article)]
        self._conn.executemany(
            "UPDATE inputs SET state = ?, reason = ?, article = ? WHERE story = ? AND source = ?", changed)

    def _delete_input(self, input_id: int) -> None:
        self._conn.execute(
            "DELETE FROM sentence_search WHERE rowid IN (SELECT id FROM sentences WHERE input = ?)", (input_id,))
        self._conn.execute("DELETE FROM inputs WHERE id = ?", (input_id,))

    def _reindex_signatures(
        self, story_id: int, fresh: list[tuple[int, ProcessedDocument | Skipped]], settings: Settings
    ) -> None:
        from storyline.ingest import dedup

        if settings.dedup_threshold >= 1.0:
            return
        for input_id, item in fresh:
            assert isinstance(item, ProcessedDocument) and item.article is not None
            sig = (dedup.signature(item.article.text, settings.shingle_words) if item.signature is None
                   else dedup.from_bytes(item.signature))
            self._conn.execute("UPDATE articles SET signature = ? WHERE input = ?", (sig.tobytes(), input_id))
            self._conn.executemany(
                "INSERT INTO bands (story, band, key, input) VALUES (?, ?, ?, ?)",
                [(story_id, band, key, input_id)
                 for band, key in enumerate(dedup.band_keys(sig, settings.dedup_threshold))])

    def _story_for_write(self, name: str, settings: Settings) -> tuple[int, int]:
        kept = records.dumps(_kept_settings(settings))
        row = self._conn.execute("SELECT id, version, settings FROM stories WHERE name = ?", (name,)).fetchone()
        if row is None:
            now = _now()
            cursor = self._conn.execute(
                "INSERT INTO stories (name, settings, created, updated) VALUES (?, ?, ?, ?)", (name, kept, now, now))
            return int(cursor.lastrowid or 0), 0
        if row[2] != kept:
            _check_document_settings(records.loads(Settings, row[2]), settings)
            self._conn.execute("UPDATE stories SET settings = ? WHERE id = ?", (kept, row[0]))
        return int(row[0]), int(row[1])

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE: take the write lock now (waiting for another writer), not half-way.
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            self._cache.clear()
            raise
        self._conn.execute("COMMIT")

    # Helpers -------------------------------------------------------------------------------

    def _name_for_add(self, name: str | None) -> str:
        if name is None:
            names = [info.name for info in self.stories()]
            if len(names) > 1:
                raise StoreError(f"{self.path} has several stories ({', '.join(names)}): name one with --story")
            name = names[0] if names else _default_name(self.path)
        if not STORY_NAME.fullmatch(name):
            raise StoreError(f"story name {name!r}: use letters, digits, '.', '_' or '-' (at most 64)")
        return name

    def _settings_for_add(self, name: str, options: Mapping[str, Any] | None) -> Settings:
        row = self._conn.execute("SELECT settings FROM stories WHERE name = ?", (name,)).fetchone()
        base = records.loads(Settings, row[0]) if row else DEFAULT
        try:
            settings = base.with_overrides(**dict(options or {}))
        except ValueError as err:
            raise StoreError(str(err)) from err
        _check_document_settings(base, settings)  # before any work
        return settings

    def _stored_digests(self, name: str) -> dict[str, str | None]:
        return dict(self._conn.execute(
            "SELECT i.source, i.digest FROM inputs i JOIN stories s ON s.id = i.story WHERE s.name = ?", (name,)))

    def _story_id(self, name: str) -> int:
        return int(self._story_row(name, "id")[0])

    def _story_row(self, name: str, column: str) -> tuple[Any, ...]:
        row = self._conn.execute(f"SELECT {column} FROM stories WHERE name = ?", (name,)).fetchone()
        if row is None or row[0] is None:
            raise StoreError(f"no story {name!r} in {self.path}")
        return tuple(row)


@contextmanager
def _paused_gc() -> Iterator[None]:
    # Reading a story back makes about a million small objects, none of them cyclic garbage;
    # the collector's passes over them took 40% of an add's time on 4,000 articles.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def input_digest(doc: RawDocument) -> str:
    """What identifies an input's content: every field but its source."""
    data = records.to_data(doc)
    del data["source"]
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def skip_digest(skipped: Skipped) -> str:
    """What identifies an input that could not be read: why it could not."""
    return "skipped:" + hashlib.sha256(skipped.reason.encode("utf-8")).hexdigest()


def _name_stdin(raw: list[RawDocument], skipped: list[Skipped]) -> tuple[list[RawDocument], list[Skipped]]:
    # Every `-` batch would be "stdin:1, stdin:2...": name it by its content so a second
    # batch is added, not taken for a changed version of the first.
    piped = [doc for doc in raw if doc.source.startswith("stdin:")]
    if not piped and not any(s.source.startswith("stdin") for s in skipped):
        return raw, skipped
    digest = hashlib.sha256("".join(input_digest(doc) for doc in piped).encode()).hexdigest()[:8]

    def rename(source: str) -> str:
        return f"stdin-{digest}{source[5:]}" if source.startswith("stdin") else source

    return ([replace(doc, source=rename(doc.source)) for doc in raw],
            [replace(s, source=rename(s.source)) for s in skipped])


def _kept_settings(settings: Settings) -> Settings:
    run = {name: getattr(DEFAULT, name) for name in RUN_FIELDS if hasattr(DEFAULT, name)}
    return replace(settings, **run)


def _check_document_settings(before: Settings, after: Settings) -> None:
    changed = sorted(f for f in DOCUMENT_FIELDS if getattr(before, f, None) != getattr(after, f, None))
    if changed:
        raise StoreError(f"the story's articles were processed with other {', '.join(changed)}: "
                         "start a new story (--story NAME) to change them")


def _is_article(item: ProcessedDocument | Skipped) -> bool:
    return isinstance(item, ProcessedDocument) and item.article is not None


def _default_name(path: Path) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip("-._") or "story"
    return name[:64]


def _removed_lines(record: str) -> list[dict[str, str]]:
    """An article's removed lines as timeline.json gives them, from its stored record."""
    return [{"text": r["text"], "reason": r["reason"]} for r in json.loads(record).get("removed", [])]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
