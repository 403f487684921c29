"""A short terminal view of the timeline (rich)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from storyline.model import Story


def show(story: Story, console: Console, width: int = 160) -> None:
    """Print the timeline as a table: one row per date, its lead sentence and outlets."""
    table = Table(title="Timeline", show_lines=False, expand=False)
    table.add_column("Date", style="bold", no_wrap=True)
    table.add_column("What happened")
    table.add_column("Sources", style="dim")
    for entry in story.timeline.entries:
        lead = entry.sentences[0]
        text = lead.text if len(lead.text) <= width else lead.text[: width - 1] + "…"
        outlets = ", ".join(entry.outlets) or "unknown"
        table.add_row(entry.date.isoformat(), escape(text), escape(f"{entry.articles}: {outlets}"))
    console.print(table)


def summary_line(story: Story) -> str:
    """One line of counts: what became of every input."""
    report = story.report
    return (
        f"{len(report.inputs)} inputs: {report.count('article')} articles, "
        f"{report.count('duplicate')} duplicates merged, {report.count('skipped')} skipped, "
        f"{len(report.undated)} undated; {len(story.timeline.entries)} timeline dates"
    )
