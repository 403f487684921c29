"""Peak memory of `storyline build` as the input grows: a corpus of N articles synthesised from
Timeline17's text, with varied dates and wording so that duplicate detection does not collapse
it. Run: `.venv/bin/python bench/memory.py 10000 [50000 100000] [--stream | --no-stream]` (each
size in its own process; about 100 articles/s on 2 cores). By default `build` streams inputs
over 100 MB (streamed.py); the flags force one way. Time and memory include writing the
outputs.

Each synthetic article takes a T17 article's paragraphs, shuffled with those of another article
of the same topic, a copy number in one sentence, and a publication date moved by a few days:
close enough to news to exercise every stage, different enough not to be near-duplicates.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

T17 = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "t17" / "raw"


def synthesise(count: int, path: Path, seed: int = 7) -> int:
    """Write `count` synthetic articles as JSONL; return the bytes written."""
    random.seed(seed)
    by_topic: dict[str, list[dict[str, str]]] = {}
    for folder in sorted(T17.iterdir()):
        topic = folder.name.split("_")[0]
        with (folder / "articles.jsonl").open(encoding="utf-8") as handle:
            by_topic.setdefault(topic, []).extend(json.loads(line) for line in handle)
    topics = sorted(by_topic)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            pool = by_topic[topics[n % len(topics)]]
            first, second = random.choice(pool), random.choice(pool)
            paragraphs = [p for p in (first["text"] + "\n\n" + second["text"]).split("\n") if p.strip()]
            random.shuffle(paragraphs)
            paragraphs = paragraphs[: max(8, len(paragraphs) // 2)]
            paragraphs.insert(1, f"This is report number {n} in the series.")
            published = date.fromisoformat(first["time"][:10]) + timedelta(days=random.randint(-3, 3))
            out.write(json.dumps({"id": f"synthetic-{n}", "text": "\n\n".join(paragraphs),
                                  "published": published.isoformat()}) + "\n")
    return path.stat().st_size


def measure(count: int, stream: bool | None) -> None:
    """Build a synthetic corpus of `count` articles in this process and write its outputs;
    print time and peak RSS."""
    import storyline
    from storyline.render.files import write_outputs

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.jsonl"
        size = synthesise(count, path)
        started = time.perf_counter()
        story = storyline.build([path], storyline.Settings(stream=stream))
        write_outputs(story, Path(folder) / "out")
        wall = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    how = "streamed" if story.texts is not None else "in memory"
    print(f"{count:>7} articles  {size / 2**20:7.1f} MB  {how:>9}  {wall:7.1f} s  {count / wall:6.1f} articles/s  "
          f"peak RSS main {own:6.0f} MB, largest worker {workers:5.0f} MB  "
          f"({len(story.articles)} articles kept, {len(story.timeline.entries)} dates)", flush=True)


def main() -> None:
    flags = {"--stream": True, "--no-stream": False}
    stream = next((flags[arg] for arg in sys.argv[1:] if arg in flags), None)
    sizes = [int(arg) for arg in sys.argv[1:] if arg not in flags] or [10_000]
    if len(sizes) == 1:
        measure(sizes[0], stream)
        return
    for size in sizes:  # one process per size, so each peak is its own
        flag = [arg for arg in sys.argv[1:] if arg in flags]
        subprocess.run([sys.executable, __file__, str(size), *flag], check=True)


if __name__ == "__main__":
    main()
