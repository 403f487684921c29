"""Small corpora of our own for store and web tests: distinct short articles, never
near-duplicates of one another (random words between dated sentences), as JSONL records."""

from __future__ import annotations

import json
import random
from pathlib import Path

WORDS = ["harbour", "crane", "barge", "pier", "ferry", "cargo", "tide", "storm", "council", "ministry", "inquiry", "survey", "budget", "volunteer", "shelter", "clinic", "school", "bridge", "tunnel", "railway", "depot", "warehouse", "market", "engineer", "inspector", "captain", "pilot", "diver", "nurse", "farmer", "trader", "lawyer", "judge", "mayor", "minister", "spokesman", "report", "letter", "statement", "hearing", "vote", "plan", "order", "permit", "licence", "fund", "grant", "loan", "contract", "north", "south", "east", "west", "upper", "lower", "old", "new", "inner", "outer", "coastal", "rural", "central", "river", "canal", "quickly", "slowly", "openly", "quietly", "firmly", "briefly", "again", "later", "early", "nearly", "mostly", "partly", "repaired", "opened", "closed", "checked", "moved", "signed", "approved", "delayed", "cancelled", "restored", "cleared"]
MONTHS = ("January", "February", "March", "April", "May", "June")


def article(n: int, seed: int = 0) -> dict[str, str]:
    """Article number n: three dated sentences with random words, a date and an outlet."""
    rng = random.Random(seed * 1_000_003 + n)
    month = rng.randrange(len(MONTHS))
    day = rng.randrange(1, 28)
    words = [" ".join(rng.choices(WORDS, k=14)) for _ in range(3)]
    text = (f"Officials said on {MONTHS[month]} {day}, 2025 that the {words[0]}.\n\n"
            f"Residents reported {words[1]} late on {MONTHS[month]} {day}, 2025.\n\n"
            f"A spokesman said the {words[2]} would follow, in note {seed}-{n}.")
    return {"text": text, "published": f"2025-{month + 1:02d}-{day + 1:02d}",
            "outlet": f"Outlet {n % 7}", "title": f"Report {seed}-{n}"}


def write_jsonl(path: Path, count: int, seed: int = 0, start: int = 0) -> Path:
    """`count` articles as one JSONL file."""
    with path.open("w", encoding="utf-8") as handle:
        for n in range(start, start + count):
            handle.write(json.dumps(article(n, seed)) + "\n")
    return path


def jsonl_body(numbers: range, seed: int = 0) -> bytes:
    """Articles as a JSONL request body."""
    return "".join(json.dumps(article(n, seed)) + "\n" for n in numbers).encode("utf-8")
