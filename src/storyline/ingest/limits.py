"""A wall-clock limit per document, so one pathological page cannot stall a batch.

Uses SIGALRM (POSIX, main thread of a process: the CLI and each worker of the process pool).
Elsewhere (threads, Windows) the limit cannot be enforced and is skipped, which the
architecture notes document.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class DocumentTimeout(BaseException):
    """Processing one document took longer than its limit.

    A BaseException, like KeyboardInterrupt, because libraries we call (trafilatura) catch
    `Exception` around their parsers and would swallow the timeout.
    """


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in the body when it runs longer than `seconds` (0 = no limit)."""
    if seconds <= 0 or not _can_alarm():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise DocumentTimeout(f"timed out after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
