"""Timeline summarization evaluation: protocol details checked by hand, and a two-topic run
of the real evaluation that fails when scores fall below pinned floors."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

from storyline.analyze.candidates import knee_point
from storyline.evaluate.t17 import Task, load_tasks
from storyline.evaluate.tls import average, evaluate_tls, write_tilse
from storyline.model import Citation, Timeline, TimelineEntry

DATASET = SHARED / "datasets" / "t17"
FLOORS = json.loads((ROOT / "tests" / "data" / "tls_floors.json").read_text("utf-8"))


def test_k_is_the_rounded_average_and_l_the_number_of_dates() -> None:
    gold = {date(2011, 1, 25): ("a", "b", "c"), date(2011, 1, 26): ("d",), date(2011, 1, 27): ("e", "f")}
    task = Task("egypt", 0, gold, ("egypt",))
    assert (task.dates, task.sentences_per_date) == (3, 2)  # 6 / 3 = 2
    task = Task("egypt", 0, {date(2011, 1, 25): ("a", "b", "c"), date(2011, 1, 26): ("d", "e")}, ())
    assert task.sentences_per_date == 2  # 2.5 rounds to even, as Python's round (news-tls)


def test_all_nineteen_gold_timelines_are_loaded() -> None:
    tasks = load_tasks(DATASET)
    assert len(tasks) == 19
    assert [t.name for t in tasks if t.topic == "syria"] == ["syria-0", "syria-1", "syria-2", "syria-3"]
    assert next(t for t in tasks if t.name == "egypt-0").dates == 20


def test_averages_follow_news_tls() -> None:
    # Two tasks: P 1.0 / R 0.0 and P 0.0 / R 1.0 -> mean P 0.5, mean R 0.5 -> F1 0.5
    # (a mean of per-task F1 would give 0).
    one = {"precision": 1.0, "recall": 0.0, "f1": 0.0}
    two = {"precision": 0.0, "recall": 1.0, "f1": 0.0}
    result = average([{m: one for m in ("ar1", "ar2", "dates")}, {m: two for m in ("ar1", "ar2", "dates")}])
    assert result["ar1"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}


def test_knee_point_of_a_curve() -> None:
    assert knee_point([10, 9, 8, 2, 1, 0]) == 2
    assert knee_point([1, 1, 1]) == 0


def test_tilse_text_format(tmp_path: Path) -> None:
    entry = TimelineEntry(date(2011, 1, 25), (Citation("Protests  began .", "a", 0, 17),), 1.0, 1, ())
    write_tilse(Timeline((entry,)), tmp_path / "egypt-0.txt")
    assert (tmp_path / "egypt-0.txt").read_text() == "2011-01-25\nProtests began .\n" + "-" * 32 + "\n"


@pytest.fixture(scope="module")
def two_topics(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("tls")
    methods = tuple(FLOORS["methods"])
    return evaluate_tls(DATASET, out, methods, tuple(FLOORS["topics"])), out


def test_two_topic_scores_stay_above_floors(two_topics) -> None:  # type: ignore[no-untyped-def]
    report, _ = two_topics
    for name, floors in FLOORS["methods"].items():
        average_ = report["methods"][name]["average"]
        for metric, floor in floors.items():
            assert average_[metric]["f1"] >= floor, (name, metric, average_[metric])


def test_floors_only_rise() -> None:
    assert FLOORS["methods"] == FLOORS["history"][-1]["methods"]
    for before, after in itertools.pairwise(FLOORS["history"]):
        renamed = after.get("renamed", {})
        for name, floors in before["methods"].items():
            for metric, value in floors.items():
                assert after["methods"][renamed.get(name, name)][metric] >= value


def test_outputs_one_timeline_per_task_and_results(two_topics) -> None:  # type: ignore[no-untyped-def]
    report, out = two_topics
    names = sorted(p.name for p in out.glob("*.txt"))
    assert names == sorted(f"{t}.txt" for t in report["methods"][next(iter(FLOORS["methods"]))]["tasks"])
    results = json.loads((out / "results.json").read_text())
    assert results["peak_memory_mb"] > 0 and results["seconds"]["total"] > 0
    for task in results["methods"][next(iter(FLOORS["methods"]))]["tasks"].values():
        assert task["dates_out"] <= task["l"]
