"""Infer when an undated article was written from the dates its own text reports.

A text is not written before the latest day it reports as past, nor after a day it announces
("will meet on October 20"): that is its window. A day is set only on stronger evidence: a
wire dateline, a relative expression beside a date ("two days ago, on October 11"), or the
lead's first weekday named as past ("on Thursday") falling on the day the lead reports or the
next, so that the weekday is the first such day after the bound. A full date elsewhere in
the article (or, failing that, the story's dated articles) gives the year of dates written
without one ("September 22"). A text that names only weekdays has no absolute date at all and
stays undated, with the reason: a wrong date is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from storyline.annotate import timex_grammar as g
from storyline.annotate.temporal import (
    MIN_DATING_CONFIDENCE,
    NEAR_FUTURE,
    NUMBER_WORDS,
    WEEKDAYS,
    YearFor,
    day_first,
    find_mentions,
    scan,
    tense_at,
)
from storyline.ingest.dating import is_dateline, is_stamp
from storyline.model import Article, Note, RemovedLine, TimeMention

# Lines that cleaning removed but that belong to the article and date it: a photo caption
# ("... Aleppo, October 12, 2016") is usually taken the day before the story or the same day.
EVIDENCE_REASONS = frozenset({"title", "photo caption", "photo credit", "pull quote"})
# Tuning constants, calibrated on the development split of Timeline17 by
# `storyline eval dating` (see docs/benchmarks.md); re-run it after any change.
#
# Confidence of a day placed by each rule, about the share of development articles it put on
# the right day: a wire dateline ("TRIPOLI, April 29 (Reuters) -": 91% of 77, with the
# topic's year); a relative expression beside a date ("two days ago, on October 11": one
# article per split, so set no higher than the dateline); the lead's first weekday falling on
# the lead's reported day or the next (60% to 72%, 80% to 87% within three days).
CONFIDENCE = {"dateline": 0.8, "pinned": 0.8, "lead weekday": 0.6}
# A full date in the article gives a wire dateline written without a year its year only when
# the dateline falls at most this long after it.
DATELINE_REACH = timedelta(days=31)
# How far after the lead's reported day its weekday may fall: one day after is still 60%
# right, two days after only 28%.
LEAD_GAP = timedelta(days=1)
# A weekday placed after a bound that nothing ties to the news of the week is right too
# rarely (12% on the development split) to set a day: it keeps the window open instead.
UNTIED_CONFIDENCE = 0.3
WEEK = timedelta(days=6)
# The lead: a day reported in the first lines (after the headline and captions) is the news
# of the day far more often than one further down (60% against 12% of the development
# articles whose first weekday names it).
LEAD_CHARS = 300
# Trailing matter (the last quarter of a text) that reports a day this much later than
# anything in the body is a page's later furniture (widgets, feeds), not the article's.
TRAILING_SHARE = 0.75
TRAILING_GAP = timedelta(days=60)
# "two days ago, on October 11", "yesterday (October 12)": a relative expression and a date
# with only this between them name the same day.
_PAIR_GAP = re.compile(r"^[\s,(]*(?:-LRB-\s*)?(?:on\s+)?$")
# Words in the clause before a date that make it a limit, a plan, a condition or the end
# of a range ("22 April - 15 May").
_NOT_REPORTED = re.compile(
    r"\b(?:until|till|through|by|before|from|would|could|might|should|due|deadline|expected"
    r"|scheduled|planned|plans?|set for|starting|ahead of|between)\b|[-–]\s*$",
    re.IGNORECASE,
)
_AGO_DAYS = {"day": 1, "week": 7}
_DAY_WORD_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
                  "this evening": 0, "yesterday": 1, "last night": 1}


@dataclass(frozen=True, slots=True)
class DateEstimate:
    """When a text was written, as far as its words tell: a day (when the evidence is
    strong enough), a window (its end None when open), a confidence and the reason."""

    day: date | None
    window: tuple[date, date | None] | None
    confidence: float
    reason: str
    reference: date | None = None  # the latest full date the text reports
    rule: str = "none"  # what placed it: a CONFIDENCE key, "bound" (a window only) or "none"


@dataclass(frozen=True, slots=True)
class Reported:
    """A day (or a month's first day) the text reports as past."""

    day: date
    text: str
    start: int
    granularity: str
    source: str  # "full date" or "story year"


def evidence_text(text: str, removed: Sequence[RemovedLine]) -> tuple[str, int]:
    """The removed lines that still tell the date (headline, captions) followed by the
    article text, and where its lead ends."""
    extra = "".join(line.text + "\n\n" for line in removed if line.reason in EVIDENCE_REASONS)
    return extra + text, len(extra) + LEAD_CHARS


def infer_date(
    text: str, day_first: bool | None = None, story_year: YearFor | None = None,
    lead: int = 0,
) -> DateEstimate:
    """Estimate the publication date of `text` from the dates and weekdays it reports;
    the text's lead (headline, captions, first lines) ends at `lead` (default: LEAD_CHARS)."""
    lead = lead or LEAD_CHARS
    matches = scan(text)  # one scan of the grammar serves every resolution below
    first = find_mentions(text, None, day_first, matches=matches)
    full = reported_days(text, first)
    reference = max((r.day for r in full), default=None)
    year_for = years_near(reference) if reference is not None else story_year
    mentions = find_mentions(text, None, day_first, year_for, matches) if year_for else first
    reported = full or reported_days(text, mentions, with_story_year=True, lead=lead)
    weekdays = past_weekdays(text, matches)
    if not reported:
        dateline = _dateline(text, mentions, reference)
        if dateline is not None:
            return replace(dateline, reference=reference)
        why = _why_no_date(text, mentions, weekdays, matches)
        return DateEstimate(None, None, 0.0, why, reference)
    dateline = _dateline(text, mentions, reference)
    if dateline is not None:  # the wire's own date of filing outranks any inference
        return replace(dateline, reference=reference)
    lower = max(reported, key=lambda r: (r.day, r.granularity == "day"))
    upper = _announced(text, mentions, lower.day)
    found = _pinned(text, mentions, matches) or _by_weekday(text, lower, weekdays, upper, lead)
    if found is not None and found.day is not None and found.day >= lower.day:
        return replace(found, reference=reference)
    reason = f"not before {lower.day} ({lower.text!r})"
    if upper is not None:
        reason += f", not after {upper}"
    if found is not None:
        reason += f"; {found.reason}"
    window = (lower.day, upper)
    return DateEstimate(None, window, UNTIED_CONFIDENCE, reason, reference, "bound")


def reported_days(
    text: str, mentions: Sequence[TimeMention], with_story_year: bool = False, lead: int = 0,
) -> list[Reported]:
    """Days and months with a known year that the text reports as past: none of them is
    after the publication date. Dates completed by the story's year count only when asked."""
    found = []
    for mention in mentions:
        source = _source(mention)
        if source is None or (source == "story year" and not with_story_year):
            continue
        if source == "story year" and not _reported_story_day(text, mention, lead):
            continue
        if mention.confidence < MIN_DATING_CONFIDENCE or is_stamp(text, mention):
            continue
        if _limit_or_future(text, mention.start):
            continue
        if mention.granularity == "day":
            day = date.fromisoformat(mention.value)
        else:
            day = date(int(mention.value[:4]), int(mention.value[5:7]), 1)
        found.append(Reported(day, mention.text, mention.start, mention.granularity, source))
    return _without_trailing(found, len(text))


def _reported_story_day(text: str, mention: TimeMention, lead: int) -> bool:
    # A date completed by the story's year bounds the article only as a day in the lead or
    # in a past clause: elsewhere 1 in 5 were announcements ("the Nov. 2 election", "the
    # release date is 7 February"), against 1 in 20; "in November" alone is as often a plan.
    if mention.granularity != "day":
        return False
    return mention.start < lead or tense_at(text, mention.start) == "past"


_FULL_HOWS = frozenset({
    "explicit", "explicit, order from weekday", "explicit, year from earlier date",
    "explicit, year from coordinated date",
})


def _source(mention: TimeMention) -> str | None:
    if mention.granularity not in ("day", "month"):
        return None
    if mention.how == "relative-to-mention" and mention.granularity == "day":
        return "full date"
    if mention.how in _FULL_HOWS:
        return "full date"
    if mention.how == "explicit, year from story":
        return "story year"
    return None  # a date completed by the article's own latest date cannot raise it


def _is_day(mention: TimeMention) -> bool:
    # A day named in the text, whatever completed its year, as long as it did not need
    # the publication date.
    return mention.granularity == "day" and mention.confidence >= MIN_DATING_CONFIDENCE and (
        mention.how.startswith("explicit") or mention.how == "relative-to-mention"
    )


def _without_trailing(found: list[Reported], length: int) -> list[Reported]:
    body = [r.day for r in found if r.start <= length * TRAILING_SHARE]
    if not body:
        return found
    limit = max(body) + TRAILING_GAP
    return [r for r in found if r.start <= length * TRAILING_SHARE or r.day <= limit]


def _announced(text: str, mentions: Sequence[TimeMention], lower: date) -> date | None:
    """The earliest day the text announces as to come (on or after `lower`), if any."""
    days = [
        date.fromisoformat(m.value) for m in mentions
        if m.granularity == "day" and _source(m) == "full date" and not is_stamp(text, m)
        and tense_at(text, m.start) == "future" and date.fromisoformat(m.value) >= lower
    ]
    return min(days, default=None)


def _dateline_year_known(mention: TimeMention, reference: date | None) -> bool:
    # The article's latest full date lends its year to the dateline only when it is that
    # recent: it is often background ("since 2008"), and a dateline is never older than it.
    if mention.how != "explicit, year from article":
        return True
    if reference is None:
        return False
    return timedelta(0) <= date.fromisoformat(mention.value) - reference <= DATELINE_REACH


def _dateline(
    text: str, mentions: Sequence[TimeMention], reference: date | None
) -> DateEstimate | None:
    """A wire dateline, "TRIPOLI, April 29 (Reuters) -": the day the story was filed."""
    for mention in mentions:
        dateline = _is_day(mention) and is_dateline(text, mention)
        if dateline and _dateline_year_known(mention, reference):
            day = date.fromisoformat(mention.value)
            reason = f"wire dateline {mention.text!r}"
            return DateEstimate(day, (day, day + timedelta(days=1)), CONFIDENCE["dateline"], reason,
                                rule="dateline")
    return None


def _pinned(
    text: str, mentions: Sequence[TimeMention], matches: Sequence[re.Match[str]]
) -> DateEstimate | None:
    """A relative expression beside a date naming the same day: "two days ago, on October 11"."""
    dated = [m for m in mentions if _is_day(m)]
    for match in matches:
        offset = _offset_days(match)
        if offset is None:
            continue
        for mention in dated:
            between = text[match.end() : mention.start] if mention.start >= match.end() \
                else text[mention.end : match.start()]
            if len(between) <= 16 and _PAIR_GAP.match(between):
                day = date.fromisoformat(mention.value) + timedelta(days=offset)
                reason = f"{match.group().strip()!r} beside {mention.text!r}"
                return DateEstimate(day, (day, day), CONFIDENCE["pinned"], reason, rule="pinned")
    return None


def _offset_days(match: re.Match[str]) -> int | None:
    """Days from the named day to the publication day, for "ago" and "yesterday"-like words."""
    if match.lastgroup == "day_word":
        return _DAY_WORD_DAYS.get(" ".join(match["dw"].lower().split()))
    if match.lastgroup == "ago":
        count = NUMBER_WORDS.get(match["ago_n"].lower()) if not match["ago_n"].isdigit() \
            else int(match["ago_n"])
        unit = match["ago_u"].lower().rstrip("s")
        if count is not None and unit in _AGO_DAYS:
            return count * _AGO_DAYS[unit]
    return None


def _by_weekday(
    text: str, lower: Reported, weekdays: Sequence[tuple[str, str]], upper: date | None, lead: int,
) -> DateEstimate | None:
    """The lead weekday placed on the first such day on or after the latest reported day,
    when that day is reported in the lead and the weekday falls on it or the day after."""
    if not weekdays or lower.granularity != "day":
        return None
    name, words = weekdays[0]
    day = first_weekday_on_or_after(lower.day, WEEKDAYS[name])
    if lower.start >= lead or day - lower.day > LEAD_GAP:
        reason = f"{words!r} would be {day}, but nothing ties {lower.day} to that week"
        return DateEstimate(None, None, UNTIED_CONFIDENCE, reason)
    end = min(day + WEEK, _week_end(text, day))
    if upper is not None and upper >= day:
        end = min(end, upper)
    reason = f"not before {lower.day} ({lower.text!r}, in the lead); {words!r} is {day}"
    confidence = CONFIDENCE["lead weekday"]
    return DateEstimate(day, (lower.day, end), confidence, reason, rule="lead weekday")


def _week_end(text: str, day: date) -> date:
    # "earlier this week" beside a placed weekday: written by that week's Sunday.
    if re.search(r"\bthis week\b", text, re.IGNORECASE):
        return day + timedelta(days=6 - day.weekday())
    return day + WEEK


def _limit_or_future(text: str, start: int) -> bool:
    # "until 18 May" is a limit, not a report; a future clause announces, it does not report;
    # "would reopen on", "not before August", "due on" do not report a day as past either.
    before = text[max(0, start - 120) : start]
    breaks = list(g.CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    return tense_at(text, start) == "future" or _NOT_REPORTED.search(clause) is not None


def past_weekdays(
    text: str, matches: Sequence[re.Match[str]] | None = None
) -> list[tuple[str, str]]:
    """Weekdays the text reports as past ("on Thursday", "late Sunday"): (name, words)."""
    found = []
    for match in scan(text) if matches is None else matches:
        if match.lastgroup != "weekday":
            continue
        modifier = (match["wd_mod"] or "").split()
        if modifier and modifier[0].lower() in ("next", "this"):
            continue
        start = match.start("weekday")
        if tense_at(text, start) == "future" or _announces(text, match):
            continue
        found.append((match["wd"].lower(), match.group("weekday").strip()))
    return found


def _announces(text: str, match: re.Match[str]) -> bool:
    # "Saturday's meeting will ...": the weekday is the subject of a future clause.
    after = text[match.end("weekday") : match.end("weekday") + 60]
    clause = g.CLAUSE_BREAK.split(after, maxsplit=1)[0]
    return g.FUTURE_CUE.search(clause) is not None


def first_weekday_on_or_after(day: date, weekday: int) -> date:
    """The first day on or after `day` that falls on `weekday` (Monday is 0)."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _why_no_date(
    text: str, mentions: Sequence[TimeMention], weekdays: Sequence[tuple[str, str]],
    matches: Sequence[re.Match[str]],
) -> str:
    probe = find_mentions(text, None, year_for=lambda month, day: (2000, "probe"), matches=matches)
    if any(m.how == "probe" and not is_stamp(text, m) for m in probe):
        return "its dates have no year and nothing gives one"
    if any(m.granularity in ("day", "month") and m.how.startswith("explicit") for m in mentions):
        return "its dates are stamps, plans or limits, not days it reports"
    if weekdays:
        return "it names only weekdays, with no date to place them"
    if any(m.granularity in ("year", "quarter") and m.how == "explicit" for m in mentions):
        return "it names only years, no day or month"
    return "no date in the text"


def years_near(reference: date) -> YearFor:
    """Years for dates written without one: the latest occurrence no later than shortly
    after `reference`, the latest day the article reports (as with a publication date)."""

    def year_for(month: int, day: int | None) -> tuple[int, str]:
        candidate = date(reference.year, month, min(day or 1, 28))
        late = candidate > reference + NEAR_FUTURE
        return reference.year - (1 if late else 0), "explicit, year from article"

    return year_for


# A date without a year is put in the earliest year that places it no more than this long
# before the story's first dated article. The earliest, not the likeliest: a year too late
# puts a reported day after the publication date and breaks the window (on the development
# split, choosing the year most articles sit near did so for 1 in 5 bounds; nearly all were
# right a year earlier).
STORY_LEAD = timedelta(days=60)


def story_years(days: Sequence[date]) -> YearFor | None:
    """Years for dates written without one, from the publication days of the story's dated
    articles: the earliest year that puts the date within the story or shortly before it."""
    if not days:
        return None
    first, last = min(days), max(days)

    def year_for(month: int, day: int | None) -> tuple[int, str]:
        for year in range(first.year - 1, last.year + 1):
            if date(year, month, min(day or 28, 28)) >= first - STORY_LEAD:
                return year, "explicit, year from story"
        return last.year, "explicit, year from story"

    return year_for


def date_undated(article: Article, story_year: YearFor | None = None) -> Article:
    """The article with an inferred publication date, window and reason when it has no
    date; unchanged when it has one."""
    if article.published is not None:
        return article
    text, lead = evidence_text(article.text, article.removed)
    estimate = infer_date(text, day_first(article.locale), story_year, lead)
    return replace(
        article,
        published=estimate.day,
        published_from="inferred" if estimate.day is not None else "unknown",
        published_window=estimate.window,
        published_confidence=round(estimate.confidence, 2) if estimate.day else None,
        published_reason=estimate.reason,
    )


def undated_notes(articles: Sequence[Article]) -> tuple[Note, ...]:
    """A run-report note for each article left without a publication date, with why."""
    return tuple(
        Note(a.source, f"undated: {a.published_reason or 'no date found'}")
        for a in articles if a.published is None
    )
