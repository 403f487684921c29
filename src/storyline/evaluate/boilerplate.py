"""Score boilerplate removal on the golden set (tests/data/boilerplate_gold/).

Each golden document lists the lines that must survive cleaning (`keep`) and the lines that
must go (`drop`); the seeds are annotated by line number so their text stays in ../shared.
Recall = kept article lines / all article lines; precision = kept article lines / all kept
lines (article + junk). A line counts as kept when its text is found in the cleaned output
(whitespace and quotes normalised).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from storyline.ingest.clean import clean
from storyline.ingest.furniture import BULLET
from storyline.model import RawDocument
from storyline.settings import DEFAULT, Settings

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " ", "–": "-", "—": "-"})


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One golden document: its raw content and which lines must stay or go."""

    name: str
    kind: str  # "text" or "html"
    category: str
    content: str
    keep: tuple[str, ...]
    drop: tuple[str, ...]


@dataclass
class LineScores:
    """Line counts of one cleaner on a set of documents."""

    keep_total: int = 0
    keep_found: int = 0
    drop_total: int = 0
    drop_found: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (document, line)
    leaks: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.keep_found / self.keep_total if self.keep_total else 1.0

    @property
    def precision(self) -> float:
        kept = self.keep_found + self.drop_found
        return self.keep_found / kept if kept else 1.0

    def as_dict(self) -> dict[str, float | int]:
        """Rates and counts for reports."""
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "article_lines": self.keep_total, "junk_lines": self.drop_total,
            "article_lines_lost": self.keep_total - self.keep_found,
            "junk_lines_kept": self.drop_found,
        }


def normalise(text: str) -> str:
    """Lower case, plain quotes and dashes, single spaces, no list bullet."""
    return " ".join(BULLET.sub("", text.translate(_QUOTES)).lower().split())


def load_golden(folder: Path, shared: Path) -> list[GoldDocument]:
    """Our documents (with .json annotations) and the seeds (annotated by line number)."""
    documents: list[GoldDocument] = []
    for note in sorted(folder.glob("*.json")):
        if note.name == "seeds.json":
            continue
        page = next(p for p in (note.with_suffix(".txt"), note.with_suffix(".html")) if p.exists())
        data = json.loads(note.read_text("utf-8"))
        documents.append(GoldDocument(
            name=page.name, kind="html" if page.suffix == ".html" else "text",
            category=data["class"], content=page.read_text("utf-8"),
            keep=tuple(data["keep"]), drop=tuple(data["drop"]),
        ))
    seeds = json.loads((folder / "seeds.json").read_text("utf-8"))
    for name, data in sorted(seeds.items()):
        content = (shared / "seeds" / name).read_text("utf-8")
        lines = content.splitlines()
        documents.append(GoldDocument(
            name=name, kind="text", category=data["class"], content=content,
            keep=tuple(lines[n - 1].strip() for n in data["keep"]),
            drop=tuple(lines[n - 1].strip() for n in data["drop"]),
        ))
    return documents


Cleaner = Callable[[GoldDocument], str]


def storyline_cleaner(settings: Settings = DEFAULT) -> Cleaner:
    """Our cleaning stage; the title line counts as kept (it becomes the article title)."""
    def run(document: GoldDocument) -> str:
        cleaned = clean(RawDocument(document.name, document.kind, document.content), settings)  # type: ignore[arg-type]
        if cleaned is None:
            return ""
        return "\n".join(filter(None, [cleaned.title or "", cleaned.text]))
    return run


def trafilatura_cleaner(fast: bool = False) -> Cleaner:
    """trafilatura alone (HTML only), with its title, as a baseline."""
    import trafilatura

    def run(document: GoldDocument) -> str:
        result = trafilatura.bare_extraction(
            document.content, with_metadata=True, include_comments=False, fast=fast
        )
        if result is None:
            return ""
        return "\n".join(filter(None, [getattr(result, "title", "") or "", getattr(result, "text", "") or ""]))
    return run


def score(documents: list[GoldDocument], cleaner: Cleaner) -> LineScores:
    """Which article lines survived and which junk lines leaked, over all documents."""
    scores = LineScores()
    for document in documents:
        output = cleaner(document)
        lines = {normalise(line) for line in output.splitlines() if line.strip()}
        flat = normalise(output)
        for line in document.keep:
            scores.keep_total += 1
            if _found(normalise(line), flat, lines):
                scores.keep_found += 1
            else:
                scores.misses.append((document.name, line))
        for line in document.drop:
            scores.drop_total += 1
            if _leaked(normalise(line), flat, lines):
                scores.drop_found += 1
                scores.leaks.append((document.name, line))
    return scores


def _found(line: str, flat: str, lines: set[str]) -> bool:
    return line in lines or line in flat


def _leaked(line: str, flat: str, lines: set[str]) -> bool:
    # Short junk ("Home", "Share") also occurs inside sentences: only a whole line counts.
    if line in lines:
        return True
    return len(line.split()) >= 5 and re.search(rf"(?<!\w){re.escape(line)}(?!\w)", flat) is not None


def by_class(documents: list[GoldDocument], cleaners: dict[str, Cleaner]) -> dict[str, dict[str, dict[str, float | int]]]:
    """Scores of each cleaner on each layout class, plus "all" and "html" rows."""
    groups: dict[str, list[GoldDocument]] = {"all": documents, "html": [d for d in documents if d.kind == "html"]}
    for document in documents:
        groups.setdefault(document.category, []).append(document)
    table: dict[str, dict[str, dict[str, float | int]]] = {}
    for group, members in groups.items():
        table[group] = {}
        for name, cleaner in cleaners.items():
            if name != "storyline" and any(d.kind != "html" for d in members):
                continue  # trafilatura reads HTML only
            table[group][name] = score(members, cleaner).as_dict() | {"documents": len(members)}
    return table
