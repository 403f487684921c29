"""The command line: a thin layer over `storyline.build` and the renderers."""

from __future__ import annotations

import json as jsonlib
import sys
from collections import Counter
from datetime import date
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
from storyline.annotate.temporal import find_mentions
from storyline.ingest.dating import parse_date_string
from storyline.ingest.readers import InputError, decode
from storyline.model import Story
from storyline.pipeline import build as build_story
from storyline.pipeline import check_settings
from storyline.render import html, json, markdown, terminal
from storyline.settings import DEFAULT

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
err_console = Console(stderr=True, soft_wrap=True)

_STAGE_LABELS = {"process": "Reading, cleaning, dating, annotating"}


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
    time_limit: Annotated[float, typer.Option(help="Skip a document that takes longer than this many seconds to clean (0: no limit).")] = DEFAULT.max_seconds_per_document,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or timeline table.")] = False,
    date_selector: Annotated[str, typer.Option(help="How days are ranked: supervised (the shipped model), mentions (unsupervised counts) or mention-count.")] = DEFAULT.date_selector,
    date_model: Annotated[Path | None, typer.Option(help="Date model weights (JSON from 'storyline eval train-date-model') for the supervised ranking; default: the shipped one.")] = None,
    sentence_model: Annotated[str, typer.Option(help="Sentence splitter: senter (spaCy's sentence recogniser, the default), fast (blingfire: several times faster, slightly lower timeline scores) or parser (spaCy's parser, slowest).")] = DEFAULT.sentence_model,
    engine: Annotated[str, typer.Option(help="Where documents are processed: local (this machine's cores) or dask (a Dask cluster).")] = DEFAULT.engine,
    scheduler: Annotated[str | None, typer.Option(help="Address of a running Dask scheduler (tcp://host:8786) for --engine dask; default: a local cluster started for the run.")] = None,
) -> None:
    """Build a timeline, summary and run report from news articles."""
    try:
        settings = DEFAULT.with_overrides(
            max_dates=dates, sentences_per_date=per_date, summary_sentences=summary,
            max_bytes=int(max_mb * 2**20), max_seconds_per_document=time_limit,
            date_selector=date_selector, date_model=str(date_model) if date_model else None,
            engine=engine, scheduler=scheduler, sentence_model=sentence_model,
        )
        check_settings(settings)
    except ValueError as err:
        err_console.print(f"[red]error:[/] {err}")
        raise typer.Exit(2) from err
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


@app.command()
def times(
    file: Annotated[str, typer.Argument(help="A text file, or '-' for standard input.")],
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) that relative expressions are resolved against.")] = None,
    day_first: Annotated[bool | None, typer.Option("--day-first/--month-first", help="Order of numeric dates such as 04/08/2016, when the text does not settle it.")] = None,
) -> None:
    """Print the time expressions of a text, one JSON object per line."""
    reference = _published_option(published)
    text = _read_text(file)
    for mention in find_mentions(text, reference, day_first):
        record = {
            "start": mention.start, "end": mention.end, "text": mention.text,
            "value": mention.value, "granularity": mention.granularity, "how": mention.how,
        }
        typer.echo(jsonlib.dumps(record, ensure_ascii=False))


@app.command()
def claims(
    file: Annotated[str, typer.Argument(help="A text file, or '-' for standard input.")],
    published: Annotated[str | None, typer.Option(help="Publication date (YYYY-MM-DD) that relative dates ('on Thursday') are resolved against.")] = None,
) -> None:
    """Print the figures about people in a text (killed, wounded, displaced, ...), one JSON
    object per line: the number's span and bounds, what and whom it counts, who says so."""
    from storyline.document import claims_in_text

    reference = _published_option(published)
    text = _read_text(file)
    try:
        found = claims_in_text(text, reference)
    except ModelMissingError as err:
        err_console.print(f"[red]error:[/] {err}")
        raise typer.Exit(2) from err
    for claim in found:
        record = json.claim_dict(claim)
        for internal in ("key", "article", "outlet", "cumulative"):
            record.pop(internal)
        typer.echo(jsonlib.dumps(record, ensure_ascii=False))


def _published_option(published: str | None) -> date | None:
    if published is None:
        return None
    reference = parse_date_string(published)
    if reference is None:
        err_console.print(f"[red]error:[/] --published {published!r} is not a date (use YYYY-MM-DD)")
        raise typer.Exit(2)
    return reference


def _read_text(file: str) -> str:
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        return decode(data)
    except (OSError, InputError) as err:
        err_console.print(f"[red]error:[/] {file}: {getattr(err, 'strerror', None) or err}")
        raise typer.Exit(1) from err


eval_app = typer.Typer(help="Measure quality on evaluation data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("temporal")
def eval_temporal(
    gold: Annotated[Path, typer.Option(help="Folder of gold JSONL files.")] = Path("tests/data/temporal_gold"),
    shared: Annotated[Path, typer.Option(help="The shared folder holding seeds/ and datasets/.")] = Path("../shared"),
    errors: Annotated[bool, typer.Option(help="Also print every error.")] = False,
) -> None:
    """Score the temporal resolver on the hand-annotated gold set."""
    from storyline.evaluate.temporal import evaluate, load_gold

    articles = load_gold(gold, shared)
    scores = evaluate(articles)
    typer.echo(jsonlib.dumps({"articles": len(articles), **scores.as_dict()}))
    if errors:
        for error in scores.errors:
            typer.echo(jsonlib.dumps(error, ensure_ascii=False))


@eval_app.command("claims")
def eval_claims(
    gold: Annotated[Path, typer.Option(help="Development part of the claims gold set.")] = Path("tests/data/claims_gold"),
    heldout: Annotated[Path, typer.Option(help="Held-out part, annotated after the rules were frozen.")] = Path("tests/data/claims_heldout"),
    shared: Annotated[Path, typer.Option(help="The shared folder holding seeds/ and datasets/.")] = Path("../shared"),
    errors: Annotated[bool, typer.Option(help="Also print every error of Storyline's extractor, as JSON lines.")] = False,
) -> None:
    """Score figure extraction and reconciliation on the claims gold set, beside a baseline
    (spaCy CARDINAL entities next to a casualty word, attributed to the outlet)."""
    from storyline.evaluate.claims import EXTRACTORS, evaluate, load_gold

    parts = {name: folder for name, folder in (("development", gold), ("held-out", heldout)) if folder.is_dir()}
    if not parts:
        err_console.print(f"[red]error:[/] no gold folder found at {gold} or {heldout}")
        raise typer.Exit(2)
    rows = []
    for part, folder in parts.items():
        articles = load_gold(folder, shared)
        for method, extractor in EXTRACTORS.items():
            scores = evaluate(articles, extractor)
            rows.append({"part": part, "method": method, "articles": len(articles), **scores.as_dict()})
            if errors and method == "storyline":
                for error in scores.errors:
                    typer.echo(jsonlib.dumps({"part": part, **error}, ensure_ascii=False))
    columns = ("part", "method", "articles", "figures", "precision", "recall", "f1", "low_high",
               "measure", "who", "attribution", "hypothetical", "groups", "group_status")
    typer.echo("| " + " | ".join(columns) + " |")
    typer.echo("|" + "---|" * len(columns))
    for row in rows:
        typer.echo("| " + " | ".join(str(row[c]) for c in columns) + " |")


@eval_app.command("boilerplate")
def eval_boilerplate(
    gold: Annotated[Path, typer.Option(help="Folder of the golden documents.")] = Path("tests/data/boilerplate_gold"),
    shared: Annotated[Path, typer.Option(help="The shared folder holding seeds/.")] = Path("../shared"),
    errors: Annotated[bool, typer.Option(help="Also print every lost article line and kept junk line.")] = False,
) -> None:
    """Score boilerplate removal on the golden set, per layout class, beside trafilatura alone."""
    from storyline.evaluate.boilerplate import (
        by_class,
        load_golden,
        score,
        storyline_cleaner,
        trafilatura_cleaner,
    )

    documents = load_golden(gold, shared)
    cleaners = {"storyline": storyline_cleaner(), "trafilatura": trafilatura_cleaner()}
    for group, rows in by_class(documents, cleaners).items():
        for name, figures in rows.items():
            typer.echo(jsonlib.dumps({"class": group, "cleaner": name, **figures}))
    if errors:
        scores = score(documents, cleaners["storyline"])
        for document, line in scores.misses:
            typer.echo(jsonlib.dumps({"lost": line, "document": document}, ensure_ascii=False))
        for document, line in scores.leaks:
            typer.echo(jsonlib.dumps({"kept_junk": line, "document": document}, ensure_ascii=False))


@eval_app.command("tls")
def eval_tls(
    dataset: Annotated[Path, typer.Option(help="The t17 folder (t17_newstls must sit beside it).")] = Path("../shared/datasets/t17"),
    out: Annotated[Path, typer.Option(help="Folder for predicted timelines and results.json.")] = Path("out/tls"),
    method: Annotated[list[str] | None, typer.Option(help="Method(s) to run; the first one's timelines go to --out.")] = None,
    topic: Annotated[list[str] | None, typer.Option(help="Limit to these topics (default: all 9).")] = None,
) -> None:
    """Timeline summarization on Timeline17, scored as news-tls does (AR-1, AR-2, date F1)."""
    from storyline.evaluate.tls import evaluate_tls

    report = evaluate_tls(
        dataset, out, tuple(method or ("storyline",)), tuple(topic) if topic else None,
        progress=lambda message: err_console.print(message, style="dim"),
    )
    for name, result in report["methods"].items():  # type: ignore[attr-defined]
        avg = result["average"]
        typer.echo(f"{name:<22} AR-1 {avg['ar1']['f1']:.3f}  AR-2 {avg['ar2']['f1']:.3f}  "
                   f"Date-F1 {avg['dates']['f1']:.3f}  ({result['seconds']} s)")
    seconds: dict[str, float] = report["seconds"]  # type: ignore[assignment]
    typer.echo(f"{report['tasks']} tasks; prepare {seconds['prepare']} s, total {seconds['total']} s; "
               f"peak memory {report['peak_memory_mb']} MB; {out / 'results.json'}")


@eval_app.command("train-date-model")
def eval_train_date_model(
    dataset: Annotated[Path, typer.Option(help="The t17 folder (t17_newstls must sit beside it).")] = Path("../shared/datasets/t17"),
    out: Annotated[Path, typer.Option(help="Where to write the model's JSON.")] = Path("out/date_model.json"),
) -> None:
    """Train the supervised date model on all of Timeline17 (the one `build` ships)."""
    from storyline.evaluate.tls import train_shipped_model

    model = train_shipped_model(dataset, progress=lambda message: err_console.print(message, style="dim"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(jsonlib.dumps(model, indent=2) + "\n", encoding="utf-8")
    typer.echo(f"{model['variant']} on {model['trained_on']}: {out}")


def _why_nothing(story: Story) -> str:
    reasons = Counter(r.reason for r in story.report.inputs if r.state == "skipped")
    if not reasons:
        return "No inputs were given or found."
    listed = "; ".join(f"{count} {reason}" for reason, count in reasons.most_common())
    return f"Inputs skipped: {listed}."


def main() -> None:
    """Entry point of the `storyline` command."""
    app()
