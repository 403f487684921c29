"""The command line: a thin layer over `storyline.build` and the renderers.

Each command imports what it needs when it runs: spaCy, scikit-learn and the pipeline take
about 1.5 s to import, which `storyline --help` (or a bad option) should not wait for.
"""

from __future__ import annotations

import json as jsonlib
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from storyline.annotate.temporal import find_mentions
from storyline.ingest.given_dates import load_manifest
from storyline.ingest.readers import InputError, decode
from storyline.model import Story
from storyline.render import json
from storyline.settings import DEFAULT

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
err_console = Console(stderr=True, soft_wrap=True)

_STAGE_LABELS = {
    "process": "Reading, cleaning, dating, annotating", "store": "Updating the story",
    "days": "Ranking the days", "sentences": "Gathering the days' sentences",
}


@app.callback()
def _main() -> None:
    """Storyline: dated, source-cited timelines from many news articles."""


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (.txt, .html, .jsonl); '-' reads JSONL from stdin.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for timeline.json, timeline.md and report.html.")] = Path("out"),
    dates: Annotated[str | None, typer.Option(metavar="FILE", help="Publication dates you know: a CSV or JSON file mapping an input's path, file name or id to YYYY-MM-DD; a given date always wins. (A whole number is read as --max-dates, as before.)")] = None,
    max_dates: Annotated[int, typer.Option(help="Most dates on the timeline.")] = DEFAULT.max_dates,
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
    stream: Annotated[bool | None, typer.Option("--stream/--no-stream", help="Keep texts and sentences on disk until needed, so memory stays small for large inputs (same outputs). Default: stream inputs over 100 MB.")] = None,
) -> None:
    """Build a timeline, summary and run report from news articles."""
    from storyline.annotate.nlp import ModelMissingError
    from storyline.pipeline import build as build_story
    from storyline.pipeline import check_settings
    from storyline.render import terminal
    from storyline.render.files import write_outputs

    try:
        given, number = _dates_option(dates)
        settings = DEFAULT.with_overrides(
            max_dates=max_dates if number is None else number, given_dates=given, sentences_per_date=per_date, summary_sentences=summary,
            max_bytes=int(max_mb * 2**20), max_seconds_per_document=time_limit,
            date_selector=date_selector, date_model=str(date_model) if date_model else None,
            engine=engine, scheduler=scheduler, sentence_model=sentence_model, stream=stream,
        )
        check_settings(settings)
    except ValueError as err:
        err_console.print(f"[red]error:[/] {err}")
        raise typer.Exit(2) from err
    console = Console(quiet=quiet)
    try:
        with _progress_bar(quiet) as progress:
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
    from storyline.annotate.nlp import ModelMissingError
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


@app.command()
def add(
    store: Annotated[Path, typer.Argument(help="The store file (SQLite; created when missing).")],
    inputs: Annotated[list[str], typer.Argument(help="Files or folders, as for build; '-' reads JSONL from stdin.")],
    story: Annotated[str | None, typer.Option(help="The story to add to (default: the store's only story, else the store file's name).")] = None,
    dates: Annotated[str | None, typer.Option(metavar="FILE", help="Publication dates you know for these inputs, as for build: a CSV or JSON file mapping an input's path, file name or id to YYYY-MM-DD. (A whole number is read as --max-dates, as before.)")] = None,
    max_dates: Annotated[int | None, typer.Option(help="Most dates on the timeline (kept with the story).")] = None,
    per_date: Annotated[int | None, typer.Option(help="Sentences per date (kept with the story).")] = None,
    summary: Annotated[int | None, typer.Option(help="Sentences in the summary (kept with the story).")] = None,
    date_selector: Annotated[str | None, typer.Option(help="How days are ranked (kept with the story): supervised, mentions or mention-count.")] = None,
    max_mb: Annotated[float, typer.Option(help="Skip inputs larger than this many MB.")] = DEFAULT.max_bytes / 2**20,
    time_limit: Annotated[float, typer.Option(help="Skip a document that takes longer than this many seconds (0: no limit).")] = DEFAULT.max_seconds_per_document,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Add articles to a story in a store: only new inputs are processed, then the story's
    timeline, summary and figures are recomputed from what is stored."""
    from storyline.annotate.nlp import ModelMissingError
    from storyline.store import Store, StoreError

    console = Console(quiet=quiet, soft_wrap=True)
    try:
        given, number = _dates_option(dates)
        story_options: dict[str, object] = {"max_dates": max_dates if number is None else number, "sentences_per_date": per_date,
                                             "summary_sentences": summary, "date_selector": date_selector}
        options = {key: value for key, value in story_options.items() if value is not None}
        options.update(max_bytes=int(max_mb * 2**20), max_seconds_per_document=time_limit, given_dates=given)
        with Store(store) as opened, _progress_bar(quiet) as progress:
            result = opened.add(inputs, story, options, progress)
    except (StoreError, ValueError) as err:
        err_console.print(f"[red]error:[/] {escape(str(err))}", highlight=False)
        raise typer.Exit(2) from err
    except ModelMissingError as err:
        err_console.print(f"[red]error:[/] {err}")
        raise typer.Exit(2) from err
    for record in result.inputs:
        detail = f": {record.reason}" if record.reason else ""
        console.print(f"  {record.state} {record.source}{detail}", markup=False, highlight=False)
    console.print(f"{result.story}: {result.count('article')} new article(s), {result.count('duplicate')} "
                  f"duplicate(s), {result.count('skipped')} skipped; the story has {result.articles} "
                  f"article(s) (version {result.version}).", markup=False, highlight=False)


@app.command()
def export(
    store: Annotated[Path, typer.Argument(help="The store file.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for timeline.json, timeline.md and report.html.")] = Path("out"),
    story: Annotated[str | None, typer.Option(help="The story (default: the store's only story).")] = None,
) -> None:
    """Write a stored story's timeline.json, timeline.md and report.html: what build writes
    for the same inputs, added in the same order."""
    from storyline.store import Store, StoreError

    try:
        with Store(store, create=False) as opened:
            paths = opened.export(out, story)
    except StoreError as err:
        err_console.print(f"[red]error:[/] {escape(str(err))}", highlight=False)
        raise typer.Exit(2) from err
    typer.echo(f"Report: {paths['html']}  (also {paths['json']}, {paths['markdown']})")


@app.command()
def serve(
    store: Annotated[Path, typer.Argument(help="The store file (created when missing).")],
    host: Annotated[str, typer.Option(help="Address to listen on; anything but loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(envvar="STORYLINE_TOKEN", help="Secret that adding articles requires (env STORYLINE_TOKEN).")] = None,
    max_upload_mb: Annotated[float, typer.Option(help="Largest request body accepted, in MB.")] = 20.0,
) -> None:
    """Serve the web app and JSON API (/docs) for the stories in a store."""
    try:
        from storyline.web.app import run
    except ImportError as err:
        err_console.print(f"[red]error:[/] the web app needs its packages ({err.name}): pip install -e .",
                          highlight=False)
        raise typer.Exit(2) from err
    try:
        run(store, host=host, port=port, token=token, max_upload_bytes=int(max_upload_mb * 2**20))
    except ValueError as err:
        err_console.print(f"[red]error:[/] {escape(str(err))}", highlight=False)
        raise typer.Exit(2) from err


@app.command()
def discover(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders of articles from many stories, as for build; '-' reads JSONL from stdin.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for stories.json and one folder of timeline outputs per story.")] = Path("out"),
    min_size: Annotated[int, typer.Option(help="Write timeline outputs for each story of at least this many articles.")] = 3,
    embeddings: Annotated[bool, typer.Option(help="Compare articles by sentence embeddings (all-MiniLM-L6-v2) instead of TF-IDF; needs pip install 'storyline[embeddings]'.")] = False,
    max_mb: Annotated[float, typer.Option(help="Skip inputs larger than this many MB.")] = DEFAULT.max_bytes / 2**20,
    time_limit: Annotated[float, typer.Option(help="Skip a document that takes longer than this many seconds (0: no limit).")] = DEFAULT.max_seconds_per_document,
    engine: Annotated[str, typer.Option(help="Where documents are processed: local (this machine's cores) or dask (a Dask cluster).")] = DEFAULT.engine,
    scheduler: Annotated[str | None, typer.Option(help="Address of a running Dask scheduler for --engine dask.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or story list.")] = False,
) -> None:
    """Find the stories in a mixed pile of articles (no keywords needed) and build a timeline
    for each: stories.json lists them, the unassigned articles and every input's fate."""
    from storyline.analyze.vectors import MissingExtraError
    from storyline.annotate.nlp import ModelMissingError
    from storyline.discovery import discover as discover_stories
    from storyline.pipeline import check_settings
    from storyline.render import stories as stories_render

    try:
        settings = DEFAULT.with_overrides(max_bytes=int(max_mb * 2**20), max_seconds_per_document=time_limit,
                                          engine=engine, scheduler=scheduler)
        check_settings(settings)
        with _progress_bar(quiet) as progress:
            found = discover_stories(inputs, settings, progress, "minilm" if embeddings else "tfidf", min_size)
    except (ValueError, MissingExtraError, ModelMissingError) as err:
        err_console.print(f"[red]error:[/] {escape(str(err))}", highlight=False)
        raise typer.Exit(2) from err
    reasons = Counter(r.reason for r in found.inputs if r.state == "skipped")
    if not any(r.state == "article" for r in found.inputs):
        listed = "; ".join(f"{count} {reason}" for reason, count in reasons.most_common()) or "none given"
        err_console.print(f"[red]error:[/] no article could be read. Inputs skipped: {listed}.")
        raise typer.Exit(1)
    path = stories_render.write(found, out)
    console = Console(quiet=quiet, soft_wrap=True)
    for story in found.stories:
        span = f"{story.first or '?'}..{story.last or '?'}"
        console.print(f"  {story.id}  {story.size:>4} articles  {span}  {story.label.text}", markup=False, highlight=False)
    for record in found.inputs:
        if record.state == "skipped":
            console.print(f"  skipped {record.source}: {record.reason}", markup=False, highlight=False)
    written = sum(1 for story in found.stories if story.story is not None)
    typer.echo(f"{len(found.inputs)} inputs: {len(found.stories)} stories ({written} with timelines), "
               f"{len(found.unassigned)} unassigned, {sum(reasons.values())} skipped. {path}")


@contextmanager
def _progress_bar(quiet: bool) -> Iterator[Callable[[str, int, int], None]]:
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, disable=quiet, transient=True,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                # A total of 0: unknown (a streamed build reads its inputs as it goes).
                tasks[stage] = bar.add_task(_STAGE_LABELS.get(stage, stage), total=total or None)
            bar.update(tasks[stage], completed=done)

        yield progress


def _published_option(published: str | None) -> date | None:
    from storyline.ingest.dating import parse_date_string

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


@eval_app.command("dating")
def eval_dating(
    dataset: Annotated[Path, typer.Option(help="The t17 folder (raw/<folder>/articles.jsonl).")] = Path("../shared/datasets/t17"),
    split: Annotated[str, typer.Option(help="dev (the rules were tuned on it), heldout (a fixed fifth, scored once the rules were frozen) or all.")] = "dev",
    rules: Annotated[bool, typer.Option(help="Also print the figures of each rule that placed a day.")] = False,
    workers: Annotated[int, typer.Option(help="Processes (0: one per core).")] = 0,
) -> None:
    """Hide Timeline17 articles' dates (and date stamps), infer them from the text alone and
    with the topic's other dates as context, and score against the known dates."""
    import os

    from storyline.evaluate.dating import evaluate_dating

    try:
        report = evaluate_dating(
            dataset, split, workers or (os.cpu_count() or 1),
            progress=lambda message: err_console.print(message, style="dim"),
        )
    except (ValueError, OSError) as err:
        err_console.print(f"[red]error:[/] {err}")
        raise typer.Exit(2) from err
    for row in report["runs"]:  # type: ignore[attr-defined]
        by_rule = row.pop("by_rule")
        typer.echo(jsonlib.dumps({"split": split, **row}))
        for rule, figures in by_rule.items() if rules else ():
            typer.echo(jsonlib.dumps({"stamps": row["stamps"], "context": row["context"], "rule": rule, **figures}))


@eval_app.command("discover")
def eval_discover(
    dataset: Annotated[Path, typer.Option(help="The t17 folder (t17_newstls must sit beside it, for the on-topic keywords).")] = Path("../shared/datasets/t17"),
    example: Annotated[Path, typer.Option(help="The example story, added to the pool for the second row.")] = Path("examples/harbor-fire"),
    seeds: Annotated[Path, typer.Option(help="The seed articles, added to the pool for the second row.")] = Path("../shared/seeds"),
    embeddings: Annotated[bool, typer.Option(help="Sentence embeddings instead of TF-IDF (needs the embeddings extra).")] = False,
) -> None:
    """Story discovery on all 17 Timeline17 folders pooled: B-cubed and ARI against the 9
    topics, then again with the example story and the seeds added (each must be a story)."""
    from storyline.analyze.vectors import MissingExtraError
    from storyline.evaluate.discover import evaluate_discovery

    space = "minilm" if embeddings else "tfidf"
    try:
        rows = evaluate_discovery(dataset, example, seeds, space,
                                  progress=lambda message: err_console.print(message, style="dim"))
    except MissingExtraError as err:
        err_console.print(f"[red]error:[/] {escape(str(err))}", highlight=False)
        raise typer.Exit(2) from err
    typer.echo("| pool | space | scored | articles | B3 P | B3 R | B3 F1 | ARI | stories | unassigned | wall s | CPU s |")
    typer.echo("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        for part in ("all", "on_topic"):
            s: dict[str, float] = row[part]  # type: ignore[assignment]
            typer.echo(f"| {row['pool']} | {row['space']} | {part} | {s['articles']} | {s['bcubed_precision']} | "
                       f"{s['bcubed_recall']} | {s['bcubed_f1']} | {s['ari']} | {row['stories']} | "
                       f"{row['unassigned']} | {row['seconds']['total']} | {row['seconds']['cpu']} |")  # type: ignore[index]
    for row in rows:
        bound = {part: score["bcubed_f1"] for part, score in row["ceiling"].items()}  # type: ignore[attr-defined]
        typer.echo(f"ceiling of {row['pool']} (each topic's on-topic articles one story, the rest unassigned): "
                   f"B3 F1 {bound['all']} on all, {bound['on_topic']} on-topic")
    for row in rows:
        if "own_stories" in row:
            typer.echo(jsonlib.dumps({"own_stories": row["own_stories"], "seconds": row["seconds"]}))


def _dates_option(value: str | None) -> tuple[tuple[tuple[str, str], ...], int | None]:
    """--dates FILE is a manifest (ManifestError if unusable); a bare whole number is the
    older --dates N, the most dates on the timeline (returned second, else None)."""
    if value is None:
        return (), None
    if value.isdigit() and not Path(value).exists():
        return (), int(value)
    return load_manifest(Path(value)), None


def _why_nothing(story: Story) -> str:
    reasons = Counter(r.reason for r in story.report.inputs if r.state == "skipped")
    if not reasons:
        return "No inputs were given or found."
    listed = "; ".join(f"{count} {reason}" for reason, count in reasons.most_common())
    return f"Inputs skipped: {listed}."


def main() -> None:
    """Entry point of the `storyline` command."""
    app()
