"""The Dask engine: the same story, byte for byte, as the local engine; every input of the
junk folder accounted for the same way; and a worker killed mid-run loses nothing."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from conftest import EXAMPLE
from distributed import Client, LocalCluster
from test_cli_inputs import make_folder

import storyline
from storyline.render import json as render_json
from storyline.scale import dask as engine

LOCAL = storyline.Settings(workers=1)
DASK = storyline.Settings(engine="dask")


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as running:
        yield running


def corpus(folder: Path, copies: int) -> Path:
    """A JSONL story written from the example corpus's plain texts, varied so copies are
    distinct articles."""
    texts = [p.read_text("utf-8") for p in sorted(EXAMPLE.glob("*.txt"))] or ["Harbour fire.\n"]
    path = folder / "story.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(copies):
            text = texts[n % len(texts)].replace("the", f"the (report {n})", 1)
            handle.write(json.dumps({"id": str(n), "text": text, "published": f"2025-03-{1 + n % 20:02d}"}) + "\n")
    return path


def test_dask_engine_writes_the_same_story_as_the_local_engine(
    cluster, seeds_jsonl: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setattr(engine, "RECORDS_PER_PARTITION", 2)  # the five seeds in three tasks
    inputs = [seeds_jsonl, EXAMPLE]
    local = storyline.build(inputs, LOCAL)
    remote = storyline.build(inputs, DASK.with_overrides(scheduler=cluster.scheduler_address))
    assert render_json.dumps(remote) == render_json.dumps(local)
    assert len(engine.partitions(inputs, DASK)[0]) > 3


def test_junk_folder_is_accounted_for_line_by_line(cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_folder(tmp_path)
    settings = storyline.Settings(max_bytes=100_000)
    local = storyline.build([folder], settings.with_overrides(workers=1))
    remote = storyline.build([folder], settings.with_overrides(engine="dask", scheduler=cluster.scheduler_address))
    assert remote.report.inputs == local.report.inputs
    assert any(r.state == "skipped" for r in remote.report.inputs)


def test_a_worker_killed_mid_run_loses_no_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "RECORDS_PER_PARTITION", 3)
    path = corpus(tmp_path, 48)
    expected = render_json.dumps(storyline.build([path], LOCAL))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        pids = client.run(os.getpid)
        results: dict[str, object] = {}
        started = threading.Event()

        def progress(stage: str, done: int, total: int) -> None:
            started.set()

        def run() -> None:
            settings = DASK.with_overrides(scheduler=cluster.scheduler_address)
            results["story"] = storyline.build([path], settings, progress)

        worker = threading.Thread(target=run)
        worker.start()
        assert started.wait(120), "no task finished"
        os.kill(next(iter(pids.values())), signal.SIGKILL)  # one worker dies with tasks left
        killed_at = time.monotonic()
        worker.join(300)
        assert not worker.is_alive()
    story = results["story"]
    assert render_json.dumps(story) == expected  # type: ignore[arg-type]
    assert time.monotonic() - killed_at < 300
