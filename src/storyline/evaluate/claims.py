"""Score figure extraction and reconciliation against the hand-annotated claims gold set.

The gold set (`tests/data/claims_gold/` for development, `tests/data/claims_heldout/`
annotated after the rules were frozen; guidelines in `claims_gold/GUIDELINES.md`) stores
only ids, offsets and values; the text is read from the shared folder. A prediction matches
a gold figure when their number spans overlap (one-to-one, in text order). Predictions inside
a gold `ignore` range (page furniture) are not counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from storyline.analyze.reconcile import reconcile
from storyline.annotate import nlp
from storyline.annotate.claims import HARM
from storyline.annotate.numbers import parse_number
from storyline.annotate.sources import normalise
from storyline.document import annotate_article
from storyline.evaluate.temporal import gold_records
from storyline.model import Article, Claim
from storyline.settings import DEFAULT


@dataclass(frozen=True, slots=True)
class GoldFigure:
    """One annotated figure."""

    start: int
    end: int
    low: int | None
    high: int | None
    measure: str
    who: str
    attributed_to: str
    also: tuple[str, ...]
    hypothetical: bool
    group: str | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One annotated article with its text."""

    key: str
    topic: str
    published: date
    text: str
    figures: tuple[GoldFigure, ...]
    ignore: tuple[tuple[int, int], ...]
    groups: dict[str, str]


@dataclass
class ClaimScores:
    """Detection counts, field accuracy over matched figures, and group recovery."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    correct: Counter[str] = field(default_factory=Counter)
    groups: int = 0
    groups_right: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def rate(self, name: str) -> float:
        """Share of matched figures whose `name` field is right."""
        return self.correct[name] / self.true_positives if self.true_positives else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Rounded rates with the raw counts."""
        found = self.true_positives + self.false_positives
        wanted = self.true_positives + self.false_negatives
        p = self.true_positives / found if found else 0.0
        r = self.true_positives / wanted if wanted else 0.0
        return {
            "figures": wanted,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "low_high": round(self.rate("low_high"), 4),
            "measure": round(self.rate("measure"), 4),
            "who": round(self.rate("who"), 4),
            "attribution": round(self.rate("attribution"), 4),
            "hypothetical": round(self.rate("hypothetical"), 4),
            "groups": self.groups,
            "group_status": round(self.groups_right / self.groups, 4) if self.groups else 0.0,
        }


def load_gold(folder: Path, shared: Path) -> list[GoldArticle]:
    """Every article of every `<topic>.jsonl` in a gold folder, with its text."""
    return [
        GoldArticle(
            key=f"{record['corpus']}/{record['folder']}/{record['id']}",
            topic=topic,
            published=date.fromisoformat(record["published"]),
            text=text,
            figures=tuple(_figure(f) for f in record["figures"]),
            ignore=tuple((int(a), int(b)) for a, b in record.get("ignore", [])),
            groups=dict(record.get("groups", {})),
        )
        for topic, text, record in gold_records(folder, shared)
    ]


def _figure(data: dict[str, Any]) -> GoldFigure:
    return GoldFigure(
        int(data["start"]), int(data["end"]), data["low"], data["high"], data["measure"],
        data["who"], data["attributed_to"], tuple(data.get("also", [])),
        bool(data.get("hypothetical", False)), data.get("group"),
    )


Extractor = Callable[[GoldArticle], list[Claim]]


def _article(gold: GoldArticle) -> Article:
    outlet = gold.key.split("/")[1].split("_")[-1] or "seeds"
    return Article(id=gold.key, source=gold.key, text=gold.text, outlet=outlet, published=gold.published)


def storyline_extractor(gold: GoldArticle) -> list[Claim]:
    """Storyline's document stage on the article text as stored."""
    return annotate_article(_article(gold), DEFAULT)[1]


@lru_cache(maxsize=1)
def _full_pipeline():  # type: ignore[no-untyped-def]
    import spacy

    return spacy.load(nlp.available_model())


_BASELINE_WINDOW = 5


def baseline_extractor(gold: GoldArticle) -> list[Claim]:
    """The plain baseline: spaCy CARDINAL entities with a casualty word at most five words
    away; the number read as exact, who = people, attribution = the outlet."""
    doc = _full_pipeline()(gold.text)
    claims = []
    for entity in doc.ents:
        if entity.label_ != "CARDINAL":
            continue
        value = parse_number(entity.text)
        if value is None:
            continue
        window = doc[max(0, entity.start - _BASELINE_WINDOW) : entity.end + _BASELINE_WINDOW]
        measures = [HARM[t.lower_] for t in window if t.lower_ in HARM]
        if not measures:
            continue
        claims.append(Claim(
            gold.key, entity.start_char, entity.end_char, entity.text, entity.sent.start_char,
            entity.sent.end_char, int(value), int(value), "exact", measures[0], "people",
        ))
    return claims


EXTRACTORS: dict[str, Extractor] = {"storyline": storyline_extractor, "baseline": baseline_extractor}


def evaluate(articles: list[GoldArticle], extractor: Extractor = storyline_extractor) -> ClaimScores:
    """Run an extractor on every gold article and score detection, fields and groups."""
    scores = ClaimScores()
    predicted: dict[str, list[Claim]] = {}
    matches: dict[tuple[str, int], Claim] = {}  # (article key, gold index) → prediction
    for article in articles:
        claims = [c for c in extractor(article) if not _ignored(article, c)]
        predicted[article.key] = claims
        _score_article(article, claims, scores, matches)
    _score_groups(articles, predicted, matches, scores)
    return scores


def _ignored(article: GoldArticle, claim: Claim) -> bool:
    return any(a <= claim.start < b for a, b in article.ignore)


def _score_article(
    article: GoldArticle, claims: list[Claim], scores: ClaimScores,
    matches: dict[tuple[str, int], Claim],
) -> None:
    unmatched = sorted(claims, key=lambda c: c.start)
    for index, gold in enumerate(article.figures):
        match = next((c for c in unmatched if c.start < gold.end and gold.start < c.end), None)
        if match is None:
            scores.false_negatives += 1
            scores.errors.append(_error("missed", article, gold.start, gold.end, gold, None))
            continue
        unmatched.remove(match)
        matches[(article.key, index)] = match
        scores.true_positives += 1
        checks = {
            "low_high": (match.low, match.high) == (gold.low, gold.high),
            "measure": match.measure == gold.measure,
            "who": match.who == gold.who,
            "attribution": _same_source(match.attributed_to, gold),
            "hypothetical": match.hypothetical == gold.hypothetical,
        }
        for name, right in checks.items():
            scores.correct[name] += right
        wrong = [name for name, right in checks.items() if not right]
        if wrong:
            scores.errors.append(_error("wrong " + ", ".join(wrong), article, gold.start, gold.end, gold, match))
    for extra in unmatched:
        scores.false_positives += 1
        scores.errors.append(_error("spurious", article, extra.start, extra.end, None, extra))


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", normalise(name).lower()).strip()


def _same_source(predicted: str, gold: GoldFigure) -> bool:
    wanted = {_key(gold.attributed_to), *(_key(a) for a in gold.also)}
    return _key(predicted) in wanted


def _score_groups(
    articles: list[GoldArticle], predicted: dict[str, list[Claim]],
    matches: dict[tuple[str, int], Claim], scores: ClaimScores,
) -> None:
    """A gold group of two or more figures is recovered when all its figures were found,
    reconciliation put them in one figure, and that figure's status is the gold status."""
    for topic in dict.fromkeys(a.topic for a in articles):
        members = [a for a in articles if a.topic == topic]
        by_id = {a.key: _article(a) for a in members}
        figures = reconcile([c for a in members for c in predicted[a.key]], by_id)
        figure_of = {key: f for f in figures for v in f.values for key in v.claims}
        groups: dict[str, list[tuple[str, int]]] = {}
        statuses: dict[str, str] = {}
        for article in members:
            statuses.update(article.groups)
            for index, gold in enumerate(article.figures):
                if gold.group:
                    groups.setdefault(gold.group, []).append((article.key, index))
        for label, refs in groups.items():
            if len(refs) < 2:
                continue
            scores.groups += 1
            found = [matches.get(ref) for ref in refs]
            ids = {figure_of[c.key].id if c is not None else None for c in found}
            status = figure_of[found[0].key].status if found[0] is not None else None
            if None not in ids and len(ids) == 1 and status == statuses.get(label):
                scores.groups_right += 1
            else:
                scores.errors.append({"kind": "group", "topic": topic, "group": label,
                                      "gold": statuses.get(label), "found": sorted(map(str, ids)),
                                      "status": status})


def _error(kind: str, article: GoldArticle, start: int, end: int, gold: GoldFigure | None,
           found: Claim | None) -> dict[str, Any]:
    return {
        "kind": kind,
        "article": article.key,
        "text": article.text[start:end],
        "gold": None if gold is None else {
            "low": gold.low, "high": gold.high, "measure": gold.measure, "who": gold.who,
            "attributed_to": gold.attributed_to, "hypothetical": gold.hypothetical},
        "found": None if found is None else {
            "low": found.low, "high": found.high, "measure": found.measure, "who": found.who,
            "attributed_to": found.attributed_to, "hypothetical": found.hypothetical},
        "context": " ".join(article.text[max(0, start - 90) : end + 70].split()),
    }


def evaluate_parts(
    parts: dict[str, Path], shared: Path, methods: Iterable[str] = ("storyline", "baseline")
) -> dict[str, dict[str, Any]]:
    """Scores of each method on each gold part (e.g. development and held-out)."""
    results: dict[str, dict[str, Any]] = {}
    for part, folder in parts.items():
        articles = load_gold(folder, shared)
        results[part] = {"articles": len(articles)}
        for method in methods:
            results[part][method] = evaluate(articles, EXTRACTORS[method]).as_dict()
    return results


