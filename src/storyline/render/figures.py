"""What the Markdown and HTML renderers share about figures: labels, ordering, the values
as a reader says them, and the small chart of an evolving toll."""

from __future__ import annotations

from datetime import date
from typing import Any

# Figures shown in the report (all of them are in timeline.json).
MAX_SHOWN = 40
_WHO = {
    "civilians": "civilians", "children": "children", "women": "women",
    "fighters_rebel": "rebel fighters", "fighters_government": "government forces",
    "fighters_is": "Islamic State fighters", "people": "people", "other": "others",
}
_MEASURE = {
    "killed": "killed", "wounded": "wounded", "killed_or_wounded": "killed or wounded",
    "displaced": "displaced", "trapped": "trapped", "evacuated": "evacuated",
    "missing": "missing", "rescued": "rescued", "detained": "detained", "other": "affected",
}
_STATUS_ORDER = {"conflict": 0, "evolving": 1, "agree": 2, "single": 3}


def label(figure: dict[str, Any]) -> str:
    """'civilians killed in Aleppo' for a figure dict of timeline.json."""
    text = f"{_WHO[figure['who']]} {_MEASURE[figure['measure']]}"
    if figure["where"]:
        text += f" in {figure['where']}"
    if figure["hypothetical"]:
        text += " (forecast or fear)"
    return text


def number(low: int | None, high: int | None) -> str:
    """A value's bounds as a reader says them: '84', 'at least 84', 'up to 300,000', '24-99'."""
    if low is not None and high is not None:
        return f"{low:,}" if low == high else f"{low:,}–{high:,}"
    if low is not None:
        return f"at least {low:,}"
    if high is not None:
        return f"up to {high:,}"
    return "?"


def said(value: dict[str, Any]) -> str:
    """A value in its source's words, with the bounds when the words are vague:
    'at least 84', 'Some 50 (45–55)', 'dozens (24–99)'."""
    words = " ".join(value["text"].split())
    if value["qualifier"] in ("about", "vague", "range") and value["low"] is not None:
        return f"{words} ({number(value['low'], value['high'])})"
    return words


def sources(value: dict[str, Any]) -> str:
    """Who a value is attributed to, in words ("outlet" is the outlet speaking for itself)."""
    return ", ".join("the outlet itself" if s == "outlet" else s for s in value["sources"])


def shown(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The figures worth a reader's glance first: disagreements and series, then the most
    widely reported, at most MAX_SHOWN."""
    def weight(figure: dict[str, Any]) -> tuple[int, int, int]:
        claims = sum(len(v["claims"]) for v in figure["values"])
        return (_STATUS_ORDER[figure["status"]], -claims, -(figure["most_conservative"] or 0))

    return sorted(figures, key=weight)[:MAX_SHOWN]


def chart(figure: dict[str, Any], width: int = 180, height: int = 44) -> dict[str, Any] | None:
    """Points of an evolving toll's line (SVG coordinates), with its first and last labels;
    None for a figure that is not a series of dated values."""
    dated = [(date.fromisoformat(v["as_of"]), v["low"] if v["low"] is not None else v["high"])
             for v in figure["values"] if v["as_of"]]
    dated = [(day, value) for day, value in dated if value is not None]
    if figure["status"] != "evolving" or len(dated) < 2:
        return None
    first, last = dated[0][0], dated[-1][0]
    span = max(1, (last - first).days)
    top = max(value for _, value in dated) or 1
    pad = 4
    points = [
        (round(pad + (day - first).days / span * (width - 2 * pad), 1),
         round(height - pad - value / top * (height - 2 * pad), 1), value, day.isoformat())
        for day, value in dated
    ]
    return {"width": width, "height": height,
            "line": " ".join(f"{x},{y}" for x, y, _, _ in points),
            "points": [{"x": x, "y": y, "title": f"{day}: {value:,}"} for x, y, value, day in points],
            "from": first.isoformat(), "to": last.isoformat()}
