"""Render a story as a readable Markdown timeline with numbered sources."""

from __future__ import annotations

from typing import Any

from storyline.model import Article, Citation, Claim, Event, Story, TimelineEntry
from storyline.render import figures as fig
from storyline.render.json import figure_dict, story_texts


def source_numbers(story: Story) -> dict[str, int]:
    """Footnote numbers for articles, in the order the articles were read."""
    return {article.id: number for number, article in enumerate(story.articles, start=1)}


def _escape(text: str) -> str:
    # Article text is untrusted: keep it from turning into links, HTML or emphasis.
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


def _cite(citation: Citation, numbers: dict[str, int]) -> str:
    outlet = f"{_escape(citation.outlet)}, " if citation.outlet else ""
    return f"{_escape(citation.text)} ({outlet}[{numbers[citation.article]}])"


def _source_line(number: int, article: Article) -> str:
    title = _escape(article.title) if article.title else "(untitled)"
    outlet = _escape(article.outlet) if article.outlet else "unknown outlet"
    published = article.published.isoformat() if article.published else "undated"
    published += _dating(article)
    where = _escape(article.url or article.source)
    extra = f"; also carried by {', '.join(map(_escape, article.copy_outlets))}" if article.copy_outlets else ""
    if article.wire_sources:
        extra += f"; wire: {', '.join(map(_escape, article.wire_sources))}"
    if article.summary_only:
        extra += "; feed summary only"
    return f"{number}. {title}: {outlet}, {published} ({article.published_from}){extra}. `{where}`"


def _dating(article: Article) -> str:
    # An inferred date (or an undated article's window) says how sure and within what days.
    window = article.published_window
    undated = article.published is None and article.published_reason
    why = f": {_escape(article.published_reason or '')}" if undated else ""
    if window is None:
        return why
    end = window[1].isoformat() if window[1] else "?"
    confidence = article.published_confidence
    sure = f", confidence {confidence:.1f}" if confidence else ""
    return f"{why} (between {window[0].isoformat()} and {end}{sure})"


def _figures(story: Story, numbers: dict[str, int]) -> list[str]:
    """The Figures section: one row per counted thing with who says what, then the quoted
    sentence behind every value."""
    if not story.figures:
        return []
    claims = {c.key: c for c in story.claims}
    texts = story_texts(story)
    lines = ["## Figures", "",
             "| Counted | Who says what | Status | Most conservative | Range |", "|---|---|---|---|---|"]
    quotes: list[str] = []
    for data in fig.shown([figure_dict(f) for f in story.figures]):
        said = "; ".join(_value(v, claims, numbers) for v in data["values"])
        status = f"**{data['status'].upper()}**" if data["status"] == "conflict" else data["status"]
        low, high = data["range"]
        lines.append(f"| {_escape(fig.label(data))} | {said} | {status} | "
                     f"{fig.number(data['most_conservative'], data['most_conservative'])} | "
                     f"{fig.number(low, high) if low != high else ''} |")
        for value in data["values"]:
            claim = claims[value["claims"][0]]
            sentence = texts[claim.article][claim.sentence_start : claim.sentence_end]
            quotes.append(f"- {data['id']}, {_escape(value['text'])}: “{_escape(sentence)}” "
                          f"([{numbers[claim.article]}])")
    return [*lines, "", "Quoted figures:", "", *quotes, ""]


def _value(value: dict[str, Any], claims: dict[str, Claim], numbers: dict[str, int]) -> str:
    sources = _escape(fig.sources(value))
    cited = ", ".join(f"[{numbers[claims[k].article]}]" for k in value["claims"])
    when = f" as of {value['as_of']}" if value["as_of"] else ""
    return f"{_escape(fig.said(value))}{when}: {sources} {cited}"


def _involved(entry: TimelineEntry, events: dict[str, Event]) -> list[str]:
    """Where a day's events happen, who takes part, and how many independent sources tell
    its main event."""
    parts = []
    if entry.places:
        parts.append(f"Places: {_escape(', '.join(entry.places))}")
    if entry.actors:
        parts.append(f"Actors: {_escape(', '.join(entry.actors))}")
    if entry.events and entry.events[0] in events:
        main = events[entry.events[0]]
        parts.append(f"{main.sources} independent source(s)")
    return ["", "; ".join(parts) + "."] if parts else []


def _index(story: Story) -> list[str]:
    """The places and actors of the story's events, with the days they appear on."""
    if not story.timeline.entities:
        return []
    day = {event.id: event.date.isoformat() for event in story.timeline.events}
    lines = ["## Places and actors", ""]
    for entity in story.timeline.entities:
        others = [v for v in entity.variants if v != entity.name]
        also = f" (also {_escape(', '.join(others))})" if others else ""
        days = ", ".join(dict.fromkeys(day[key] for key in entity.events))
        lines.append(f"- **{_escape(entity.name)}**{also}, {entity.kind}: {days}")
    return [*lines, ""]


def render(story: Story) -> str:
    """The timeline, summary and sources as Markdown."""
    numbers = source_numbers(story)
    events = {event.id: event for event in story.timeline.events}
    lines = ["# Timeline", ""]
    if story.summary:
        lines += ["## Summary", ""]
        lines += [f"- {_cite(c, numbers)}" for c in story.summary]
        lines.append("")
    lines += _figures(story, numbers)
    lines += ["## Timeline", ""]
    if not story.timeline.entries:
        lines += ["No dated events were found.", ""]
    for entry in story.timeline.entries:
        outlets = ", ".join(entry.outlets) if entry.outlets else "unknown outlets"
        lines += [f"### {entry.date.isoformat()}", "", f"_{entry.articles} article(s); {_escape(outlets)}_", ""]
        lines += [f"- {_cite(c, numbers)}" for c in entry.sentences]
        lines += _involved(entry, events)
        lines.append("")
    lines += _index(story)
    lines += ["## Sources", ""]
    lines += [_source_line(numbers[a.id], a) for a in story.articles]
    report = story.report
    lines += [
        "",
        "## Run report",
        "",
        (f"{len(report.inputs)} input(s): {report.count('article')} article(s), "
        f"{report.count('duplicate')} duplicate(s) merged, {report.count('skipped')} skipped, "
        f"{len(report.undated)} undated."),
        "",
    ]
    for record in report.inputs:
        if record.state != "article":
            lines.append(f"- `{record.source}`: {record.state} ({record.reason})")
    return "\n".join(lines).rstrip() + "\n"
