"""Render a story as a readable Markdown timeline with numbered sources."""

from __future__ import annotations

from storyline.model import Article, Citation, Story


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
    where = _escape(article.url or article.source)
    extra = f"; also carried by {', '.join(map(_escape, article.copy_outlets))}" if article.copy_outlets else ""
    if article.wire_sources:
        extra += f"; wire: {', '.join(map(_escape, article.wire_sources))}"
    if article.summary_only:
        extra += "; feed summary only"
    return f"{number}. {title}: {outlet}, {published} ({article.published_from}){extra}. `{where}`"


def render(story: Story) -> str:
    """The timeline, summary and sources as Markdown."""
    numbers = source_numbers(story)
    lines = ["# Timeline", ""]
    if story.summary:
        lines += ["## Summary", ""]
        lines += [f"- {_cite(c, numbers)}" for c in story.summary]
        lines.append("")
    lines += ["## Timeline", ""]
    if not story.timeline.entries:
        lines += ["No dated events were found.", ""]
    for entry in story.timeline.entries:
        outlets = ", ".join(entry.outlets) if entry.outlets else "unknown outlets"
        lines += [f"### {entry.date.isoformat()}", "", f"_{entry.articles} article(s); {_escape(outlets)}_", ""]
        lines += [f"- {_cite(c, numbers)}" for c in entry.sentences]
        lines.append("")
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
