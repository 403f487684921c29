"""Merge exact and near-duplicate articles (wire copies) into one representative each.

A wire story carried by five outlets is one source reported five times: later stages must
not count it as five confirmations, so copies are merged here and the representative keeps
the list of every source and outlet that carried it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.model import Article

NUM_PERM = 128
_WORD = re.compile(r"\w+", re.UNICODE)


def article_id(text: str) -> str:
    """Stable id: a hash of the text with case and whitespace normalised."""
    normalised = " ".join(text.lower().split())
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Merge:
    """One input merged into a representative article."""

    source: str
    into: str  # representative article id
    exact: bool


def deduplicate(
    articles: list[Article], threshold: float, shingle_words: int,
    pairs: Iterable[tuple[str, str]] | None = None, signatures: Mapping[str, bytes] | None = None,
    lengths: Mapping[str, int] | None = None,
) -> tuple[list[Article], list[Merge]]:
    """Group duplicates; keep one representative per group, in input order. `pairs` are the
    near-duplicate article ids when already known (`near_pairs`, or a store's index of them);
    `signatures` the articles' signatures by id when the document stage made them; `lengths`
    the texts' lengths by source when the articles do not hold their texts (a streamed build)."""
    groups = _groups(articles, threshold, shingle_words, pairs, signatures or {})
    kept: list[Article] = []
    merges: list[Merge] = []

    def rank(article: Article) -> tuple[bool, int, str]:
        # Prefer a dated article, then the fullest text, then a stable order by source.
        length = len(article.text) if lengths is None else lengths[article.source]
        return (article.published is None, -length, article.source)

    for members in groups:
        ranked = sorted(members, key=rank)
        head = ranked[0]
        copies = ranked[1:]
        outlets = sorted({a.outlet for a in copies if a.outlet and a.outlet != head.outlet})
        kept.append(
            replace(head, copies=tuple(a.source for a in copies), copy_outlets=tuple(outlets))
        )
        merges.extend(Merge(a.source, head.id, a.id == head.id) for a in copies)
    order = {article.source: position for position, article in enumerate(articles)}
    kept.sort(key=lambda a: order[a.source])
    return kept, merges


def _groups(
    articles: list[Article], threshold: float, shingle_words: int,
    pairs: Iterable[tuple[str, str]] | None, signatures: Mapping[str, bytes],
) -> list[list[Article]]:
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first_by_id: dict[str, int] = {}
    for i, article in enumerate(articles):
        if article.id in first_by_id:
            union(first_by_id[article.id], i)
        else:
            first_by_id[article.id] = i
    if threshold < 1.0:
        if pairs is None:
            firsts = [articles[i] for i in first_by_id.values()]
            pairs = near_pairs([(a.id, _signature(a, shingle_words, signatures)) for a in firsts], threshold)
        for a, b in pairs:
            if a in first_by_id and b in first_by_id:
                union(first_by_id[a], first_by_id[b])
    grouped: dict[int, list[Article]] = {}
    for i, article in enumerate(articles):
        grouped.setdefault(find(i), []).append(article)
    return [grouped[root] for root in sorted(grouped)]


def band_keys(sig: np.ndarray, threshold: float) -> list[bytes]:
    """The LSH band keys of a signature: two texts are candidates when any key is equal."""
    return [sig[start:end].tobytes() for start, end in _bands(threshold)]


def is_near(a: np.ndarray, b: np.ndarray, threshold: float) -> bool:
    """Estimated Jaccard similarity of two signatures at or above `threshold`."""
    return bool(np.count_nonzero(a == b) / len(a) >= threshold)


def near_pairs(signatures: Sequence[tuple[str, np.ndarray]], threshold: float) -> list[tuple[str, str]]:
    """Pairs of ids (earlier, later) whose signatures share a band and are near enough."""
    seen: dict[tuple[int, bytes], list[int]] = {}
    pairs: list[tuple[str, str]] = []
    for i, (key, sig) in enumerate(signatures):
        candidates: set[int] = set()
        for band, band_key in enumerate(band_keys(sig, threshold)):
            bucket = seen.setdefault((band, band_key), [])
            candidates.update(bucket)
            bucket.append(i)
        pairs += [(signatures[j][0], key) for j in sorted(candidates)
                  if is_near(signatures[j][1], sig, threshold)]
    return pairs


@lru_cache(maxsize=8)
def _bands(threshold: float) -> tuple[tuple[int, int], ...]:
    # datasketch's choice of bands (b) and rows (r) for this threshold, so candidates are
    # exactly those of its MinHashLSH; the keys live in plain dicts or a store's table.
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return tuple((band * lsh.r, (band + 1) * lsh.r) for band in range(lsh.b))


def signature(text: str, shingle_words: int) -> np.ndarray:
    """The MinHash signature of a text's word shingles (NUM_PERM values, datasketch).

    rensa, a Rust MinHash about 20x faster, was tried: its estimates pass
    bench/dedup_calibration.py too, but they merge a few different Timeline17 articles, which
    lowered the two-topic timeline date F1 below its floor (0.560 against 0.57), so it is not
    used."""
    words = _WORD.findall(text.lower())
    span = max(1, min(shingle_words, len(words)))
    shingles = {" ".join(words[k : k + span]) for k in range(max(1, len(words) - span + 1))}
    hasher = MinHash(num_perm=NUM_PERM, seed=1)
    hasher.update_batch([s.encode("utf-8") for s in shingles])
    return hasher.hashvalues.astype(np.uint32)  # datasketch's values are 32-bit hashes


def from_bytes(blob: bytes) -> np.ndarray:
    """A signature back from its bytes (`signature(...).tobytes()`, as stored)."""
    return np.frombuffer(blob, dtype=np.uint32)


def _signature(article: Article, shingle_words: int, known: Mapping[str, bytes]) -> np.ndarray:
    made = known.get(article.id)
    return signature(article.text, shingle_words) if made is None else from_bytes(made)


def _minhash(text: str, shingle_words: int) -> MinHash:
    """The signature as a datasketch MinHash (for its Jaccard estimate in the calibration)."""
    hasher = MinHash(num_perm=NUM_PERM, seed=1)
    hasher.hashvalues = signature(text, shingle_words)
    return hasher
