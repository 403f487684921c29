"""Ingest throughput per input format, and near-duplicate detection as the corpus grows.

Prints documents/s and MB/s for read + clean + date + dedup (the stages before NLP) on a
synthetic corpus of each format, then the time of near-duplicate detection alone for 1k,
10k and 50k documents (10% of them edited copies), so its growth can be checked for
linearity. Pages are generated (deterministically) to look like real news pages: ~40 KB of
navigation, scripts, related links and comments around a 400-word article.

Run: `.venv/bin/python bench/ingest.py [--docs 600] [--dedup-sizes 1000,10000,50000]`
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from warcs import http_response, record

from storyline.ingest.dedup import article_id, deduplicate
from storyline.ingest.readers import read_inputs
from storyline.model import Article
from storyline.pipeline import process_documents
from storyline.settings import DEFAULT

WORDS = ["the", "port", "fire", "officials", "said", "on", "Tuesday", "that", "warehouse", "workers", "residents", "council", "minister", "inquiry", "evacuation", "chemical", "explosion", "harbour", "ship", "police", "arrested", "three", "people", "city", "quay", "families", "compensation", "government", "announced", "hospital", "injured", "killed", "toll", "rose", "service"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
    return " ".join(words).capitalize() + "."


def article_text(rng: random.Random, paragraphs: int = 10) -> str:
    return "\n\n".join(" ".join(sentence(rng) for _ in range(2)) for _ in range(paragraphs))


def page(rng: random.Random, number: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in article_text(rng).split("\n\n"))
    nav = "".join(f"<li><a href='/s/{i}'>Section {i}</a></li>" for i in range(40))
    script = "<script>var data = {" + ",".join(f"'k{i}': {i}" for i in range(800)) + "};</script>"
    related = "".join(f"<li><a href='/r/{i}'>{sentence(rng)}</a></li>" for i in range(12))
    comments = "".join(f"<div class='comment'><p>{sentence(rng)}</p></div>" for i in range(15))
    return (
        f"<!DOCTYPE html><html><head><title>Story {number}</title>"
        f"<meta property='og:site_name' content='Outlet {number % 7}'>"
        f"<meta property='article:published_time' content='2025-03-{1 + number % 28:02d}T08:00:00Z'>"
        f"{script}<style>body{{font:14px sans-serif}}</style></head><body>"
        f"<header><nav><ul>{nav}</ul></nav><div class='cookie'>We use cookies. Accept</div></header>"
        f"<main><article><h1>Story {number}</h1>{body}</article>"
        f"<aside><h2>Related</h2><ul>{related}</ul></aside>"
        f"<section class='comments'>{comments}</section></main>"
        f"<footer>Copyright Outlet {number % 7}</footer></body></html>"
    )


def write_corpus(folder: Path, kind: str, docs: int) -> Path:
    """One corpus of `docs` documents in the given format; returns the path to read."""
    rng = random.Random(7)
    target = folder / kind
    target.mkdir()
    if kind == "html":
        for n in range(docs):
            (target / f"{n:05d}.html").write_text(page(rng, n), encoding="utf-8")
    elif kind == "txt":
        for n in range(docs):
            (target / f"{n:05d}.txt").write_text(f"Story {n}\n\n" + article_text(rng), encoding="utf-8")
    elif kind == "jsonl":
        with (target / "all.jsonl").open("w", encoding="utf-8") as handle:
            for n in range(docs):
                handle.write(json.dumps({"text": article_text(rng), "published": "2025-03-05"}) + "\n")
    elif kind == "rss":
        items = "".join(
            f"<item><title>Story {n}</title><link>https://outlet.example/{n}</link>"
            f"<pubDate>Wed, 05 Mar 2025 08:00:00 GMT</pubDate><description><![CDATA["
            + "".join(f"<p>{p}</p>" for p in article_text(rng).split("\n\n"))
            + "]]></description></item>"
            for n in range(docs)
        )
        (target / "feed.rss").write_text(f"<rss version='2.0'><channel><title>Outlet</title>{items}</channel></rss>")
    elif kind == "warc.gz":
        with (target / "crawl.warc.gz").open("wb") as handle:
            for n in range(docs):
                block = http_response(page(rng, n))
                handle.write(gzip.compress(record(f"https://outlet.example/{n}", block), compresslevel=6))
    return target


def bench_formats(docs: int) -> None:
    print(f"read + clean + date + dedup, {docs} documents per format, workers={DEFAULT.workers or 'all cores'}")
    print(f"{'format':<9} {'docs/s':>9} {'MB/s':>7} {'articles':>9} {'seconds':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("html", "txt", "jsonl", "rss", "warc.gz"):
            path = write_corpus(Path(tmp), kind, docs)
            size = sum(p.stat().st_size for p in path.iterdir())
            started = time.perf_counter()
            raw, skipped = read_inputs([path], DEFAULT)
            articles = process_documents(raw, DEFAULT).articles
            deduplicate(articles, DEFAULT.dedup_threshold, DEFAULT.shingle_words)
            elapsed = time.perf_counter() - started
            count = len(raw) + len(skipped)
            print(f"{kind:<9} {count / elapsed:9.1f} {size / elapsed / 2**20:7.2f} {len(articles):9d} {elapsed:8.2f}")


def synthetic_articles(count: int, rng: random.Random) -> list[Article]:
    """`count` articles of ~300 words; every tenth is an edited copy of an earlier one."""
    articles: list[Article] = []
    for n in range(count):
        if n % 10 == 9 and articles:
            base = rng.choice(articles).text.split("\n\n")
            text = "\n\n".join([sentence(rng)] + base[:-1])  # new intro, last paragraph cut
        else:
            text = article_text(rng, paragraphs=8)
        articles.append(Article(id=article_id(text), source=f"doc{n}", text=text))
    return articles


def bench_dedup(sizes: list[int]) -> None:
    print("\nnear-duplicate detection alone (MinHash LSH, threshold "
          f"{DEFAULT.dedup_threshold}, {DEFAULT.shingle_words}-word shingles)")
    print(f"{'documents':>10} {'seconds':>8} {'docs/s':>9} {'us/doc':>8} {'merged':>7}")
    rng = random.Random(11)
    for size in sizes:
        articles = synthetic_articles(size, rng)
        started = time.perf_counter()
        _, merges = deduplicate(articles, DEFAULT.dedup_threshold, DEFAULT.shingle_words)
        elapsed = time.perf_counter() - started
        print(f"{size:10d} {elapsed:8.2f} {size / elapsed:9.0f} {elapsed / size * 1e6:8.0f} {len(merges):7d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--dedup-sizes", default="1000,10000,50000")
    args = parser.parse_args()
    bench_formats(args.docs)
    bench_dedup([int(s) for s in args.dedup_sizes.split(",") if s])


if __name__ == "__main__":
    main()
