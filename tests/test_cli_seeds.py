"""End to end: the real CLI on the five real seed articles from ../shared/seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

BOILERPLATE = ("Skip to content", "Leave a comment", "More from World", "five × four")


@pytest.fixture(scope="module")
def seeds_output(seeds_jsonl: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = run_cli("build", str(seeds_jsonl), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Timeline" in result.stdout and "5 articles" in result.stdout
    return out


def load(out: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((out / "timeline.json").read_text("utf-8"))


def test_timeline_has_the_dates_each_seed_reports(seeds_output: Path) -> None:
    data = load(seeds_output)
    ids = {a["id"]: a for a in data["articles"]}
    # Article ids are text hashes; map them back to seed numbers through the JSONL order.
    seed_of = {a["id"]: a["source"].rsplit(":", 1)[1] for a in data["articles"]}
    cited = {
        entry["date"]: {seed_of[s["article"]] for s in entry["sentences"]}
        for entry in data["timeline"]
    }
    assert "1" in cited["2016-08-03"]  # 000: recaptured Wednesday (published Thu 2016-08-04)
    assert "2" in cited["2016-09-08"]  # 001: overran a district on Thursday
    assert "3" in cited["2016-11-12"]  # 002: published that day, regained areas
    assert len(ids) == 5


def test_no_boilerplate_in_any_output_sentence(seeds_output: Path) -> None:
    data = load(seeds_output)
    sentences = [s["text"] for e in data["timeline"] for s in e["sentences"]]
    sentences += [s["text"] for s in data["summary"]]
    sentences += [a["text"] for a in data["articles"]]
    for text in sentences:
        for junk in BOILERPLATE:
            assert junk not in text
    markdown = (seeds_output / "timeline.md").read_text("utf-8")
    for junk in BOILERPLATE:
        assert junk not in markdown


def test_every_citation_slices_its_article_text(seeds_output: Path) -> None:
    data = load(seeds_output)
    texts = {a["id"]: a["text"] for a in data["articles"]}
    citations = [s for e in data["timeline"] for s in e["sentences"]] + data["summary"]
    assert citations
    for c in citations:
        assert texts[c["article"]][c["start"] : c["end"]] == c["text"]


def test_same_inputs_give_byte_identical_json(seeds_jsonl: Path, seeds_output: Path, tmp_path: Path) -> None:
    result = run_cli("build", str(seeds_jsonl), "--out", str(tmp_path), "--quiet")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "timeline.json").read_bytes() == (seeds_output / "timeline.json").read_bytes()


def test_publication_dates_found_or_inferred_in_seed_text(seed_files: list[Path], tmp_path: Path) -> None:
    result = run_cli("build", *map(str, seed_files), "--out", str(tmp_path), "--quiet")
    assert result.returncode == 0, result.stderr
    data = load(tmp_path)
    by_seed = {Path(a["source"]).name[:3]: a for a in data["articles"]}
    assert (by_seed["000"]["published"], by_seed["000"]["published_from"]) == ("2016-08-04", "text")
    assert (by_seed["002"]["published"], by_seed["002"]["published_from"]) == ("2016-11-12", "text")
    # 003 reports 12 October 2016 in a caption and strikes "on Thursday": written Thursday 13th.
    inferred = by_seed["003"]
    assert (inferred["published"], inferred["published_from"]) == ("2016-10-13", "inferred")
    assert inferred["published_window"][0] <= "2016-10-13" <= inferred["published_window"][1]
    assert 0 < inferred["published_confidence"] < 1
    # 001 ("on July 31", no year) and 004 (weekdays only) are never placed on a guessed day.
    assert {k for k, a in by_seed.items() if a["published"] is None} == {"001", "004"}
    assert set(data["report"]["undated"]) == {by_seed[k]["id"] for k in ("001", "004")}
    assert "weekdays" in by_seed["004"]["published_reason"] and by_seed["004"]["published_window"] is None
    notes = {Path(n["source"]).name[:3]: n["message"] for n in data["report"]["notes"]}
    assert notes["004"].startswith("undated: ") and "weekdays" in notes["004"]
    seed_of = {a["id"]: Path(a["source"]).name[:3] for a in data["articles"]}
    cited = {e["date"]: {seed_of[s["article"]] for s in e["sentences"]} for e in data["timeline"]}
    # 003 dates its "September 22" and its Thursday strikes; 001 its "July 31" by the story's year.
    assert "003" in cited["2016-09-22"] and "003" in cited["2016-10-13"]
    assert "001" in cited["2016-07-31"]
    markdown = (tmp_path / "timeline.md").read_text("utf-8")
    assert "2016-10-13 (between 2016-10-12 and" in markdown and "(inferred)" in markdown


def test_html_report_is_self_contained(seeds_output: Path) -> None:
    page = (seeds_output / "report.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "2016-08-03" in page and "Run report" in page
    assert "<script" not in page and 'src="http' not in page and 'href="http' not in page
