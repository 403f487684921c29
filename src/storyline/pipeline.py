"""The orchestrator: read → process each document (document.py) → dedup → analyze.

`build` returns data and prints nothing; progress goes to an optional callback so the CLI
can draw a bar and the web app can stream it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from storyline.analyze.date_model import SHIPPED_MODEL, DateModel, load_model
from storyline.analyze.day_sentences import HeldSentences, Sentences
from storyline.analyze.reconcile import reconcile
from storyline.analyze.summarize import summarize
from storyline.analyze.timeline import (
    build_timeline,
    check_stage_names,
    days_to_collect,
    rank_days,
    ranks_from_tally,
    timeline_from,
)
from storyline.annotate.nlp import SENTENCE_MODELS
from storyline.document import ProcessedDocument, Progress, date_from_story, process_all
from storyline.ingest.dedup import Merge, deduplicate
from storyline.ingest.readers import read_inputs
from storyline.ingest.undated import story_years
from storyline.model import (
    Article,
    Claim,
    DatedSentence,
    Entity,
    Note,
    RawDocument,
    Skipped,
    Story,
)
from storyline.run_report import Stopwatch, run_report
from storyline.settings import DEFAULT, Settings

ENGINES = ("local", "dask")


def check_settings(settings: Settings) -> DateModel | None:
    """The date model the settings call for (None if their selector needs none); raise
    ValueError, with the choices, for an unknown stage name or an unusable model."""
    check_stage_names(settings)
    if settings.sentence_model not in SENTENCE_MODELS:
        raise ValueError(f"unknown sentence model {settings.sentence_model!r}; choose one of: "
                         f"{', '.join(SENTENCE_MODELS)}")
    if settings.engine not in ENGINES:
        raise ValueError(f"unknown engine {settings.engine!r}; choose one of: {', '.join(ENGINES)}")
    if settings.engine == "dask" and importlib.util.find_spec("distributed") is None:
        raise ValueError("the Dask engine needs Dask: pip install 'storyline[dask]'")
    if settings.stream and (why_not := streamable(settings)) is not None:
        raise ValueError(why_not)
    return date_model(settings)


def streamable(settings: Settings) -> str | None:
    """Why these settings cannot stream (streamed.py; None: they can): the local engine, and
    a story stage that ranks days from a tally (`ranks_from_tally`)."""
    if settings.engine != "local":
        return "a streamed build runs on the local engine"
    if not ranks_from_tally(settings):
        return (f"a streamed build needs the 'dated' candidate collector (not {settings.candidate_collector!r}) "
                "and a sentence ranker that needs no vectors of every sentence")
    return None


def date_model(settings: Settings) -> DateModel | None:
    """The supervised selector's model: `settings.date_model`, else the shipped one."""
    if settings.date_selector != "supervised":
        return None
    return load_model(Path(settings.date_model) if settings.date_model else SHIPPED_MODEL)


def build(
    paths: Iterable[str | Path],
    settings: Settings = DEFAULT,
    progress: Progress | None = None,
) -> Story:
    """Build a story (timeline, summary, figures, run report) from files, folders or `-`."""
    clock = Stopwatch()
    model = check_settings(settings)  # first: a bad name or model file fails before any work
    paths = list(paths)
    from storyline.streamed import build_streamed, should_stream  # it builds on this module

    if should_stream(paths, settings):
        return build_streamed(paths, settings, model, progress)
    if settings.engine == "dask":
        from storyline.scale.dask import process_on_dask

        skipped, processed = process_on_dask(paths, settings, settings.scheduler, progress)
        docs = Documents()
        for document in processed:
            docs.add(document)
    else:
        raw, skipped = read_inputs(paths, settings)
        clock.lap("read")
        docs = process_documents(raw, settings, progress)
    docs.skipped[:0] = skipped  # inputs that never became documents come first, as read
    clock.lap("process")
    return assemble(docs, settings, model, clock)


def assemble(
    docs: Documents, settings: Settings = DEFAULT, model: DateModel | None = None,
    clock: Stopwatch | None = None, progress: Progress | None = None,
) -> Story:
    """The story stage: duplicates merged, figures reconciled, timeline, summary and run
    report, from processed documents alone (in memory, spilled to disk or read back from a
    store). With the usual settings the days are ranked from a tally of the sentences and
    only the chosen days' sentences are gathered (`docs.sentences` may answer both without
    holding every sentence); settings that need every sentence at once get them all."""
    clock = clock or Stopwatch()
    docs.date_from_story(settings)
    articles, merges, claims = docs.kept(settings)
    clock.lap("dedup")
    by_id = {article.id: article for article in articles}
    figures = reconcile(claims, by_id)
    if ranks_from_tally(settings):
        counted, sentences, mentions = docs.sentences.tally(articles, settings, progress)
        ranking = rank_days(counted, settings, model=model)
        chosen = days_to_collect(ranking, counted, settings)
        by_day = docs.sentences.of_days(chosen, articles, settings, progress)
        timeline = timeline_from(
            ranking, lambda day: by_day.get(day, []), by_id, settings, claims=claims, entities=docs.entities
        )
    else:
        dated = [s for a in articles for s in docs.sentences[a.source]]
        timeline = build_timeline(dated, by_id, settings, model=model, claims=claims, entities=docs.entities)
        sentences, mentions = len(dated), sum(len(item.mentions) for item in dated)
    latest = max((a.published for a in articles if a.published is not None), default=None)
    summary = summarize(timeline, settings.summary_sentences, latest)
    clock.lap("analyze")
    report = run_report(
        docs.skipped, articles, merges, docs.notes, clock, claims, docs.unparsed_figures,
        sentences=sentences, time_mentions=mentions,
    )
    texts = None if docs.texts is None else TextsById(docs.texts, {a.id: a.source for a in articles})
    return Story(tuple(articles), timeline, summary, report, tuple(claims), tuple(figures), texts=texts)


class TextsById(Mapping[str, str]):
    """Article texts by article id, from texts kept by input source elsewhere."""

    def __init__(self, by_source: Mapping[str, str], sources: dict[str, str]) -> None:
        self._by_source = by_source
        self._sources = sources  # article id -> input source

    def __getitem__(self, key: str) -> str:
        return self._by_source[self._sources[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


@dataclass
class Documents:
    """The document stage's results for a batch, gathered for the story stage."""

    articles: list[Article] = field(default_factory=list)
    sentences: Sentences = field(default_factory=HeldSentences)  # by source
    claims: dict[str, tuple[Claim, ...]] = field(default_factory=dict)  # by source
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    unparsed_figures: int = 0
    # Near-duplicate article id pairs when already known (a store keeps them, so a story
    # is rebuilt without re-hashing every text); None: found by deduplicate.
    near_pairs: list[tuple[str, str]] | None = None
    # Places and actors found in earlier runs of the story stage, by (article id, sentence
    # start); the story stage adds what it finds (a store keeps them between adds).
    entities: dict[tuple[str, int], tuple[Entity, ...]] = field(default_factory=dict)
    # MinHash signatures the document stage made, by article id.
    signatures: dict[str, bytes] = field(default_factory=dict)
    # When the articles do not hold their texts (a streamed build): the texts and their
    # lengths, by source.
    texts: Mapping[str, str] | None = None
    lengths: dict[str, int] | None = None

    def add(self, doc: ProcessedDocument) -> None:
        """Take one processed document's results."""
        self.unparsed_figures += doc.unparsed_figures
        if doc.article is not None:
            self.articles.append(doc.article)
            if doc.signature is not None:
                self.signatures.setdefault(doc.article.id, doc.signature)
            self.sentences[doc.source] = doc.sentences
            self.claims[doc.source] = doc.claims
        if doc.skipped is not None:
            self.skipped.append(doc.skipped)
        if doc.note is not None:
            self.notes.append(doc.note)

    def date_from_story(self, settings: Settings) -> None:
        """Give undated articles whose dates have no year the story's years, from the
        publication days of the articles dated by more than inference."""
        found = [a.published for a in self.articles if a.published and a.published_from != "inferred"]
        years = story_years(found)
        if years is None:
            return
        for index, article in enumerate(self.articles):
            if article.published is None and article.published_window is None:
                source = article.source
                whole = article if self.texts is None else replace(article, text=self.texts[source])
                redated, dated, claims = date_from_story(whole, self.sentences[source], years, settings)
                self.articles[index] = redated if self.texts is None else replace(redated, text="")
                self.sentences[source], self.claims[source] = tuple(dated), tuple(claims)

    def kept(self, settings: Settings) -> tuple[list[Article], list[Merge], list[Claim]]:
        """Duplicates merged: the kept articles, the merges, and the kept articles' claims,
        in input order."""
        articles, merges = deduplicate(
            self.articles, settings.dedup_threshold, settings.shingle_words, self.near_pairs, self.signatures,
            self.lengths,
        )
        return articles, merges, [c for a in articles for c in self.claims[a.source]]

    def deduplicated(
        self, settings: Settings
    ) -> tuple[list[Article], list[Merge], list[DatedSentence], list[Claim]]:
        """`kept`, with the kept articles' sentences in input order."""
        articles, merges, claims = self.kept(settings)
        return articles, merges, [s for a in articles for s in self.sentences[a.source]], claims


def process_documents(
    raw: list[RawDocument], settings: Settings, progress: Progress | None = None
) -> Documents:
    """Run the document stage over every raw document; one failure never stops the others."""
    docs = Documents()
    for processed in process_all(raw, settings, progress):
        docs.add(processed)
    return docs
