"""Supervised date ranking: a model that scores days from their mention statistics.

Trained on other stories' gold timelines (for evaluation: leave one topic out, as news-tls
does), then used by the `supervised` date selector. Models are plain scikit-learn estimators
held in memory; nothing is pickled. A linear model can be shipped as its weights in JSON
(`export_model` / `load_model`): `data/date_model.json` is the one `storyline build` uses.

`train_selected_model` also chooses the model itself: each variant in `VARIANTS` is scored by
leave-one-group-out date F1 on the training stories alone, and the best is refitted on all of
them, so a figure measured on a held-out story never helped choose its model.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from storyline.analyze.dates import feature_matrix


# Model kinds by name: DATEWISE used linear regression on its seven features. scikit-learn is
# imported only to train: the shipped model scores with numpy (`LinearScorer`), and importing
# scikit-learn's estimators would add a third of a second to every command.
def _linear() -> Any:
    from sklearn.linear_model import LinearRegression

    return LinearRegression()


def _logistic(c: float) -> Callable[[], Any]:
    def make() -> Any:
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=c, max_iter=3000)

    return make


def _boosted() -> Any:
    # Few, shallow trees on few features: the training set is a few thousand days.
    from sklearn.ensemble import HistGradientBoostingRegressor

    return HistGradientBoostingRegressor(max_iter=150, max_depth=3, learning_rate=0.05, random_state=0)


MODEL_KINDS: dict[str, Callable[[], Any]] = {
    "linear": _linear,
    "logistic": _logistic(10.0),
    "logistic-c1": _logistic(1.0),
    "logistic-c100": _logistic(100.0),
    "boosted": _boosted,
}

# The variants `train_selected_model` chooses among: (model kind, statistics of the span only).
VARIANTS: dict[str, tuple[str, bool]] = {
    f"{kind}{'-span' if span else ''}": (kind, span)
    for kind in ("linear", "logistic-c1", "logistic", "logistic-c100")
    for span in (False, True)
}
# Used when there are too few training groups to compare variants (fewer than two): the
# variant that leave-one-topic-out date F1 on all of Timeline17 favours (docs/benchmarks.md).
FALLBACK_VARIANT = "logistic-span"

# (group, per-day statistics, gold dates): the group is what cross-validation leaves out
# together (a topic: its several timelines share their articles).
Example = tuple[str, dict[date, dict[str, float]], set[date]]


@dataclass(frozen=True)
class DateModel:
    """A fitted regressor and the feature names it expects, in order."""

    features: tuple[str, ...]
    estimator: object
    span_only: bool = False  # statistics of days inside the story's span only
    variant: str = ""  # the name in VARIANTS, when chosen by train_selected_model

    def score(self, matrix: np.ndarray) -> np.ndarray:
        """Higher is more likely a timeline date."""
        if hasattr(self.estimator, "predict_proba"):
            return np.asarray(self.estimator.predict_proba(matrix))[:, 1]
        return np.asarray(self.estimator.predict(matrix))  # type: ignore[attr-defined]

    def ranking(
        self, stats: dict[date, dict[str, float]], within: tuple[date, date] | None = None
    ) -> list[tuple[date, float]]:
        """(day, score), best first, ties to the earlier day. A model trained on the span's
        statistics only sees the days `within` the span."""
        if within is not None and self.span_only:
            stats = {d: row for d, row in stats.items() if within[0] <= d <= within[1]}
        days, matrix = feature_matrix(stats, self.features)
        if not days:
            return []
        scores = self.score(matrix)
        return sorted(zip(days, (float(x) for x in scores), strict=True), key=lambda p: (-p[1], p[0]))


def train_date_model(
    examples: Iterable[tuple[dict[date, dict[str, float]], set[date]]],
    features: Sequence[str],
    kind: str = "linear",
    span_only: bool = False,
    variant: str = "",
) -> DateModel:
    """Fit on (per-day statistics, gold dates) pairs: target 1 for gold days, else 0. With
    `span_only`, only days from the first to the last gold date are used."""
    rows: list[np.ndarray] = []
    targets: list[float] = []
    for stats, gold in examples:
        if span_only:
            stats = {d: row for d, row in stats.items() if min(gold) <= d <= max(gold)}
        days, matrix = feature_matrix(stats, features)
        rows.append(matrix)
        targets.extend(1.0 if d in gold else 0.0 for d in days)
    if len(set(targets)) < 2:
        raise ValueError(
            "cannot train a date model: the training timelines leave no day out (or take none); "
            "train on more topics"
        )
    estimator = MODEL_KINDS[kind]()
    estimator.fit(np.vstack(rows), np.array(targets))
    return DateModel(tuple(features), estimator, span_only, variant)


def date_f1(model: DateModel, examples: Sequence[Example]) -> float:
    """Date F1 of the model's top-l days (l = the gold's number of dates, inside the gold's
    span), precision and recall averaged over examples as news-tls averages them."""
    return _f1([_precision_recall(model, stats, gold) for _, stats, gold in examples])


def cross_validated_f1(examples: Sequence[Example], features: Sequence[str], variant: str) -> float:
    """Leave-one-group-out date F1 of a variant: each group's examples are ranked by a model
    trained on the other groups, and all examples are pooled into one F1."""
    kind, span_only = VARIANTS[variant]
    pairs: list[tuple[float, float]] = []
    for group in dict.fromkeys(g for g, _, _ in examples):
        training = [(stats, gold) for g, stats, gold in examples if g != group]
        model = train_date_model(training, features, kind, span_only, variant)
        pairs.extend(_precision_recall(model, stats, gold) for g, stats, gold in examples if g == group)
    return _f1(pairs)


def _precision_recall(model: DateModel, stats: dict[date, dict[str, float]], gold: set[date]) -> tuple[float, float]:
    span = (min(gold), max(gold))
    inside = [d for d, _ in model.ranking(stats, span) if span[0] <= d <= span[1]]
    chosen = set(inside[: len(gold)])
    hits = len(chosen & gold)
    return (hits / len(chosen) if chosen else 0.0), hits / len(gold)


def _f1(pairs: Sequence[tuple[float, float]]) -> float:
    precision = sum(p for p, _ in pairs) / len(pairs)
    recall = sum(r for _, r in pairs) / len(pairs)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def train_selected_model(
    examples: Sequence[Example], features: Sequence[str], variants: Sequence[str] = tuple(VARIANTS)
) -> DateModel:
    """Choose the variant with the best leave-one-group-out date F1 on these examples (ties
    to the earlier variant), then fit it on all of them. With fewer than two groups there is
    nothing to compare on, and FALLBACK_VARIANT is fitted."""
    groups = {g for g, _, _ in examples}
    if len(groups) < 2:
        best = FALLBACK_VARIANT
    else:
        scores = {v: cross_validated_f1(examples, features, v) for v in variants}
        best = max(variants, key=lambda v: scores[v])
    kind, span_only = VARIANTS[best]
    return train_date_model([(s, gold) for _, s, gold in examples], features, kind, span_only, best)


# The model `storyline build` uses: trained on all of Timeline17 by
# `storyline eval train-date-model` (weights in JSON, no pickle).
SHIPPED_MODEL = Path(__file__).parent / "data" / "date_model.json"


@dataclass(frozen=True)
class LinearScorer:
    """A fitted linear or logistic model reduced to its weights."""

    coef: tuple[float, ...]
    intercept: float
    logistic: bool

    def predict(self, matrix: np.ndarray) -> np.ndarray:
        z = np.asarray(matrix, dtype=float) @ np.asarray(self.coef) + self.intercept
        return 1.0 / (1.0 + np.exp(-z)) if self.logistic else z


def export_model(model: DateModel, trained_on: str) -> dict[str, Any]:
    """A linear or logistic DateModel as plain JSON data."""
    from sklearn.linear_model import LinearRegression, LogisticRegression

    estimator: Any = model.estimator
    if not isinstance(estimator, LogisticRegression | LinearRegression):
        raise TypeError(f"only linear date models can be exported, not {type(estimator).__name__}")
    return {
        "features": list(model.features),
        "coef": [float(x) for x in np.ravel(estimator.coef_)],
        "intercept": float(np.ravel(estimator.intercept_)[0]),
        "logistic": isinstance(estimator, LogisticRegression),
        "span_only": model.span_only, "variant": model.variant,
        "trained_on": trained_on,
    }


def load_model(path: Path = SHIPPED_MODEL) -> DateModel:
    """A DateModel from `export_model`'s JSON."""
    try:
        data = json.loads(path.read_text("utf-8"))
        scorer = LinearScorer(tuple(float(x) for x in data["coef"]), float(data["intercept"]), bool(data["logistic"]))
        features = tuple(data["features"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"cannot load the date model {path}: {error}") from error
    if len(features) != len(scorer.coef):
        raise ValueError(f"cannot load the date model {path}: {len(features)} features, {len(scorer.coef)} weights")
    return DateModel(features, scorer, bool(data.get("span_only", False)), str(data.get("variant", "")))
