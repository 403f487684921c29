"""Supervised date ranking: a model that scores days from their mention statistics.

Trained on other stories' gold timelines (for evaluation: leave one topic out, as news-tls
does), then used by the `supervised` date selector. Models are plain scikit-learn estimators
held in memory; nothing is pickled to disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import LinearRegression, LogisticRegression

from storyline.analyze.dates import feature_matrix

# Model kinds by name: DATEWISE used linear regression on its seven features.
MODEL_KINDS = {
    "linear": lambda: LinearRegression(),
    # Chosen by leave-one-topic-out date F1 on T17 (bench: docs/benchmarks.md): 0.566 against
    # 0.554 for DATEWISE's linear regression, with the same features over the span only.
    "logistic": lambda: LogisticRegression(C=10.0, max_iter=3000),
    # Few, shallow trees on few features: the training set is a few thousand days.
    "boosted": lambda: HistGradientBoostingRegressor(max_iter=150, max_depth=3, learning_rate=0.05,
                                                     random_state=0),
}


@dataclass(frozen=True)
class DateModel:
    """A fitted regressor and the feature names it expects, in order."""

    features: tuple[str, ...]
    estimator: object
    span_only: bool = False  # statistics of days inside the story's span only

    def score(self, matrix: np.ndarray) -> np.ndarray:
        """Higher is more likely a timeline date."""
        if hasattr(self.estimator, "predict_proba"):
            return np.asarray(self.estimator.predict_proba(matrix))[:, 1]
        return np.asarray(self.estimator.predict(matrix))  # type: ignore[attr-defined]


def train_date_model(
    examples: Iterable[tuple[dict[date, dict[str, float]], set[date]]],
    features: Sequence[str],
    kind: str = "linear",
    span_only: bool = False,
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
    return DateModel(tuple(features), estimator, span_only)
