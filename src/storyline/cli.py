"""The command line: a thin layer over `storyline.build` and the renderers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from storyline.annotate.nlp import ModelMissingError
from storyline.model import Story
from storyline.pipeline import build as build_story
from storyline.render import html, json, markdown, terminal
from storyline.settings import DEFAULT

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
err_console = Console(stderr=True, soft_wrap=True)

_STAGE_LABELS = {"clean": "Cleaning and dating", "annotate": "Sentences and dates"}


@app.callback()
def _main() -> None:
    """Storyline: dated, source-cited timelines from many news articles."""


def write_outputs(story: Story, out: Path) -> dict[str, Path]:
    """Write timeline.json, timeline.md and report.html into `out`; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "json": out / "timeline.json",
        "markdown": out / "timeline.md",
        "html": out / "report.html",
    }
    paths["json"].write_text(json.dumps(story), encoding="utf-8")
    paths["markdown"].write_text(markdown.render(story), encoding="utf-8")
    paths["html"].write_text(html.render(story), encoding="utf-8")
    return paths


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (.txt, .html, .jsonl); '-' reads JSONL from stdin.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for timeline.json, timeline.md and report.html.")] = Path("out"),
    dates: Annotated[int, typer.Option(help="Most dates on the timeline.")] = DEFAULT.max_dates,
    per_date: Annotated[int, typer.Option(help="Sentences per date.")] = DEFAULT.sentences_per_date,
    summary: Annotated[int, typer.Option(help="Sentences in the summary.")] = DEFAULT.summary_sentences,
    max_mb: Annotated[float, typer.Option(help="Skip inputs larger than this many MB.")] = DEFAULT.max_bytes / 2**20,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or timeline table.")] = False,
) -> None:
    """Build a timeline, summary and run report from news articles."""
    settings = DEFAULT.with_overrides(
        max_dates=dates, sentences_per_date=per_date, summary_sentences=summary,
        max_bytes=int(max_mb * 2**20),
    )
    console = Console(quiet=quiet)
    try:
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err_console, disable=quiet, transient=True,
        ) as bar:
            tasks: dict[str, TaskID] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(_STAGE_LABELS.get(stage, stage), total=total)
                bar.update(tasks[stage], completed=done)

            story = build_story(inputs, settings, progress)
    except ModelMissingError as err:
        err_console.print(f"[red]error:[/] {err}")
        raise typer.Exit(2) from err
    if not story.articles:
        err_console.print(f"[red]error:[/] no article could be read. {_why_nothing(story)}")
        raise typer.Exit(1)
    paths = write_outputs(story, out)
    terminal.show(story, console)
    console.print(terminal.summary_line(story))
    for record in story.report.inputs:
        if record.state == "skipped":
            console.print(f"  skipped {record.source}: {record.reason}", markup=False, highlight=False)
    console.print(f"Report: {paths['html']}  (also {paths['json']}, {paths['markdown']})", markup=False)


def _why_nothing(story: Story) -> str:
    reasons = Counter(r.reason for r in story.report.inputs if r.state == "skipped")
    if not reasons:
        return "No inputs were given or found."
    listed = "; ".join(f"{count} {reason}" for reason, count in reasons.most_common())
    return f"Inputs skipped: {listed}."


def main() -> None:
    """Entry point of the `storyline` command."""
    app()
