"""Agreement between our resolver and the HeidelTime tags stored in news-tls's T17 files.

`../shared/datasets/t17_newstls/<topic>/articles.preprocessed.jsonl.gz` (4 topics) carries a
HeidelTime date per token. We rebuild each article's text from its tokens, run our resolver
with the article's publication date, and compare mention by mention (relaxed span overlap):
- detection agreement: share of HeidelTime's mentions we also tag, and of ours it tags;
- value agreement: share of mentions tagged by both with the same value.
news-tls kept only day, month and year values (and times of day, counted here as their
day), so our week and quarter mentions are left out of the comparison.

Run: `.venv/bin/python bench/heideltime_tags.py [--sample N --sample-out FILE]`; the sample
lists disagreements with their contexts for classification by hand (docs/temporal.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.annotate.temporal import find_mentions

TOPICS = ("finan", "h1n1", "haiti", "mj")
_FORMATS = {"%Y-%m-%d": 10, "%Y-%m": 7, "%Y": 4}


@dataclass(frozen=True, slots=True)
class Tag:
    start: int
    end: int
    value: str


def article_tags(record: dict) -> tuple[str, list[Tag]]:  # type: ignore[type-arg]
    """The article text (sentences joined by newlines, tokens by spaces) and its HeidelTime
    tags, consecutive tokens with the same value merged into one mention."""
    pieces: list[str] = []
    tags: list[Tag] = []
    position = 0
    for sentence in record["sentences"]:
        keys = sentence["tokens"]["keys"]
        raw_i, time_i, format_i = keys.index("raw"), keys.index("time"), keys.index("time_format")
        for number, token in enumerate(sentence["tokens"]["data"]):
            if number:
                pieces.append(" ")
                position += 1
            start = position
            pieces.append(token[raw_i])
            position += len(token[raw_i])
            value = _value(token[time_i], token[format_i])
            if value is None:
                continue
            last = tags[-1] if tags else None
            if last is not None and last.value == value and start - last.end <= 1:
                tags[-1] = Tag(last.start, position, value)
            else:
                tags.append(Tag(start, position, value))
        pieces.append("\n")
        position += 1
    return "".join(pieces), tags


def _value(time: str | None, fmt: str | None) -> str | None:
    if not time or not fmt:
        return None
    if fmt.startswith("%Y-%m-%dT"):
        return time[:10]
    length = _FORMATS.get(fmt)
    return time[:length] if length else None


def compare(shared: Path) -> tuple[dict[str, dict[str, float]], list[dict[str, str]]]:
    """Per-topic agreement figures and the list of disagreements with context."""
    figures: dict[str, dict[str, float]] = {}
    disagreements: list[dict[str, str]] = []
    for topic in TOPICS:
        counts = {"heideltime": 0, "storyline": 0, "both": 0, "same_value": 0}
        path = shared / "datasets" / "t17_newstls" / topic / "articles.preprocessed.jsonl.gz"
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                text, theirs = article_tags(record)
                published = date.fromisoformat(record["time"][:10])
                ours = [m for m in find_mentions(text, published)
                        if m.granularity in ("day", "month", "year")]
                _tally(topic, record["id"], text, theirs, ours, counts, disagreements)
        figures[topic] = counts | {
            "ours_found_of_theirs": round(counts["both"] / max(counts["heideltime"], 1), 4),
            "theirs_found_of_ours": round(counts["both"] / max(counts["storyline"], 1), 4),
            "value_agreement": round(counts["same_value"] / max(counts["both"], 1), 4),
        }
    return figures, disagreements


def _tally(topic, article, text, theirs, ours, counts, disagreements) -> None:  # type: ignore[no-untyped-def]
    counts["heideltime"] += len(theirs)
    counts["storyline"] += len(ours)
    unmatched = list(ours)
    for tag in theirs:
        match = next((m for m in unmatched if m.start < tag.end and tag.start < m.end), None)
        if match is None:
            disagreements.append(_row(topic, article, text, tag.start, tag.end, tag.value, ""))
            continue
        unmatched.remove(match)
        counts["both"] += 1
        if match.value == tag.value:
            counts["same_value"] += 1
        else:
            start, end = min(tag.start, match.start), max(tag.end, match.end)
            disagreements.append(_row(topic, article, text, start, end, tag.value, match.value))
    for mention in unmatched:
        disagreements.append(_row(topic, article, text, mention.start, mention.end, "", mention.value))


def _row(topic, article, text, start, end, theirs, ours) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {
        "topic": topic, "article": str(article), "expression": text[start:end],
        "heideltime": theirs, "storyline": ours,
        "context": text[max(0, start - 200) : end + 100].replace("\n", " "),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--sample-out", type=Path)
    args = parser.parse_args()
    figures, disagreements = compare(args.shared)
    total = {k: sum(f[k] for f in figures.values()) for k in ("heideltime", "storyline", "both", "same_value")}
    for topic, values in figures.items():
        print(topic, json.dumps(values))
    print("all", json.dumps(total | {
        "ours_found_of_theirs": round(total["both"] / total["heideltime"], 4),
        "theirs_found_of_ours": round(total["both"] / total["storyline"], 4),
        "value_agreement": round(total["same_value"] / total["both"], 4),
        "disagreements": len(disagreements),
    }))
    if args.sample_out:
        sample = random.Random(17).sample(disagreements, min(args.sample, len(disagreements)))
        with args.sample_out.open("w", encoding="utf-8") as handle:
            for number, row in enumerate(sample, start=1):
                handle.write(json.dumps({"n": number} | row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
