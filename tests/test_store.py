"""The SQLite store: records round-trip, incremental adds equal a one-shot build, duplicates
are no-ops, changed inputs replace their old version, schema versions are checked."""

from __future__ import annotations

import dataclasses
import gzip
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_cli

import storyline
from storyline.analyze.day_sentences import HeldSentences
from storyline.annotate.entities import rules_version
from storyline.document import ProcessedDocument
from storyline.model import Article, Claim, RemovedLine
from storyline.render import json as render_json
from storyline.settings import DEFAULT, Settings
from storyline.store import Store, StoreError, records
from storyline.store.documents import STORED_FIELDS, load_documents
from storyline.store.schema import SCHEMA_VERSION
from storyline.store.search import fts_query

FILES = sorted(str(p) for p in EXAMPLE.iterdir() if p.name != "README.md")


PLACES = ["East Quay", "Old Harbour", "the West Basin", "Eastquay", "the ferry terminal", "Shed 9",
          "the dry dock", "the grain silos", "the fish market", "the customs house"]
WORKS = ["cleared the debris", "reopened the road", "pumped out the water", "removed the containers",
         "inspected the cranes", "repaired the fence", "tested the air", "rebuilt the jetty",
         "painted the warning signs", "moved the barges"]


def article_text(n: int) -> str:
    """A short article of our own, distinct enough from the others not to be a near-duplicate."""
    place, work, later = PLACES[n % 10], WORKS[n % 10], WORKS[(n + 3) % 10]
    return (f"Crews at {place} {work} on Monday, March {n % 28 + 1}, 2025, officials said. "
            f"Engineers expect to have {later} by Friday, and residents near {place} "
            f"were told to expect noise from report {n} until then.")


def test_records_round_trip_every_field_including_new_ones() -> None:
    article = Article(
        id="abc", source="a.txt", text="Text.", published=date(2025, 3, 4), published_from="inferred",
        published_window=(date(2025, 3, 1), None), published_confidence=0.8, published_reason="a weekday",
        removed=(RemovedLine("Share this", "share prompt"),), wire_sources=("AFP",), copies=("b.txt",),
    )
    assert records.loads(Article, records.dumps(article)) == article
    claim = Claim("abc", 1, 3, "14", 0, 5, 14, 14, "at_least", "killed", "people", when="2025-03-04")
    assert records.loads(Claim, records.dumps(claim)) == claim
    settings = DEFAULT.with_overrides(max_dates=7, languages=("en", "de"))
    assert records.loads(Settings, records.dumps(settings)) == settings


def test_an_old_row_without_a_new_field_takes_its_default() -> None:
    data = records.to_data(Article(id="abc", source="a.txt", text="Text."))
    del data["published_reason"]
    data["a_field_from_the_future"] = 1
    assert records.from_data(Article, data).published_reason is None


def test_the_store_keeps_everything_the_document_stage_returns() -> None:
    # A new ProcessedDocument field must be stored (documents.py) before this is updated.
    assert {f.name for f in dataclasses.fields(ProcessedDocument)} == STORED_FIELDS


def test_adds_in_two_batches_export_exactly_what_build_writes(tmp_path: Path) -> None:
    store_path = tmp_path / "story.db"
    with Store(store_path) as store:
        first = store.add(FILES[:4], "harbor", {"max_dates": 12})
        second = store.add(FILES[4:], "harbor")
        assert first.count("article") == 4 and second.version == 2
        snapshot = store.timeline_json("harbor")
    exported = run_cli("export", str(store_path), "--out", str(tmp_path / "export"))
    assert exported.returncode == 0, exported.stderr
    story = storyline.build(FILES, DEFAULT.with_overrides(max_dates=12))
    built = render_json.dumps(story)
    assert (tmp_path / "export" / "timeline.json").read_text("utf-8") == built
    # What the API serves is made from the stored view and texts: the same data, compact.
    assert snapshot == json.dumps(render_json.story_dict(story), ensure_ascii=False)
    assert (tmp_path / "export" / "report.html").exists()


def test_adding_the_same_files_again_is_a_no_op_reported_as_duplicate(tmp_path: Path) -> None:
    with Store(tmp_path / "story.db") as store:
        store.add(FILES[:3], "s")
        again = store.add(FILES[:3], "s")
        assert [(r.state, r.reason) for r in again.inputs] == [("duplicate", "already in the store")] * 3
        assert all(r.article for r in again.inputs)
        assert again.version == 1  # nothing written


def test_a_changed_file_replaces_its_stored_version(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = [folder / f"{n}.txt" for n in range(3)]
    for n, path in enumerate(paths):
        path.write_text(article_text(n), encoding="utf-8")
    with Store(tmp_path / "story.db") as store:
        store.add([str(p) for p in paths], "s")
        paths[1].write_text(article_text(7), encoding="utf-8")
        result = store.add([str(p) for p in paths], "s")
        assert [r.state for r in result.inputs] == ["duplicate", "article", "duplicate"]
        exported = render_json.dumps(store.story("s"))
    assert exported == render_json.dumps(storyline.build([str(p) for p in paths]))
    assert article_text(7)[:40] in exported and article_text(1)[:40] not in exported


def test_documents_kept_in_memory_equal_those_read_back(tmp_path: Path) -> None:
    with Store(tmp_path / "story.db") as store:
        store.add(FILES[:5], "s")
        store.add(FILES[5:], "s")
        story_id, (version, cached) = next(iter(store._cache.items()))
        assert version == 2
        loaded = load_documents(store._conn, story_id, rules_version())
        # The cache holds the latest add's sentences and reads the others from the store.
        assert all(cached.sentences[a.source] == loaded.sentences[a.source] for a in loaded.articles)
        empty = HeldSentences()
        assert dataclasses.replace(loaded, sentences=empty) == dataclasses.replace(cached, sentences=empty)


def test_near_duplicates_found_across_adds_merge_as_in_one_build(tmp_path: Path) -> None:
    wire = EXAMPLE / "wire.jsonl"
    original = EXAMPLE / "marlandia-times-death-toll-wire.html"
    with Store(tmp_path / "story.db") as store:
        store.add([str(original)], "s")
        result = store.add([str(wire)], "s")
    states = {r.source.rsplit(":", 1)[-1]: r.state for r in result.inputs}
    assert "duplicate" in states.values()
    assert [r.reason for r in result.inputs if r.state == "duplicate"] == ["near-duplicate"]


def test_exact_copies_in_one_add_still_merge_with_an_earlier_near_duplicate(tmp_path: Path) -> None:
    original = EXAMPLE / "marlandia-times-death-toll-wire.html"
    wire_copy = (EXAMPLE / "wire.jsonl").read_text("utf-8").splitlines()[0] + "\n"
    copies = [tmp_path / "a.jsonl", tmp_path / "b.jsonl"]
    for copy in copies:
        copy.write_text(wire_copy, encoding="utf-8")
    with Store(tmp_path / "story.db") as store:
        store.add([str(original)], "s")
        result = store.add([str(c) for c in copies], "s")
        assert [r.state for r in result.inputs] == ["duplicate", "duplicate"]
        exported = render_json.dumps(store.story("s"))
    assert exported == render_json.dumps(storyline.build([str(original), *map(str, copies)]))


def test_search_finds_stemmed_words_and_marks_them(tmp_path: Path) -> None:
    with Store(tmp_path / "story.db") as store:
        store.add(FILES, "s")
        hits = store.search("s", "evacuate")
        assert hits and all("evacuat" in h.text.lower() for h in hits)
        for hit in hits:
            assert all(hit.text[s:e].lower().startswith("evacuat") for s, e in hit.marks)
        assert store.search("s", '"evacuation order" lifted')
        assert store.search("s", "AND OR NOT ( ) * ^ :") == []  # no FTS syntax error reaches the user


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('toll "death toll" inquir* NEAR(x') == '"toll" "death toll" "inquir"* "NEAR" "x"'
    assert fts_query("  ... ") is None


def test_a_story_cannot_change_the_settings_its_documents_were_processed_with(tmp_path: Path) -> None:
    with Store(tmp_path / "story.db") as store:
        store.add(FILES[:1], "s")
        with pytest.raises(StoreError, match="languages"):
            store.add(FILES[1:2], "s", {"languages": ("de",)})


def test_a_newer_store_or_another_database_fails_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "story.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(StoreError, match="newer than this Storyline supports"):
        Store(path)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a Storyline store"):
        Store(other)
    text = tmp_path / "notes.db"
    text.write_text("not a database at all " * 100)
    with pytest.raises(StoreError, match="not a Storyline store"):
        Store(text)


def test_story_names_are_checked_and_defaulted(tmp_path: Path) -> None:
    with Store(tmp_path / "harbour fire.db") as store:
        assert store.add(FILES[:1]).story == "harbour-fire"
        with pytest.raises(StoreError, match="story name"):
            store.add(FILES[:1], "../etc")


def test_cli_add_and_export_report_clearly(tmp_path: Path) -> None:
    store_path = tmp_path / "s.db"
    added = run_cli("add", str(store_path), str(EXAMPLE), "--quiet")
    assert added.returncode == 0, added.stderr
    again = run_cli("add", str(store_path), str(EXAMPLE))
    assert "harbor-fire/wire.jsonl:2: already in the store\n" in again.stdout
    assert "0 new article(s), 11 duplicate(s), 1 skipped" in again.stdout
    missing = run_cli("export", str(tmp_path / "nope.db"), "--out", str(tmp_path / "x"))
    assert missing.returncode == 2 and "no such store" in missing.stderr
    assert "Traceback" not in missing.stderr


@pytest.mark.parametrize("version", [1, 2, 3])
def test_an_older_store_is_migrated_and_keeps_working(tmp_path: Path, version: int) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add(FILES[:2], "s")
        before = store.timeline_json("s")
        words = store._conn.execute("SELECT id, words FROM sentences ORDER BY id").fetchall()
    with sqlite3.connect(path) as conn:
        # Schema 3 kept the whole timeline.json (gzip); schema 2 had no count of each
        # sentence's quotable words; schema 1 no entities table.
        conn.execute("ALTER TABLE stories ADD COLUMN timeline BLOB")
        conn.execute("UPDATE stories SET timeline = ?", (gzip.compress(before.encode()),))
        if version <= 2:
            conn.execute("DROP INDEX sentences_by_day")
            conn.execute("ALTER TABLE sentences DROP COLUMN words")
        if version == 1:
            conn.execute("DROP TABLE entities")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    with Store(path) as store:
        assert store.timeline_json("s") == before
        assert store._conn.execute("SELECT id, words FROM sentences ORDER BY id").fetchall() == words
        store.add(FILES[2:], "s")
        assert store._conn.execute("SELECT value FROM meta").fetchone() == (str(SCHEMA_VERSION),)
        assert "timeline" not in {row[1] for row in store._conn.execute("PRAGMA table_info(stories)")}
        exported = render_json.dumps(store.story("s"))
    assert exported == render_json.dumps(storyline.build(FILES))


def test_places_and_actors_found_once_are_kept_and_read_back_unchanged(tmp_path: Path) -> None:
    from storyline.annotate.entities import find_entities

    with Store(tmp_path / "s.db") as store:
        store.add(FILES, "s")
        docs = load_documents(store._conn, 1, rules_version())
    assert docs.entities, "the example story's day pools name places and actors"
    sentences = {(s.sentence.article, s.sentence.start): s.sentence for group in docs.sentences.values()
                 for s in group}
    kept = [sentences[key] for key in docs.entities]
    assert find_entities(kept) == docs.entities  # what the recogniser finds now, field for field


def test_near_duplicates_still_merge_after_a_changed_file_forces_a_reindex(tmp_path: Path) -> None:
    # Replacing an input makes the store find every near-duplicate pair again from the
    # signatures it kept: they must read back as they were written.
    original = EXAMPLE / "marlandia-times-death-toll-wire.html"
    wire = EXAMPLE / "wire.jsonl"
    changing = tmp_path / "note.txt"
    changing.write_text(article_text(1), encoding="utf-8")
    inputs = [str(original), str(wire), str(changing)]
    with Store(tmp_path / "story.db") as store:
        store.add(inputs, "s")
        changing.write_text(article_text(7), encoding="utf-8")
        store.add(inputs, "s")
        exported = render_json.dumps(store.story("s"))
        reasons = [r.reason for r in store.story("s").report.inputs if r.state == "duplicate"]
    assert "near-duplicate" in reasons
    assert exported == render_json.dumps(storyline.build(inputs))


def test_places_and_actors_kept_under_other_rules_are_found_again(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.add(FILES, "s")
        # As if an older Storyline, with other rules, had found nothing in any sentence.
        store._conn.execute("UPDATE entities SET rules = 'older', found = '[]'")
        exported = render_json.dumps(store.story("s"))
    assert exported == render_json.dumps(storyline.build(FILES))
