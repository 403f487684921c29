"""Reconcile figures across a story's articles: which claims count the same thing, and
whether their sources agree, conflict, or report a toll that grows as days pass.

Claims count the same thing when they have the same measure, compatible groups of people
("people" covers any group; "civilians" and "children" differ), no conflicting place, the
same hypothetical standing, and overlapping periods: a stated day or period, else the days
around the article's publication. A cumulative count ("since the assault began Sunday")
only groups with other cumulative counts. Two figures of one sentence are always different
counts ("40 civilians ... among them 22 children"), and so are figures of one article with
different stated days (a day's toll is a part of the article's total, not a rival to it).

Within a group, values that share a point agree; values that do not are an evolving toll
when ordering them by the day they held makes them grow, otherwise a conflict.
"""

from __future__ import annotations

import math
from bisect import bisect_left, insort
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.model import Article, Claim, Figure, FigureStatus, FigureValue, Who

# How far past an open bound a figure may go and still agree with it: "at least 32" agrees
# with 40 but conflicts with 50 (the Atmeh bombing in the seeds, 32 per the Observatory and
# 50 per the group that claimed it); "nearly 100" agrees with 80. Chosen on the development
# part of the claims gold set, where it separates every annotated agree from every conflict.
OPEN_BOUND_REACH = 1.25
# Two sources of one article that give figures this far apart for the same day count
# different things (one place against the whole country), not the same thing differently.
SAME_SCOPE_RATIO = 3.0
# Running totals ("the toll rose to", "so far", "since March") reported this close together
# are read as one series (an evolving toll).
RUNNING_TOTAL_REACH = timedelta(days=45)
# A toll repeated word for word by reports this close together is one count, not a new one
# each day; below REPEATED_TOLL_MIN equal figures are too often a coincidence.
REPEATED_TOLL_REACH = timedelta(days=14)
REPEATED_TOLL_MIN = 10
# A figure without a stated day is taken to cover the day before its article and the day
# itself (news reports yesterday's and today's toll).
UNDATED_REACH = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Placed:
    claim: Claim
    start: date | None
    end: date | None
    cumulative: bool
    published: date | None
    outlets: tuple[str, ...]


def reconcile(claims: Sequence[Claim], articles: dict[str, Article]) -> list[Figure]:
    """Group a story's claims into figures, each with its values, sources and status."""
    placed = sorted(
        (_place(claim, articles[claim.article]) for claim in claims),
        key=lambda p: (p.published or date.max, p.claim.article, p.claim.start),
    )
    groups = _group(placed)
    groups.sort(key=lambda g: min((p.claim.article, p.claim.start) for p in g))
    order = {key: n for n, key in enumerate(dict.fromkeys(c.article for c in claims))}
    groups.sort(key=lambda g: min((order[p.claim.article], p.claim.start) for p in g))
    return [_figure(f"fig-{n}", group) for n, group in enumerate(groups, start=1)]


def _group(placed: list[_Placed]) -> list[list[_Placed]]:
    """Each claim joins the first group (in the order groups were opened) whose every member
    counts the same thing, else opens a group.

    Only groups that can possibly take the claim are tried: same measure family and
    hypothetical standing, and a first member of the same article or one whose period ends
    late enough. A story of thousands of articles has thousands of groups, and trying each one
    made this quadratic (6 s for the 4,000 Timeline17 articles, now a fraction of a second).
    """
    groups: list[list[_Placed]] = []
    # What every member of a group must fit (`_measure_fits`, `_who_fits`), kept per group so
    # that a group with a member the claim cannot fit is skipped without trying them all:
    # the measures other than "killed_or_wounded", and the groups of people other than "people".
    measures: list[set[str]] = []
    named: list[set[str]] = []
    by_article: dict[tuple[object, ...], dict[str, list[int]]] = {}
    by_end: dict[tuple[object, ...], list[tuple[date, int]]] = {}
    for item in placed:
        key = _group_key(item.claim)
        ends = by_end.setdefault(key, [])
        same_article = by_article.setdefault(key, {}).setdefault(item.claim.article, [])
        tried = list(same_article)
        if item.start is not None and item.end is not None:
            # Another article's first member must end on or after this bound (_same_thing:
            # overlapping periods, or ends at most one of the two reaches apart).
            bound = min(item.start, item.end - max(RUNNING_TOTAL_REACH, REPEATED_TOLL_REACH))
            tried += [index for _, index in ends[bisect_left(ends, (bound, -1)):]]
        measure: set[str] = set() if item.claim.measure == "killed_or_wounded" else {item.claim.measure}
        who: set[str] = set() if item.claim.who == "people" else {item.claim.who}
        for index in sorted(set(tried)):
            if (measure and not measures[index] <= measure) or (who and not named[index] <= who):
                continue  # a member counts another thing or other people
            if all(_same_thing(item, other) for other in groups[index]):
                groups[index].append(item)
                measures[index] |= measure
                named[index] |= who
                break
        else:
            same_article.append(len(groups))
            if item.start is not None and item.end is not None:
                insort(ends, (item.end, len(groups)))
            groups.append([item])
            measures.append(measure)
            named.append(who)
    return groups


def _group_key(claim: Claim) -> tuple[object, ...]:
    # A necessary condition of _same_thing: hypothetical alike and measures that may match.
    loose = claim.measure in ("killed", "wounded", "killed_or_wounded")
    return claim.hypothetical, "harm" if loose else claim.measure


def _place(claim: Claim, article: Article) -> _Placed:
    outlets = tuple(dict.fromkeys(o for o in (article.outlet, *article.copy_outlets) if o))
    start, end = _period(claim.when)
    if start is None and article.published is not None:
        start, end = article.published - UNDATED_REACH, article.published
    return _Placed(claim, start, end, claim.cumulative, article.published, outlets)


def _period(value: str | None) -> tuple[date | None, date | None]:
    if not value:
        return None, None
    first, _, last = value.partition("/")
    start = _bounds(first)[0]
    end = _bounds(last or first)[1]
    return start, end


def _bounds(value: str) -> tuple[date | None, date | None]:
    """First and last day of a resolved value (day, month or year; weeks and quarters are
    not used for figures)."""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            day = date.fromisoformat(value)
            return day, day
        if len(parts) == 2 and parts[1].isdigit():
            first = date(int(parts[0]), int(parts[1]), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        if len(parts) == 1 and value.isdigit():
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        pass
    return None, None


def _same_thing(a: _Placed, b: _Placed) -> bool:
    x, y = a.claim, b.claim
    if not _measure_fits(x, y) or x.hypothetical != y.hypothetical or not _who_fits(x.who, y.who):
        return False
    if x.article == y.article and x.sentence_start == y.sentence_start:
        return False
    if x.where and y.where and x.where not in y.where and y.where not in x.where:
        return False
    if x.article == y.article:
        # One source rarely contradicts itself: two different figures it gives in one article
        # are parts or different counts ("71 on Tuesday and Wednesday", "at least 84" in all).
        # Two sources of one article with different figures for the same day do conflict
        # (the Atmeh bombing: 32 per the Observatory, 50 per the group that claimed it).
        if _compatible(x, y):
            return x.when == y.when or None in (x.when, y.when)
        return x.attributed_to != y.attributed_to and x.when == y.when and _comparable(x, y)
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return False
    if (x.low, x.high) == (y.low, y.high) and x.when is None and y.when is None \
            and (_point(x.low, x.high) or 0) >= REPEATED_TOLL_MIN \
            and abs((a.end - b.end).days) <= REPEATED_TOLL_REACH.days:
        return True  # the same toll repeated by later reports ("at least 14 killed")
    if a.cumulative != b.cumulative:
        return False
    if a.cumulative:
        # Running totals of one story are one series while they are reported.
        return abs((a.end - b.end).days) <= RUNNING_TOTAL_REACH.days
    return a.start <= b.end and b.start <= a.end


def _compatible(x: Claim, y: Claim) -> bool:
    return _share_a_point([_implied(x.low, x.high), _implied(y.low, y.high)])


def _comparable(x: Claim, y: Claim) -> bool:
    """Figures of one scope: within a factor of SAME_SCOPE_RATIO of each other."""
    a, b = _point(x.low, x.high), _point(y.low, y.high)
    return a is not None and b is not None and max(a, b) <= SAME_SCOPE_RATIO * max(1, min(a, b))


def _measure_fits(x: Claim, y: Claim) -> bool:
    # "Casualties" is used loosely for the dead alone as often as for dead and wounded.
    loose = {"killed", "wounded", "killed_or_wounded"}
    return x.measure == y.measure or ("killed_or_wounded" in (x.measure, y.measure)
                                      and {x.measure, y.measure} <= loose)


def _who_fits(a: Who, b: Who) -> bool:
    return a == b or "people" in (a, b)


def _figure(key: str, group: list[_Placed]) -> Figure:
    values = _values(group)
    points = [_point(v.low, v.high) for v in values]
    known = [p for p in points if p is not None]
    highs = [v.high if v.high is not None else v.low for v in values]
    first = group[0].claim
    # The most specific group any source names ("fighters" is vaguer than "people").
    named = [p.claim.who for p in group if p.claim.who not in ("people", "other")]
    who = named[0] if named else ("people" if any(p.claim.who == "people" for p in group) else first.who)
    where = next((p.claim.where for p in group if p.claim.where), None)
    return Figure(
        id=key,
        measure=first.measure,
        who=who,
        where=where,
        status=_status(group, values),
        values=values,
        conservative=min(known) if known else None,
        low=min(known) if known else None,
        high=max((h for h in highs if h is not None), default=None),
        hypothetical=first.hypothetical,
    )


def _values(group: list[_Placed]) -> tuple[FigureValue, ...]:
    merged: dict[tuple[int | None, int | None], list[_Placed]] = {}
    for item in group:
        merged.setdefault((item.claim.low, item.claim.high), []).append(item)
    values = []
    for (low, high), items in merged.items():
        claims = [i.claim for i in items]
        as_of = max((i.end for i in items if i.end is not None), default=None)
        values.append(
            FigureValue(
                low=low,
                high=high,
                qualifier=claims[0].qualifier,
                text=claims[0].text,
                claims=tuple(c.key for c in claims),
                outlets=tuple(dict.fromkeys(o for i in items for o in i.outlets)),
                sources=tuple(dict.fromkeys(c.attributed_to for c in claims)),
                as_of=as_of.isoformat() if as_of else None,
            )
        )
    values.sort(key=lambda v: (v.as_of or "", _point(v.low, v.high) or 0))
    return tuple(values)


def _point(low: int | None, high: int | None) -> int | None:
    return low if low is not None else high


def _status(group: list[_Placed], values: tuple[FigureValue, ...]) -> FigureStatus:
    if len(group) == 1:
        return "single"
    if _share_a_point(values):
        return "agree"
    days = {v.as_of for v in values}
    if len(days) > 1 and _grows(values):
        return "evolving"
    return "conflict"


def _share_a_point(values: Sequence[FigureValue | tuple[int | None, int | None]]) -> bool:
    """Whether the values' ranges, read as a source would mean them (`_implied`), overlap."""
    ranges = [_implied(v.low, v.high) if isinstance(v, FigureValue) else v for v in values]
    top = max((low for low, _ in ranges if low is not None), default=0)
    bottom = min((high for _, high in ranges if high is not None), default=None)
    return bottom is None or top <= bottom


def _implied(low: int | None, high: int | None) -> tuple[int | None, int | None]:
    """An open bound as a source means it: "at least 32" is not a way of saying 50 (a source
    that counted far more would say so), "nearly 100" not a way of saying 40."""
    if high is None and low is not None:
        return low, math.floor(low * OPEN_BOUND_REACH)
    if low is None and high is not None:
        return math.ceil(high / OPEN_BOUND_REACH), high
    return low, high


def _grows(values: tuple[FigureValue, ...]) -> bool:
    """Ordered by the day they held, each day's values agree among themselves and none
    is below an earlier day's."""
    by_day: dict[str | None, list[FigureValue]] = {}
    for value in values:
        by_day.setdefault(value.as_of, []).append(value)
    previous = -1
    for day in sorted(by_day, key=lambda d: d or ""):
        same_day = by_day[day]
        if not _share_a_point(same_day):
            return False
        point = max(_point(v.low, v.high) or 0 for v in same_day)
        if point < previous:
            return False
        previous = point
    return True
