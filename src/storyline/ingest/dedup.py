"""Merge exact and near-duplicate articles (wire copies) into one representative each.

A wire story carried by five outlets is one source reported five times: later stages must
not count it as five confirmations, so copies are merged here and the representative keeps
the list of every source and outlet that carried it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

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
    articles: list[Article], threshold: float, shingle_words: int
) -> tuple[list[Article], list[Merge]]:
    """Group duplicates; keep one representative per group, in input order."""
    groups = _groups(articles, threshold, shingle_words)
    kept: list[Article] = []
    merges: list[Merge] = []
    for members in groups:
        ranked = sorted(members, key=_representative_rank)
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


def _representative_rank(article: Article) -> tuple[bool, int, str]:
    # Prefer a dated article, then the fullest text, then a stable order by source.
    return (article.published is None, -len(article.text), article.source)


def _groups(articles: list[Article], threshold: float, shingle_words: int) -> list[list[Article]]:
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
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        signatures: dict[int, MinHash] = {}
        for i in first_by_id.values():
            signature = _minhash(articles[i].text, shingle_words)
            for j in lsh.query(signature):
                if signature.jaccard(signatures[j]) >= threshold:
                    union(i, j)
            lsh.insert(i, signature)
            signatures[i] = signature
    grouped: dict[int, list[Article]] = {}
    for i, article in enumerate(articles):
        grouped.setdefault(find(i), []).append(article)
    return [grouped[root] for root in sorted(grouped)]


def _minhash(text: str, shingle_words: int) -> MinHash:
    words = _WORD.findall(text.lower())
    signature = MinHash(num_perm=NUM_PERM, seed=1)
    span = max(1, min(shingle_words, len(words)))
    shingles = {" ".join(words[k : k + span]) for k in range(max(1, len(words) - span + 1))}
    signature.update_batch([s.encode("utf-8") for s in shingles])
    return signature
