"""Render a story as one self-contained HTML page. Every piece of article text is escaped."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from jinja2 import Environment, select_autoescape

from storyline.model import Story
from storyline.render import figures as fig
from storyline.render.json import story_dict
from storyline.render.markdown import source_numbers


def _environment() -> Environment:
    # Autoescape on: article text and titles are untrusted input.
    return Environment(autoescape=select_autoescape(default=True, default_for_string=True))


def render(story: Story) -> str:
    """The report page: timeline, summary, sources with dates, and the run report."""
    template_text = files("storyline.render").joinpath("templates/report.html.j2").read_text("utf-8")
    template = _environment().from_string(template_text)
    data = story_dict(story, include_timings=True, include_texts=False)  # the page shows no whole text
    numbers = source_numbers(story)
    figures, quotes = figure_rows(data, numbers)
    events = {event["id"]: event for event in data["events"]}
    index = index_rows(data, events)
    anchors = {row["name"]: row["anchor"] for row in index}
    return template.render(story=data, numbers=numbers, figures=figures, quotes=quotes, events=events,
                           index=index, anchors=anchors)


def index_rows(data: dict[str, Any], events: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The Places and actors table: each name, its other spellings and the days it appears on."""
    return [
        {**entity, "anchor": f"e-{number}", "others": [v for v in entity["variants"] if v != entity["name"]],
         "days": list(dict.fromkeys(events[key]["date"] for key in entity["events"]))}
        for number, entity in enumerate(data["entities"], start=1)
    ]


def figure_rows(
    data: dict[str, Any], numbers: dict[str, int]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The Figures table's rows (shown figures, values in their sources' words, charts) and
    the quoted sentence behind every value, each split around its number for highlighting."""
    claims = {c["key"]: c for c in data["claims"]}
    quotes: list[dict[str, Any]] = []
    rows = []
    for figure in fig.shown(data["figures"]):
        values = []
        for value in figure["values"]:
            links = []
            for key in value["claims"]:
                claim = claims[key]
                sentence = claim["sentence"]
                cut, end = claim["start"] - claim["sentence_start"], claim["end"] - claim["sentence_start"]
                quotes.append({
                    "id": f"q-{len(quotes) + 1}", "figure": figure["id"], "before": sentence[:cut],
                    "number": sentence[cut:end], "after": sentence[end:], "outlet": claim["outlet"],
                    "source": numbers[claim["article"]],
                    "attributed_to": fig.sources({"sources": [claim["attributed_to"]]}),
                })
                links.append(quotes[-1]["id"])
            values.append({**value, "said": fig.said(value), "links": links, "by": fig.sources(value)})
        rows.append({**figure, "label": fig.label(figure), "values": values, "chart": fig.chart(figure),
                     "conservative": fig.number(figure["most_conservative"], figure["most_conservative"]),
                     "span": fig.number(*figure["range"])})
    return rows, quotes
