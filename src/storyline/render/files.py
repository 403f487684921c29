"""Write a story's three output files into a folder."""

from __future__ import annotations

from pathlib import Path

from storyline.model import Story
from storyline.render import html, json, markdown


def write_outputs(story: Story, out: Path) -> dict[str, Path]:
    """Write timeline.json, timeline.md and report.html into `out`; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "json": out / "timeline.json",
        "markdown": out / "timeline.md",
        "html": out / "report.html",
    }
    with paths["json"].open("w", encoding="utf-8") as handle:
        json.write(story, handle)
    paths["markdown"].write_text(markdown.render(story), encoding="utf-8")
    paths["html"].write_text(html.render(story), encoding="utf-8")
    return paths
