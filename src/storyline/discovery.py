"""Story discovery over a mixed pile of inputs: read → process each document once → skip what
is not news → merge duplicates → cluster into stories in publication order → assemble each
story as `build` would.

`discover` returns data and prints nothing (the `storyline discover` command's twin). Every
input ends up in exactly one place: skipped (with the reason), in one story, or unassigned.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from storyline.analyze.date_model import DateModel
from storyline.analyze.discover import MIN_STORY_SIZE, PARAMS, new_stream
from storyline.analyze.story_labels import Corpus, Label, describe
from storyline.analyze.story_text import Item, item
from storyline.document import ProcessedDocument, Progress, process_all
from storyline.ingest.dedup import deduplicate
from storyline.ingest.newsness import not_news
from storyline.ingest.readers import read_inputs
from storyline.model import Article, InputRecord, Skipped, Story
from storyline.pipeline import Documents, assemble, check_settings
from storyline.run_report import source_order
from storyline.settings import DEFAULT, Settings

# Stories with at least this many inputs get their own timeline outputs by default.
MIN_OUTPUT_SIZE = 3


@dataclass(frozen=True, slots=True)
class FoundStory:
    """A story found in the pile: its inputs, label, span, and (if large enough) the story
    `build` makes of them."""

    id: str
    label: Label
    sources: tuple[str, ...]  # every input of the story, duplicates included, in input order
    first: date | None
    last: date | None
    story: Story | None = None

    @property
    def size(self) -> int:
        return len(self.sources)


@dataclass(frozen=True, slots=True)
class Discovery:
    """The stories found, the inputs that fit none, and what became of every input."""

    stories: tuple[FoundStory, ...]
    unassigned: tuple[str, ...]  # sources of readable news articles that fit no story
    inputs: tuple[InputRecord, ...]  # as `build`'s run report, in the same order
    articles: dict[str, Article] = field(default_factory=dict)  # by source, kept and copies
    params: dict[str, object] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def story_of(self) -> dict[str, str]:
        """Each assigned input's story id."""
        return {source: found.id for found in self.stories for source in found.sources}


def discover(
    paths: Iterable[str | Path],
    settings: Settings = DEFAULT,
    progress: Progress | None = None,
    space: str = "tfidf",
    min_size: int = MIN_OUTPUT_SIZE,
) -> Discovery:
    """Find the stories in files, folders or `-`; assemble those with at least `min_size`
    inputs into full stories (timeline, summary, figures, run report)."""
    started = time.perf_counter()
    model = check_settings(settings)
    stream = new_stream(space)  # first: a missing extra fails before any work
    skipped, processed = process_inputs(paths, settings, progress)
    read = time.perf_counter()
    news, rejected = split_news(processed)
    signatures = {d.article.id: d.signature for d in news if d.article and d.signature is not None}
    kept, merges = deduplicate([d.article for d in news if d.article], settings.dedup_threshold,
                               settings.shingle_words, signatures=signatures)
    items = [item(article) for article in kept]
    assigned = stream.add(items)
    clustered = time.perf_counter()

    copies: dict[str, list[str]] = {}
    by_id = {article.id: article.source for article in kept}
    for merge in merges:
        copies.setdefault(by_id[merge.into], []).append(merge.source)
    groups = _groups(items, assigned, len(stream.clusters))
    corpus = Corpus.of(items)
    order = {doc.source: position for position, doc in enumerate(processed)}
    stories: list[FoundStory] = []
    unassigned: list[str] = []
    for members in groups:
        sources = sorted((s for m in members for s in (m.key, *copies.get(m.key, ()))), key=order.__getitem__)
        if len(members) < MIN_STORY_SIZE:
            unassigned.extend(sources)
            continue
        days = [m.day for m in members if m.day is not None]
        found = FoundStory("", describe(members, corpus), tuple(sources),
                           min(days, default=None), max(days, default=None))
        stories.append(found)
    width = max(3, len(str(len(stories))))
    stories = [replace(found, id=f"story-{n:0{width}d}") for n, found in enumerate(stories, start=1)]
    wanted = {s for found in stories if found.size >= min_size for s in found.sources}
    by_source = {doc.source: doc for doc in news if doc.source in wanted}
    stories = [_assembled(found, by_source, settings, model) if found.size >= min_size else found
               for found in stories]

    records = [InputRecord(s.source, "skipped", s.reason) for s in (*skipped, *rejected)]
    records += [InputRecord(a.source, "article", None, a.id) for a in kept]
    records += [InputRecord(m.source, "duplicate", "exact copy" if m.exact else "near-duplicate", m.into)
                for m in merges]
    params = PARAMS[space]
    return Discovery(
        stories=tuple(stories),
        unassigned=tuple(sorted(unassigned, key=order.__getitem__)),
        inputs=tuple(sorted(records, key=lambda r: source_order(r.source))),
        articles={d.source: d.article for d in news if d.article},
        params={"space": space, "threshold": params.threshold, "half_life_days": params.half_life,
                "min_story_articles": MIN_STORY_SIZE, "min_size": min_size},
        timings={"process": round(read - started, 3), "cluster": round(clustered - read, 3),
                 "assemble": round(time.perf_counter() - clustered, 3)},
    )


def process_inputs(
    paths: Iterable[str | Path], settings: Settings, progress: Progress | None = None
) -> tuple[list[Skipped], list[ProcessedDocument]]:
    """Read and process every input once, on the engine the settings name (as `build` does)."""
    if settings.engine == "dask":
        from storyline.scale.dask import process_on_dask

        return process_on_dask(paths, settings, settings.scheduler, progress)
    raw, skipped = read_inputs(paths, settings)
    return skipped, list(process_all(raw, settings, progress))


def split_news(processed: Sequence[ProcessedDocument]) -> tuple[list[ProcessedDocument], list[Skipped]]:
    """The documents that are news articles, and the rest as skipped inputs with reasons
    (failures of the document stage, and pages that are not news)."""
    news: list[ProcessedDocument] = []
    rejected: list[Skipped] = []
    for doc in processed:
        reason = not_news(doc.article) if doc.article else None
        if doc.skipped is not None:
            rejected.append(doc.skipped)
        elif reason is not None:
            rejected.append(Skipped(doc.source, reason))
        elif doc.article is not None:
            news.append(doc)
    return news, rejected


def _groups(items: Sequence[Item], assigned: Sequence[int], count: int) -> list[list[Item]]:
    groups: list[list[Item]] = [[] for _ in range(count)]
    for entry, index in zip(items, assigned, strict=True):
        groups[index].append(entry)
    return [group for group in groups if group]


def _assembled(found: FoundStory, by_source: dict[str, ProcessedDocument], settings: Settings,
               model: DateModel | None) -> FoundStory:
    """The story `build` makes of exactly this story's inputs."""
    docs = Documents()
    for source in found.sources:
        docs.add(by_source[source])
    return replace(found, story=assemble(docs, settings, model))
