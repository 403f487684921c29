"""Throughput of the whole pipeline on the shared seed articles, repeated to a larger corpus.

Prints articles/s and characters/s per stage. Run: `.venv/bin/python bench/pipeline.py [N]`
(N copies of each seed, varied so they are not duplicates; default 40).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import storyline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DATES = ["2016-08-04", "2016-09-08", "2016-11-12", "2016-10-13", "2016-08-15"]


def corpus(copies: int, folder: Path) -> tuple[Path, int]:
    """Write a JSONL corpus of varied seed copies; return its path and total characters."""
    path = folder / "bench.jsonl"
    chars = 0
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            for seed, published in zip(sorted(SEEDS.glob("*.txt")), DATES, strict=True):
                # A copy number in every paragraph keeps copies from being merged as duplicates.
                text = "\n\n".join(
                    f"{p} (Report {copy}-{n}.)" for n, p in enumerate(seed.read_text("utf-8").split("\n\n"))
                )
                chars += len(text)
                handle.write(json.dumps({"text": text, "published": published}) + "\n")
    return path, chars


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    with tempfile.TemporaryDirectory() as folder:
        path, chars = corpus(copies, Path(folder))
        started = time.perf_counter()
        # Copies of five seeds are near-duplicates by design: turn merging off so every
        # article goes through the whole pipeline (bench/ingest.py measures dedup itself).
        story = storyline.build([path], storyline.Settings(dedup_threshold=1.0))
        elapsed = time.perf_counter() - started
    articles = len(story.articles) + story.report.count("duplicate")
    print(f"articles: {articles}  characters: {chars:,}  wall: {elapsed:.2f} s")
    print(f"throughput: {articles / elapsed:.1f} articles/s, {chars / elapsed / 1000:.0f} k chars/s")
    for stage, seconds in story.report.timings.items():
        print(f"  {stage:<9} {seconds:7.3f} s")
    print(f"sentences: {story.report.sentences}, time expressions: {story.report.time_mentions}")


if __name__ == "__main__":
    main()
