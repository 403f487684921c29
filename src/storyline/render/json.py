"""Render a story as JSON: the documented `timeline.json` contract (docs/output.md)."""

from __future__ import annotations

import json
from typing import Any

from storyline.model import Article, Citation, RunReport, Story

SCHEMA_VERSION = 1


def citation_dict(citation: Citation) -> dict[str, Any]:
    """A cited sentence: its text and where it comes from."""
    return {
        "text": citation.text,
        "article": citation.article,
        "start": citation.start,
        "end": citation.end,
        "outlet": citation.outlet,
    }


def article_dict(article: Article) -> dict[str, Any]:
    """An article with its cleaned text, so every citation can be checked."""
    return {
        "id": article.id,
        "source": article.url or article.source,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "locale": article.locale,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from,
        "wire_sources": list(article.wire_sources),
        "summary_only": article.summary_only,
        "also_carried_by": list(article.copy_outlets),
        "copies": list(article.copies),
        "removed_lines": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "text": article.text,
    }


def duplicate_groups(report: RunReport) -> list[dict[str, Any]]:
    """Each article that absorbed duplicates, with the inputs merged into it."""
    groups: dict[str, list[str]] = {}
    for record in report.inputs:
        if record.state == "duplicate" and record.article:
            groups.setdefault(record.article, []).append(record.source)
    return [{"article": key, "merged": sources} for key, sources in groups.items()]


def report_dict(report: RunReport, include_timings: bool = False) -> dict[str, Any]:
    """The run report. Timings are left out by default so output is byte-reproducible."""
    data: dict[str, Any] = {
        "counts": {
            "inputs": len(report.inputs),
            "articles": report.count("article"),
            "duplicates": report.count("duplicate"),
            "skipped": report.count("skipped"),
            "undated": len(report.undated),
            "removed_lines": report.removed_lines,
            "sentences": report.sentences,
            "time_mentions": report.time_mentions,
        },
        "inputs": [
            {"source": r.source, "state": r.state, "reason": r.reason, "article": r.article}
            for r in report.inputs
        ],
        "undated": list(report.undated),
        "duplicate_groups": duplicate_groups(report),
        "notes": [{"source": n.source, "message": n.message} for n in report.notes],
    }
    if include_timings:
        data["timings"] = dict(report.timings)
    return data


def story_dict(story: Story, include_timings: bool = False) -> dict[str, Any]:
    """The whole story as plain JSON-ready data."""
    return {
        "schema": SCHEMA_VERSION,
        "articles": [article_dict(a) for a in story.articles],
        "timeline": [
            {
                "date": entry.date.isoformat(),
                "score": entry.score,
                "articles": entry.articles,
                "outlets": list(entry.outlets),
                "sentences": [citation_dict(c) for c in entry.sentences],
            }
            for entry in story.timeline.entries
        ],
        "timeline_params": dict(story.timeline.params),
        "summary": [citation_dict(c) for c in story.summary],
        "report": report_dict(story.report, include_timings),
    }


def dumps(story: Story) -> str:
    """Deterministic JSON text: same story, same bytes."""
    return json.dumps(story_dict(story), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
