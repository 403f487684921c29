"""Which sentences may describe a day: candidate collectors, registered by name.

`collect(sentences, day, vectorizer) -> [DatedSentence]` for one day of the ranking. Built
per story by `make_collector(name, sentences)` because some need an index over all sentences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import numpy as np
from scipy import sparse
from sklearn.metrics.pairwise import cosine_similarity

from storyline.model import DatedSentence

Collector = Callable[[date], list[DatedSentence]]

# DATEWISE's candidate settings: sentences without a date among an article's first
# CLIP_SENTS (indices 0..5) stand for its publication day and the day before (PUB_END = 2).
CLIP_SENTS = 5
PUB_END = 2


def dated_collector(sentences: Sequence[DatedSentence], vectorizer: object = None) -> Collector:
    """Ours: the sentences dated to the day (by a mention, or by publication when undated)."""
    by_day: dict[date, list[DatedSentence]] = defaultdict(list)
    for item in sentences:
        if item.day is not None:
            by_day[item.day].append(item)
    return lambda day: by_day.get(day, [])


def pm_mean_collector(sentences: Sequence[DatedSentence], vectorizer: object = None) -> Collector:
    """DATEWISE's PM-Mean: sentences mentioning the day, and early sentences of articles
    published that day or the next, kept when close to the terms both groups share
    (a knee point on the sorted similarities sets the cut)."""
    mentions: dict[date, list[DatedSentence]] = defaultdict(list)
    published: dict[date, list[DatedSentence]] = defaultdict(list)
    for item in sentences:
        if item.day is not None and item.day_from == "mention":
            mentions[item.day].append(item)
        elif item.sentence.index <= CLIP_SENTS and item.day_from == "publication" and item.day is not None:
            for back in range(PUB_END):
                published[item.day - timedelta(days=back)].append(item)

    def collect(day: date) -> list[DatedSentence]:
        ment, pub = mentions.get(day, []), published.get(day, [])
        if not ment or not pub:
            return ment or pub
        x_ment = vectorizer.transform([s.sentence.text for s in ment])  # type: ignore[attr-defined]
        x_pub = vectorizer.transform([s.sentence.text for s in pub])  # type: ignore[attr-defined]
        c_ment = np.asarray(x_ment.sum(0)).ravel()
        c_pub = np.asarray(x_pub.sum(0)).ravel()
        shared = (c_ment > 0) & (c_pub > 0)
        centre = np.where(shared, c_pub / len(pub) + c_ment / len(ment), 0.0)
        centre_row = sparse.csr_matrix(centre)
        sims = np.concatenate([cosine_similarity(centre_row, x_ment)[0], cosine_similarity(centre_row, x_pub)[0]])
        threshold = sims[knee_point(sorted(sims, reverse=True))] if len(sims) > 2 else -1.0
        chosen = [s for s, sim in zip(ment + pub, sims, strict=True) if sim > 0 and sim > threshold]
        return chosen or ment + pub

    return collect


def knee_point(values: Sequence[float]) -> int:
    """Index of the point farthest from the line joining the first and last values."""
    points = np.column_stack([np.arange(len(values)), np.asarray(values, dtype=float)])
    line = points[-1] - points[0]
    norm = np.linalg.norm(line)
    if norm == 0:
        return 0
    unit = line / norm
    offsets = points - points[0]
    along = offsets @ unit
    distances = np.linalg.norm(offsets - np.outer(along, unit), axis=1)
    return int(np.argmax(distances))


COLLECTORS: dict[str, Callable[..., Collector]] = {
    "dated": dated_collector,
    "pm-mean": pm_mean_collector,
}
