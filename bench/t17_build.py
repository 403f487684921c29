"""All of Timeline17 through `storyline build`: wall time, per-stage time, articles/s and
MB/s, and peak memory. Run: `.venv/bin/python bench/t17_build.py [--limit N] [--workers W]`.

The 17 folders of ../shared/datasets/t17/raw are converted to our JSONL (id, text,
published) in a temporary folder first; conversion is not timed.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import storyline

T17 = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "t17" / "raw"


def convert(folder: Path, limit: int | None) -> tuple[Path, int, int]:
    """One JSONL of every T17 article; returns its path, the article count and its bytes."""
    path = folder / "t17.jsonl"
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for source in sorted(T17.iterdir()):
            with (source / "articles.jsonl").open(encoding="utf-8") as handle:
                for line in handle:
                    record = json.loads(line)
                    out.write(json.dumps({"id": f"{source.name}/{record['id']}", "text": record["text"],
                                          "published": record["time"]}) + "\n")
                    count += 1
                    if limit and count >= limit:
                        return path, count, path.stat().st_size
    return path, count, path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=0, help="processes (0: one per core)")
    parser.add_argument("--no-events", action="store_true", help="entries from the sentence ranker alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path, count, size = convert(Path(folder), args.limit)
        started = time.perf_counter()
        story = storyline.build([path], storyline.Settings(workers=args.workers, events=not args.no_events))
        wall = time.perf_counter() - started
    mb = size / 2**20
    print(f"{count} articles, {mb:.1f} MB: {wall:.1f} s wall, {count / wall:.1f} articles/s, {mb / wall:.2f} MB/s")
    for stage, seconds in story.report.timings.items():
        rate = f"{count / seconds:8.1f} articles/s  {mb / seconds:6.2f} MB/s" if seconds else ""
        print(f"  {stage:<8} {seconds:7.2f} s  {rate}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: main process {own:.0f} MB, largest worker {children:.0f} MB")
    print(f"timeline: {len(story.timeline.entries)} dates, {len(story.articles)} articles, "
          f"{story.report.count('duplicate')} duplicates, {len(story.claims)} figures, "
          f"{len(story.timeline.events)} events, {len(story.timeline.entities)} places and actors")


if __name__ == "__main__":
    main()
