"""Find time expressions in news text and resolve them to absolute values.

Hand-written on purpose: dateparser parses a date string well but cannot find expressions
in running text with exact spans, tell "will meet on Saturday" from "met on Saturday", or
resolve "a day later" against the date mentioned just before. News wording is regular
enough for a compact grammar; each pattern below names the form it covers.

Resolution rules (documented in docs/temporal.md):
- weekday names: the most recent such day up to and including the publication date, unless
  the clause before says future ("will", "next", "is due to" ...): then the next such day;
- dates without a year: the year that puts them nearest before the publication date (a
  future clause flips to the next occurrence);
- "the past two weeks": resolved to the start of the range, with lower confidence;
- "a week later", "the next day": relative to the latest date mentioned earlier in the same
  paragraph, else to the publication date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

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
# Mentions below this confidence are reported but not used to date a sentence.
MIN_DATING_CONFIDENCE = 0.8
# A date without a year may lie this far after the publication date before we take the
# previous year ("on March 3" in an article of 2025-02-20 is more likely 2025-03-03 as a
# scheduled event than 2024-03-03, but "December 28" in a January article is last year).
FUTURE_SLACK = timedelta(days=45)

_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of)"
_UNIT = r"(?:day|week|month|year)s?"
_YEAR = r"(?:1[89]\d{2}|20\d{2})"
_ORD = r"(?:st|nd|rd|th)?"

_PATTERNS = [
    # "two days ago", "a year ago"
    ("ago", rf"(?P<ago_n>{_NUM})\s+(?P<ago_u>{_UNIT})\s+ago\b"),
    # "a week later", "two days earlier", "three days before"
    ("shift", (rf"(?<!up to )(?P<sh_n>{_NUM})\s+(?P<sh_u>{_UNIT})\s+"
              r"(?P<sh_d>later|earlier|afterwards|(?:after|before)(?=\s*[,.;:!?)]|\s*$))")),
    # "the next day", "the following week", "the previous day", "the day before"
    ("next", (r"the\s+(?P<nx_d>next|following|previous|preceding)\s+(?P<nx_u>day|week|month|year)\b"
             r"|the\s+(?P<nx_u2>day)\s+(?P<nx_d2>before|after)\b(?!\s+(?:yesterday|tomorrow))")),
    # "the past two weeks", "over the last three days"
    ("range", rf"the\s+(?:past|last|previous)\s+(?P<rg_n>{_NUM}|few|several)\s+(?P<rg_u>{_UNIT})\b"),
    # "last week", "earlier this month", "this year", "next month"
    ("rel", (r"(?P<rel_pre>(?:earlier|later)\s+)?(?P<rel_m>last|this|next|past|previous|coming)\s+"
            r"(?P<rel_u>week|month|year)\b")),
    ("day_word", (r"(?P<dw>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight"
                 r"|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b")),
    ("iso", r"(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})(?![\d-])"),
    ("numeric", r"(?P<n1>\d{1,2})[/.](?P<n2>\d{1,2})[/.](?P<ny>\d{4}|\d{2})(?![\d/.]\d)"),
    ("mdy", rf"(?:{_WD}\s*,?\s+)?(?P<mdy_m>{_MON})\s+(?P<mdy_d>\d{{1,2}}){_ORD}(?!\d|,\d|:\d)(?:\s?,?\s+(?P<mdy_y>{_YEAR})\b)?"),
    ("dmy", rf"(?:{_WD}\s*,?\s+)?(?P<dmy_d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<dmy_m>{_MON})(?:\s?,?\s+(?P<dmy_y>{_YEAR})\b)?"),
    ("my", rf"(?P<my_mod>(?:early|late|mid-?)\s*)?(?P<my_m>{_MON}),?\s+(?P<my_y>{_YEAR})\b"),
    ("weekday", (rf"(?P<wd_mod>(?:early|late|last|this|next)\s+(?:on\s+)?)?(?P<wd>{_WD})(?:'s|’s)?"
                r"(?P<wd_part>\s+(?:morning|afternoon|evening|night|midnight))?\b")),
    ("month", (r"(?:(?P<mo_prep>\b(?:in|since|during|until|till|through|from|by|before|after)\s+))?"
              rf"(?P<mo_span>(?P<mo_mod>(?:last|this|next|early|late|mid-?)\s*)?(?P<mo_m>{_MON}))\b(?!\s*\d)")),
    ("year", (rf"(?<![\d$£€#.,/-])(?P<yr_mod>(?:early|late|mid-?)\s*)?(?P<yr>{_YEAR})(?:'s|’s)?"
             r"(?![\d%]|s\b|-\d|/\d|,\d|\.\d|\s+(?:people|persons|men|women|children|troops|soldiers"
             r"|civilians|dead|deaths|killed|cases|homes|houses|families|refugees|residents|fighters"
             r"|km|kilometres|kilometers|miles|metres|meters|tonnes|tons|dollars|euros|votes|percent))")),
]
_MASTER = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS), re.IGNORECASE)

_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|'ll|is due|are due|due to|scheduled|set to|plans? to|planning to|"
    r"expected to|going to|to be held|upcoming|coming)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[.;:!?\n]|,\s|\s(?:and|but|while|after|before|as)\s")
_STAMP_WEEKDAY = re.compile(rf"({_WD}|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?,?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    published: date | None
    day_first: bool | None


def find_mentions(
    text: str, published: date | None, day_first: bool | None = None
) -> list[TimeMention]:
    """All time expressions in `text`, resolved against `published` and earlier mentions."""
    ctx = _Context(text, published, day_first)
    mentions: list[TimeMention] = []
    for match in _MASTER.finditer(text):
        kind = match.lastgroup
        if kind is None:
            continue
        anchor = _anchor(mentions, text, match.start())
        mention = _resolve(kind, match, ctx, anchor)
        if mention is not None:
            mentions.append(mention)
    return mentions


def _anchor(mentions: list[TimeMention], text: str, position: int) -> TimeMention | None:
    """The latest confident mention in this paragraph, or in the one before when this
    paragraph has none before `position` (wire copy often has one sentence a paragraph)."""
    paragraph_start = text.rfind("\n\n", 0, position) + 1
    previous_start = text.rfind("\n\n", 0, max(paragraph_start - 1, 0)) + 1
    for mention in reversed(mentions):
        if mention.start < previous_start:
            return None
        if mention.confidence >= MIN_DATING_CONFIDENCE and mention.granularity != "week":
            return mention
    return None


def _resolve(kind: str, m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> TimeMention | None:
    resolver = _RESOLVERS[kind]
    result = resolver(m, ctx, anchor)
    if result is None:
        return None
    start, value, granularity, how, confidence = result
    end = m.end(kind)
    return TimeMention(start, end, ctx.text[start:end], value, granularity, how, confidence)


_Result = tuple[int, str, Granularity, str, float] | None


def _count(word: str) -> int | None:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _shift(day: date, n: int, unit: str) -> date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return day + timedelta(days=n)
    if unit == "week":
        return day + timedelta(weeks=n)
    months = n * (12 if unit == "year" else 1)
    total = day.year * 12 + (day.month - 1) + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


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


def _unit_granularity(unit: str) -> Granularity:
    return {"day": "day", "week": "week", "month": "month", "year": "year"}[unit.lower().rstrip("s")]  # type: ignore[return-value]


def _is_future(m: re.Match[str], ctx: _Context, start: int) -> bool:
    window_start = max(0, start - 120)
    before = ctx.text[window_start:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end():] if breaks else before
    return _FUTURE_CUE.search(clause) is not None


def _ago(m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> _Result:
    n = _count(m["ago_n"])
    if ctx.published is None or n is None:
        return None
    granularity = _unit_granularity(m["ago_u"])
    day = _shift(ctx.published, -n, m["ago_u"])
    return m.start("ago"), _format(day, granularity), granularity, "relative-to-publication", 1.0


def _shifted(m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> _Result:
    n = _count(m["sh_n"])
    if n is None:
        return None
    sign = 1 if m["sh_d"].lower() in ("later", "after", "afterwards") else -1
    return _from_anchor(m.start("shift"), sign * n, m["sh_u"], ctx, anchor)


def _next(m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> _Result:
    direction = (m["nx_d"] or m["nx_d2"]).lower()
    unit = m["nx_u"] or m["nx_u2"]
    sign = 1 if direction in ("next", "following", "after") else -1
    return _from_anchor(m.start("next"), sign, unit, ctx, anchor)


def _from_anchor(start: int, n: int, unit: str, ctx: _Context, anchor: TimeMention | None) -> _Result:
    granularity = _unit_granularity(unit)
    if anchor is not None and anchor.granularity == "day":
        base, how = date.fromisoformat(anchor.value), "relative-to-mention"
        if granularity == "week":  # "a week later" than a known day is a day
            granularity = "day"
    elif ctx.published is not None:
        base, how = ctx.published, "relative-to-publication"
    else:
        return None
    confidence = 1.0 if how == "relative-to-mention" else 0.6
    return start, _format(_shift(base, n, unit), granularity), granularity, how, confidence


def _range(m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> _Result:
    n = _count(m["rg_n"])
    if ctx.published is None or n is None:
        return None
    unit = m["rg_u"].lower().rstrip("s")
    granularity: Granularity = "day" if unit in ("day", "week") else _unit_granularity(unit)
    day = _shift(ctx.published, -n, unit)
    return m.start("range"), _format(day, granularity), granularity, "range-start", 0.5


def _relative_unit(m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> _Result:
    if ctx.published is None:
        return None
    modifier = m["rel_m"].lower()
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(modifier, 0)
    granularity = _unit_granularity(m["rel_u"])
    day = _shift(ctx.published, offset, m["rel_u"])
    return m.start("rel"), _format(day, granularity), granularity, "relative-to-publication", 1.0


def _day_word(m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> _Result:
    if ctx.published is None:
        return None
    word = " ".join(m["dw"].lower().split())
    offset = {
        "yesterday": -1, "last night": -1, "tomorrow": 1,
        "the day before yesterday": -2, "the day after tomorrow": 2,
    }.get(word, 0)
    day = ctx.published + timedelta(days=offset)
    return m.start("day_word"), day.isoformat(), "day", "relative-to-publication", 1.0


def _checked(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> _Result:
    day = _checked(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    if day is None:
        return None
    return m.start("iso"), day.isoformat(), "day", "explicit", 1.0


def _numeric(m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> _Result:
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
    weekday = _STAMP_WEEKDAY.search(ctx.text[max(0, start - 15):start])
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


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _capitalised(word: str) -> bool:
    # Month names are capitalised in news text; "may" and "march" in lower case are verbs.
    return word[:1].isupper()


def _mdy(m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> _Result:
    return _day_month(m.start("mdy"), m, ctx, m["mdy_m"], int(m["mdy_d"]), m["mdy_y"])


def _dmy(m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> _Result:
    return _day_month(m.start("dmy"), m, ctx, m["dmy_m"], int(m["dmy_d"]), m["dmy_y"])


def _day_month(start: int, m: re.Match[str], ctx: _Context, month_word: str, day_number: int,
               year_text: str | None) -> _Result:
    if not _capitalised(month_word):
        return None
    month = _month_number(month_word)
    if year_text is not None:
        day = _checked(int(year_text), month, day_number)
        return None if day is None else (start, day.isoformat(), "day", "explicit", 1.0)
    if ctx.published is None:
        return None
    future = _is_future(m, ctx, start)
    published = ctx.published
    day = _checked(published.year, month, day_number)
    if day is None:  # 29 February in a year without it, or 31 April
        return None
    if not future and day > published + FUTURE_SLACK:
        day = _checked(published.year - 1, month, day_number)
    elif future and day < published:
        day = _checked(published.year + 1, month, day_number)
    if day is None:
        return None
    return start, day.isoformat(), "day", "explicit, year from publication", 0.95


def _month_year(m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> _Result:
    if not _capitalised(m["my_m"]):
        return None
    value = f"{int(m['my_y']):04d}-{_month_number(m['my_m']):02d}"
    return m.start("my"), value, "month", "explicit", 1.0


def _month(m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> _Result:
    word = m["mo_m"]
    modifier = (m["mo_mod"] or "").strip().lower()
    # A bare month name needs a preposition or a modifier to be a date ("in July", "last
    # July"); "May" and "March" alone are more often a verb or a name.
    if not _capitalised(word) or ctx.published is None or not (m["mo_prep"] or modifier):
        return None
    month = _month_number(word)
    published = ctx.published
    start = m.start("mo_span")
    year = published.year
    if modifier == "last":
        year -= 1 if month >= published.month else 0
    elif modifier == "next":
        year += 1 if month <= published.month else 0
    elif modifier != "this":
        if _is_future(m, ctx, start):
            year += 1 if month < published.month else 0
        else:
            year -= 1 if month > published.month else 0
    return start, f"{year:04d}-{month:02d}", "month", "explicit, year from publication", 0.95


def _weekday(m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> _Result:
    if ctx.published is None:
        return None
    start = m.start("weekday")
    modifier = (m["wd_mod"] or "").split()
    word = modifier[0].lower() if modifier else ""
    target = WEEKDAYS[m["wd"].lower()]
    published = ctx.published
    back = (published.weekday() - target) % 7
    if word == "next" or (word != "last" and _is_future(m, ctx, start)):
        ahead = (target - published.weekday()) % 7 or 7
        day = published + timedelta(days=ahead)
    elif word == "last":
        day = published - timedelta(days=back or 7)
    else:
        day = published - timedelta(days=back)
    return start, day.isoformat(), "day", "relative-to-publication", 1.0


def _year(m: re.Match[str], ctx: _Context, anchor: TimeMention | None) -> _Result:
    year = int(m["yr"])
    if ctx.published is not None and year > ctx.published.year + 10:
        return None
    return m.start("year"), f"{year:04d}", "year", "explicit", 1.0


_RESOLVERS = {
    "ago": _ago,
    "shift": _shifted,
    "next": _next,
    "range": _range,
    "rel": _relative_unit,
    "day_word": _day_word,
    "iso": _iso,
    "numeric": _numeric,
    "mdy": _mdy,
    "dmy": _dmy,
    "my": _month_year,
    "weekday": _weekday,
    "month": _month,
    "year": _year,
}


def sentence_day(mentions: list[TimeMention]) -> TimeMention | None:
    """The mention that dates a sentence: its first confident day-granularity mention."""
    for mention in mentions:
        if mention.granularity == "day" and mention.confidence >= MIN_DATING_CONFIDENCE:
            return mention
    return None
