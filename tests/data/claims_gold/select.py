"""Draw the articles of the claims gold set from Timeline17 by a fixed procedure.

Run from the project root: `python tests/data/claims_gold/select.py` prints, per topic, the
development and held-out articles. The filter below is deliberately crude and independent of
Storyline's extractor: it only makes sure that a drawn article holds some figure about people.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

T17 = Path("../shared/datasets/t17/raw")
# A number (digits or a number word) at most four words before a word about people harmed.
NUMBER = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands)"
HARM = r"(?:killed|dead|died|deaths|wounded|injured|casualties|displaced|refugees|fled|evacuated|missing|rescued|arrested|detained|trapped|infected|cases)"
CANDIDATE = re.compile(rf"\b{NUMBER}\b(?:\s+\S+){{0,4}}\s+{HARM}\b", re.IGNORECASE)
MIN_CHARS, MAX_CHARS = 800, 7000
DEV_PER_TOPIC, HELDOUT_PER_TOPIC = 10, 5


def topic(folder: str) -> str:
    """The news-tls topic of a T17 folder."""
    head = folder.split("_")[0].lower()
    return {"egyptianprotest": "egypt", "iraqwar": "iraq", "libyawar": "libya",
            "syriancrisis": "syria"}.get(head, head)


def draw() -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Per topic, the (folder, id) pairs of the development and held-out parts."""
    pools: dict[str, list[tuple[str, str, str]]] = {}
    for folder in sorted(p.name for p in T17.iterdir()):
        with (T17 / folder / "articles.jsonl").open(encoding="utf-8") as handle:
            for record in map(json.loads, handle):
                text = record["text"]
                if MIN_CHARS <= len(text) <= MAX_CHARS and CANDIDATE.search(text):
                    key = hashlib.sha1(f"{folder}/{record['id']}".encode()).hexdigest()
                    pools.setdefault(topic(folder), []).append((key, folder, str(record["id"])))
    drawn = {}
    for name, pool in sorted(pools.items()):
        pool.sort()
        picks = [(folder, key) for _, folder, key in pool]
        drawn[name] = {
            "dev": picks[:DEV_PER_TOPIC],
            "heldout": picks[DEV_PER_TOPIC : DEV_PER_TOPIC + HELDOUT_PER_TOPIC],
        }
    return drawn


if __name__ == "__main__":
    print(json.dumps(draw(), indent=1))
