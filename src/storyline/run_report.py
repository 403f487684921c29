"""The run report: every input's fate, with the run's counts, notes and stage timings."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.ingest.dedup import Merge
from storyline.ingest.undated import undated_notes
from storyline.model import Article, Claim, InputRecord, Note, RunReport, Skipped


@dataclass
class Stopwatch:
    """Seconds spent in each stage, lap by lap."""

    timings: dict[str, float] = field(default_factory=dict)
    _start: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = round(now - self._start, 3)
        self._start = now


def run_report(
    skipped: Sequence[Skipped], articles: Sequence[Article], merges: Sequence[Merge], notes: Sequence[Note],
    clock: Stopwatch, claims: Sequence[Claim], unparsed_figures: int, *, sentences: int, time_mentions: int,
) -> RunReport:
    """Every input's fate, with the run's counts and notes."""
    records = [InputRecord(s.source, "skipped", s.reason) for s in skipped]
    records += [InputRecord(a.source, "article", None, a.id) for a in articles]
    records += [
        InputRecord(m.source, "duplicate", "exact copy" if m.exact else "near-duplicate", m.into)
        for m in merges
    ]
    return RunReport(
        inputs=tuple(sorted(records, key=lambda r: source_order(r.source))),
        undated=tuple(a.id for a in articles if a.published is None),
        removed_lines=sum(len(a.removed) for a in articles),
        sentences=sentences,
        time_mentions=time_mentions,
        notes=tuple(notes) + undated_notes(articles),
        timings=clock.timings,
        claims=len(claims),
        unparsed_figures=unparsed_figures,
    )


def source_order(source: str) -> tuple[str, int]:
    # "file.jsonl:10" sorts after "file.jsonl:9".
    head, _, tail = source.rpartition(":")
    if head and tail.isdigit():
        return head, int(tail)
    return source, 0
