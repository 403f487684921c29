"""The streamed build (streamed.py): the same story as the in-memory build, byte for byte,
with the articles' texts kept on disk; bad input accounted for the same way."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import EXAMPLE, SEEDS
from test_cli_inputs import make_folder

import storyline
from storyline import document, streamed
from storyline.render import json as render_json
from storyline.render import markdown

IN_MEMORY = storyline.Settings(stream=False)
STREAMED = storyline.Settings(stream=True)


def _same(inputs: list[Path], settings: storyline.Settings = IN_MEMORY) -> storyline.Story:
    memory = storyline.build(inputs, settings.with_overrides(stream=False))
    flowing = storyline.build(inputs, settings.with_overrides(stream=True))
    assert flowing.texts is not None and memory.texts is None
    written = io.StringIO()
    render_json.write(flowing, written)
    assert written.getvalue() == render_json.dumps(memory)
    assert markdown.render(flowing) == markdown.render(memory)
    return flowing


def test_the_example_and_the_seeds_stream_to_the_same_story(seeds_jsonl: Path) -> None:
    story = _same([EXAMPLE, seeds_jsonl])
    assert story.timeline.entries and story.figures
    # The articles do not hold their texts; the story reads them back from disk.
    assert all(a.text == "" for a in story.articles)
    texts = {a.id: story.text_of(a) for a in story.articles}
    assert all(texts.values())
    for entry in story.timeline.entries:
        for cited in entry.sentences:
            assert texts[cited.article][cited.start : cited.end] == cited.text


def test_the_bare_seeds_are_dated_from_the_story_the_same_way() -> None:
    story = _same([SEEDS])
    assert any(a.published_from == "inferred" for a in story.articles)


def test_many_documents_stream_through_the_pool_in_a_small_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document, "STREAM_WINDOW", 5)
    texts = [p.read_text("utf-8") for p in sorted(EXAMPLE.glob("*.txt"))]
    path = tmp_path / "story.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(90):
            text = texts[n % len(texts)].replace("the", f"the (report {n})", 1)
            handle.write(json.dumps({"id": str(n), "text": text, "published": f"2025-03-{1 + n % 20:02d}"}) + "\n")
        handle.write("{not json\n")
        handle.write(json.dumps(texts[0]) + "\n")  # a string, not a record
    story = _same([path], storyline.Settings(workers=2))
    fates = {r.source: r for r in story.report.inputs}
    assert len(fates) == 92
    assert fates[f"{path}:91"].reason is not None and "invalid JSON" in fates[f"{path}:91"].reason
    assert fates[f"{path}:92"].state == "skipped"


def test_a_junk_folder_gets_the_same_report(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    settings = storyline.Settings(max_bytes=100_000)
    memory = storyline.build([folder], settings.with_overrides(stream=False))
    flowing = storyline.build([folder], settings.with_overrides(stream=True))
    assert flowing.report.inputs == memory.report.inputs
    assert flowing.report.notes == memory.report.notes
    assert any(r.state == "skipped" for r in flowing.report.inputs)


def test_large_inputs_stream_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not streamed.should_stream([EXAMPLE], storyline.Settings())
    monkeypatch.setattr(streamed, "STREAM_ABOVE_BYTES", 1_000)
    assert streamed.should_stream([EXAMPLE], storyline.Settings())
    assert not streamed.should_stream([EXAMPLE], IN_MEMORY)
    # Settings that need every sentence at once do not stream unless told to.
    assert not streamed.should_stream([EXAMPLE], storyline.Settings(candidate_collector="pm-mean"))
    assert storyline.build([EXAMPLE]).texts is not None


@pytest.mark.parametrize("overrides", [{"candidate_collector": "pm-mean"}, {"engine": "dask"}])
def test_settings_that_cannot_stream_are_refused_with_the_reason(overrides: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="streamed build"):
        storyline.build([EXAMPLE], STREAMED.with_overrides(**overrides))
