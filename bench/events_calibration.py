"""Calibrate the event-linking threshold (analyze/events.py, LINK) on the example story and
the seeds: the similarity of sentence pairs judged by hand to tell one happening or two, and
each timeline day's groups. Run: `.venv/bin/python bench/events_calibration.py [--days]`.

A pair is named by a fragment of each sentence; both must fall in one day's pool.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from storyline.analyze import events
from storyline.analyze.candidates import dated_collector
from storyline.analyze.names import story_names
from storyline.analyze.timeline import is_candidate
from storyline.annotate.entities import find_entities
from storyline.ingest.readers import read_inputs
from storyline.pipeline import process_documents
from storyline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_DATES = {"000": "2016-08-04", "001": "2016-09-08", "002": "2016-11-12", "003": "2016-10-13", "004": "2016-08-15"}

SAME = [
    ("seeds", "suicide bombing on a bus", "claimed responsibility for the attack"),
    ("seeds", "since the assault began Sunday", "launched a major assault in Aleppo"),
    ("seeds", "Lavrov complained on Monday", "Lavrov, speaking at a news conference"),
    ("example", "On March 8 police arrested three people", "was detained at his home in the city"),
    ("example", "declared the warehouse fire at the city's port extinguished", "only declared out on March 6"),
    ("example", "Directorate on Monday barred the cargo ship", "Two days later, on March 10"),
    ("example", "The government announced a 60 million mark", "On Wednesday the government announced"),
    ("example", "The fire broke out on the evening of March 3", "A huge explosion tore through"),
]
DIFFERENT = [
    ("seeds", "targeted army positions at a cement factory", "suicide bombing on a bus"),
    ("seeds", "Pro-regime forces overran", "Aleppo province, which borders Turkey"),
    ("seeds", "Syrian troops repelled a rebel advance", "Lavrov complained on Monday"),
    ("example", "Lena Castellan visited the site on Tuesday", "Authorities ordered the evacuation"),
    ("example", "air samples taken on Tuesday", "Authorities ordered the evacuation"),
    ("example", "barred the cargo ship Corran Star", "ministers agreed to extend emergency housing"),
]


def story_pools(paths: list[str]) -> tuple[dict, dict, object, object, dict]:  # type: ignore[type-arg]
    """Every day's pool of a story, its entities, names and the events' vectorizer."""
    settings = Settings(workers=1)
    raw, _ = read_inputs(paths, settings)
    articles, _, dated, _ = process_documents(raw, settings).deduplicated(settings)
    by_id = {a.id: a for a in articles}
    usable = [d for d in dated if is_candidate(d, settings.min_sentence_words)]
    collect = dated_collector(usable)
    pools = {day: events.pool_of(collect(day)) for day in sorted({d.day for d in usable if d.day})}
    sentences = {(i.sentence.article, i.sentence.start): i.sentence for p in pools.values() for i in p.sentences}
    entities = find_entities(list(sentences.values()))
    names = story_names(entities, by_id, {key: s.text for key, s in sentences.items()})
    vectorizer = events.event_vectorizer(list(pools.values()), entities, names)
    return pools, entities, names, vectorizer, by_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--days", action="store_true", help="also print every day's groups")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder) / "seeds.jsonl"
        with seeds.open("w", encoding="utf-8") as out:
            for file in sorted(SEEDS.glob("*.txt")):
                record = {"id": file.name[:3], "text": file.read_text("utf-8"), "published": SEED_DATES[file.name[:3]]}
                out.write(json.dumps(record) + "\n")
        stories = {"seeds": story_pools([str(seeds)]), "example": story_pools([str(ROOT / "examples" / "harbor-fire")])}
    found: dict[str, list[float]] = {"same": [], "different": []}
    for label, pairs in (("same", SAME), ("different", DIFFERENT)):
        for story, first, second in pairs:
            similarity = pair_similarity(stories[story], first, second)
            found[label].append(similarity)
            print(f"{label:9} {similarity:5.2f}  {first!r} / {second!r}")
    for link in (0.1, 0.12, 0.15, 0.17, 0.2, 0.25):
        joined = sum(s >= link for s in found["same"])
        apart = sum(s < link for s in found["different"])
        print(f"LINK {link:.2f}: {joined}/{len(found['same'])} same pairs join, "
              f"{apart}/{len(found['different'])} different pairs stay apart")
    if args.days:
        for story, (pools, entities, names, vectorizer, by_id) in stories.items():
            for day, pool in pools.items():
                grouped = events.day_events(day, pool, entities, names, by_id, {}, vectorizer)
                print(f"\n{story} {day}")
                for event, members in zip(grouped.events, grouped.members, strict=True):
                    print(f"  {event.id} ({event.sources} sources)")
                    for index in members:
                        print(f"    {pool.sentences[index].sentence.text[:110]}")


def pair_similarity(story: tuple, first: str, second: str) -> float:  # type: ignore[type-arg]
    """The two sentences' similarity in the pool of the day that holds both."""
    pools, entities, names, vectorizer, by_id = story
    for day, pool in pools.items():
        texts = [item.sentence.text for item in pool.sentences]
        a = next((i for i, t in enumerate(texts) if first in t), None)
        b = next((i for i, t in enumerate(texts) if second in t), None)
        if a is not None and b is not None:
            grouped = events.day_events(day, pool, entities, names, by_id, {}, vectorizer)
            return float(grouped.similarity[a, b])
    raise SystemExit(f"no day holds both {first!r} and {second!r}")


if __name__ == "__main__":
    main()
