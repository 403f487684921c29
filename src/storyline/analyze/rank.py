"""Choose, for one day, the few sentences that best say what happened.

Rankers are registered by name (`SENTENCE_RANKERS`) with one signature:
`rank(candidates, k, allowed=None, vectorizer=None) -> chosen`, where candidates are the
sentences collected for that day, `allowed` says which may be quoted (e.g. keyword filters),
and `vectorizer` is a TF-IDF model fitted on the whole story (used by DATEWISE's ranker).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.model import DatedSentence

# Bonuses calibrated by eye on the example corpus and the seeds: an explicit mention of the
# day beats the publication-date fallback; lead paragraphs carry the news.
MENTION_BONUS = 0.25
LEAD_BONUS = 0.1
# Two chosen sentences more similar than this say the same thing: keep only one.
REDUNDANCY = 0.5
# A second sentence from an article already cited is worth this much less.
SAME_ARTICLE_PENALTY = 0.2

Ranker = Callable[..., list[DatedSentence]]
Allowed = Callable[[DatedSentence], bool]


def rank_centroid(
    candidates: Sequence[DatedSentence], k: int, allowed: Allowed | None = None, vectorizer: object = None
) -> list[DatedSentence]:
    """Sentences closest to the day's TF-IDF centroid, diverse in content and source."""
    if allowed is not None:
        candidates = [c for c in candidates if allowed(c)]
    if not candidates:
        return []
    base, vectors = centroid_scores(candidates)
    similarity = (vectors @ vectors.T).toarray()
    return _greedy_diverse(candidates, base, similarity, k)


def centroid_scores(candidates: Sequence[DatedSentence]):  # type: ignore[no-untyped-def]
    """Each sentence's closeness to the TF-IDF centroid of all, plus the mention and lead
    bonuses; and the sentences' TF-IDF rows (sparse, L2-normalised)."""
    vectors = _tfidf([item.sentence.text for item in candidates])
    centroid = np.asarray(vectors.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    relevance = vectors @ (centroid / norm) if norm else np.zeros(len(candidates))
    relevance = np.asarray(relevance).ravel()
    base = [
        float(relevance[i])
        + (MENTION_BONUS if item.day_from == "mention" else 0.0)
        + (LEAD_BONUS if item.sentence.paragraph <= 1 else 0.0)
        for i, item in enumerate(candidates)
    ]
    return base, vectors


def _tfidf(texts: list[str]):  # type: ignore[no-untyped-def]
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1)
    try:
        return vectorizer.fit_transform(texts)
    except ValueError:  # only stop words: fall back to plain word counts
        return TfidfVectorizer(min_df=1, token_pattern=r"(?u)\b\w+\b").fit_transform(texts)


def _greedy_diverse(
    candidates: Sequence[DatedSentence], base: list[float], similarity: np.ndarray, k: int
) -> list[DatedSentence]:
    chosen: list[int] = []
    cited_articles: set[str] = set()
    remaining = set(range(len(candidates)))
    while remaining and len(chosen) < k:
        def order(i: int) -> tuple[float, int, str]:
            item = candidates[i].sentence
            penalty = SAME_ARTICLE_PENALTY if item.article in cited_articles else 0.0
            # Ties go to the earlier sentence, then the smaller article id: deterministic.
            return (penalty - base[i], item.index, item.article)

        best = min(remaining, key=order)
        remaining.discard(best)
        if any(similarity[best, j] > REDUNDANCY for j in chosen):
            continue
        chosen.append(best)
        cited_articles.add(candidates[best].sentence.article)
    return [candidates[i] for i in chosen]


# Two sentences this similar are the same sentence (DATEWISE's max_sim).
SAME_SENTENCE = 0.9999


def rank_centroid_opt(
    candidates: Sequence[DatedSentence], k: int, allowed: Allowed | None = None, vectorizer: object = None
) -> list[DatedSentence]:
    """DATEWISE's CentroidOpt: greedily add the sentence that brings the summary's vector
    closest to the centroid of all candidates (allowed or not)."""
    if not candidates or vectorizer is None:
        return []
    matrix = vectorizer.transform([c.sentence.text for c in candidates])  # type: ignore[attr-defined]
    matrix = matrix[:, np.unique(matrix.indices)]  # only this day's terms: small and dense
    centroid = np.asarray(matrix.sum(0)).ravel()
    norm = np.linalg.norm(centroid)
    if norm == 0:
        return []
    centroid = centroid / norm
    dense = matrix.toarray()
    remaining = set(range(len(candidates)))
    selected: list[int] = []
    summary = np.zeros_like(centroid)
    while remaining and len(selected) < k:
        scores = {}
        for i in remaining:
            vector = summary + dense[i]
            length = np.linalg.norm(vector)
            scores[i] = float(vector @ centroid / length) if length else 0.0
        for i in sorted(scores, key=lambda j: (-scores[j], j)):
            remaining.discard(i)
            if allowed is not None and not allowed(candidates[i]):
                continue
            if any(_cosine(dense[i], dense[j]) > SAME_SENTENCE for j in selected):
                continue
            selected.append(i)
            summary = summary + dense[i]
            break
    return [candidates[i] for i in selected]


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    denominator = np.linalg.norm(a) * np.linalg.norm(b)
    return float(a @ b / denominator) if denominator else 0.0


SENTENCE_RANKERS: dict[str, Ranker] = {"centroid": rank_centroid, "centroid-opt": rank_centroid_opt}
