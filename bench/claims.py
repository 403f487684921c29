"""Speed of figure extraction: claims per article once sentences exist, and what figures add
to the whole pipeline. Run: `.venv/bin/python bench/claims.py [N]` (N Timeline17 articles,
default 1000, drawn from every folder of ../shared/datasets/t17/raw)."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import storyline
from storyline.analyze.dates import date_sentences
from storyline.annotate import nlp
from storyline.annotate.claims import extract_claims
from storyline.annotate.temporal import find_mentions
from storyline.model import Article

T17 = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "t17" / "raw"


def sample(count: int) -> list[dict[str, str]]:
    """About `count` T17 records, the same share from every folder, in a fixed order."""
    folders = sorted(T17.iterdir())
    per_folder = max(1, count // len(folders))
    records = []
    for folder in folders:
        with (folder / "articles.jsonl").open(encoding="utf-8") as handle:
            for n, line in zip(range(per_folder), handle, strict=False):
                record = json.loads(line)
                if record["text"].strip():
                    records.append({"id": f"{folder.name}-{n}", "text": record["text"], "published": record["time"]})
    return records[:count]


def extraction_speed(records: list[dict[str, str]]) -> None:
    model = nlp.load()
    prepared = []
    for record in records:
        article = Article(id=record["id"], source=record["id"], text=record["text"],
                          published=date.fromisoformat(record["published"]))
        sentences = nlp.sentences_of(model, article.id, article.text)
        prepared.append((article, date_sentences(article, sentences, find_mentions(article.text, article.published))))
    started = time.perf_counter()
    found = sum(len(extract_claims(article, dated)) for article, dated in prepared)
    elapsed = time.perf_counter() - started
    chars = sum(len(a.text) for a, _ in prepared)
    print(f"claim extraction, sentences given: {len(prepared)} articles, {found} figures, "
          f"{elapsed:.2f} s = {len(prepared) / elapsed:.0f} articles/s, {chars / elapsed / 2**20:.2f} MB/s")


def pipeline_cost(records: list[dict[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t17.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        walls = {}
        for label, claims in (("without figures", False), ("with figures", True), ("without figures", False),
                              ("with figures", True)):
            started = time.perf_counter()
            storyline.build([path], storyline.Settings(claims=claims))
            walls.setdefault(label, []).append(time.perf_counter() - started)
    best = {label: min(times) for label, times in walls.items()}
    for label, seconds in best.items():
        print(f"storyline build, {label}: {seconds:.2f} s ({len(records) / seconds:.0f} articles/s, best of 2)")
    print(f"figures add {100 * (best['with figures'] / best['without figures'] - 1):+.1f}% to the pipeline")


def main() -> None:
    records = sample(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    extraction_speed(records)
    pipeline_cost(records)


if __name__ == "__main__":
    main()
