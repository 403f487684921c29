"""Calibrate the near-duplicate threshold: how similar are wire copies, and how similar are
different articles about the same story?

Positive pairs are edited copies of the golden-set and example articles, made the way
outlets edit wire copy (a new intro sentence, the last paragraph cut, a few words changed,
their own boilerplate around it). Negative pairs are distinct articles of the same story
(the example corpus, all about one fire) and of the golden set. Prints the Jaccard
similarity of word 5-shingles (exact, and as MinHash estimates it) for both groups, and
precision/recall of "duplicate" at a range of thresholds.

Run: `.venv/bin/python bench/dedup_calibration.py`
"""

from __future__ import annotations

import itertools
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from storyline.ingest.dedup import _minhash
from storyline.pipeline import build
from storyline.settings import DEFAULT

GOLDEN = ROOT / "tests" / "data" / "boilerplate_gold"
EXAMPLE = ROOT / "examples" / "harbor-fire"
_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = 5) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}


def jaccard(a: str, b: str) -> float:
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y) if x | y else 1.0


def edited_copy(text: str, rng: random.Random, strength: int) -> str:
    """A wire copy as another outlet might run it; `strength` 0..3 adds more edits."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if strength >= 1:
        paragraphs.insert(0, "Officials gave new details on the case on Wednesday, the agency reported.")
    if strength >= 2 and len(paragraphs) > 3:
        paragraphs = paragraphs[:-1]
    words = "\n\n".join(paragraphs).split(" ")
    changes = {0: 0.0, 1: 0.01, 2: 0.03, 3: 0.06}[strength]
    for i in rng.sample(range(len(words)), int(len(words) * changes)):
        words[i] = rng.choice(["said", "added", "officials", "the", "on", "reported"])
    copy = " ".join(words)
    if strength >= 3 and len(paragraphs) > 4:
        copy = "\n\n".join(copy.split("\n\n")[:-1])
    return copy


def main() -> None:
    story = build([EXAMPLE, GOLDEN], DEFAULT.with_overrides(dedup_threshold=1.0))
    texts = [a.text for a in story.articles if len(a.text.split()) > 80]
    rng = random.Random(5)
    positives = [(t, edited_copy(t, rng, s)) for t in texts for s in range(4)]
    # Distinct articles; the example corpus's one real wire-copy pair (README.md) is left out.
    negatives = [(a, b) for a, b in itertools.combinations(texts, 2) if jaccard(a, b) < 0.8]
    pos = [jaccard(a, b) for a, b in positives]
    neg = [jaccard(a, b) for a, b in negatives]
    est_pos = [_minhash(a, 5).jaccard(_minhash(b, 5)) for a, b in positives]
    print(f"articles: {len(texts)}; copy pairs: {len(pos)}; distinct pairs: {len(neg)}")
    print(f"copies   Jaccard min {min(pos):.3f}  median {sorted(pos)[len(pos) // 2]:.3f}")
    print(f"distinct Jaccard max {max(neg):.3f}  median {sorted(neg)[len(neg) // 2]:.3f}"
          f"  top 3 {[round(x, 3) for x in sorted(neg)[-3:]]}")
    print(f"MinHash estimate error on copies: max {max(abs(a - b) for a, b in zip(pos, est_pos)):.3f}")
    print(f"{'threshold':>9} {'recall':>7} {'false merges':>13}")
    for threshold in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        recall = sum(e >= threshold for e in est_pos) / len(est_pos)
        false = sum(j >= threshold for j in neg)
        print(f"{threshold:9.1f} {recall:7.3f} {false:13d}")


if __name__ == "__main__":
    main()
