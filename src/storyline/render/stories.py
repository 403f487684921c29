"""Render a discovery as `stories.json`: the stories found, the unassigned articles and what
became of every input (docs/output.md, "stories.json")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storyline.discovery import Discovery, FoundStory
from storyline.model import Article
from storyline.render.files import write_outputs

SCHEMA_VERSION = 1


def story_entry(found: FoundStory) -> dict[str, Any]:
    """One story: id, label, its inputs, first and last publication day, size."""
    return {
        "id": found.id,
        "label": found.label.text,
        "names": list(found.label.names),
        "keyphrases": list(found.label.keyphrases),
        "articles": list(found.sources),
        "first": found.first.isoformat() if found.first else None,
        "last": found.last.isoformat() if found.last else None,
        "size": found.size,
        "outputs": f"{found.id}/" if found.story is not None else None,
    }


def unassigned_entry(source: str, article: Article | None) -> dict[str, Any]:
    """An article that fits no story."""
    return {
        "source": source,
        "article": article.id if article else None,
        "title": article.title if article else None,
        "published": article.published.isoformat() if article and article.published else None,
    }


def discovery_dict(discovery: Discovery) -> dict[str, Any]:
    """The whole discovery as plain JSON-ready data."""
    story_of = discovery.story_of()
    inputs = [
        {"source": r.source, "state": r.state, "reason": r.reason, "article": r.article,
         "story": story_of.get(r.source)}
        for r in discovery.inputs
    ]
    return {
        "schema": SCHEMA_VERSION,
        "params": dict(discovery.params),
        "counts": {
            "inputs": len(inputs),
            "articles": sum(1 for r in discovery.inputs if r.state == "article"),
            "duplicates": sum(1 for r in discovery.inputs if r.state == "duplicate"),
            "skipped": sum(1 for r in discovery.inputs if r.state == "skipped"),
            "stories": len(discovery.stories),
            "in_stories": len(story_of),
            "unassigned": len(discovery.unassigned),
        },
        "stories": [story_entry(found) for found in discovery.stories],
        "unassigned": [unassigned_entry(s, discovery.articles.get(s)) for s in discovery.unassigned],
        "inputs": inputs,
    }


def dumps(discovery: Discovery) -> str:
    """Deterministic JSON text: same inputs, same bytes."""
    return json.dumps(discovery_dict(discovery), ensure_ascii=False, indent=2) + "\n"


def write(discovery: Discovery, out: Path) -> Path:
    """Write stories.json into `out`, and each assembled story's outputs into `out/<id>/`
    exactly as `build` writes them; return the path of stories.json."""
    out.mkdir(parents=True, exist_ok=True)
    for found in discovery.stories:
        if found.story is not None:
            write_outputs(found.story, out / found.id)
    path = out / "stories.json"
    path.write_text(dumps(discovery), encoding="utf-8")
    return path
