"""End to end on the bundled example story, checked against its hand-written ground truth
(examples/harbor-fire/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_cli

# Happenings of the fictional story and their true dates (README.md, "Ground truth").
TRUE_DATES = {
    "2025-03-03": "fire and explosion at Shed 9",
    "2025-03-04": "evacuation order",
    "2025-03-06": "fire declared out, inquiry announced",
    "2025-03-08": "three arrests",
    "2025-03-10": "cargo ship barred",
    "2025-03-13": "evacuation order lifted",
    "2025-03-17": "public inquiry opens",
    "2025-03-19": "compensation fund announced",
}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("example")
    result = run_cli("build", str(EXAMPLE), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return json.loads((out / "timeline.json").read_text("utf-8"))


def by_file(data: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {Path(a["source"]).name: a for a in data["articles"] if not a["source"].startswith("http")}


def test_every_true_happening_is_on_the_timeline(example: dict) -> None:  # type: ignore[type-arg]
    dates = {entry["date"] for entry in example["timeline"]}
    missing = {d: what for d, what in TRUE_DATES.items() if d not in dates}
    assert not missing


def test_the_opening_day_is_the_most_reported(example: dict) -> None:  # type: ignore[type-arg]
    top = max(example["timeline"], key=lambda e: e["score"])
    assert top["date"] == "2025-03-03"
    assert top["articles"] >= 6


def test_wire_copy_is_merged_and_its_outlets_remembered(example: dict) -> None:  # type: ignore[type-arg]
    states = {r["source"].rsplit("/", 1)[-1]: r for r in example["report"]["inputs"]}
    assert states["wire.jsonl:1"]["state"] == "duplicate"
    wire = by_file(example)["marlandia-times-death-toll-wire.html"]
    assert states["wire.jsonl:1"]["article"] == wire["id"]
    assert wire["also_carried_by"] == ["Continental Observer"]


def test_publication_dates_found_as_documented(example: dict) -> None:  # type: ignore[type-arg]
    files = by_file(example)
    found = {name: (a["published"], a["published_from"]) for name, a in files.items()}
    assert found["atlas-world-news-arrests.txt"] == ("2025-03-09", "text")  # "Last update: Sun, 09/03/2025"
    assert found["harbour-herald-evacuation-lifted.html"] == ("2025-03-14", "html-metadata")
    assert found["harbour-herald-warehouse-blast.html"] == ("2025-03-04", "html-metadata")
    assert found["seaboard-chronicle-inquiry-opens.txt"] == (None, "unknown")
    assert example["report"]["undated"] == [files["seaboard-chronicle-inquiry-opens.txt"]["id"]]


def test_both_casualty_figures_survive_into_the_articles(example: dict) -> None:  # type: ignore[type-arg]
    texts = " ".join(a["text"] for a in example["articles"])
    assert "At least 14 people were killed in Monday's explosion" in texts  # fire service (MPA wire)
    assert "put the death toll from Monday's blast at the port of Veldmark at 11" in texts  # ministry


def test_readme_is_reported_not_read_as_an_article(example: dict) -> None:  # type: ignore[type-arg]
    readme = [r for r in example["report"]["inputs"] if r["source"].endswith("README.md")]
    assert readme == [{"source": readme[0]["source"], "state": "skipped",
                       "reason": "folder readme, not an article", "article": None}]
