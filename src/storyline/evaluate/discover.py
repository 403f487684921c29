"""Story discovery scored on Timeline17: all 17 source folders pooled into one stream,
clustered without keywords, and compared with the 9 topics (each folder's topic is its label).

Scores are B-cubed precision, recall and F1 (Bagga & Baldwin 1998: per article, the share of
its cluster that shares its topic, and the share of its topic in its cluster) and the adjusted
Rand index; unassigned articles count as clusters of one. Articles are read, cleaned, dated
and cut to title and lead exactly as `storyline discover` does (`document.prepare_article`,
the first half of the document stage, in a process pool), but not split into sentences or
annotated: discovery does not use that, and it would take minutes for 4,650 articles.

Some articles in the folders are not about their folder's topic at all (SyrianCrisis_reuters
holds about 190 Reuters markets, sport and business pieces that never name Syria); so scores
are also given on the on-topic articles alone: those naming one of the topic's news-tls
keywords. Every article is still clustered; only the scoring leaves the others out.
"""

from __future__ import annotations

import json
import os
import re
import resource
import time
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from storyline.analyze.discover import MIN_STORY_SIZE, Params, new_stream
from storyline.analyze.story_text import Item, item
from storyline.document import MIN_DOCUMENTS_FOR_POOL, prepare_article, warm_up
from storyline.evaluate.t17 import TOPIC_FOLDERS, load_articles, newstls_folder
from storyline.ingest.newsness import not_news
from storyline.ingest.readers import read_inputs
from storyline.model import Article, RawDocument
from storyline.settings import DEFAULT, Settings

# Publication dates of the five seed articles (from the foundation issue; tests/conftest.py).
SEED_DATES = {"000": "2016-08-04", "001": "2016-09-08", "002": "2016-11-12", "003": "2016-10-13",
              "004": "2016-08-15"}
# Labels of the corpora added to the pool.
EXAMPLE, SEEDS = "harbor-fire", "seeds"

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Labelled:
    """An article of the pool, its gold story and whether it is about that story at all."""

    item: Item
    label: str
    on_topic: bool
    article: Article


@dataclass(frozen=True, slots=True)
class Scores:
    """B-cubed precision, recall, F1 and the adjusted Rand index of one clustering."""

    precision: float
    recall: float
    f1: float
    ari: float
    articles: int

    def as_dict(self) -> dict[str, float | int]:
        """Rounded, for printing."""
        return {"articles": self.articles, "bcubed_precision": round(self.precision, 3),
                "bcubed_recall": round(self.recall, 3), "bcubed_f1": round(self.f1, 3),
                "ari": round(self.ari, 3)}


def bcubed(gold: Sequence[str], predicted: Sequence[int],
           scored: Sequence[bool] | None = None) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels, averaged over
    the `scored` articles (default all); clusters and classes are always the whole pool's,
    so an article clustered with unscored ones of another label still loses precision."""
    chosen = list(scored) if scored is not None else [True] * len(gold)
    if not any(chosen):
        return 0.0, 0.0, 0.0
    clusters = Counter(predicted)
    classes = Counter(gold)
    both = Counter(zip(gold, predicted, strict=True))
    pairs = [(g, c) for g, c, keep in zip(gold, predicted, chosen, strict=True) if keep]
    precision = sum(both[g, c] / clusters[c] for g, c in pairs) / len(pairs)
    recall = sum(both[g, c] / classes[g] for g, c in pairs) / len(pairs)
    return precision, recall, 2 * precision * recall / (precision + recall)


def score(pool: Sequence[Labelled], predicted: Sequence[int], on_topic_only: bool = False,
          topics: Collection[str] | None = None) -> Scores:
    """Scores averaged over the pool's articles (or its on-topic ones, or those of some
    topics); unassigned articles count as clusters of one. Clusters are the whole pool's:
    an off-topic article in an on-topic article's cluster costs it precision."""
    gold = [p.label for p in pool]
    scored = [(p.on_topic or not on_topic_only) and (topics is None or p.label in topics) for p in pool]
    precision, recall, f1 = bcubed(gold, predicted, scored)
    chosen = [i for i, keep in enumerate(scored) if keep]
    ari = adjusted_rand_score([gold[i] for i in chosen], [predicted[i] for i in chosen])
    return Scores(precision, recall, f1, float(ari), len(chosen))


def ceiling(pool: Sequence[Labelled]) -> list[int]:
    """The clustering the labels reward most that content could justify: each topic's
    on-topic articles in one story, the off-topic ones unassigned. Its scores are the most
    any discovery can reach on these folders (below 1: an off-topic article is still counted
    in its topic's size, so leaving it out costs the on-topic articles recall)."""
    topics = {label: n for n, label in enumerate(sorted({p.label for p in pool}))}
    return [topics[p.label] if p.on_topic else len(topics) + i for i, p in enumerate(pool)]


def cluster_pool(pool: Sequence[Labelled], space: str = "tfidf", params: Params | None = None) -> list[int]:
    """Each article's cluster, as `discover` forms them; members of clusters too small to be
    a story get a cluster of their own (they are unassigned)."""
    stream = new_stream(space, params)
    assigned = stream.add([p.item for p in pool])
    sizes = Counter(assigned)
    singles = iter(range(len(stream.clusters), len(stream.clusters) + len(pool)))
    return [c if sizes[c] >= MIN_STORY_SIZE else next(singles) for c in assigned]


def t17_documents(dataset: Path, topics: Sequence[str] | None = None) -> list[tuple[RawDocument, str]]:
    """Every raw article of the chosen topics (default all 9), with its topic."""
    return [(doc, topic) for topic in topics or TOPIC_FOLDERS for doc in load_articles(dataset, topic)]


def extra_documents(example: Path, seeds: Path) -> list[tuple[RawDocument, str]]:
    """The example story's inputs and the seed articles (with their known dates)."""
    raw, _ = read_inputs([example], DEFAULT)
    documents = [(doc, EXAMPLE) for doc in raw]
    for path in sorted(seeds.glob("*.txt")):
        doc = RawDocument(str(path), "text", path.read_text("utf-8"), published=SEED_DATES.get(path.name[:3]))
        documents.append((doc, SEEDS))
    return documents


def prepare_pool(documents: Sequence[tuple[RawDocument, str]], keywords: dict[str, tuple[str, ...]],
                 settings: Settings = DEFAULT) -> list[Labelled]:
    """Clean, date and cut each document to its title and lead (in a process pool); drop
    what `discover` would skip (unreadable, non-English, not news)."""
    raws = [doc for doc, _ in documents]
    workers = settings.workers or (os.cpu_count() or 1)
    if workers == 1 or len(raws) < MIN_DOCUMENTS_FOR_POOL:
        prepared = [_prepare(doc, settings) for doc in raws]
    else:
        with ProcessPoolExecutor(max_workers=workers, initializer=warm_up, initargs=(settings,)) as pool:
            prepared = list(pool.map(_prepare, raws, repeat(settings), chunksize=32))
    labelled = []
    for (_, label), article in zip(documents, prepared, strict=True):
        if article is not None:
            labelled.append(Labelled(item(article), label, _mentions(article, keywords.get(label, ())), article))
    return labelled


def load_keywords(dataset: Path) -> dict[str, tuple[str, ...]]:
    """The news-tls keywords of each topic (used only to mark on-topic articles)."""
    root = newstls_folder(dataset)
    return {t: tuple(json.loads((root / t / "keywords.json").read_text("utf-8"))) for t in TOPIC_FOLDERS}


def evaluate_discovery(
    dataset: Path, example: Path | None = None, seeds: Path | None = None, space: str = "tfidf",
    progress: Progress | None = None,
) -> list[dict[str, object]]:
    """The rows of `storyline eval discover`: T17 pooled, then T17 with the example story and
    the seeds added (when given). Articles are prepared once; each row's time is that
    preparation (wall and CPU, the pool's workers included) plus its own clustering."""
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    documents = t17_documents(dataset)
    extra = extra_documents(example, seeds) if example is not None and seeds is not None else []
    pool = prepare_pool(documents + extra, load_keywords(dataset))
    prepare = time.perf_counter() - started, _cpu_seconds() - cpu_started
    if progress:
        progress(f"prepared {len(pool)} of {len(documents) + len(extra)} articles in {prepare[0]:.1f} s")
    labels = {label for _, label in extra}
    pools = [[p for p in pool if p.label not in labels]] + ([pool] if extra else [])
    return [_row(chosen, space, prepare, "t17+example+seeds" if chosen is pool else "t17") for chosen in pools]


def _row(pool: list[Labelled], space: str, prepare: tuple[float, float], name: str) -> dict[str, object]:
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    predicted = cluster_pool(pool, space)
    wall, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    best = ceiling(pool)
    sizes = Counter(predicted).values()
    row: dict[str, object] = {
        "pool": name,
        "space": space,
        "all": score(pool, predicted).as_dict(),
        "on_topic": score(pool, predicted, on_topic_only=True).as_dict(),
        "ceiling": {"all": score(pool, best).as_dict(),
                    "on_topic": score(pool, best, on_topic_only=True).as_dict()},
        "stories": sum(1 for n in sizes if n >= MIN_STORY_SIZE),
        "unassigned": sum(1 for n in sizes if n < MIN_STORY_SIZE),
        "seconds": {"prepare": round(prepare[0], 1), "cluster": round(wall, 1),
                    "total": round(prepare[0] + wall, 1), "cpu": round(prepare[1] + cpu, 1)},
    }
    if name != "t17":
        row["own_stories"] = {label: own_story(pool, predicted, label) for label in (EXAMPLE, SEEDS)}
    return row


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def own_story(pool: Sequence[Labelled], predicted: Sequence[int], label: str) -> dict[str, object]:
    """Whether a corpus comes out as a story of its own: all its articles in one cluster,
    and nothing else in it."""
    mine = [c for p, c in zip(pool, predicted, strict=True) if p.label == label]
    main, count = Counter(mine).most_common(1)[0]
    others = sum(1 for p, c in zip(pool, predicted, strict=True) if c == main and p.label != label)
    return {"articles": len(mine), "in_its_story": count, "others_in_it": others,
            "own_story": count == len(mine) and others == 0}


def _prepare(doc: RawDocument, settings: Settings) -> Article | None:
    article, _ = prepare_article(doc, settings)
    if isinstance(article, str) or not_news(article) is not None:
        return None
    return article


def _mentions(article: Article, keywords: Sequence[str]) -> bool:
    if not keywords:
        return True
    words = set(re.findall(r"\w+", article.text.lower()))
    return any(keyword in words for keyword in keywords)
