"""Score a temporal tagger against the hand-annotated gold set.

The gold set (`tests/data/temporal_gold/*.jsonl`, guidelines beside it) stores only ids,
offsets and values; the article text is read from the shared datasets folder at run time.
Detection uses relaxed span matching (any overlap, one-to-one); value accuracy is the share
of matched expressions whose value is exactly the gold value.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from storyline.annotate.temporal import find_mentions


@dataclass(frozen=True, slots=True)
class Span:
    """A time expression: offsets and resolved value."""

    start: int
    end: int
    value: str = ""
    granularity: str = ""


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One annotated article with its text loaded from the shared datasets."""

    key: str  # "<corpus>/<folder>/<id>"
    topic: str
    published: date
    text: str
    mentions: tuple[Span, ...]
    negatives: tuple[Span, ...]


@dataclass
class Scores:
    """Counts and rates of one tagger on a set of articles."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    values_correct: int = 0
    negatives_tagged: int = 0
    errors: list[dict[str, object]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.values_correct / self.true_positives if self.true_positives else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """Rates rounded for reports, with the raw counts."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "value_accuracy": round(self.value_accuracy, 4),
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "negatives_tagged": self.negatives_tagged,
        }


def gold_records(gold_dir: Path, shared: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(topic, article text, record) for every line of every `<topic>.jsonl` of a gold folder
    whose records name a T17 or seed article by corpus, folder and id."""
    texts: dict[tuple[str, str], dict[str, str]] = {}
    for path in sorted(gold_dir.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                yield path.stem, gold_text(record, shared, texts), record


def load_gold(gold_dir: Path, shared: Path) -> list[GoldArticle]:
    """Read every `<topic>.jsonl` of the gold set and attach each article's text."""
    return [
        GoldArticle(
            key=f"{record['corpus']}/{record['folder']}/{record['id']}",
            topic=topic,
            published=date.fromisoformat(record["published"]),
            text=text,
            mentions=tuple(_span(m) for m in record["mentions"]),
            negatives=tuple(_span(m) for m in record.get("negatives", [])),
        )
        for topic, text, record in gold_records(gold_dir, shared)
    ]


def _span(data: dict[str, object]) -> Span:
    return Span(int(data["start"]), int(data["end"]),  # type: ignore[call-overload]
                str(data.get("value", "")), str(data.get("granularity", "")))


def gold_text(record: dict[str, str], shared: Path, cache: dict[tuple[str, str], dict[str, str]]) -> str:
    if record["corpus"] == "seeds":
        return (shared / "seeds" / record["id"]).read_text("utf-8")
    folder = record["folder"]
    if (record["corpus"], folder) not in cache:
        path = shared / "datasets" / "t17" / "raw" / folder / "articles.jsonl"
        with path.open(encoding="utf-8") as handle:
            cache[(record["corpus"], folder)] = {
                str(item["id"]): item["text"] for item in map(json.loads, handle)
            }
    return cache[(record["corpus"], folder)][str(record["id"])]


Tagger = Callable[[str, date], list[Span]]


def storyline_tagger(text: str, published: date) -> list[Span]:
    """Our resolver as a tagger."""
    return [Span(m.start, m.end, m.value, m.granularity) for m in find_mentions(text, published)]


def score(articles: Iterable[GoldArticle], predictions: dict[str, list[Span]]) -> Scores:
    """Relaxed-match detection and exact-value accuracy of predictions against gold."""
    scores = Scores()
    for article in articles:
        predicted = sorted(predictions.get(article.key, []), key=lambda s: s.start)
        _score_article(article, predicted, scores)
    return scores


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _score_article(article: GoldArticle, predicted: list[Span], scores: Scores) -> None:
    unmatched = list(predicted)
    for gold in article.mentions:
        match = next((p for p in unmatched if _overlaps(p, gold)), None)
        if match is None:
            scores.false_negatives += 1
            scores.errors.append(_error("missed", article, gold, None))
            continue
        unmatched.remove(match)
        scores.true_positives += 1
        if match.value == gold.value:
            scores.values_correct += 1
        else:
            scores.errors.append(_error("wrong value", article, gold, match))
    for extra in unmatched:
        scores.false_positives += 1
        if any(_overlaps(extra, negative) for negative in article.negatives):
            scores.negatives_tagged += 1
        scores.errors.append(_error("spurious", article, None, extra))


def _error(kind: str, article: GoldArticle, gold: Span | None, found: Span | None) -> dict[str, object]:
    span = gold or found
    assert span is not None
    return {
        "kind": kind,
        "article": article.key,
        "text": article.text[span.start : span.end],
        "gold": gold.value if gold else None,
        "found": found.value if found else None,
        "context": article.text[max(0, span.start - 60) : span.end + 40].replace("\n", " "),
    }


def evaluate(articles: list[GoldArticle], tagger: Tagger = storyline_tagger) -> Scores:
    """Run a tagger over the gold articles and score it."""
    predictions = {a.key: tagger(a.text, a.published) for a in articles}
    return score(articles, predictions)
