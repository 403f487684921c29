"""The store: incremental adds against rebuilding, and API latency on a 5,000-input story.

1. A 4,000-article story of Timeline17 articles is added to a store; then 10 more articles are
   added (a fresh Store, as `storyline add` does; the same open Store, as the web app's writer
   does; and the real CLI), against rebuilding the 4,010 from scratch (`storyline.build` and
   the timeline.json text). The store's export is checked to equal the rebuild byte for byte.
2. The story grows to 5,000 inputs (the rest of Timeline17 and 350 articles mixed from its
   sentences); `storyline serve` answers GET timeline and search, idle and while a client
   keeps adding articles; p50 and p95 latencies.

Run: `.venv/bin/python bench/store.py [--dataset ../shared/datasets/t17]` (about 10 minutes).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import storyline
from storyline.evaluate.t17 import TOPIC_FOLDERS, load_articles
from storyline.render import json as render_json
from storyline.store import Store

ROOT = Path(__file__).resolve().parent.parent
INITIAL, INCREMENT, TOTAL, MIXED = 4000, 10, 5000, 350
REQUESTS = 200
QUERIES = ["oil spill", "protesters", "death toll", "Gaddafi", "vaccine", "earthquake", "Assad", "Jackson",
           "evacuat*", "\"prime minister\""]


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    """Records as a JSONL file."""
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")
    return path


def t17_records(dataset: Path) -> list[dict[str, str]]:
    """Every Timeline17 article as a JSONL record, topic by topic."""
    records = []
    for topic in TOPIC_FOLDERS:
        for doc in load_articles(dataset, topic):
            records.append({"id": doc.source, "text": doc.content, "published": doc.published or "",
                            "outlet": doc.outlet or ""})
    return records


def mixed(records: list[dict[str, str]], count: int, seed: int) -> list[dict[str, str]]:
    """Articles made of sentences from eight random ones: new texts, none a near-duplicate."""
    rng = random.Random(seed)
    made = []
    for n in range(count):
        parts = rng.sample(records, 8)
        text = "\n\n".join(p["text"].split("\n\n")[rng.randrange(max(1, p["text"].count("\n\n")))] for p in parts)
        made.append({"id": f"mixed-{seed}-{n}", "text": text, "published": parts[0]["published"],
                     "outlet": f"Mixed {n % 5}"})
    return made


def seconds(action) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    """Wall time of a call, and its result."""
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def incremental(folder: Path, records: list[dict[str, str]]) -> None:
    """Part 1: adding 10 articles against rebuilding 4,010."""
    base = write_jsonl(folder / "t17-4000.jsonl", records[:INITIAL])
    batches = [write_jsonl(folder / f"t17-add-{n}.jsonl", records[INITIAL + n * INCREMENT: INITIAL + (n + 1) * INCREMENT])
               for n in range(3)]
    store_path = folder / "t17.db"
    with Store(store_path) as store:
        took, _ = seconds(lambda: store.add([base], "t17"))
        print(f"initial add of {INITIAL} articles: {took:.1f} s")
    with Store(store_path) as store:  # a fresh Store: what `storyline add` does
        cold, result = seconds(lambda: store.add([batches[0]], "t17"))
        snapshot = store.timeline_json("t17")
        warm, _ = seconds(lambda: store.add([batches[1]], "t17"))  # the same open Store: the web writer
        articles = result.articles  # type: ignore[attr-defined]
    command = [sys.executable, "-m", "storyline", "add", str(store_path), str(batches[2]), "--quiet"]
    cli, _ = seconds(lambda: subprocess.run(command, check=True, cwd=ROOT))
    rebuild, text = seconds(lambda: render_json.dumps(storyline.build([base, batches[0]])))
    print(f"story: {articles} articles after duplicates merged; "
          f"stored timeline == rebuild: {json.loads(snapshot) == json.loads(text)}")
    print(f"rebuild of {INITIAL + INCREMENT} (build + timeline.json): {rebuild:.1f} s")
    print(f"add {INCREMENT}, fresh Store (storyline add's path): {cold:.2f} s  -> {rebuild / cold:.0f}x faster")
    print(f"add {INCREMENT}, open Store (the web app's writer):  {warm:.2f} s  -> {rebuild / warm:.0f}x faster")
    print(f"add {INCREMENT}, CLI process (start, models, add):    {cli:.2f} s  -> {rebuild / cli:.0f}x faster")


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str, gzip_ok: bool = True) -> tuple[float, bytes]:
    """Time to the last byte of a GET (the body kept compressed when the server gzips it)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as answer:
        body = answer.read()
    return time.perf_counter() - started, body


def percentiles(values: list[float]) -> str:
    """p50 and p95 in milliseconds."""
    cuts = statistics.quantiles(values, n=100)
    return f"p50 {statistics.median(values) * 1000:.1f} ms, p95 {cuts[94] * 1000:.1f} ms"


def measure(base: str, story: str) -> dict[str, list[float]]:
    """REQUESTS timeline GETs (compressed, and decompressed by the client) and searches."""
    found: dict[str, list[float]] = {"timeline": [], "timeline+gunzip": [], "search": []}
    for n in range(REQUESTS):
        took, body = get(f"{base}/api/stories/{story}/timeline")
        found["timeline"].append(took)
        started = time.perf_counter()
        gzip.decompress(body)
        found["timeline+gunzip"].append(took + time.perf_counter() - started)
        query = urllib.request.quote(QUERIES[n % len(QUERIES)])
        found["search"].append(get(f"{base}/api/stories/{story}/search?q={query}")[0])
    return found


def latency(folder: Path, records: list[dict[str, str]]) -> None:
    """Part 2: GET timeline and search on a 5,000-input story, idle and under ingest."""
    store_path = folder / "t17.db"
    rest = records[INITIAL + 3 * INCREMENT:]
    extra = mixed(records, TOTAL - INITIAL - 3 * INCREMENT - len(rest), seed=1)
    top_up = write_jsonl(folder / "t17-rest.jsonl", rest + extra)
    with Store(store_path) as store:
        took, result = seconds(lambda: store.add([top_up], "t17"))
        inputs = len(store.view("t17")["report"]["inputs"])
        print(f"grown to {inputs} inputs ({result.articles} articles) in {took:.1f} s")  # type: ignore[attr-defined]
        size = len(store.timeline_gzip("t17")[1])
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "storyline", "serve", str(store_path), "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                get(f"{base}/api/stories")
                break
            except OSError:
                time.sleep(0.1)
        print(f"timeline.json: {len(gzip.decompress(get(base + '/api/stories/t17/timeline')[1])) / 1e6:.1f} MB, "
              f"{size / 1e6:.1f} MB gzipped")
        idle = measure(base, "t17")
        stop = threading.Event()
        adds: list[float] = []

        def ingest() -> None:
            for n in range(1000):
                if stop.is_set():
                    return
                body = "".join(json.dumps(r) + "\n" for r in mixed(records, 20, seed=100 + n)).encode()
                request = urllib.request.Request(f"{base}/api/stories/t17/articles", body,
                                                 {"Content-Type": "application/x-ndjson"}, method="POST")
                started = time.perf_counter()
                with urllib.request.urlopen(request, timeout=600) as answer:
                    answer.read()
                adds.append(time.perf_counter() - started)

        writer = threading.Thread(target=ingest)
        writer.start()
        time.sleep(1.0)
        busy = measure(base, "t17")
        stop.set()
        writer.join()
        for name in idle:
            print(f"GET {name:<16} idle: {percentiles(idle[name])};  under ingest: {percentiles(busy[name])}")
        print(f"under ingest: {len(adds)} adds of 20 articles ran, {statistics.mean(adds):.1f} s each on average")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=ROOT.parent / "shared" / "datasets" / "t17")
    parser.add_argument("--keep", type=Path, help="Keep the store and inputs in this folder.")
    args = parser.parse_args()
    records = t17_records(args.dataset)
    print(f"Timeline17: {len(records)} articles; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        incremental(folder, records)
        latency(folder, records)


if __name__ == "__main__":
    main()
