"""What the pages show, computed from a story's view data: pure functions, no I/O.

Article text is never formatted here: it is cut into plain segments that the templates
escape, so the markup around a highlighted span can never come from the article.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from storyline.render import figures as fig

# The coverage chart: at most this many bars (days, else weeks, else months), this many
# outlets with a colour of their own (the rest are "other").
MAX_BARS = 120
CHART_OUTLETS = 8
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 1000, 90, 22
CHART_TICKS = 6  # dates labelled under the bars
# Sources listed on the story page (all are in the API's article list).
MAX_SOURCES_SHOWN = 300


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of an article's text; `kind` is "cite" (quoted on the timeline, `date` is its
    entry), "hit" (the span a link pointed at) or "" for plain text."""

    text: str
    kind: str = ""
    date: str | None = None
    anchor: str | None = None


def outlets(view: dict[str, Any]) -> list[tuple[str, int]]:
    """The story's outlets with their article counts (copies included), most first."""
    counts: Counter[str] = Counter()
    for article in view["articles"]:
        for outlet in dict.fromkeys([article["outlet"], *article["also_carried_by"]]):
            if outlet:
                counts[outlet] += 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def filter_timeline(
    view: dict[str, Any], outlet: str | None, start: date | None, end: date | None
) -> list[dict[str, Any]]:
    """Timeline entries within the dates and, with an outlet, the days it reported on."""
    entries = []
    for entry in view["timeline"]:
        day = date.fromisoformat(entry["date"])
        if (start and day < start) or (end and day > end):
            continue
        if outlet and outlet not in entry["outlets"] and all(c["outlet"] != outlet for c in entry["sentences"]):
            continue
        entries.append(entry)
    return entries


def coverage_chart(view: dict[str, Any]) -> dict[str, Any] | None:
    """Articles per day (or week, or month) by outlet, as stacked bars for an inline SVG."""
    dated = [(date.fromisoformat(a["published"]), a["outlet"] or "unknown") for a in view["articles"] if a["published"]]
    if not dated:
        return None
    first, last = min(d for d, _ in dated), max(d for d, _ in dated)
    unit, bins = _bins(first, last)
    top = [name for name, _ in Counter(o for _, o in dated).most_common(CHART_OUTLETS)]
    counts: dict[date, Counter[str]] = {}
    for day, outlet in dated:
        counts.setdefault(_bin_start(day, unit), Counter())[outlet if outlet in top else "other"] += 1
    names = top + (["other"] if any("other" in c for c in counts.values()) else [])
    tallest = max(sum(c.values()) for c in counts.values())
    width = (CHART_WIDTH - CHART_PAD) / len(bins)
    bars = []
    for n, start in enumerate(bins):
        stack = counts.get(start, Counter())
        y = float(CHART_HEIGHT)
        end = _bin_end(start, unit)
        for index, name in enumerate(names):
            if not stack[name]:
                continue
            height = stack[name] / tallest * (CHART_HEIGHT - 4)
            y -= height
            bars.append({
                "x": round(CHART_PAD + n * width, 2), "y": round(y, 2), "width": round(max(width - 1, 1), 2),
                "height": round(height, 2), "colour": index if name != "other" else "other",
                "title": f"{_label(start, unit)}: {stack[name]} article(s) from {name}",
                "start": start.isoformat(), "end": end.isoformat(),
            })
    step = max(1, round(len(bins) / CHART_TICKS))
    ticks = [{"x": round(CHART_PAD + (n + 0.5) * width, 2), "label": _label(start, unit).removeprefix("week of ")}
             for n, start in enumerate(bins) if n % step == 0]
    return {"bars": bars, "ticks": ticks, "width": CHART_WIDTH, "height": CHART_HEIGHT, "pad": CHART_PAD, "unit": unit,
            "tallest": tallest, "first": first.isoformat(), "last": last.isoformat(),
            "legend": [{"name": name, "colour": i if name != "other" else "other"} for i, name in enumerate(names)]}


def figure_rows(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The figures worth a first look, each value linked to the sentences that report it."""
    claims = {c["key"]: c for c in view["claims"]}
    rows = []
    for figure in fig.shown(view["figures"]):
        values = []
        for value in figure["values"]:
            quotes = [claims[key] for key in value["claims"] if key in claims]
            values.append({**value, "said": fig.said(value), "by": fig.sources(value), "quotes": quotes})
        rows.append({**figure, "label": fig.label(figure), "values": values, "chart": fig.chart(figure),
                     "conservative": fig.number(figure["most_conservative"], figure["most_conservative"]),
                     "span": fig.number(*figure["range"])})
    return rows


def citations_of(view: dict[str, Any], article_id: str) -> list[tuple[int, int, str]]:
    """The spans of an article quoted on the timeline, with their entry's date."""
    spans = {}
    for entry in view["timeline"]:
        for citation in entry["sentences"]:
            if citation["article"] == article_id:
                spans[(citation["start"], citation["end"])] = entry["date"]
    return sorted((start, end, day) for (start, end), day in spans.items())


def paragraphs(text: str, cited: list[tuple[int, int, str]], hit: tuple[int, int] | None) -> list[list[Segment]]:
    """The text as paragraphs of segments, quoted spans and the pointed-at span marked."""
    marks: list[tuple[int, int, str, str | None]] = [(s, e, "cite", d) for s, e, d in cited]
    if hit is not None and 0 <= hit[0] < hit[1] <= len(text):
        # The span followed replaces the quotes it overlaps, keeping the date of one it equals.
        same = next((day for start, end, _, day in marks if (start, end) == hit), None)
        marks = [m for m in marks if m[1] <= hit[0] or m[0] >= hit[1]] + [(hit[0], hit[1], "hit", same)]
    marks.sort()
    result: list[list[Segment]] = []
    position = 0
    for block in text.split("\n\n"):
        start, end = position, position + len(block)
        position = end + 2
        segments, cursor = [], start
        for m_start, m_end, kind, day in marks:
            if m_end <= cursor or m_start >= end:
                continue
            m_start, m_end = max(m_start, cursor), min(m_end, end)
            if m_start > cursor:
                segments.append(Segment(text[cursor:m_start]))
            anchor = "hit" if kind == "hit" else f"c-{m_start}"
            segments.append(Segment(text[m_start:m_end], kind, day, anchor))
            cursor = m_end
        if cursor < end:
            segments.append(Segment(text[cursor:end]))
        if any(s.text.strip() for s in segments):
            result.append(segments)
    return result


def hit_span(value: str | None) -> tuple[int, int] | None:
    """`120-214` from a link as a span, None when absent or malformed."""
    if not value:
        return None
    first, _, second = value.partition("-")
    if not (first.isdigit() and second.isdigit()):
        return None
    return int(first), int(second)


def safe_url(url: str | None) -> str | None:
    """An article's URL when it is a web address (never `javascript:` or `data:`)."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def api_docs(openapi: dict[str, Any]) -> list[dict[str, Any]]:
    """The operations of an OpenAPI document, for the /docs page."""
    operations = []
    for path, methods in openapi.get("paths", {}).items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {})
            operations.append({
                "method": method.upper(), "path": path, "summary": operation.get("summary", ""),
                "description": operation.get("description", ""),
                "parameters": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                "type": p.get("schema", {}).get("type", ""), "description": p.get("description", "")}
                               for p in operation.get("parameters", [])],
                "body": sorted(body), "responses": sorted(operation.get("responses", {})),
            })
    return operations


def _bins(first: date, last: date) -> tuple[str, list[date]]:
    days = (last - first).days + 1
    if days <= MAX_BARS:
        return "day", [first + timedelta(days=n) for n in range(days)]
    if days / 7 <= MAX_BARS:
        start = _bin_start(first, "week")
        return "week", [start + timedelta(weeks=n) for n in range((last - start).days // 7 + 1)]
    months = []
    current = _bin_start(first, "month")
    while current <= last:
        months.append(current)
        current = _bin_end(current, "month") + timedelta(days=1)
    return "month", months


def _bin_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _bin_end(start: date, unit: str) -> date:
    if unit == "week":
        return start + timedelta(days=6)
    if unit == "month":
        following = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
        return following - timedelta(days=1)
    return start


def _label(start: date, unit: str) -> str:
    if unit == "week":
        return f"week of {start.isoformat()}"
    if unit == "month":
        return start.strftime("%Y-%m")
    return start.isoformat()
