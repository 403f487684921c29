"""Inputs named by URL, read through fsspec (`file://` here: the same code path as `s3://`
with its package installed): the same documents and the same report as the local paths."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE
from test_cli_inputs import make_folder
from test_dask import cluster, corpus  # noqa: F401 - the module's cluster fixture

import storyline
from storyline.ingest.readers import read_inputs
from storyline.render import json as render_json
from storyline.scale import dask as engine


def test_a_folder_by_url_reads_as_the_folder_does(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = make_folder(tmp_path)
    settings = storyline.Settings(max_bytes=100_000)
    local_docs, local_skips = read_inputs([folder], settings)
    url = f"file://{folder}"
    docs, skips = read_inputs([url], settings)
    assert [(d.source, d.kind, d.content) for d in docs] == \
        [(f"file://{d.source}", d.kind, d.content) for d in local_docs]
    assert sorted((s.source, s.reason) for s in skips) == \
        sorted((f"file://{s.source}", s.reason) for s in local_skips)


def test_a_story_built_from_a_url_is_the_story_built_from_the_path() -> None:
    local = render_json.dumps(storyline.build([EXAMPLE], storyline.Settings(workers=1)))
    remote = render_json.dumps(storyline.build([f"file://{EXAMPLE}"], storyline.Settings(workers=1)))
    assert remote.replace(f"file://{EXAMPLE}", str(EXAMPLE)) == local


def test_urls_that_cannot_be_read_are_reported() -> None:
    _, skips = read_inputs(["nosuchprotocol://bucket/crawl/", f"file://{EXAMPLE}/missing.jsonl"], storyline.Settings())
    reasons = {s.source: s.reason for s in skips}
    assert reasons["nosuchprotocol://bucket/crawl/"].startswith("cannot be opened")
    assert reasons[f"file://{EXAMPLE}/missing.jsonl"] == "no such file or folder"


def test_the_dask_engine_reads_jsonl_slices_by_url_on_its_workers(
    cluster, tmp_path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    monkeypatch.setattr(engine, "RECORDS_PER_PARTITION", 5)
    path = corpus(tmp_path, 12)
    url = f"file://{path}"
    assert [(p.path, p.first, p.last) for p in engine.partitions([url], storyline.Settings())[0]] == \
        [(url, 1, 5), (url, 6, 10), (url, 11, 12)]
    local = render_json.dumps(storyline.build([path], storyline.Settings(workers=1)))
    remote = storyline.build([url], storyline.Settings(engine="dask", scheduler=cluster.scheduler_address))
    assert render_json.dumps(remote).replace(url, str(path)) == local
