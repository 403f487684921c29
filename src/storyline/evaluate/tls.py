"""Timeline summarization on Timeline17, exactly as news-tls evaluates it.

For each gold timeline (task): the topic's raw articles published within the gold's first..
last date go through our pipeline (cleaning, sentences, time expressions); a method outputs
l dates (the gold's count) with k sentences each (the gold's average, rounded), quoting only
sentences that contain a topic keyword; tilse scores alignment-based ROUGE-1/2 (many-to-one
date-content costs) and date F1. Averages follow news-tls: precision and recall are averaged
over tasks, F1 computed from those averages. Supervised date models are trained leaving the
task's topic out.
"""

from __future__ import annotations

import json
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.analyze.date_model import (
    DateModel,
    Example,
    export_model,
    train_date_model,
    train_selected_model,
)
from storyline.analyze.dates import DATEWISE_FEATURES, STORYLINE_FEATURES, date_statistics
from storyline.analyze.timeline import build_timeline
from storyline.evaluate.t17 import Task, load_articles, load_tasks
from storyline.model import Article, DatedSentence, Timeline
from storyline.pipeline import process_documents
from storyline.settings import DEFAULT, Settings

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Method:
    """A timeline method: which date selector, candidate collector and sentence ranker."""

    date_selector: str
    candidate_collector: str
    sentence_ranker: str
    model_kind: str | None = None  # for the supervised selector; "auto": chosen by nested CV
    features: tuple[str, ...] = ()
    span_only: bool = False
    events: bool = False  # entries built from events (analyze/events.py), as `build` does


METHODS: dict[str, Method] = {
    # Faithful DATEWISE (Gholipour Ghalandari & Ifrim 2020): supervised linear date
    # regression on mention statistics, PM-Mean candidates, CentroidOpt summaries.
    "datewise": Method("supervised", "pm-mean", "centroid-opt", "linear", DATEWISE_FEATURES),
    # DATEWISE with its unsupervised MentionCount date ranker.
    "datewise-mentions": Method("mention-count", "pm-mean", "centroid-opt"),
    # Storyline's default pipeline, as `storyline build` runs it, except that its date model
    # is trained leaving the task's topic out (the shipped one has seen every topic).
    "storyline": Method("supervised", "dated", "centroid", "auto", DATEWISE_FEATURES, events=True),
    # The same with the unsupervised date ranking (`build`'s default before the shipped model).
    "storyline-mentions": Method("mentions", "dated", "centroid", events=True),
    # `storyline` with each day's sentences from the centroid ranker alone (no events).
    "storyline-centroid": Method("supervised", "dated", "centroid", "auto", DATEWISE_FEATURES),
    # Storyline's supervised date model, with DATEWISE's candidates and summaries: the model
    # (linear or logistic, its regularisation, span-only statistics or not) is chosen for each
    # held-out topic by leave-one-topic-out date F1 on the other topics alone (nested CV).
    "storyline-supervised": Method("supervised", "pm-mean", "centroid-opt", "auto", DATEWISE_FEATURES),
    # The same with a boosted-tree model on more statistics (kept for comparison: it is worse).
    "storyline-boosted": Method("supervised", "pm-mean", "centroid-opt", "boosted", STORYLINE_FEATURES),
}


@dataclass
class TopicData:
    """A topic's articles after our pipeline, annotated once and shared by its tasks."""

    articles: dict[str, Article]
    sentences: list[DatedSentence]
    raw_count: int


def prepare_topic(dataset: Path, topic: str, settings: Settings) -> TopicData:
    """Read, clean, date, dedup and annotate all of a topic's articles."""
    raw = load_articles(dataset, topic)
    articles, _, sentences, _ = process_documents(raw, settings).deduplicated(settings)
    return TopicData({a.id: a for a in articles}, sentences, len(raw))


def prepare_topics(
    dataset: Path, tasks: list[Task], settings: Settings, progress: Progress | None = None
) -> dict[str, TopicData]:
    """Each topic of the tasks prepared once, in task order."""
    data = {}
    for topic in dict.fromkeys(t.topic for t in tasks):
        if progress:
            progress(f"preparing {topic}")
        data[topic] = prepare_topic(dataset, topic, settings)
    return data


def task_input(data: TopicData, task: Task) -> tuple[list[DatedSentence], dict[str, Article]]:
    """Only articles published within the gold timeline's span."""
    inside = {
        key: a for key, a in data.articles.items()
        if a.published is not None and task.start <= a.published <= task.end
    }
    return [s for s in data.sentences if s.sentence.article in inside], inside


def keyword_filter(keywords: Sequence[str]) -> Callable[[DatedSentence], bool]:
    """Only sentences containing a topic keyword may be quoted (news-tls's rule)."""
    lowered = [k.lower() for k in keywords]
    return lambda item: any(k in item.sentence.text.lower() for k in lowered)


def predict(
    method: Method,
    task: Task,
    inputs: tuple[list[DatedSentence], dict[str, Article]],
    model: DateModel | None,
    settings: Settings,
) -> Timeline:
    """One method's timeline for one task, from its input (see `task_input`)."""
    sentences, articles = inputs
    options = settings.with_overrides(
        date_selector=method.date_selector, candidate_collector=method.candidate_collector,
        sentence_ranker=method.sentence_ranker, max_dates=task.dates,
        sentences_per_date=task.sentences_per_date, events=method.events,
    )
    return build_timeline(
        sentences, articles, options, allowed=keyword_filter(task.keywords),
        within=(task.start, task.end), model=model,
    )


def train_models(
    method: Method, tasks: list[Task], data: dict[str, TopicData]
) -> dict[str, DateModel]:
    """One model per topic, each trained on the tasks of all other topics."""
    if method.model_kind is None:
        return {}
    examples = date_examples(tasks, data)
    models = {}
    for topic in {t.topic for t in tasks}:
        training = [example for example in examples if example[0] != topic]
        if method.model_kind == "auto":
            models[topic] = train_selected_model(training, method.features)
        else:
            models[topic] = train_date_model(
                [(stats, gold) for _, stats, gold in training], method.features, method.model_kind,
                method.span_only,
            )
    return models


def date_examples(tasks: list[Task], data: dict[str, TopicData]) -> list[Example]:
    """(topic, per-day statistics of the task's input, gold dates) for each task."""
    return [(t.topic, date_statistics(*task_input(data[t.topic], t)), set(t.gold)) for t in tasks]


def train_shipped_model(
    dataset: Path, settings: Settings = DEFAULT, progress: Progress | None = None
) -> dict[str, object]:
    """The date model `storyline build` ships: storyline-supervised's choice of variant, made
    by leave-one-topic-out date F1 over all 19 tasks, then fitted on all of them; as JSON."""
    method = METHODS["storyline-supervised"]
    tasks = load_tasks(dataset)
    data = prepare_topics(dataset, tasks, settings, progress)
    model = train_selected_model(date_examples(tasks, data), method.features)
    return export_model(model, f"Timeline17, all {len(tasks)} tasks ({len(data)} topics)")


def score_task(predicted: Timeline, task: Task) -> dict[str, dict[str, float]]:
    """Alignment-based ROUGE-1/2 (many-to-one) and date P/R/F1 with tilse."""
    from tilse.data.timelines import GroundTruth
    from tilse.data.timelines import Timeline as TilseTimeline
    from tilse.evaluation import rouge

    pred = TilseTimeline({e.date: [c.text for c in e.sentences] for e in predicted.entries})
    gold = TilseTimeline({d: list(s) for d, s in task.gold.items()})
    evaluator = rouge.TimelineRougeEvaluator(measures=["rouge_1", "rouge_2"])
    scores = evaluator.evaluate_align_date_content_costs_many_to_one(pred, GroundTruth([gold]))
    predicted_dates = {e.date for e in predicted.entries}
    shared = len(predicted_dates & set(task.gold))
    precision = shared / len(predicted_dates) if predicted_dates else 0.0
    recall = shared / len(task.gold)
    return {
        "ar1": _prf(scores["rouge_1"]["precision"], scores["rouge_1"]["recall"]),
        "ar2": _prf(scores["rouge_2"]["precision"], scores["rouge_2"]["recall"]),
        "dates": _prf(precision, recall),
    }


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 5), "recall": round(recall, 5), "f1": round(f1, 5)}


def average(results: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """news-tls averaging: mean precision and mean recall over tasks, F1 from those means."""
    out = {}
    for metric in ("ar1", "ar2", "dates"):
        p = sum(r[metric]["precision"] for r in results) / len(results)
        r_ = sum(r[metric]["recall"] for r in results) / len(results)
        out[metric] = _prf(p, r_)
    return out


def write_tilse(timeline: Timeline, path: Path) -> None:
    """The tilse text format: a date line, its sentences, a line of dashes."""
    lines = []
    for entry in timeline.entries:
        lines.append(entry.date.isoformat())
        lines.extend(" ".join(c.text.split()) for c in entry.sentences)
        lines.append("-" * 32)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def evaluate_tls(
    dataset: Path,
    out: Path | None = None,
    methods: Sequence[str] = ("storyline",),
    topics: tuple[str, ...] | None = None,
    settings: Settings = DEFAULT,
    progress: Progress | None = None,
) -> dict[str, object]:
    """Run the methods on every task and score them; writes timelines and results.json."""
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        raise ValueError(f"unknown method(s) {', '.join(unknown)}; choose from {', '.join(METHODS)}")
    started = time.perf_counter()
    tasks = load_tasks(dataset, topics)
    data = prepare_topics(dataset, tasks, settings, progress)
    prepared = time.perf_counter()
    report: dict[str, object] = {"tasks": len(tasks), "methods": {}, "inputs": {
        topic: {"raw_articles": d.raw_count, "articles": len(d.articles), "sentences": len(d.sentences)}
        for topic, d in data.items()
    }}
    for name in methods:
        method_started = time.perf_counter()
        method = METHODS[name]
        models = train_models(method, tasks, data)
        per_task = {}
        for task in tasks:
            if progress:
                progress(f"{name}: {task.name}")
            inputs = task_input(data[task.topic], task)
            timeline = predict(method, task, inputs, models.get(task.topic), settings)
            per_task[task.name] = score_task(timeline, task) | {
                "dates_out": len(timeline.entries), "l": task.dates, "k": task.sentences_per_date,
                "articles_in_span": len(inputs[1]),
            }
            if out is not None:
                folder = out / "methods" / name
                folder.mkdir(parents=True, exist_ok=True)
                write_tilse(timeline, folder / f"{task.name}.txt")
                if name == methods[0]:
                    write_tilse(timeline, out / f"{task.name}.txt")
        report["methods"][name] = {  # type: ignore[index]
            "method": method.__repr__(),
            "date_models": {topic: m.variant for topic, m in sorted(models.items()) if m.variant},
            "average": average(list(per_task.values())),  # type: ignore[arg-type]
            "seconds": round(time.perf_counter() - method_started, 1),
            "tasks": per_task,
        }
    report["seconds"] = {"prepare": round(prepared - started, 1), "total": round(time.perf_counter() - started, 1)}
    report["peak_memory_mb"] = round(
        max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024, 1
    )
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "results.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report

