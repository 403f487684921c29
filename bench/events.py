"""What events and entities add to `storyline build` on all of Timeline17: the document stage
once, then the story stage with and without events (twice each, alternating), and where the
events' time goes (spaCy's entities, canonical names, grouping).
Run: `.venv/bin/python bench/events.py [--limit N] [--workers W]`.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from t17_build import convert

from storyline.analyze import timeline
from storyline.annotate.entities import find_entities
from storyline.document import process_all
from storyline.ingest.readers import read_inputs
from storyline.pipeline import Documents, assemble, date_model
from storyline.settings import Settings

SPENT: dict[str, float] = {}
SAMPLE = 2000  # sentences timed for the document-stage projection


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """The function, adding its wall time to SPENT[name]."""
    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[name] = SPENT.get(name, 0.0) + time.perf_counter() - started
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", type=int, default=0, help="processes (0: one per core)")
    args = parser.parse_args()
    settings = Settings(workers=args.workers)
    model = date_model(settings)
    with tempfile.TemporaryDirectory() as folder:
        path, count, _ = convert(Path(folder), args.limit)
        started = time.perf_counter()
        raw, _ = read_inputs([path], settings)
        processed = list(process_all(raw, settings))
        document_stage = time.perf_counter() - started
    timeline.find_entities = timed("entities (spaCy NER)", timeline.find_entities)
    timeline.story_names = timed("canonical names", timeline.story_names)
    timeline.day_events = timed("grouping into events", timeline.day_events)
    timeline.pool_of = timed("day pools", timeline.pool_of)
    story_stage: dict[bool, list[float]] = {False: [], True: []}
    for events in (False, True, False, True):
        docs = Documents()
        for document in processed:
            docs.add(document)
        SPENT.clear()
        started = time.perf_counter()
        story = assemble(docs, replace(settings, events=events), model)
        story_stage[events].append(time.perf_counter() - started)
    build = document_stage + min(story_stage[False])
    added = min(story_stage[True]) - min(story_stage[False])
    print(f"{count} articles: document stage {document_stage:.1f} s (read, clean, annotate; process pool)")
    print(f"story stage without events {min(story_stage[False]):.2f} s, with events {min(story_stage[True]):.2f} s "
          f"(best of 2 each)")
    print(f"events and entities add {added:.2f} s: {100 * added / build:.1f}% of build without them ({build:.1f} s)")
    for name, seconds in SPENT.items():
        print(f"  {name:<22} {seconds:6.2f} s")
    sentences = sum(len(e.sentences) for e in story.timeline.events)
    print(f"{len(story.timeline.entries)} dates, {len(story.timeline.events)} events over {sentences} sentences, "
          f"{len(story.timeline.entities)} places and actors")
    document_stage_alternative(processed, settings, build)


def document_stage_alternative(processed: list[Any], settings: Settings, build: float) -> None:
    """What entities in the document stage would cost instead: spaCy's entities on every
    sentence that names a day or opens an article, projected from a timed sample."""
    chosen = [
        item.sentence for document in processed for item in document.sentences
        if item.day_from == "mention" or item.sentence.paragraph <= 1
    ]
    words = sum(len(sentence.text.split()) for sentence in chosen)
    sample = chosen[:: max(1, len(chosen) // SAMPLE)][:SAMPLE]
    find_entities(sample[:10], settings.spacy_model)  # load the model first
    started = time.perf_counter()
    find_entities(sample, settings.spacy_model)
    rate = sum(len(s.text.split()) for s in sample) / (time.perf_counter() - started)
    cores = settings.workers or os.cpu_count() or 1
    projected = words / rate / cores
    print(f"document-stage alternative: {len(chosen)} sentences with a day or in a lead, {words} words; "
          f"spaCy's entities at {rate:.0f} words/s on one core would add {projected:.0f} s on {cores} "
          f"core(s), {100 * projected / build:.0f}% of build")


if __name__ == "__main__":
    main()
