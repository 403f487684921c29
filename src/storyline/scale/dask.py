"""The document stage on a Dask cluster: the same `document.process`, over a dask bag.

Inputs are cut into partitions on the client (one per file; JSONL files every
RECORDS_PER_PARTITION lines), each partition is read and processed on a worker, and the
results come back in input order, so `pipeline.assemble` makes exactly the story the local
engine makes. Without a scheduler address a `distributed.LocalCluster` starts and stops with
the run. A task on a worker that dies is run again elsewhere (Dask retries it); each input is
still accounted for once. Workers run tasks in threads, where the per-document time limit
(SIGALRM) cannot apply: the size limits still do.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from storyline.document import ProcessedDocument, Progress, process, warm_up
from storyline.ingest import remote
from storyline.ingest.readers import JSONL_SUFFIXES, expand, read_jsonl_lines, read_one, suffix_of
from storyline.model import RawDocument, Skipped
from storyline.settings import Settings

# JSONL lines per task: large enough that a task's overhead (about 10 ms on a local
# cluster) is small beside its work (about 15 ms per article), small enough to spread a
# single big file over the workers and to lose little when a worker dies.
RECORDS_PER_PARTITION = 100
# Times a task is retried when its worker dies.
RETRIES = 3


class DaskMissingError(RuntimeError):
    """Dask is not installed."""


@dataclass(frozen=True, slots=True)
class Part:
    """One task's input: a file, a slice of a JSONL file's lines, or documents read already."""

    path: str
    first: int = 0  # first line (1-based) of a JSONL slice; 0: the whole file
    last: int = 0
    documents: tuple[RawDocument, ...] = ()  # standard input, read on the client


def partitions(paths: Iterable[str | Path], settings: Settings) -> tuple[list[Part], list[Skipped]]:
    """The tasks for a set of inputs, in input order, and the inputs that are no files."""
    files, skipped = expand(paths)
    parts: list[Part] = []
    for item in files:
        if item == "-":
            documents, skips = read_one("-", settings)
            skipped.extend(skips)
            parts.append(Part("-", documents=tuple(documents)))
            continue
        name = str(item)  # a path, or a URL (read through fsspec on the worker)
        lines = _line_count(name) if suffix_of(Path(name)) in JSONL_SUFFIXES else 0
        if lines > RECORDS_PER_PARTITION:
            for first in range(1, lines + 1, RECORDS_PER_PARTITION):
                parts.append(Part(name, first, min(lines, first + RECORDS_PER_PARTITION - 1)))
        else:
            parts.append(Part(name))
    return parts, skipped


def _line_count(path: Path | str) -> int:
    try:
        with _open(str(path)) as handle:
            return sum(1 for _ in handle)
    except (OSError, remote.RemoteError):
        return 0  # read_one reports why, as the local engine does


def _open(path: str) -> AbstractContextManager[BinaryIO]:
    return remote.open_url(path) if remote.is_url(path) else open(path, "rb")


def run_part(part: Part, settings: Settings) -> tuple[list[Skipped], list[ProcessedDocument]]:
    """Read and process one partition (on a worker): what could not be read, then the
    processed documents, in input order."""
    warm_up(settings)
    skipped: list[Skipped] = []
    if part.documents:
        documents = list(part.documents)
    elif part.first:
        with _open(part.path) as handle:
            lines = itertools.islice(handle, part.first - 1, part.last)
            documents, skipped = read_jsonl_lines(lines, part.path, settings, first=part.first)
    else:
        documents, skipped = read_one(part.path, settings)
    return skipped, [process(doc, settings) for doc in documents]


def process_on_dask(
    paths: Iterable[str | Path], settings: Settings, scheduler: str | None = None,
    progress: Progress | None = None, workers: int | None = None,
) -> tuple[list[Skipped], list[ProcessedDocument]]:
    """Read and process every input on a Dask cluster; the same results, in the same order,
    as reading and processing them here."""
    parts, skipped = partitions(paths, settings)
    with _client(scheduler, workers) as client:
        futures = client.map(run_part, parts, settings=settings, retries=RETRIES, pure=False)
        if progress:
            from distributed import as_completed

            for done, _ in enumerate(as_completed(futures), start=1):
                progress("process", done, len(parts))
        results = client.gather(futures)
    documents: list[ProcessedDocument] = []
    for skips, processed in results:
        skipped.extend(skips)
        documents.extend(processed)
    return skipped, documents


@contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator:  # type: ignore[type-arg]
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise DaskMissingError(
            "the Dask engine needs Dask: pip install 'storyline[dask]'"
        ) from err
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client
