"""Render a story as one self-contained HTML page. Every piece of article text is escaped."""

from __future__ import annotations

from importlib.resources import files

from jinja2 import Environment, select_autoescape

from storyline.model import Story
from storyline.render.json import story_dict
from storyline.render.markdown import source_numbers


def _environment() -> Environment:
    # Autoescape on: article text and titles are untrusted input.
    return Environment(autoescape=select_autoescape(default=True, default_for_string=True))


def render(story: Story) -> str:
    """The report page: timeline, summary, sources with dates, and the run report."""
    template_text = files("storyline.render").joinpath("templates/report.html.j2").read_text("utf-8")
    template = _environment().from_string(template_text)
    return template.render(
        story=story_dict(story, include_timings=True),
        numbers=source_numbers(story),
    )
