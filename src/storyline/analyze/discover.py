"""Story discovery: online clustering of a mixed stream of articles into stories.

Articles are taken in publication order. Each joins the story whose centroid (the sum of
its articles' vectors) is most similar, with the similarity halved for every half-life the
story has been quiet, or starts a story of its own when no story is similar enough. So a
later article joins an earlier story and never the reverse, and a store can go on adding
to the same `Stream`. A long story keeps a longer memory: its half-life grows with the log
of its size, so an inquiry reported months after a disaster still finds the disaster.

A story quiet for so long that no article could reach it any more is retired: its centroid
leaves the dense matrix (memory stays bounded by the stories still active) and only undated
articles, which have no time to compare, are matched against it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from scipy import sparse

from storyline.analyze.story_text import Item
from storyline.analyze.vectors import Space, TfidfSpace, make_space


@dataclass(frozen=True, slots=True)
class Params:
    """When an article joins a story: the similarity it needs, and how fast a quiet story
    fades (days, for a story of one article; times 1 + ln(size) for larger ones)."""

    threshold: float
    half_life: float
    # Cosines centred on the corpus mean (what an article shares with a story beyond what
    # every article shares). Tried: on Timeline17 it needs a threshold near 0.02 and then
    # splits small piles into many stories, so it is off.
    centre: bool = False


# Calibrated with bench/discover_calibration.py on Timeline17 (docs/benchmarks.md, "Story
# discovery"), tuned once on all nine topics: 0.09 and 15 days. Tuned on five topics alone
# (bpoil, egypt, h1n1, iraq, mj), 0.08 ranks first, but it lets Syria's first articles (March
# 2011) join Egypt's story and loses 0.03 B-cubed F1 on the four held-out topics: the five
# have no two stories at once. TF-IDF cosines between articles of one story are low
# (0.1-0.3 on titles and leads), hence the low threshold; at 0.11 long stories split.
# MiniLM (tuned on the five topics only): 0.30 and 30 days.
PARAMS: dict[str, Params] = {
    "tfidf": Params(threshold=0.09, half_life=15.0),
    "minilm": Params(threshold=0.30, half_life=30.0),
}
# A story has at least this many articles; a cluster smaller than that is unassigned.
MIN_STORY_SIZE = 2


@dataclass
class Cluster:
    """One story found so far: its members' keys and publication days."""

    members: list[str] = field(default_factory=list)
    first: date | None = None
    last: date | None = None

    @property
    def size(self) -> int:
        return len(self.members)

    def take(self, key: str, day: date | None) -> None:
        """Add a member."""
        self.members.append(key)
        if day is not None:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)


class _Rows:
    """Dense centroid rows with spare capacity, so founding a story does not copy them all."""

    def __init__(self, dims: int = 0) -> None:
        self.data = np.zeros((8, dims))
        self.count = 0

    @property
    def view(self) -> np.ndarray:
        return self.data[: self.count]

    def append(self, row: np.ndarray) -> int:
        if self.count == len(self.data):
            self.data = np.vstack([self.data, np.zeros_like(self.data)])
        self.data[self.count] = row
        self.count += 1
        return self.count - 1

    def keep(self, rows: list[int]) -> None:
        self.data[: len(rows)] = self.data[rows]
        self.count = len(rows)

    def widen(self, extra: int) -> None:
        self.data = np.hstack([self.data, np.zeros((len(self.data), extra))])


@dataclass
class Stream:
    """The state of online story discovery: the vector space, the stories so far and the
    centroids of those still active. `add` is the only way in."""

    space: Space
    params: Params
    clusters: list[Cluster] = field(default_factory=list)
    _rows: _Rows = field(default_factory=_Rows)  # centroid sums of the active stories
    _active: list[int] = field(default_factory=list)  # cluster index of each row
    _norm2: list[float] = field(default_factory=list)  # squared norm of each row
    _cm: list[float] = field(default_factory=list)  # each row . the corpus mean
    _retired: dict[int, sparse.csr_matrix] = field(default_factory=dict)
    _total: np.ndarray = field(default_factory=lambda: np.zeros(0))  # sum of every item's vector
    _seen: int = 0

    def add(self, items: Sequence[Item]) -> list[int]:
        """Assign a batch, in publication order (undated last); return each item's cluster
        index, in the batch's order."""
        self.space.observe(items)
        vectors = self.space.vectors(items)
        self._widen(vectors.shape[1])
        self._total = self._total + np.asarray(vectors.sum(axis=0)).ravel()
        self._seen += len(items)
        mean = self._mean()
        self._cm = list(self._rows.view @ mean)
        assigned = [0] * len(items)
        order = sorted(range(len(items)), key=lambda i: (items[i].day or date.max, i))
        for i in order:
            row = vectors.getrow(i)
            assigned[i] = self._assign(items[i], row.indices, row.data, mean)
        return assigned

    def _assign(self, item: Item, idx: np.ndarray, val: np.ndarray, mean: np.ndarray) -> int:
        if item.day is not None:
            self._retire(item.day)
        xm = float(val @ mean[idx])
        best, similarity = self._best(item.day, idx, val, xm, mean)
        if best is not None and similarity >= self.params.threshold:
            row = self._active.index(best) if best in self._active else self._revive(best, mean)
            sums = self._rows.data[row]
            self._norm2[row] += 2 * float(sums[idx] @ val) + float(val @ val)
            sums[idx] += val
            self._cm[row] += xm
        else:
            best = len(self.clusters)
            self.clusters.append(Cluster())
            dense = np.zeros(self._rows.data.shape[1])
            dense[idx] = val
            self._rows.append(dense)
            self._norm2.append(float(val @ val))
            self._cm.append(xm)
            self._active.append(best)
        self.clusters[best].take(item.key, item.day)
        return best

    def _best(self, day: date | None, idx: np.ndarray, val: np.ndarray, xm: float,
              mean: np.ndarray) -> tuple[int | None, float]:
        """The most similar story, after fading for time; undated items see retired ones too."""
        candidates = list(self._active)
        sizes = np.array([self.clusters[c].size for c in candidates], dtype=float)
        similarities = self._cosine(self._rows.view[:, idx] @ val, np.array(self._norm2),
                                    np.array(self._cm), sizes, xm, mean)
        if day is not None:
            similarities = similarities * np.array([self._fade(c, day) for c in candidates])
        elif self._retired:
            retired = sorted(self._retired)
            stacked = sparse.vstack([self._retired[c] for c in retired]).tocsr()
            dots = stacked.tocsc()[:, idx] @ val
            norm2 = np.asarray(stacked.multiply(stacked).sum(axis=1)).ravel()
            sizes = np.array([self.clusters[c].size for c in retired], dtype=float)
            more = self._cosine(dots, norm2, stacked @ mean, sizes, xm, mean)
            similarities = np.concatenate([similarities, more])
            candidates += retired
        if not candidates:
            return None, 0.0
        best = int(np.argmax(similarities))  # ties: the earliest story
        return candidates[best], float(similarities[best])

    def _cosine(self, dots: np.ndarray, norm2: np.ndarray, cm: np.ndarray, sizes: np.ndarray,
                xm: float, mean: np.ndarray) -> np.ndarray:
        """Cosine of an item with each centroid; centred on the corpus mean when the params
        say so (what a story shares with an article beyond what every article shares)."""
        if not self.params.centre:
            return np.asarray(dots / np.sqrt(np.maximum(norm2, 1e-12)))
        mm = float(mean @ mean)
        num = dots - sizes * xm - cm + sizes * mm
        den = (norm2 - 2 * sizes * cm + sizes**2 * mm) * max(1.0 - 2 * xm + mm, 1e-12)
        return np.asarray(num / np.sqrt(np.maximum(den, 1e-12)))

    def _mean(self) -> np.ndarray:
        return np.asarray(self._total / max(self._seen, 1))

    def _fade(self, cluster: int, day: date) -> float:
        last = self.clusters[cluster].last
        if last is None:
            return 1.0
        gap = max((day - last).days, 0)
        size = self.clusters[cluster].size
        return float(0.5 ** (gap / (self.params.half_life * (1.0 + math.log(size)))))

    def _retire(self, day: date) -> None:
        """Move out of the dense rows every story no article of `day` could join."""
        fades = [self._fade(c, day) for c in self._active]
        keep = [row for row, fade in enumerate(fades) if fade >= self.params.threshold]
        if len(keep) == len(self._active):
            return
        kept = set(keep)
        for row, cluster in enumerate(self._active):
            if row not in kept:
                self._retired[cluster] = sparse.csr_matrix(self._rows.data[row : row + 1])
        self._rows.keep(keep)
        self._active = [self._active[row] for row in keep]
        self._norm2 = [self._norm2[row] for row in keep]
        self._cm = [self._cm[row] for row in keep]

    def _revive(self, cluster: int, mean: np.ndarray) -> int:
        row = self._retired.pop(cluster).toarray().ravel()
        self._norm2.append(float(row @ row))
        self._cm.append(float(row @ mean))
        self._active.append(cluster)
        return self._rows.append(row)

    def _widen(self, dims: int) -> None:
        """Grow the centroids to the space's dimensions (new terms in a new batch)."""
        extra = dims - self._rows.data.shape[1]
        if extra > 0:
            self._rows.widen(extra)
            self._total = np.concatenate([self._total, np.zeros(extra)])
            self._retired = {
                c: sparse.hstack([m, sparse.csr_matrix((1, extra))]).tocsr() for c, m in self._retired.items()
            }

    def to_dict(self) -> dict[str, Any]:
        """The whole state as plain data, for a store to keep between adds (TF-IDF only)."""
        if not isinstance(self.space, TfidfSpace):
            raise TypeError("only the TF-IDF state can be saved; embeddings are recomputed")
        rows = {c: sparse.csr_matrix(self._rows.data[r : r + 1]) for r, c in enumerate(self._active)}
        return {
            "params": {"threshold": self.params.threshold, "half_life": self.params.half_life,
                       "centre": self.params.centre},
            "space": self.space.to_dict(),
            "clusters": [
                {"members": c.members, "first": _iso(c.first), "last": _iso(c.last)} for c in self.clusters
            ],
            "active": list(self._active),
            "centroids": {str(c): _pairs(m) for c, m in sorted({**rows, **self._retired}.items())},
            "total": _pairs(sparse.csr_matrix(self._total.reshape(1, -1))),
            "seen": self._seen,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stream:
        """The state `to_dict` wrote; adding to it goes on exactly as the saved stream would."""
        space = TfidfSpace.from_dict(data["space"])
        stream = cls(space, Params(**data["params"]), _rows=_Rows(space.dims))
        for record in data["clusters"]:
            stream.clusters.append(Cluster(list(record["members"]), _day(record["first"]), _day(record["last"])))
        rows = {int(key): _dense(pairs, space.dims) for key, pairs in data["centroids"].items()}
        for cluster in data["active"]:
            stream._rows.append(rows[cluster])
            stream._active.append(cluster)
            stream._norm2.append(float(rows[cluster] @ rows[cluster]))
        stream._retired = {
            c: sparse.csr_matrix(v.reshape(1, -1)) for c, v in rows.items() if c not in stream._active
        }
        stream._total = _dense(data["total"], space.dims)
        stream._seen = int(data["seen"])
        return stream


def _pairs(row: sparse.csr_matrix) -> list[list[float]]:
    return [[int(i), float(v)] for i, v in zip(row.indices, row.data, strict=True)]


def _dense(pairs: list[list[float]], dims: int) -> np.ndarray:
    vector = np.zeros(dims)
    for index, value in pairs:
        vector[int(index)] = value
    return vector


def new_stream(space: str = "tfidf", params: Params | None = None) -> Stream:
    """An empty stream over the named space, with its calibrated parameters by default."""
    return Stream(make_space(space), params or PARAMS[space])


def cluster(items: Sequence[Item], space: str = "tfidf", params: Params | None = None) -> list[list[int]]:
    """Group items into clusters (item positions), in the order the clusters were founded."""
    stream = new_stream(space, params)
    assigned = stream.add(items)
    groups: list[list[int]] = [[] for _ in stream.clusters]
    for position, index in enumerate(assigned):
        groups[index].append(position)
    return groups


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
