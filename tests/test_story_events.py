"""End to end: events, places and actors, and a summary of self-contained sentences, from the
real CLI on the example story and on the five seed articles (../shared/seeds)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_cli

from storyline.analyze.standalone import dangling


def _build(tmp_path_factory: pytest.TempPathFactory, *inputs: str) -> tuple[dict, Path]:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("story")
    result = run_cli("build", *inputs, "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return json.loads((out / "timeline.json").read_text("utf-8")), out


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:  # type: ignore[type-arg]
    return _build(tmp_path_factory, str(EXAMPLE))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory, seeds_jsonl: Path) -> tuple[dict, Path]:  # type: ignore[type-arg]
    return _build(tmp_path_factory, str(seeds_jsonl))


@pytest.fixture(scope="module")
def bare_seeds(tmp_path_factory: pytest.TempPathFactory, seed_files: list[Path]) -> tuple[dict, Path]:  # type: ignore[type-arg]
    return _build(tmp_path_factory, *map(str, seed_files))


def _day_of(data: dict) -> dict[tuple[str, int], str]:  # type: ignore[type-arg]
    """The day of every sentence an event holds, by (article, start)."""
    return {(c["article"], c["start"]): e["date"] for e in data["events"] for c in e["sentences"]}


@pytest.mark.parametrize("corpus", ["example", "seeds", "bare_seeds"])
def test_summary_sentences_stand_alone_and_are_cited(corpus: str, request: pytest.FixtureRequest) -> None:
    data, _ = request.getfixturevalue(corpus)
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert data["summary"]
    for citation in data["summary"]:
        assert dangling(citation["text"]) is None, citation["text"]
        assert texts[citation["article"]][citation["start"] : citation["end"]] == citation["text"]


def test_example_summary_runs_from_the_fire_to_the_compensation_fund(example) -> None:  # type: ignore[no-untyped-def]
    data, _ = example
    days = [_day_of(data)[(c["article"], c["start"])] for c in data["summary"]]
    assert days == sorted(days)
    assert days[0] == "2025-03-03"  # the fire and explosion
    assert days[-1] >= "2025-03-17"  # the inquiry opens, then the fund: the story's last key days


def test_one_happening_told_by_several_outlets_is_one_event(example) -> None:  # type: ignore[no-untyped-def]
    data, _ = example
    arrests = next(e for e in data["events"] if e["date"] == "2025-03-08")
    assert arrests["sources"] >= 3
    assert any("Solvex Trading" in c["text"] for c in arrests["sentences"])


def test_entries_name_their_events_places_and_actors(example) -> None:  # type: ignore[no-untyped-def]
    data, out = example
    events = {e["id"]: e for e in data["events"]}
    for entry in data["timeline"]:
        assert entry["events"] and all(key in events for key in entry["events"])
        assert set(entry["places"]) <= {p for key in entry["events"] for p in events[key]["places"]}
    page = (out / "report.html").read_text("utf-8")
    assert "Places and actors" in page and "independent source(s)" in page
    assert "## Places and actors" in (out / "timeline.md").read_text("utf-8")


def test_bus_bombing_told_twice_in_one_article_is_one_event(seeds) -> None:  # type: ignore[no-untyped-def]
    data, _ = seeds
    bombing = [e for e in data["events"] if any("suicide bombing on a bus" in c["text"] for c in e["sentences"])]
    assert len(bombing) == 1
    texts = " ".join(c["text"] for c in bombing[0]["sentences"])
    assert "claimed responsibility for the attack" in texts
    assert "Atmeh" in bombing[0]["places"] and "Islamic State" in bombing[0]["actors"]


def test_spellings_and_short_forms_share_one_canonical_name(seeds) -> None:  # type: ignore[no-untyped-def]
    data, _ = seeds
    by_variant = {v: e for e in data["entities"] for v in e["variants"]}
    assert by_variant["Ramousseh"] is by_variant["Ramussa"]
    assert by_variant["Ramussa"]["kind"] == "place"
    observatory = by_variant["SOHR"]
    assert observatory["name"] == "Syrian Observatory for Human Rights"
    assert {"Observatory", "Syrian Observatory for Human Rights"} <= set(observatory["variants"])
    assert by_variant["Lavrov"]["name"] == "Sergei Lavrov"
    # Every event an entity lists names it.
    events = {e["id"]: e for e in data["events"]}
    for entity in data["entities"]:
        for key in entity["events"]:
            assert entity["name"] in (*events[key]["places"], *events[key]["actors"])
