"""Find time expressions in news text and resolve them to absolute values.

Hand-written on purpose: dateparser parses a date string well but cannot find expressions
in running text with exact spans, tell "will meet on Saturday" from "met on Saturday", or
resolve "a day later" against the date mentioned just before. News wording is regular
enough for a compact grammar (timex_grammar.py); this module gives each form its meaning.
The rules are listed in docs/temporal.md.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from storyline.annotate import timex_grammar as g
from storyline.model import Granularity, TimeMention

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS["sept"] = 9
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "fifteen": 15, "twenty": 20, "thirty": 30,
}
SEASON_QUARTER = {"spring": 2, "summer": 3, "autumn": 4, "fall": 4, "winter": 1}
ORDINAL_QUARTER = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                   "fourth": 4, "4th": 4, "final": 4}
# Mentions below this confidence are reported but not used to date a sentence.
MIN_DATING_CONFIDENCE = 0.8
# With no tense to go by, a month or day named without a year may lie up to this far after
# the publication date ("a concert in October" in a July article) before we take last year.
NEAR_FUTURE = timedelta(days=92)
# An earlier full date within this many characters lends its year to a date without one
# (timelines and retrospectives: "May 23, 2001 - ... July 3 - ...").
CONTEXT_YEAR_WINDOW = 300

Tense = Literal["future", "past"] | None
# The year of a date written without one (month, day or None for a whole month) when there
# is no publication date, with how it was found; None when it cannot be told. The undated-
# article step builds one from the article's own full dates or from the story's other articles.
YearFor = Callable[[int, int | None], tuple[int, str] | None]
# A date whose year came from a YearFor is good enough to date a sentence, a little less so
# than one completed from a known publication date.
YEAR_FOR_CONFIDENCE = 0.85


@dataclass(slots=True)
class _Context:
    text: str
    published: date | None
    day_first: bool | None
    year_for: YearFor | None = None
    mentions: list[TimeMention] = field(default_factory=list)


def find_mentions(
    text: str, published: date | None, day_first: bool | None = None,
    year_for: YearFor | None = None, matches: Sequence[re.Match[str]] | None = None,
) -> list[TimeMention]:
    """All time expressions in `text`, resolved against `published` and earlier mentions;
    without `published`, `year_for` may complete dates written without a year. `matches`
    are the grammar's matches in `text` when already found (`scan`): resolving one text
    several ways then costs one scan, the expensive part."""
    ctx = _Context(text, published, day_first, year_for)
    for match in g.MASTER.finditer(text) if matches is None else matches:
        kind = match.lastgroup
        if kind is None:
            continue
        result = _RESOLVERS[kind](match, ctx)
        if result is not None:
            start, value, granularity, how, confidence = result
            end = match.end(kind)
            ctx.mentions.append(
                TimeMention(start, end, text[start:end], value, granularity, how, confidence)
            )
    return clock_times(text, ctx.mentions, published)


# A clock time resolved against a day named earlier, or the publication day, is tagged but too
# weak to date a sentence by (the day it hangs on, when confident, already does).
CLOCK_CONFIDENCE = {"clock-time, relative-to-mention": 0.75, "clock-time, relative-to-publication": 0.6}


def clock_times(text: str, mentions: list[TimeMention], published: date | None) -> list[TimeMention]:
    """`mentions` with the clock times of `text` added, in order: each takes the day of the
    date beside it ("3 p.m. Sunday"), else of the latest day named before it in its paragraph
    or the one before, else the publication day."""
    days = [m for m in mentions if m.granularity == "day"]
    found: list[TimeMention] = []
    for match in g.CLOCK.finditer(text):
        start, end = match.span()
        if any(m.start < end and start < m.end for m in mentions):
            continue
        beside = next((m for m in days if _beside(text, m, start, end)), None)
        if match["bare"] and beside is None and not g.CLOCK_CUE.search(text[max(0, start - 12) : start]):
            continue  # "14:30" alone may be a score or a ratio
        if beside is not None:
            value, how, confidence = beside.value, "clock-time, day beside it", beside.confidence
        else:
            earlier = _earlier_day(text, days, start)
            if earlier is not None:
                value, how = earlier.value, "clock-time, relative-to-mention"
            elif published is not None:
                value, how = published.isoformat(), "clock-time, relative-to-publication"
            else:
                continue
            confidence = CLOCK_CONFIDENCE[how]
        found.append(TimeMention(start, end, text[start:end], value, "day", how, confidence))
    return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions


def _beside(text: str, mention: TimeMention, start: int, end: int) -> bool:
    gap = text[mention.end : start] if mention.end <= start else text[end : mention.start]
    return len(gap) <= 8 and g.CLOCK_GAP.match(gap) is not None


def _earlier_day(text: str, days: list[TimeMention], position: int) -> TimeMention | None:
    previous_start = _previous_paragraph(text, position)
    before = [m for m in days if previous_start <= m.start and m.end <= position
              and m.confidence >= MIN_DATING_CONFIDENCE]
    return before[-1] if before else None


_Result = tuple[int, str, Granularity, str, float] | None


def scan(text: str) -> list[re.Match[str]]:
    """The grammar's matches in `text`, for `find_mentions(..., matches=...)`."""
    return list(g.MASTER.finditer(text))


# --- helpers --------------------------------------------------------------------------

def _count(word: str) -> int | None:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _shift(day: date, n: int, unit: str) -> date:
    unit = _unit(unit)
    if unit == "day":
        return day + timedelta(days=n)
    if unit == "week":
        return day + timedelta(weeks=n)
    months = n * (12 if unit == "year" else 1)
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _unit(unit: str) -> str:
    unit = unit.lower().rstrip("s")
    return {"hr": "hour", "min": "minute"}.get(unit, unit)


def _format(day: date, granularity: Granularity) -> str:
    if granularity == "day":
        return day.isoformat()
    if granularity == "week":
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year:04d}"


def _granularity(unit: str) -> Granularity:
    return {"day": "day", "week": "week", "month": "month", "year": "year"}[_unit(unit)]  # type: ignore[return-value]


def _tense(ctx: _Context, start: int) -> Tense:
    """Future or past, from the words of the clause before position `start`."""
    before = ctx.text[max(0, start - 120) : start]
    breaks = list(g.CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    if g.FUTURE_CUE.search(clause):
        return "future"
    for cue in g.PAST_CUE.finditer(clause):
        if cue["verb"] is None:
            return "past"
        previous = clause[: cue.start()].split()
        if not previous or previous[-1].lower() not in g.NOT_PAST_BEFORE_ED:
            return "past"
    return None


def tense_at(text: str, start: int) -> Tense:
    """Future or past for an expression starting at `start`, from its clause's words."""
    return _tense(_Context(text, None, None), start)


def _checked(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _capitalised(word: str) -> bool:
    # Month names are capitalised in news text; "may" and "march" in lower case are verbs.
    return word[:1].isupper()


def _previous(ctx: _Context) -> TimeMention | None:
    return ctx.mentions[-1] if ctx.mentions else None


def _anchor(ctx: _Context, position: int) -> TimeMention | None:
    """The latest confident mention in this paragraph, or in the one before when this
    paragraph has none before `position` (wire copy often has one sentence a paragraph)."""
    previous_start = _previous_paragraph(ctx.text, position)
    for mention in reversed(ctx.mentions):
        if mention.start < previous_start:
            return None
        if mention.confidence >= MIN_DATING_CONFIDENCE and mention.granularity != "week":
            return mention
    return None


def _previous_paragraph(text: str, position: int) -> int:
    """Where the paragraph before the one holding `position` starts (0 for the first)."""
    paragraph_start = text.rfind("\n\n", 0, position) + 1
    return text.rfind("\n\n", 0, max(paragraph_start - 1, 0)) + 1


def _context_year(ctx: _Context, position: int, end: int) -> tuple[int, str] | None:
    """A year for a date written without one: shared with a coordinated date ("January and
    March 2003"), "of that year", or lent by a full date just before."""
    after = g.COORDINATED_YEAR.match(ctx.text, end)
    if after is not None and after["year"]:
        return int(after["year"]), "explicit, year from coordinated date"
    if after is not None and ctx.published is not None:
        offset = {"last": -1, "this": 0, "next": 1}[after["rel"].lower()]
        return ctx.published.year + offset, "explicit, year from coordinated date"
    for mention in reversed(ctx.mentions):
        if position - mention.end > CONTEXT_YEAR_WINDOW:
            break
        if mention.how == "explicit" and mention.granularity in ("day", "month"):
            return int(mention.value[:4]), "explicit, year from earlier date"
    return None


def _year_for(ctx: _Context, start: int, month: int, day: int | None = None) -> int:
    """The year of a month (and day) named without one, from tense and publication date."""
    assert ctx.published is not None
    published = ctx.published
    if day is None:  # a whole month: compare the starts of months
        candidate, reference = date(published.year, month, 1), published.replace(day=1)
    else:
        candidate, reference = date(published.year, month, min(day, 28)), published
    limit = g.LIMIT_WORDS.search(ctx.text[max(0, start - 12) : start]) is not None
    tense = None if limit else _tense(ctx, start)
    if tense == "future":
        return published.year + (1 if candidate < reference else 0)
    if tense == "past":
        return published.year - (1 if candidate > reference else 0)
    return published.year - (1 if candidate > reference + NEAR_FUTURE else 0)


# --- resolvers: each returns (start, value, granularity, how, confidence) or None -------

def _ago(m: re.Match[str], ctx: _Context) -> _Result:
    n = _count(m["ago_n"])
    if ctx.published is None or n is None:
        return None
    unit = _unit(m["ago_u"])
    if unit in ("hour", "minute"):
        return m.start("ago"), ctx.published.isoformat(), "day", "relative-to-publication", 0.9
    granularity = _granularity(unit)
    day = _shift(ctx.published, -n, unit)
    return m.start("ago"), _format(day, granularity), granularity, "relative-to-publication", 1.0


# A day anchored on a happening dates its sentence, as a day anchored on a date does, a little
# less surely (the happening found may be another one of the same name).
EVENT_CONFIDENCE = 0.9
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10}


def _event(m: re.Match[str], ctx: _Context) -> _Result:
    """"two days after the attack": the day the text gave the attack, shifted; "the third day
    of the siege": its first day plus two. Untagged when the text names no day for it before
    (a wrong date is worse than none)."""
    word = m["ev_w"] or m["nd_w"]
    anchor = _event_day(ctx, word, m.start("event"))
    if anchor is None:
        return None
    start = m.start("event")
    if m["nd_n"]:
        ordinal = m["nd_n"].lower()
        n = _ORDINALS.get(ordinal) or int(re.sub(r"\D", "", ordinal) or 0)
        if not n:
            return None
        return start, (anchor + timedelta(days=n - 1)).isoformat(), "day", "relative-to-event", EVENT_CONFIDENCE
    count = 1 if m["ev_n"].lower() == "the" else _count(m["ev_n"])
    if count is None:
        return None
    sign = 1 if m["ev_d"].lower() == "after" else -1
    unit = _unit(m["ev_u"])
    if unit == "hour":
        count, unit = count // 24, "day"
    granularity: Granularity = "day" if unit in ("day", "week") else _granularity(unit)
    value = _format(_shift(anchor, sign * count, unit), granularity)
    return start, value, granularity, "relative-to-event", EVENT_CONFIDENCE


def _event_day(ctx: _Context, word: str, position: int) -> date | None:
    """The day of the latest confident day mention before `position` whose sentence names
    the happening (the same word, singular or plural: "the January 12 earthquake", "clashes
    erupted Saturday")."""
    stem = re.sub(r"e?s$", "", word.lower())
    named = re.compile(rf"{re.escape(stem)}(?:e?s)?\b", re.IGNORECASE)
    for mention in reversed(ctx.mentions):
        if mention.granularity != "day" or mention.confidence < MIN_DATING_CONFIDENCE or mention.end > position \
                or mention.how == "relative-to-event":
            continue  # a day anchored on a happening is not where the happening is dated
        first = max(ctx.text.rfind(". ", 0, mention.start), ctx.text.rfind("\n", 0, mention.start)) + 1
        stops = [i for i in (ctx.text.find(". ", mention.end), ctx.text.find("\n", mention.end)) if i >= 0]
        last = min([*stops, position])
        if named.search(ctx.text, first, last):
            return date.fromisoformat(mention.value)
    return None


def _shifted(m: re.Match[str], ctx: _Context) -> _Result:
    n = _count(m["sh_n"])
    if n is None:
        return None
    sign = 1 if m["sh_d"].lower() in ("later", "after", "afterwards") else -1
    return _from_anchor(m.start("shift"), sign * n, m["sh_u"], ctx)


def _next(m: re.Match[str], ctx: _Context) -> _Result:
    direction = (m["nx_d"] or m["nx_d2"] or m["nx_d3"]).lower()
    unit = m["nx_u"] or m["nx_u2"] or "day"  # a part of a day: its day
    sign = {"next": 1, "following": 1, "after": 1, "same": 0}.get(direction, -1)
    return _from_anchor(m.start("next"), sign, unit, ctx)


def _from_anchor(start: int, n: int, unit: str, ctx: _Context) -> _Result:
    granularity = _granularity(unit)
    anchor = _anchor(ctx, start)
    order = ["day", "week", "month", "quarter", "year"]
    if anchor is not None and anchor.granularity != "quarter" \
            and order.index(anchor.granularity) <= order.index(granularity):
        base = _mention_start(anchor)
        if granularity == "week" and anchor.granularity == "day":
            granularity = "day"  # "a week later" than a known day is a day
        value = _format(_shift(base, n, unit), granularity)
        return start, value, granularity, "relative-to-mention", 1.0
    if ctx.published is None:
        return None
    value = _format(_shift(ctx.published, n, unit), granularity)
    return start, value, granularity, "relative-to-publication", 0.6


def _mention_start(mention: TimeMention) -> date:
    value = mention.value
    if mention.granularity == "day":
        return date.fromisoformat(value)
    if mention.granularity == "month":
        return date(int(value[:4]), int(value[5:7]), 1)
    return date(int(value[:4]), 1, 1)


def _range(m: re.Match[str], ctx: _Context) -> _Result:
    n = _count(m["rg_n"]) if m["rg_n"] else 1
    if ctx.published is None or n is None:
        return None
    unit = _unit(m["rg_u"])
    granularity: Granularity = "day" if unit in ("day", "week") else _granularity(unit)
    day = _shift(ctx.published, -n, unit)
    return m.start("range"), _format(day, granularity), granularity, "range-start", 0.5


def _ahead(m: re.Match[str], ctx: _Context) -> _Result:
    if ctx.published is None or _count(m["ah_n"]) is None:
        return None
    unit = _unit(m["ah_u"])
    granularity: Granularity = "day" if unit in ("day", "week") else _granularity(unit)
    return m.start("ahead"), _format(ctx.published, granularity), granularity, "range-start", 0.5


def _weekend(m: re.Match[str], ctx: _Context) -> _Result:
    if ctx.published is None:
        return None
    published = ctx.published
    modifier = m["we_mod"].lower()
    start = m.start("weekend")
    if published.weekday() >= 5:
        upcoming = modifier == "next"
        day = published + timedelta(days=7) if upcoming else published
    else:
        if modifier == "next" or ctx.text[max(0, start - 7) : start].lower().endswith("before "):
            upcoming = True
        elif modifier in ("last", "past"):
            upcoming = False
        else:
            tense = _tense(ctx, start)
            upcoming = tense == "future" or (tense is None and published.weekday() >= 3)
        day = published if upcoming else published - timedelta(days=7)
    return start, _format(day, "week"), "week", "relative-to-publication", 0.9


def _week_end(m: re.Match[str], ctx: _Context) -> _Result:
    if ctx.published is None:
        return None
    return m.start("week_end"), _format(ctx.published, "week"), "week", "relative-to-publication", 0.9


def _relative_unit(m: re.Match[str], ctx: _Context) -> _Result:
    if ctx.published is None:
        return None
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1}.get(m["rel_m"].lower(), 0)
    granularity = _granularity(m["rel_u"])
    day = _shift(ctx.published, offset, m["rel_u"])
    return m.start("rel"), _format(day, granularity), granularity, "relative-to-publication", 1.0


def _day_word(m: re.Match[str], ctx: _Context) -> _Result:
    if ctx.published is None:
        return None
    word = " ".join(m["dw"].lower().split())
    offset = {
        "yesterday": -1, "last night": -1, "tomorrow": 1,
        "the day before yesterday": -2, "the day after tomorrow": 2,
    }.get(word, 0)
    day = ctx.published + timedelta(days=offset)
    return m.start("day_word"), day.isoformat(), "day", "relative-to-publication", 1.0


def _quarter(m: re.Match[str], ctx: _Context) -> _Result:
    quarter = int(m["q_n"]) if m["q_n"] else ORDINAL_QUARTER[m["q_ord"].lower()]
    year_text = m["q_y"] or m["q_y2"]
    start = m.start("quarter")
    if year_text:
        return start, f"{int(year_text)}-Q{quarter}", "quarter", "explicit", 1.0
    if ctx.published is None:
        return None
    published = ctx.published
    begins = date(published.year, 3 * quarter - 2, 1)
    # Quarters are reported after they begin, even in the future tense ("will release its
    # second-quarter results"): the most recent such quarter that has begun.
    year = published.year - (1 if begins > published else 0)
    return start, f"{year}-Q{quarter}", "quarter", "explicit, year from publication", 0.9


def _season(m: re.Match[str], ctx: _Context) -> _Result:
    word = m["s_word"]
    modifier = (m["s_mod"] or "").strip().lower()
    if m["s_y"] is None and not modifier:
        return None
    if word.lower() == "fall" and m["s_y"] is None and modifier in ("the", ""):
        return None  # "the fall of the regime"
    quarter = SEASON_QUARTER[word.lower()]
    start = m.start("season")
    if m["s_y"]:
        return start, f"{int(m['s_y'])}-Q{quarter}", "quarter", "explicit", 1.0
    if ctx.published is None:
        return None
    published = ctx.published
    current = (published.month - 1) // 3 + 1
    year = published.year
    if modifier == "last":
        year -= 1 if quarter >= current else 0
    elif modifier == "next":
        year += 1 if quarter <= current else 0
    elif modifier != "this":
        if _tense(ctx, start) == "future":
            year += 1 if quarter < current else 0
        else:
            year -= 1 if quarter > current else 0
    return start, f"{year}-Q{quarter}", "quarter", "explicit, year from publication", 0.9


def _nine_eleven(m: re.Match[str], ctx: _Context) -> _Result:
    return m.start("nine_eleven"), "2001-09-11", "day", "explicit", 1.0


def _iso(m: re.Match[str], ctx: _Context) -> _Result:
    day = _checked(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    return None if day is None else (m.start("iso"), day.isoformat(), "day", "explicit", 1.0)


def _numeric(m: re.Match[str], ctx: _Context) -> _Result:
    first, second, year = int(m["n1"]), int(m["n2"]), int(m["ny"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    month_first = _checked(year, first, second)
    day_first = _checked(year, second, first)
    candidates = [c for c in (month_first, day_first) if c is not None]
    if not candidates:
        return None
    start = m.start("numeric")
    if len(set(candidates)) == 1:
        return start, candidates[0].isoformat(), "day", "explicit", 1.0
    weekday = g.STAMP_WEEKDAY.search(ctx.text[max(0, start - 15) : start])
    if weekday is not None:
        wanted = weekday.group(1)[:3].lower()
        matching = [c for c in candidates if calendar.day_abbr[c.weekday()].lower() == wanted]
        if len(matching) == 1:
            return start, matching[0].isoformat(), "day", "explicit, order from weekday", 1.0
    if ctx.day_first is not None:
        chosen = day_first if ctx.day_first else month_first
        return start, chosen.isoformat(), "day", "explicit, order from locale", 0.9  # type: ignore[union-attr]
    if ctx.published is not None:
        published = ctx.published
        chosen = min(candidates, key=lambda c: abs((c - published).days))
        return start, chosen.isoformat(), "day", "explicit, order nearest publication", 0.8
    return start, candidates[0].isoformat(), "day", "explicit, order assumed month first", 0.5


def _mdy(m: re.Match[str], ctx: _Context) -> _Result:
    return _day_month(m, ctx, "mdy")


def _dmy(m: re.Match[str], ctx: _Context) -> _Result:
    return _day_month(m, ctx, "dmy")


def _relative_year(ctx: _Context, phrase: str | None) -> tuple[int, str] | None:
    """The year named by "last year", "this year", "next year" or "of that year"."""
    if not phrase:
        return None
    words = phrase.lower().split()
    if words[-2:] == ["that", "year"]:
        for mention in reversed(ctx.mentions):
            if mention.granularity in ("day", "month", "year", "quarter"):
                return int(mention.value[:4]), "explicit, year from earlier date"
        return None
    if ctx.published is None:
        return None
    offset = {"last": -1, "this": 0, "next": 1}[words[0]]
    return ctx.published.year + offset, "explicit, year from publication"


def _day_month(m: re.Match[str], ctx: _Context, kind: str) -> _Result:
    month_word, day_number = m[f"{kind}_m"], int(m[f"{kind}_d"])
    if not _capitalised(month_word):
        return None
    start = m.start(kind)
    month = _month_number(month_word)
    if m[f"{kind}_y"] is not None:
        day = _checked(int(m[f"{kind}_y"]), month, day_number)
        return None if day is None else (start, day.isoformat(), "day", "explicit", 1.0)
    found = _relative_year(ctx, m[f"{kind}_rel"]) or _context_year(ctx, start, m.end(kind))
    confidence = 0.95
    if found is not None:
        year, how = found
    elif ctx.published is not None:
        year, how = _year_for(ctx, start, month, day_number), "explicit, year from publication"
    elif ctx.year_for is not None and not m[f"{kind}_rel"] \
            and (guess := ctx.year_for(month, day_number)) is not None:
        # ("22 June last year" needs the publication date, not the story's year.)
        (year, how), confidence = guess, YEAR_FOR_CONFIDENCE
    else:
        return None
    day = _checked(year, month, day_number)
    return None if day is None else (start, day.isoformat(), "day", how, confidence)


def _month_year(m: re.Match[str], ctx: _Context) -> _Result:
    if not _capitalised(m["my_m"]):
        return None
    value = f"{int(m['my_y']):04d}-{_month_number(m['my_m']):02d}"
    return m.start("my"), value, "month", "explicit", 1.0


def _month(m: re.Match[str], ctx: _Context) -> _Result:
    word = m["mo_m"]
    preposition = (m["mo_prep"] or "").strip().lower()
    modifier = (m["mo_mod"] or "").strip().lower()
    if not _capitalised(word) or not (preposition or modifier or m["mo_rel"]):
        return None
    if word.isupper() and len(word.rstrip(".")) <= 4:
        return None  # "DEC", "MAR" alone are acronyms far more often than months
    if preposition in ("and", "or", "to") and not modifier and not _follows_mention(m, ctx):
        return None  # "Smith and May": only "July and August" coordinates months
    if word.lower().rstrip(".") in ("may", "march") and preposition in ("the", "for", "and", "or", "to") \
            and not modifier:
        return None
    start = m.start("mo_span")
    month = _month_number(word)
    found = _relative_year(ctx, m["mo_rel"])
    if found is None and modifier not in ("last", "this", "next"):
        found = _context_year(ctx, start, m.end("month"))
    if found is not None:
        year, how = found
    elif ctx.published is None:
        relative = modifier in ("last", "this", "next") or bool(m["mo_rel"])  # need publication
        guess = ctx.year_for(month, None) if ctx.year_for is not None and not relative else None
        if guess is None:
            return None
        year, how = guess
    else:
        published = ctx.published
        year, how = published.year, "explicit, year from publication"
        if modifier == "last":
            year -= 1 if month >= published.month else 0
        elif modifier == "next":
            year += 1 if month <= published.month else 0
        elif modifier != "this":
            year = _year_for(ctx, start, month)
    return start, f"{year:04d}-{month:02d}", "month", how, 0.95


def _follows_mention(m: re.Match[str], ctx: _Context) -> bool:
    previous = _previous(ctx)
    if previous is None:
        return False
    between = ctx.text[previous.end : m.start("mo_span")]
    return len(between) <= 12 and g.COORDINATION.search(between) is not None


def _weekday(m: re.Match[str], ctx: _Context) -> _Result:
    if ctx.published is None:
        return None
    start = m.start("weekday")
    modifier = (m["wd_mod"] or "").split()
    word = modifier[0].lower() if modifier else ""
    target = WEEKDAYS[m["wd"].lower()]
    published = ctx.published
    back = (published.weekday() - target) % 7
    if word == "next":
        day = published + timedelta(days=(target - published.weekday()) % 7 or 7)
    elif word == "last":
        day = published - timedelta(days=back or 7)
    elif _tense(ctx, start) == "future" or _possessive_future(m, ctx):
        # The same weekday as publication is that day ("is due to arrive on Sunday").
        day = published + timedelta(days=(target - published.weekday()) % 7)
    else:
        day = published - timedelta(days=back)
    return start, day.isoformat(), "day", "relative-to-publication", 1.0


def _possessive_future(m: re.Match[str], ctx: _Context) -> bool:
    """"Saturday's concert will raise money": the weekday is the subject of a future clause."""
    if not m.group("weekday").rstrip().endswith(("'s", "’s")):
        return False
    after = ctx.text[m.end("weekday") : m.end("weekday") + 60]
    clause = g.CLAUSE_BREAK.split(after, maxsplit=1)[0]
    return g.FUTURE_CUE.search(clause) is not None


def _year(m: re.Match[str], ctx: _Context) -> _Result:
    year = int(m["yr"])
    if ctx.published is not None and year > ctx.published.year + 30:
        return None
    return m.start("year"), f"{year:04d}", "year", "explicit", 1.0


_RESOLVERS = {
    "event": _event,
    "ago": _ago,
    "shift": _shifted,
    "next": _next,
    "range": _range,
    "ahead": _ahead,
    "weekend": _weekend,
    "week_end": _week_end,
    "rel": _relative_unit,
    "day_word": _day_word,
    "quarter": _quarter,
    "season": _season,
    "nine_eleven": _nine_eleven,
    "iso": _iso,
    "numeric": _numeric,
    "mdy": _mdy,
    "dmy": _dmy,
    "my": _month_year,
    "weekday": _weekday,
    "month": _month,
    "year": _year,
}


# English-language locales that write the month first in numeric dates (04/08 = April 8).
MONTH_FIRST_REGIONS = {"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "VI", "UM"}


def day_first(locale: str | None) -> bool | None:
    """Numeric date order for an outlet's locale: True for "en-GB", False for "en-US",
    None when unknown (then a weekday in the stamp or the publication date decides)."""
    if not locale:
        return None
    parts = locale.replace("_", "-").split("-")
    if len(parts) < 2:
        return None
    return parts[1].upper() not in MONTH_FIRST_REGIONS


def sentence_day(mentions: list[TimeMention]) -> TimeMention | None:
    """The mention that dates a sentence: its first confident day-granularity mention (a
    clock time never does: the date beside it, when there is one, dates the sentence)."""
    for mention in mentions:
        if mention.granularity == "day" and mention.confidence >= MIN_DATING_CONFIDENCE \
                and not mention.how.startswith("clock-time"):
            return mention
    return None
