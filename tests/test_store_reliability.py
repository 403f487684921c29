"""The store under stress: concurrent writers, a writer killed mid-add, and 8 API clients
posting 1,000 articles at once while others read."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser import serving
from conftest import ROOT
from corpus import jsonl_body, write_jsonl

import storyline
from storyline.render import json as render_json
from storyline.store import Store


def consistent(path: Path) -> None:
    """SQLite's and the full-text index's own integrity checks pass."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.execute("INSERT INTO sentence_search (sentence_search) VALUES ('integrity-check')")


def add_process(store: Path, *inputs: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "storyline", "add", str(store), *map(str, inputs), "--quiet", "--story", "s"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def test_writers_in_parallel_store_every_input_once(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "a.jsonl", 30)
    more = write_jsonl(tmp_path / "b.jsonl", 30, start=30)
    Store(tmp_path / "s.db").close()
    writers = [add_process(tmp_path / "s.db", corpus), add_process(tmp_path / "s.db", more),
               add_process(tmp_path / "s.db", corpus, more)]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    consistent(tmp_path / "s.db")
    with Store(tmp_path / "s.db") as store:
        sources = [row[0] for row in store._conn.execute("SELECT source FROM inputs")]
        assert len(sources) == len(set(sources)) == 60
        assert store.view("s")["report"]["counts"]["articles"] == 60


def test_a_writer_killed_mid_add_leaves_the_store_consistent_and_a_rerun_completes(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", 20, seed=1)
    corpus = write_jsonl(tmp_path / "batch.jsonl", 150, seed=2)
    store_path = tmp_path / "s.db"
    assert add_process(store_path, first).wait(timeout=300) == 0
    with Store(store_path) as store:
        before = store.timeline_json("s")

    def writing() -> bool:
        """The add holds the write lock: its transaction has begun and has not committed.
        (The WAL's size is no sign: SQLite writes pages there only when its cache spills or
        at the commit itself.)"""
        probe = sqlite3.connect(store_path, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()

    for phase, wait in (("while reading and processing", 3.0), ("inside the write transaction", 300.0)):
        writer = add_process(store_path, corpus)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and not writing():
            assert writer.poll() is None, "the add finished before it could be killed"
            time.sleep(0.002)
        assert phase.startswith("while") or writing()
        os.killpg(writer.pid, signal.SIGKILL)
        writer.wait()
        consistent(store_path)
        with Store(store_path) as store:
            assert store.version("s") == 1, phase  # nothing of the killed add is visible
            assert store.timeline_json("s") == before
            assert store._conn.execute("SELECT count(*) FROM inputs").fetchone() == (20,)
    rerun = add_process(store_path, corpus)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    consistent(store_path)
    with Store(store_path) as store:
        exported = render_json.dumps(store.story("s"))
    assert exported == render_json.dumps(storyline.build([first, corpus]))


def post(url: str, body: bytes) -> tuple[int, dict]:  # type: ignore[type-arg]
    request = urllib.request.Request(url, body, {"Content-Type": "application/x-ndjson"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=600) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_eight_clients_posting_1000_articles_store_each_once_while_reads_go_on(tmp_path: Path) -> None:
    store_path = tmp_path / "live.db"
    clients, per_client, per_post = 8, 125, 63  # 63: each add stays below the process-pool size
    results: dict[int, list[tuple[int, dict]]] = {}  # type: ignore[type-arg]
    reads: list[tuple[int, float]] = []
    done = threading.Event()
    with serving(store_path) as base:
        url = f"{base}/api/stories/live/articles"

        def client(number: int) -> None:
            first = number * per_client
            bodies = [jsonl_body(range(start, min(start + per_post, first + per_client)))
                      for start in range(first, first + per_client, per_post)]
            results[number] = [post(url, body) for body in bodies]
            results[number].append(post(url, bodies[0]))  # a retry must not store anything twice

        def reader() -> None:
            while not done.is_set():
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(f"{base}/api/stories", timeout=30) as answer:
                        reads.append((answer.status, time.perf_counter() - started))
                except urllib.error.HTTPError as err:
                    reads.append((err.code, time.perf_counter() - started))
                time.sleep(0.05)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        watcher = threading.Thread(target=reader)
        watcher.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        done.set()
        watcher.join()
        with urllib.request.urlopen(f"{base}/api/stories/live/timeline") as answer:
            served = answer.read().decode("utf-8")

    for number, answers in results.items():
        assert all(status == 200 for status, _ in answers), (number, answers)
        *posts, retry = answers
        assert sum(a["counts"]["article"] for _, a in posts) == per_client
        assert retry[1]["counts"] == {"article": 0, "duplicate": len(retry[1]["inputs"]), "skipped": 0}
    consistent(store_path)
    with Store(store_path) as store:
        ids = [row[0] for row in store._conn.execute("SELECT id FROM articles")]
        assert len(ids) == len(set(ids)) == clients * per_client
        assert served == store.timeline_json("live")
    # The timeline is consistent with what is stored: every input once, every quote traceable.
    data = json.loads(served)
    assert data["report"]["counts"]["articles"] == clients * per_client == len(data["articles"])
    assert {a["id"] for a in data["articles"]} == set(ids)
    sources = [r["source"] for r in data["report"]["inputs"]]
    assert len(sources) == len(set(sources)) == clients * per_client
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for entry in data["timeline"]:
        for quote in entry["sentences"]:
            assert texts[quote["article"]][quote["start"]:quote["end"]] == quote["text"]
    assert reads and all(status == 200 for status, _ in reads)
    assert max(seconds for _, seconds in reads) < 2.0  # reads are answered while adds run


@pytest.fixture(autouse=True)
def _no_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORYLINE_TOKEN", raising=False)
