"""Story discovery: clustering a mixed stream, stories.json, per-story outputs and bad input."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import run_cli
from discover_corpus import CORPUS, FLOOD, MINE, write_corpus
from test_cli_inputs import make_folder

from storyline.analyze.discover import Stream, cluster, new_stream
from storyline.analyze.story_labels import Corpus, describe
from storyline.analyze.story_text import Item, item, names
from storyline.analyze.vectors import embeddings_available
from storyline.discovery import discover
from storyline.ingest.newsness import not_news
from storyline.model import Article
from storyline.pipeline import build
from storyline.render.files import write_outputs


def items_of(entries: list[tuple[str, date, str, str, str]], shift: int = 0) -> list[Item]:
    return [item(Article(id=name, source=name, text=text, title=title, outlet=outlet,
                         published=day + timedelta(days=shift)))
            for name, day, outlet, title, text in entries]


def names_of(groups: list[list[int]], items: list[Item]) -> list[list[str]]:
    return [[items[i].key for i in group] for group in groups]


def test_two_stories_and_a_lone_article_make_three_clusters() -> None:
    items = items_of(CORPUS)
    assert names_of(cluster(items), items) == [
        ["flood-1", "flood-2", "flood-3"], ["mine-1", "mine-2", "mine-3"], ["chess"],
    ]


def test_clusters_do_not_depend_on_input_order() -> None:
    items = items_of(CORPUS)
    reordered = items[::-1]
    groups = {tuple(sorted(g)) for g in names_of(cluster(reordered), reordered)}
    assert groups == {tuple(sorted(g)) for g in names_of(cluster(items), items)}


def test_a_later_batch_joins_the_stories_already_found() -> None:
    stream = new_stream()
    first = stream.add(items_of(FLOOD[:2] + MINE[:2]))
    later = stream.add(items_of(FLOOD[2:] + MINE[2:]))
    assert first == [0, 0, 1, 1]
    assert later == [0, 1]
    assert [c.size for c in stream.clusters] == [3, 3]


def test_saved_state_goes_on_exactly_like_the_live_stream() -> None:
    live = new_stream()
    live.add(items_of(FLOOD[:2] + MINE[:1]))
    saved = Stream.from_dict(json.loads(json.dumps(live.to_dict())))
    rest = items_of(FLOOD[2:] + MINE[1:] + CORPUS[-1:])
    assert saved.add(rest) == live.add(rest)
    assert saved.to_dict() == live.to_dict()


def test_the_same_story_told_again_years_later_is_a_new_story() -> None:
    stream = new_stream()
    stream.add(items_of(FLOOD))
    assert stream.add(items_of(FLOOD[:1], shift=3)) == [0]  # days later: the same flood
    assert stream.add(items_of(FLOOD[:1], shift=800)) == [1]  # two years on: a new one


def test_an_undated_article_joins_its_story_by_content() -> None:
    stream = new_stream()
    stream.add(items_of(FLOOD + MINE))
    _name, _, outlet, title, text = MINE[1]
    undated = item(Article(id="u", source="undated", text=text, title=title, outlet=outlet))
    assert stream.add([undated]) == [1]


def test_label_gives_the_story_names_and_keyphrases() -> None:
    items = items_of(CORPUS)
    label = describe(items[3:6], Corpus.of(items))
    assert "Tolvar" in label.names and "Kesh Mining" in label.names
    assert label.text.startswith(", ".join(label.names) + ": ")
    assert label.keyphrases and all(k in label.text for k in label.keyphrases)


def test_names_skip_days_months_and_sentence_openers() -> None:
    found = names("Rescue crews reached Mill Street on Monday. The River Amsel rose in April.")
    assert set(found) == {"mill_street", "river_amsel"}


@pytest.fixture(scope="module")
def discovered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object], Path]:
    root = tmp_path_factory.mktemp("discover")
    folder = write_corpus(root / "pile")
    out = root / "out"
    result = run_cli("discover", str(folder), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    return folder, json.loads((out / "stories.json").read_text("utf-8")), out


def test_stories_json_lists_stories_unassigned_and_every_input(discovered) -> None:  # type: ignore[no-untyped-def]
    folder, data, _ = discovered
    stories = data["stories"]
    assert [s["id"] for s in stories] == ["story-001", "story-002"]
    assert [s["articles"] for s in stories] == [
        [str(folder / f"flood-{n}.html") for n in (1, 2, 3)],
        [str(folder / f"mine-{n}.html") for n in (1, 2, 3)],
    ]
    flood = stories[0]
    assert set(flood) == {"id", "label", "names", "keyphrases", "articles", "first", "last", "size", "outputs"}
    assert (flood["first"], flood["last"], flood["size"], flood["outputs"]) == ("2024-04-02", "2024-04-06", 3, "story-001/")
    assert "Brennick" in flood["label"]
    assert [u["source"] for u in data["unassigned"]] == [str(folder / "chess.html")]
    assert data["unassigned"][0]["title"] == "Okafor wins the Harlow chess open"
    assert {r["source"]: r["story"] for r in data["inputs"]} == {
        **{str(folder / f"flood-{n}.html"): "story-001" for n in (1, 2, 3)},
        **{str(folder / f"mine-{n}.html"): "story-002" for n in (1, 2, 3)},
        str(folder / "chess.html"): None,
    }
    assert data["counts"] == {"inputs": 7, "articles": 7, "duplicates": 0, "skipped": 0, "stories": 2,
                              "in_stories": 6, "unassigned": 1}


def test_each_story_gets_the_outputs_build_writes_for_its_inputs(discovered, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, data, out = discovered
    story = data["stories"][1]
    write_outputs(build(story["articles"]), tmp_path)
    for name in ("timeline.json", "timeline.md"):
        assert (out / story["id"] / name).read_bytes() == (tmp_path / name).read_bytes()
    timings = re.compile(r"<p class=\"meta\">Timings.*?</p>")
    html = (out / story["id"] / "report.html").read_text("utf-8")
    assert timings.sub("", html) == timings.sub("", (tmp_path / "report.html").read_text("utf-8"))


def test_stories_below_min_size_get_no_outputs(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "pile", FLOOD[:2] + MINE)
    found = discover([folder], min_size=3)
    assert [(s.size, s.story is not None) for s in found.stories] == [(2, False), (3, True)]


def test_junk_folder_gets_the_same_report_as_build(tmp_path: Path) -> None:
    from storyline.settings import DEFAULT

    folder = make_folder(tmp_path)
    settings = DEFAULT.with_overrides(max_bytes=int(0.1 * 2**20))
    expected = [(r.source, r.state, r.reason, r.article) for r in build([folder], settings).report.inputs]
    found = discover([folder], settings)
    assert [(r.source, r.state, r.reason, r.article) for r in found.inputs] == expected
    placed = set(found.story_of()) | set(found.unassigned)
    assert placed == {r.source for r in found.inputs if r.state != "skipped"}


MENU = "<html><head><title>Daily Herald</title></head><body><ul>" + "".join(
    f"<li><a href='/n/{i}'>Council news story number {i} for the region</a></li>" for i in range(24)
) + "</ul></body></html>"
PRODUCT = (
    "<html><head><title>Aqua 500 kettle</title></head><body><main><h1>Aqua 500 kettle</h1>"
    "<p>$49.99</p><p>In stock. Free shipping on orders over $35.</p>"
    "<p>The Aqua 500 boils a full litre of water in under three minutes and switches itself off.</p>"
    "<p>Add to cart</p><p>Customer reviews (87)</p></main></body></html>"
)
GERMAN = ("Hochwasser in Brennick\n\nDie Amsel ist am Montagabend über die Ufer getreten und hat die "
          "Altstadt überflutet, teilte die Feuerwehr mit. Hunderte Menschen mussten ihre Häuser verlassen.\n")


def test_pages_that_are_not_news_are_skipped_with_reasons_not_clustered(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "crawl", FLOOD)
    (folder / "menu.html").write_text(MENU, encoding="utf-8")
    (folder / "menu-copy.html").write_text(MENU.replace("Daily", "Evening"), encoding="utf-8")
    (folder / "kettle.html").write_text(PRODUCT, encoding="utf-8")
    (folder / "kettle-2.html").write_text(PRODUCT.replace("Aqua 500", "Aqua 700"), encoding="utf-8")
    (folder / "de.txt").write_text(GERMAN, encoding="utf-8")
    found = discover([folder])
    reasons = {Path(r.source).name: r.reason for r in found.inputs if r.state == "skipped"}
    assert reasons["de.txt"] == "non-English (de)"
    assert reasons["kettle.html"].startswith("not news: a product page")
    assert reasons["kettle-2.html"].startswith("not news: a product page")
    assert reasons["menu.html"].startswith("not news: a list of links")
    assert reasons["menu-copy.html"].startswith("not news: a list of links")
    assert [[Path(s).name for s in story.sources] for story in found.stories] == [
        ["flood-1.html", "flood-2.html", "flood-3.html"]
    ]


def test_news_briefs_are_news() -> None:
    for _, day, outlet, title, text in CORPUS:
        assert not_news(Article(id="a", source="a", text=text, title=title, published=day)) is None


@pytest.mark.skipif(embeddings_available(), reason="the embeddings extra is installed")
def test_embeddings_without_the_extra_say_how_to_install_it(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "pile", FLOOD)
    result = run_cli("discover", str(folder), "--out", str(tmp_path / "out"), "--embeddings", "-q")
    assert result.returncode == 2
    assert "pip install 'storyline[embeddings]'" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
