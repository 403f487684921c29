"""Adds run one at a time in a writer process, so the server keeps answering while articles
are cleaned and the story is recomputed; each add is a job whose progress clients poll.

The writer keeps its store open between jobs, so an add to a large story reuses the stored
documents it already holds in memory instead of reading them back. Thread mode (one worker
thread in this process) serves tests that need no second process.
"""

from __future__ import annotations

import itertools
import multiprocessing
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from concurrent.futures.thread import BrokenThreadPool
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from storyline.model import RawDocument, Skipped
from storyline.store import Store, StoreError
from storyline.store.records import to_data

BrokenExecutor = (BrokenProcessPool, BrokenThreadPool)
# Finished jobs remembered for clients polling late.
KEEP_JOBS = 1000
_STAGES = {"process": "processing articles", "store": "updating the story"}


@dataclass
class Job:
    """One add: queued, running, done or failed; `result` lists every input's fate."""

    id: str
    story: str
    inputs: int
    state: str = "queued"
    stage: str = "waiting for earlier adds"
    done: int = 0
    total: int = 0
    result: dict[str, Any] | None = None
    error: str | None = None
    status: int = 200  # the HTTP status an error maps to
    created: float = field(default_factory=time.time)
    finished: threading.Event = field(default_factory=threading.Event)

    def as_dict(self) -> dict[str, Any]:
        """The job as the API shows it."""
        return {"id": self.id, "story": self.story, "inputs": self.inputs, "state": self.state,
                "stage": self.stage, "done": self.done, "total": self.total, "error": self.error,
                "result": self.result}


class Writer:
    """Runs adds to one store in order, in a separate process (or thread)."""

    def __init__(self, store_path: Path, *, in_process: bool = False) -> None:
        self.store_path = store_path
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._in_process = in_process
        self._thread_store: Store | None = None
        self._events: Any = None
        # Called with the story and its new timeline.json (version, gzip) after each add,
        # before its job is reported done.
        self.on_done: Callable[[str, tuple[int, bytes]], None] | None = None
        if not in_process:
            self._events = multiprocessing.get_context("spawn").Queue()
            threading.Thread(target=self._relay, daemon=True, name="storyline-progress").start()
        self._executor = self._new_executor()

    def _new_executor(self) -> Executor:
        if self._in_process:
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix="storyline-writer")
        context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        return ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_start_worker,
                                   initargs=(self._events,))

    def warm_up(self) -> None:
        """Load the models in the writer now rather than on the first upload."""
        if not self._in_process:
            self._executor.submit(_warm)

    def submit(
        self, story: str, raw: Sequence[RawDocument], skipped: Sequence[Skipped],
        options: Mapping[str, Any] | None = None,
    ) -> Job:
        """Queue an add; returns its job at once."""
        job = Job(id=f"{int(time.time())}-{next(self._ids)}", story=story, inputs=len(raw) + len(skipped))
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP_JOBS:
                self._jobs.popitem(last=False)
        if self._in_process:
            work: tuple[Any, ...] = (self._run_here, job, list(raw), list(skipped), dict(options or {}))
        else:
            work = (_run, str(self.store_path), job.id, story, list(raw), list(skipped), dict(options or {}))
        try:
            future = self._executor.submit(*work)
        except BrokenExecutor:  # the writer process died (killed, out of memory): start another
            self._executor = self._new_executor()
            future = self._executor.submit(*work)
        future.add_done_callback(lambda done: self._finish(job, done))
        return job

    def busy(self, story: str) -> bool:
        """Whether an add to the story is queued or running."""
        with self._lock:
            return any(job.story == story and not job.finished.is_set() for job in self._jobs.values())

    def get(self, job_id: str) -> Job | None:
        """A job by id (None once forgotten)."""
        with self._lock:
            return self._jobs.get(job_id)

    def close(self) -> None:
        """Finish the running add, drop queued ones, stop the writer."""
        self._executor.shutdown(wait=True, cancel_futures=True)
        if self._events is not None:
            self._events.put(None)

    def _run_here(self, job: Job, raw: list[RawDocument], skipped: list[Skipped],
                  options: dict[str, Any]) -> tuple[dict[str, Any], tuple[int, bytes]]:
        if self._thread_store is None:  # made in the writer thread, which alone uses it
            self._thread_store = Store(self.store_path)
        return _add(self._thread_store, job.story, raw, skipped, options,
                    lambda stage, done, total: self._progress(job.id, stage, done, total))

    def _progress(self, job_id: str, stage: str, done: int, total: int) -> None:
        job = self.get(job_id)
        if job is not None and not job.finished.is_set():
            job.state, job.stage, job.done, job.total = "running", _STAGES.get(stage, stage), done, total

    def _relay(self) -> None:
        while True:
            event = self._events.get()
            if event is None:
                return
            self._progress(*event)

    def _finish(self, job: Job, future: Future[tuple[dict[str, Any], tuple[int, bytes]]]) -> None:
        try:
            result, timeline = future.result()
            if self.on_done is not None:
                self.on_done(job.story, timeline)  # before the job is done: its client may read at once
            job.result = result
            job.state, job.stage = "done", "done"
        except StoreError as err:
            job.state, job.error, job.status = "failed", str(err), 400
        except BrokenExecutor:
            job.state, job.error, job.status = "failed", "the writer stopped during this add; send it again", 503
        except Exception as err:  # noqa: BLE001 - the server must answer with the reason
            job.state, job.error, job.status = "failed", f"{type(err).__name__}: {err}", 500
        job.finished.set()


def result_dict(result: Any) -> dict[str, Any]:
    """An AddResult as JSON-ready data."""
    data: dict[str, Any] = to_data(result)
    data["counts"] = {state: result.count(state) for state in ("article", "duplicate", "skipped")}
    return data


def _add(store: Store, story: str, raw: list[RawDocument], skipped: list[Skipped], options: dict[str, Any],
         progress: Callable[[str, int, int], None]) -> tuple[dict[str, Any], tuple[int, bytes]]:
    """The add's result, and the story's timeline.json as the API serves it (made here, in
    the writer, so that the server's process keeps answering while it is made)."""
    result = result_dict(store.add_documents(raw, skipped, story, options, progress))
    return result, store.timeline_gzip(story)


# In the writer process ----------------------------------------------------------------------

_progress_queue: Any = None  # set once per writer process by _start_worker


def _start_worker(events: Any) -> None:
    global _progress_queue
    _progress_queue = events


@lru_cache(maxsize=4)
def _open(path: str) -> Store:
    # One open store per writer process: it keeps the last story's documents in memory.
    return Store(path)


def _run(path: str, job_id: str, story: str, raw: list[RawDocument], skipped: list[Skipped],
         options: dict[str, Any]) -> tuple[dict[str, Any], tuple[int, bytes]]:
    def progress(stage: str, done: int, total: int) -> None:
        _progress_queue.put((job_id, stage, done, total))

    return _add(_open(path), story, raw, skipped, options, progress)


def _warm() -> None:
    from storyline.document import warm_up
    from storyline.settings import DEFAULT

    warm_up(DEFAULT)
