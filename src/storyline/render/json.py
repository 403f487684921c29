"""Render a story as JSON: the documented `timeline.json` contract (docs/output.md)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any, TextIO

from storyline.model import Article, Citation, Claim, Event, Figure, NamedEntity, RunReport, Story

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


def article_dict(article: Article, text: str | None = None) -> dict[str, Any]:
    """An article with its cleaned text (`text`, when the article does not hold it), so every
    citation can be checked."""
    return {
        "id": article.id,
        "source": article.url or article.source,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "locale": article.locale,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from,
        "published_window": _window(article.published_window),
        "published_confidence": article.published_confidence,
        "published_reason": article.published_reason,
        "wire_sources": list(article.wire_sources),
        "summary_only": article.summary_only,
        "also_carried_by": list(article.copy_outlets),
        "copies": list(article.copies),
        "removed_lines": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "text": article.text if text is None else text,
    }


def claim_dict(claim: Claim, texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A figure as reported in one article, with the sentence it stands in when known."""
    data: dict[str, Any] = {
        "key": claim.key,
        "article": claim.article,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "sentence_start": claim.sentence_start,
        "sentence_end": claim.sentence_end,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier,
        "measure": claim.measure,
        "who": claim.who,
        "where": claim.where,
        "when": claim.when,
        "as_of": claim.as_of,
        "attributed_to": claim.attributed_to,
        "outlet": claim.outlet,
        "hypothetical": claim.hypothetical,
        "cumulative": claim.cumulative,
    }
    if texts is not None and claim.article in texts:
        data["sentence"] = texts[claim.article][claim.sentence_start : claim.sentence_end]
    return data


def figure_dict(figure: Figure) -> dict[str, Any]:
    """A reconciled figure: what is counted, every value with who reports it, the status."""
    return {
        "id": figure.id,
        "measure": figure.measure,
        "who": figure.who,
        "where": figure.where,
        "status": figure.status,
        "hypothetical": figure.hypothetical,
        "most_conservative": figure.conservative,
        "range": [figure.low, figure.high],
        "values": [
            {
                "low": v.low, "high": v.high, "qualifier": v.qualifier, "text": v.text,
                "as_of": v.as_of, "outlets": list(v.outlets), "sources": list(v.sources),
                "claims": list(v.claims),
            }
            for v in figure.values
        ],
    }


def _window(window: tuple[date, date | None] | None) -> list[str | None] | None:
    if window is None:
        return None
    return [window[0].isoformat(), window[1].isoformat() if window[1] else None]


def event_dict(event: Event) -> dict[str, Any]:
    """One happening: its day (or window), headline, every reporting sentence, who reports
    it, where, who takes part, and the figures its sentences hold."""
    return {
        "id": event.id,
        "date": event.date.isoformat(),
        "window": [event.window[0].isoformat(), event.window[1].isoformat()],
        "salience": event.salience,
        "sources": event.sources,
        "articles": event.articles,
        "outlets": list(event.outlets),
        "places": list(event.places),
        "actors": list(event.actors),
        "headline": citation_dict(event.headline),
        "sentences": [citation_dict(c) for c in event.sentences],
        "claims": list(event.claims),
    }


def entity_dict(entity: NamedEntity) -> dict[str, Any]:
    """A place or actor of the story: its canonical name, the names it goes by, its events."""
    return {
        "name": entity.name,
        "kind": entity.kind,
        "variants": list(entity.variants),
        "mentions": entity.mentions,
        "events": list(entity.events),
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
            "claims": report.claims,
            "unparsed_figures": report.unparsed_figures,
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


def story_dict(story: Story, include_timings: bool = False, include_texts: bool = True) -> dict[str, Any]:
    """The whole story as plain JSON-ready data; without `include_texts`, the articles'
    texts are left out (a page that does not show them)."""
    texts = story_texts(story)
    return {
        "schema": SCHEMA_VERSION,
        "articles": [article_dict(a, texts[a.id] if include_texts else "") for a in story.articles],
        **_after_articles(story, texts, include_timings),
    }


def _after_articles(story: Story, texts: Mapping[str, str], include_timings: bool) -> dict[str, Any]:
    return {
        "timeline": [
            {
                "date": entry.date.isoformat(),
                "score": entry.score,
                "articles": entry.articles,
                "outlets": list(entry.outlets),
                "sentences": [citation_dict(c) for c in entry.sentences],
                "claims": list(entry.claims),
                "events": list(entry.events),
                "places": list(entry.places),
                "actors": list(entry.actors),
            }
            for entry in story.timeline.entries
        ],
        "timeline_params": dict(story.timeline.params),
        "events": [event_dict(e) for e in story.timeline.events],
        "entities": [entity_dict(e) for e in story.timeline.entities],
        "summary": [citation_dict(c) for c in story.summary],
        "claims": [claim_dict(c, texts) for c in story.claims],
        "figures": [figure_dict(f) for f in story.figures],
        "report": report_dict(story.report, include_timings),
    }


def story_texts(story: Story) -> Mapping[str, str]:
    """The story's article texts by id, wherever they are kept."""
    if story.texts is not None:
        return story.texts
    return {a.id: a.text for a in story.articles}


def dumps(story: Story) -> str:
    """Deterministic JSON text: same story, same bytes."""
    return json.dumps(story_dict(story), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write(story: Story, handle: TextIO) -> None:
    """`dumps` written piece by piece: one article's text in memory at a time, so a story of
    a hundred thousand articles is written without holding all its text twice."""
    texts = story_texts(story)
    rest = json.dumps(
        {"schema": SCHEMA_VERSION, "articles": [], **_after_articles(story, texts, False)},
        ensure_ascii=False, indent=2, sort_keys=False,
    )
    head, tail = rest.split('"articles": []', 1)
    handle.write(head)
    if not story.articles:
        handle.write('"articles": []')
    else:
        # An item of a list that is a value of the top object sits 4 spaces in; json.dumps
        # escapes newlines inside strings, so every raw newline is indentation.
        handle.write('"articles": [')
        for number, article in enumerate(story.articles):
            item = json.dumps(article_dict(article, texts[article.id]), ensure_ascii=False, indent=2)
            handle.write(("\n    " if number == 0 else ",\n    ") + item.replace("\n", "\n    "))
        handle.write("\n  ]")
    handle.write(tail + "\n")
