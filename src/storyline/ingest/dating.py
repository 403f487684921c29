"""Find an article's publication date and record how it was found.

Order of trust: a date given with the input > HTML metadata (htmldate) > a date stamp in
the text ("Last update: Thu, 04/08/2016 - 11:23", "November 12, 2016" under the headline,
"ZURICH | Thu Oct 6 , 2011 3:22 pm BST" or a wire dateline near the start) > a date in the
URL > unknown (then ingest/undated.py infers one from the dates the text reports). Ambiguous numeric stamps are settled by a weekday in the
same stamp (Thu 04/08/2016 is 4 August, not 8 April).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import dateparser
import htmldate

from storyline.annotate.temporal import find_mentions
from storyline.ingest.furniture import is_date_stamp
from storyline.model import DateSource, RawDocument, TimeMention

# A stamp is looked for among the first lines (bylines sit under the headline) and, for
# explicit "Last update"/"Published" stamps, anywhere.
TOP_LINES = 15
_LABELLED_STAMP = re.compile(r"^\W*(last |first )?(updated?|modified|published|posted|created)\b", re.IGNORECASE)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[^\d]|$)")
_DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False}
# Pages copied as plain text often run the stamp into the lines around it ("... Geneva October
# 4 , 2011 . ZURICH | Thu Oct 6 , 2011 3:22 pm BST ZURICH (Reuters) - ..."): within this
# many characters of the start, a full date next to a clock time or a wire credit is a stamp.
TOP_CHARS = 1000
# A date next to a clock time is a stamp: the article's own, or a reader comment's (which
# postdates the article, so undated.py must not take it for a reported day either).
_ZONE = r"(?-i:[A-Z]{2,4})"
_CLOCK_AFTER = re.compile(
    rf"^\W{{0,4}}(?:\d{{2}}\s+)?(?:at\s+)?"
    rf"(?:\d{{1,2}}:\d{{2}}\b|\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\b|{_ZONE}\b))",
    re.IGNORECASE,
)
_CLOCK_BEFORE = re.compile(
    rf"\b\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*(?:{_ZONE}\s*)?\W{{0,2}}\s*(?:on\s+)?\W{{0,3}}$",
    re.IGNORECASE,
)
_LABEL_BEFORE = re.compile(
    r"\b(?:updated|published|posted|aired|modified)\b[^.\n]{0,25}$", re.IGNORECASE
)
# A date right before a wire credit is a dateline: "TRIPOLI, April 29 (Reuters) -".
_WIRE_CREDIT = re.compile(
    r"\s*(?:\(|-LRB-\s*)(?:Reuters|AP|AFP|UPI|dpa|DPA|Xinhua|Bloomberg|CNN|PTI|IANS|ANSA|EFE)\b"
)


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """The publication date found for a document, how, and any problem met on the way."""

    value: date | None
    found_from: DateSource
    problem: str | None = None


def publication_date(doc: RawDocument, extracted_text: str | None = None) -> PublicationDate:
    """Date a raw document from the best evidence it carries.

    `extracted_text` is the document's text before boilerplate removal, for HTML whose
    stamps only show once the markup is gone; plain text is searched as it is.
    """
    problem = None
    if doc.published:
        given = parse_date_string(doc.published)
        if given is not None:
            return PublicationDate(given, "given")
        problem = f"given publication date {doc.published!r} could not be parsed"
    if doc.kind == "html":
        found = _from_html(doc.content)
        if found is not None:
            return PublicationDate(found, "html-metadata", problem)
    found = date_from_text(extracted_text if extracted_text is not None else doc.content)
    if found is not None:
        return PublicationDate(found, "text", problem)
    if doc.url:
        found = date_from_url(doc.url)
        if found is not None:
            return PublicationDate(found, "url", problem)
    if doc.crawled:
        return PublicationDate(date.fromisoformat(doc.crawled), "crawl", problem)
    return PublicationDate(None, "unknown", problem)


def parse_date_string(value: str) -> date | None:
    """Parse a given date: ISO date or datetime first, then anything dateparser reads."""
    text = value.strip()
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return parsed.date() if parsed is not None else None


def _from_html(html: str) -> date | None:
    try:
        found = htmldate.find_date(
            html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d"
        )
    except (ValueError, TypeError):  # htmldate rejects some malformed documents
        return None
    return date.fromisoformat(found) if found else None


def date_from_text(text: str) -> date | None:
    """A date stamp line: near the top, or labelled ("Last update: ...") anywhere; else a
    stamp run into the text near its start."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for position, line in enumerate(lines):
        if len(line) > 120:
            continue
        near_top = position < TOP_LINES
        if (near_top and is_date_stamp(line)) or _LABELLED_STAMP.match(line):
            found = _explicit_day(line)
            if found is not None:
                return found
    return _inline_stamp(text[:TOP_CHARS])


def _inline_stamp(text: str) -> date | None:
    for mention in find_mentions(text, published=None):
        if mention.granularity == "day" and mention.how.startswith("explicit") and (
            is_stamp(text, mention) or is_dateline(text, mention)
        ):
            return date.fromisoformat(mention.value)
    return None


def is_stamp(text: str, mention: TimeMention) -> bool:
    """A date stamp: a date next to a clock time ("Oct 6 , 2011 3:22 pm") or a label."""
    after = text[mention.end : mention.end + 30]
    before = text[max(0, mention.start - 40) : mention.start]
    clock = _CLOCK_AFTER.search(after) or _CLOCK_BEFORE.search(before)
    return bool(clock or _LABEL_BEFORE.search(before))


def is_dateline(text: str, mention: TimeMention) -> bool:
    """A wire dateline's date: "TRIPOLI, April 29 (Reuters) -"."""
    return _WIRE_CREDIT.match(text, mention.end) is not None


def _explicit_day(line: str) -> date | None:
    for mention in find_mentions(line, published=None):
        if mention.granularity == "day" and mention.how.startswith("explicit"):
            return date.fromisoformat(mention.value)
    return None


def date_from_url(url: str) -> date | None:
    """A /2016/08/04/ or /2016-08-04 style date in a URL path."""
    match = _URL_DATE.search(url)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
