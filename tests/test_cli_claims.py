"""End to end: figures through the real CLI, on the seeds (dates given) and on texts we wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS, run_cli


@pytest.fixture(scope="module")
def seeds_output(seeds_jsonl: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("figures")
    result = run_cli("build", str(seeds_jsonl), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return out


def test_every_claim_slices_its_number_and_sentence(seeds_output: Path) -> None:
    data = json.loads((seeds_output / "timeline.json").read_text("utf-8"))
    texts = {a["id"]: a["text"] for a in data["articles"]}
    assert len(data["claims"]) >= 20
    for claim in data["claims"]:
        text = texts[claim["article"]]
        assert text[claim["start"] : claim["end"]] == claim["text"]
        assert claim["sentence_start"] <= claim["start"] < claim["end"] <= claim["sentence_end"]
        assert text[claim["sentence_start"] : claim["sentence_end"]] == claim["sentence"]
    keys = {c["key"] for c in data["claims"]}
    assert all(k in keys for f in data["figures"] for v in f["values"] for k in v["claims"])
    assert all(k in keys for entry in data["timeline"] for k in entry["claims"])
    assert any(entry["claims"] for entry in data["timeline"])


def test_the_bus_bombing_tolls_are_a_conflict_between_two_named_sources(seeds_output: Path) -> None:
    data = json.loads((seeds_output / "timeline.json").read_text("utf-8"))
    conflicts = [f for f in data["figures"] if f["status"] == "conflict"]
    said = [{(v["low"], v["high"], tuple(v["sources"])) for v in f["values"]} for f in conflicts]
    assert {(32, None, ("Syrian Observatory for Human Rights",)), (50, 50, ("Islamic State",))} in said
    bombing = conflicts[said.index({(32, None, ("Syrian Observatory for Human Rights",)),
                                    (50, 50, ("Islamic State",))})]
    assert bombing["most_conservative"] == 32 and bombing["range"] == [32, 50]


def test_observatory_tolls_are_attributed_to_the_observatory(seeds_output: Path) -> None:
    data = json.loads((seeds_output / "timeline.json").read_text("utf-8"))
    by_text = {(c["text"], c["low"]): c for c in data["claims"]}
    for key in (("40", 40), ("22", 22), ("Some 50", 45), ("215", 215), ("143", 143), ("29", 29),
                ("Nearly 100", None), ("at least 84", 84), ("at least 32", 32)):
        assert by_text[key]["attributed_to"] == "Syrian Observatory for Human Rights", key
    assert by_text[("22", 22)]["who"] == "children"
    assert by_text[("Up to 300,000", None)]["measure"] == "trapped"
    assert by_text[("quarter of a million", 250000)]["hypothetical"] is True


def test_markdown_and_html_show_the_figures(seeds_output: Path) -> None:
    markdown = (seeds_output / "timeline.md").read_text("utf-8")
    assert "## Figures" in markdown and "**CONFLICT**" in markdown
    page = (seeds_output / "report.html").read_text("utf-8")
    assert 'class="badge badge-conflict"' in page
    assert "<mark>at least 32</mark>" in page


def test_article_markup_in_a_figure_sentence_is_escaped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Harbour blast\n\nAt least 12 workers were killed <script>alert(1)</script> on Monday, "
        "the port authority said <img src=x onerror=alert(2)>.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("build", str(tmp_path / "a.txt"), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    page = (out / "report.html").read_text("utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "<mark>At least 12</mark> workers were killed &lt;script&gt;" in page


def test_claims_command_prints_one_json_object_per_figure() -> None:
    seed = min(SEEDS.glob("003_*.txt"))
    result = run_cli("claims", str(seed), "--published", "2016-10-13")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    text = seed.read_text("utf-8")
    assert all(text[r["start"] : r["end"]] == r["text"] for r in records)
    wanted = {"start", "end", "text", "low", "high", "qualifier", "measure", "who", "where", "when",
              "as_of", "attributed_to", "hypothetical"}
    assert all(wanted <= set(r) for r in records)
    eighty_four = next(r for r in records if r["text"] == "at least 84")
    assert (eighty_four["low"], eighty_four["high"], eighty_four["qualifier"]) == (84, None, "at_least")
    assert eighty_four["attributed_to"] == "Syrian Observatory for Human Rights"
    thursday = next(r for r in records if r["text"] == "13")
    assert thursday["when"] == "2016-10-13"


def test_claims_command_reads_stdin_and_rejects_a_bad_date() -> None:
    result = run_cli("claims", "-", stdin="Floods displaced 3,000 villagers, officials said.\n")
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["measure"], record["who"], record["low"]) == ("displaced", "civilians", 3000)
    bad = run_cli("claims", "-", "--published", "not-a-date", stdin="x")
    assert bad.returncode == 2 and "not a date" in bad.stderr
