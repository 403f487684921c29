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
from sklearn.linear_model import LinearRegression

from storyline.analyze.dates import feature_matrix

# Model kinds by name: DATEWISE used linear regression on its seven features.
MODEL_KINDS = {
    "linear": lambda: LinearRegression(),
    # Few, shallow trees on few features: the training set is a few thousand days.
    "boosted": lambda: HistGradientBoostingRegressor(max_iter=150, max_depth=3, learning_rate=0.05,
                                                     random_state=0),
}


@dataclass(frozen=True)
class DateModel:
    """A fitted regressor and the feature names it expects, in order."""

    features: tuple[str, ...]
    estimator: object

    def score(self, matrix: np.ndarray) -> np.ndarray:
        """Higher is more likely a timeline date."""
        return np.asarray(self.estimator.predict(matrix))  # type: ignore[attr-defined]


def train_date_model(
    examples: Iterable[tuple[dict[date, dict[str, float]], set[date]]],
    features: Sequence[str],
    kind: str = "linear",
) -> DateModel:
    """Fit on (per-day statistics, gold dates) pairs: target 1 for gold days, else 0."""
    rows, targets = [], []
    for stats, gold in examples:
        days, matrix = feature_matrix(stats, features)
        rows.append(matrix)
        targets.extend(1.0 if d in gold else 0.0 for d in days)
    estimator = MODEL_KINDS[kind]()
    estimator.fit(np.vstack(rows), np.array(targets))
    return DateModel(tuple(features), estimator)
