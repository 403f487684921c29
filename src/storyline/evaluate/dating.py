"""Date inference on real articles whose dates are known (Timeline17, all topics).

Each article goes through the document stage's dating as a bare text file would: its known
date is hidden, and so, in the "stamps hidden" runs, is every date stamp in its text (the
Reuters "ZURICH | Thu Oct 6 , 2011 3:22 pm BST" line, "Last updated at ..."), leaving only
what the article reports. Then its date is inferred from the text alone, and again with the
rest of its topic as context (the other articles' known dates give the story's years).

A fixed fifth of the articles (by a hash of folder/id) is held out: the rules were tuned on
the rest and the held-out part was scored once they were frozen.
"""

from __future__ import annotations

import hashlib
import json
import statistics
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storyline.annotate.temporal import day_first, find_mentions
from storyline.document import prepare_article
from storyline.evaluate.t17 import TOPIC_FOLDERS
from storyline.ingest.dating import is_dateline, is_stamp
from storyline.ingest.undated import evidence_text, infer_date, story_years
from storyline.model import RawDocument
from storyline.settings import DEFAULT, Settings

SPLITS = ("dev", "heldout", "all")
# One article in five is held out, chosen by a hash of "folder/id" so the split never moves.
HELDOUT_EVERY = 5
# Any date stands in as publication date when asking whether a text names dates at all.
_ANY_DAY = date(2000, 6, 15)


@dataclass(frozen=True, slots=True)
class Case:
    """One article with its known publication date."""

    key: str  # "<folder>/<id>"
    topic: str
    published: date
    text: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What dating made of one case."""

    key: str
    truth: date
    day: date | None
    found_from: str
    window: tuple[date, date | None] | None
    evidence: bool  # the text names a day or month (with or without a year)


def split_of(key: str) -> str:
    """"heldout" for a fixed fifth of the cases, else "dev"."""
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    return "heldout" if digest[0] % HELDOUT_EVERY == 0 else "dev"


def load_cases(dataset: Path, split: str = "dev") -> list[Case]:
    """Timeline17's articles with a known date and some text, in a fixed order."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; choose from {', '.join(SPLITS)}")
    cases = []
    for topic, folders in sorted(TOPIC_FOLDERS.items()):
        for folder in folders:
            with (dataset / "raw" / folder / "articles.jsonl").open(encoding="utf-8") as handle:
                for line in handle:
                    record = json.loads(line)
                    key = f"{folder}/{record['id']}"
                    if not record["text"].strip() or split not in ("all", split_of(key)):
                        continue
                    published = date.fromisoformat(record["time"])
                    cases.append(Case(key, topic, published, record["text"]))
    return cases


def hide_stamps(text: str) -> str:
    """The text with every date stamp (a date next to a clock time or an "updated" label, a
    wire dateline's date) blanked out, offsets kept."""
    spans = [
        (m.start, m.end) for m in find_mentions(text, _ANY_DAY)
        if m.granularity == "day" and (is_stamp(text, m) or is_dateline(text, m))
    ]
    for start, end in reversed(spans):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def has_date_evidence(text: str) -> bool:
    """Whether a text names a day or a month (a year, or weekdays alone, do not count)."""
    return any(
        m.granularity in ("day", "month") and m.how.startswith("explicit") and not is_stamp(text, m)
        for m in find_mentions(text, _ANY_DAY)
    )


def date_case(
    case: Case, stamps: bool, context: Sequence[date] | None = None, settings: Settings = DEFAULT
) -> tuple[Outcome, Outcome]:
    """Date one case as a bare text file would be: from its text alone, and with the topic's
    other dates as context."""
    text = case.text if stamps else hide_stamps(case.text)
    article, _ = prepare_article(RawDocument(case.key, "text", text), settings)
    if isinstance(article, str):  # not an article (empty after cleaning, not English)
        skipped = Outcome(case.key, case.published, None, "skipped", None, False)
        return skipped, skipped
    evidence, lead = evidence_text(article.text, article.removed)
    has_evidence = has_date_evidence(evidence)
    if article.published_from not in ("inferred", "unknown"):  # a stamp the dating step found
        found = _outcome(case, article.published, article.published_from, None, has_evidence)
        return found, found
    order = day_first(article.locale)
    outcomes = []
    for years in (None, story_years(context) if context is not None else None):
        estimate = infer_date(evidence, order, years, lead)
        found_from = f"inferred: {estimate.rule}" if estimate.day else estimate.rule
        outcomes.append(_outcome(case, estimate.day, found_from, estimate.window, has_evidence))
    return outcomes[0], outcomes[1]


def _outcome(
    case: Case, day: date | None, found_from: str, window: tuple[date, date | None] | None,
    evidence: bool,
) -> Outcome:
    if window is None and day is not None:
        window = (day, day)
    return Outcome(case.key, case.published, day, found_from, window, evidence)


def topic_context(cases: Sequence[Case], all_cases: Sequence[Case]) -> dict[str, list[date]]:
    """For each case, the known dates of the other articles of its topic."""
    by_topic: dict[str, list[date]] = {}
    for case in all_cases:
        by_topic.setdefault(case.topic, []).append(case.published)
    context = {}
    for case in cases:
        days = list(by_topic[case.topic])
        days.remove(case.published)  # leave the case's own date out
        context[case.key] = days
    return context


def score(outcomes: Sequence[Outcome]) -> dict[str, float | int]:
    """Exact-day and near-day accuracy over the dated, window coverage over the windowed."""
    dated = [o for o in outcomes if o.day is not None]
    windowed = [o for o in outcomes if o.window is not None]
    errors = [abs((o.day - o.truth).days) for o in dated if o.day is not None]

    def share(count: int, total: int) -> float:
        return round(count / total, 4) if total else 0.0

    widths = [(o.window[1] - o.window[0]).days + 1 for o in windowed if o.window and o.window[1]]
    return {
        "articles": len(outcomes),
        "with_evidence": sum(o.evidence for o in outcomes),
        "dated": len(dated),
        "exact": share(sum(e == 0 for e in errors), len(dated)),
        "within_1": share(sum(e <= 1 for e in errors), len(dated)),
        "within_3": share(sum(e <= 3 for e in errors), len(dated)),
        "windowed": len(windowed),
        "window_coverage": share(
            sum(_covers(o.window, o.truth) for o in windowed if o.window), len(windowed)
        ),
        "open_windows": sum(o.window[1] is None for o in windowed if o.window),
        "median_closed_window_days": statistics.median(widths) if widths else 0,
        "evidence_without_window": sum(o.evidence and o.window is None for o in outcomes),
        "exact_of_all": share(sum(e == 0 for e in errors), len(outcomes)),
    }


def _covers(window: tuple[date, date | None], day: date) -> bool:
    return window[0] <= day and (window[1] is None or day <= window[1])


def _date_one(args: tuple[Case, bool, list[date]]) -> tuple[Outcome, Outcome]:
    case, stamps, context = args
    return date_case(case, stamps, context, _SETTINGS)


# Figures are not needed to date an article.
_SETTINGS = DEFAULT.with_overrides(claims=False)


def evaluate_dating(
    dataset: Path, split: str = "dev", workers: int = 1,
    progress: Callable[[str], None] | None = None,
) -> dict[str, object]:
    """Score every run: stamps hidden or visible, each from the text alone and with the
    topic's other dates as context."""
    cases = load_cases(dataset, split)
    context = topic_context(cases, load_cases(dataset, "all"))
    rows = []
    for stamps_label in ("stamps hidden", "stamps visible"):
        jobs = [(c, stamps_label == "stamps visible", context[c.key]) for c in cases]
        pairs = list(_map(_date_one, jobs, workers))
        for index, context_label in enumerate(("text only", "topic context")):
            outcomes = [pair[index] for pair in pairs]
            by_rule = {
                rule: score([o for o in outcomes if o.found_from == rule])
                for rule in sorted({o.found_from for o in outcomes})
            }
            rows.append({"stamps": stamps_label, "context": context_label, **score(outcomes),
                         "by_rule": by_rule})
        if progress:
            progress(f"{stamps_label}: {len(cases)} articles dated")
    return {"split": split, "runs": rows}


def _map(
    function: Callable[[tuple[Case, bool, list[date]]], tuple[Outcome, Outcome]],
    jobs: list[tuple[Case, bool, list[date]]], workers: int,
) -> Iterator[tuple[Outcome, Outcome]]:
    if workers <= 1:
        yield from map(function, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(function, jobs, chunksize=32)
