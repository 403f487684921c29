"""Timeline17 as the news-tls protocol uses it: 19 tasks (gold timelines) over 9 topics.

A topic's input is the union of its per-source folders in `t17/raw/`; gold timelines and
keywords come from `t17_newstls/<topic>/` (the fork's own `timelines.jsonl` in t17 is buggy,
see the dataset README).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storyline.model import RawDocument

TOPIC_FOLDERS: dict[str, tuple[str, ...]] = {
    "bpoil": ("bpoil_bbc", "bpoil_foxnews", "bpoil_guardian", "bpoil_reuters", "bpoil_washingtonpost"),
    "egypt": ("EgyptianProtest_cnn",),
    "finan": ("Finan_washingtonpost",),
    "h1n1": ("H1N1_bbc", "H1N1_guardian", "H1N1_reuters"),
    "haiti": ("haiti_bbc",),
    "iraq": ("IraqWar_guardian",),
    "libya": ("LibyaWar_cnn", "LibyaWar_reuters"),
    "mj": ("MJ_bbc",),
    "syria": ("SyrianCrisis_bbc", "SyrianCrisis_reuters"),
}


@dataclass(frozen=True, slots=True)
class Task:
    """One gold timeline: what the system must reproduce, and the constraints it gets."""

    topic: str
    index: int  # 0-based line in t17_newstls/<topic>/timelines.jsonl
    gold: dict[date, tuple[str, ...]]
    keywords: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.topic}-{self.index}"

    @property
    def start(self) -> date:
        return min(self.gold)

    @property
    def end(self) -> date:
        return max(self.gold)

    @property
    def dates(self) -> int:
        """l: how many dates the system outputs."""
        return len(self.gold)

    @property
    def sentences_per_date(self) -> int:
        """k: the gold's average sentences per date, rounded as news-tls does (Python round)."""
        lengths = [len(s) for s in self.gold.values()]
        return round(sum(lengths) / len(lengths))


def newstls_folder(dataset: Path) -> Path:
    """`t17_newstls` beside the given `t17` folder."""
    return dataset.parent / "t17_newstls"


def load_tasks(dataset: Path, topics: tuple[str, ...] | None = None) -> list[Task]:
    """All gold timelines of the chosen topics (default all 9), in topic order."""
    tasks: list[Task] = []
    root = newstls_folder(dataset)
    for topic in topics or tuple(TOPIC_FOLDERS):
        if topic not in TOPIC_FOLDERS:
            raise ValueError(f"unknown T17 topic {topic!r}; choose from {', '.join(TOPIC_FOLDERS)}")
        keywords = tuple(json.loads((root / topic / "keywords.json").read_text("utf-8")))
        lines = (root / topic / "timelines.jsonl").read_text("utf-8").splitlines()
        for index, line in enumerate(lines):
            if not line.strip():
                continue
            gold = {date.fromisoformat(day[:10]): tuple(sents) for day, sents in json.loads(line)}
            tasks.append(Task(topic, index, gold, keywords))
    return tasks


def load_articles(dataset: Path, topic: str) -> list[RawDocument]:
    """The raw articles of a topic from all its source folders, with their publication dates."""
    documents: list[RawDocument] = []
    for folder in TOPIC_FOLDERS[topic]:
        path = dataset / "raw" / folder / "articles.jsonl"
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                documents.append(RawDocument(
                    source=f"{folder}/{record['id']}", kind="text", content=record["text"],
                    published=record["time"], outlet=folder.split("_", 1)[-1] if "_" in folder else folder,
                ))
    return documents
