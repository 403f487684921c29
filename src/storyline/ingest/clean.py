"""Turn raw documents into clean article text, remembering every line removed and why.

HTML goes through trafilatura (main text, title, site name). Plain text copied off the web
keeps its boilerplate, and no library filters it line by line, so the rules below are our
own: each rule names a kind of web furniture seen in real scraped news (navigation, share
and comment prompts, captchas, photo credits and captions, teaser lists, update stamps).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from trafilatura.settings import Document

from storyline.model import RawDocument, RemovedLine
from storyline.settings import Settings

# Lines that are web furniture on their own, matched case-insensitively against the whole
# stripped line (list bullets and numbering already removed).
_FURNITURE = [
    ("navigation", r"skip to (main )?(content|menu|main menu|navigation|more .*|search)"),
    ("navigation", r"(main )?menu|home|search|back to top|go to top|top of page|sections?"),
    ("share prompt", (r"(share|share this( article| story| page)?|tweet|email|print|whatsapp"
     r"|share on (facebook|twitter|x|linkedin|whatsapp)|copy link|short link\s*:?.*)")),
    ("comment prompt", (r"(leave|post|add|write) a comment|comments?( \(\d+\))?|\d+ comments?"
     r"|show comments|view comments")),
    ("follow prompt", r".*\bfollow us on (twitter|facebook|instagram|x|telegram)\b.*"),
    ("newsletter prompt", r".*\b(sign up|subscribe)\b.*\b(newsletter|updates|inbox)\b.*"),
    ("newsletter prompt", r"subscribe( now)?|sign up|newsletter"),
    ("cookie banner", r".*\b(we use cookies|this (web)?site uses cookies|accept (all )?cookies)\b.*"),
    ("advertisement", r"advertisement|sponsored( content)?|ad"),
    ("related links", (r"(read more|related( stories| articles| content| coverage)?"
     r"|more (from|on|in) [^.!?]{1,40}|you (may|might) also like.*|recommended( for you)?"
     r"|most (read|popular)|trending( now)?)\s*:?")),
    ("photo credit", r"(photo|image|picture|video|file photo|credit)s?( by)?\s*:.*"),
    ("photo credit", r".*\b(file photo|photo by .{0,40})\)?\.?"),
    ("agency line", r"[a-z]{2,4}(/[a-z]{2,4})+ *\(.*\)|[\w .-]{1,40} and agencies"),
    ("bare url", r"(https?://|www\.)\S+"),
    ("copyright", r"(©|\(c\)|copyright)\s.*"),
]
_FURNITURE_RE = [(reason, re.compile(rf"(?:{pattern})", re.IGNORECASE)) for reason, pattern in _FURNITURE]

# "five × four =" and "3 + 4 = ?": arithmetic captchas under comment forms.
_NUMBER_WORD = r"(\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_CAPTCHA_RE = re.compile(rf"{_NUMBER_WORD}\s*[×x*+−-]\s*{_NUMBER_WORD}\s*=\s*\??", re.IGNORECASE)
# Captions that end with an inline credit, e.g. "... (File photo by AFP, October 11, 2016)".
# or "... on Saturday. Photo: R. Adeyemi / Atlas World News".
_CAPTION_TAIL_RE = re.compile(
    r"\((file )?photo\b[^)]*\)\s*$|\bfile photo\.?\s*$"
    r"|[.!?]\s+(photo|picture|image|photograph)( by)?\s*:\s*[^!?]{2,80}$",
    re.IGNORECASE,
)
# A date line on its own ("November 12, 2016", "12/11/2016 10:02") is a byline stamp, and so
# is the same date after "Last update:", "Published", "Updated on" and the like.
_DATE_STAMP = (
    r"((mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,? )?"
    r"(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|[a-z]{3,9}\.? \d{1,2}(st|nd|rd|th)?,? \d{4}|\d{1,2} [a-z]{3,9}\.?,? \d{4})"
    r"(( at|,)? ?[ ,|-]*\d{1,2}[:.]\d{2}( ?[ap]\.?m\.?)?( ?[a-z]{2,4}| ?[+-]\d{2}:?\d{2})?)?"
    r"|\d+ (minutes?|hours?|days?) ago"
)
_DATE_ONLY_RE = re.compile(
    rf"((last |first )?(updated?|modified|published|posted|created)( on| at)?\s*:?\s*)?"
    rf"({_DATE_STAMP})",
    re.IGNORECASE,
)
_BULLET_RE = re.compile(r"^\s*(?:[•·*\u2022-]|\d{1,2}[.)])\s+")
_SENTENCE_END = tuple(".!?\"'”’»…)")
# Teaser lists ("More from World", "Related") run until the next real paragraph.
_TEASER_MARKERS = {"related links"}


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Clean article text with the metadata cleaning found."""

    text: str
    title: str | None
    outlet: str | None
    removed: tuple[RemovedLine, ...]
    extracted: str  # the text before boilerplate removal (HTML: after markup removal)


def clean(doc: RawDocument, settings: Settings) -> Cleaned | None:
    """Clean one raw document; None when no article text is left."""
    if doc.kind == "html":
        return _clean_html(doc, settings)
    return clean_text(doc.content, settings, title=doc.title, outlet=doc.outlet)


def _clean_html(doc: RawDocument, settings: Settings) -> Cleaned | None:
    extracted = trafilatura.bare_extraction(
        doc.content,
        url=doc.url,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        deduplicate=False,
        fast=True,  # skip the readability/justext fallback: 20% faster; golden set unchanged
    )
    if not isinstance(extracted, Document) or not extracted.text or not extracted.text.strip():
        return None
    body: str = extracted.text
    text = "\n\n".join(line for line in body.splitlines() if line.strip())
    cleaned = clean_text(
        text,
        settings,
        title=doc.title or extracted.title,
        outlet=doc.outlet or extracted.sitename,
        detect_title=False,
    )
    return cleaned


def clean_text(
    content: str,
    settings: Settings,
    title: str | None = None,
    outlet: str | None = None,
    detect_title: bool = True,
) -> Cleaned | None:
    """Filter boilerplate lines out of plain text; paragraphs are joined by blank lines."""
    lines = [_BULLET_RE.sub("", line).strip() for line in content.splitlines()]
    lines = [line for line in lines if line]
    removed: list[RemovedLine] = []
    kept: list[str] = []
    in_teasers = False
    for position, line in enumerate(lines):
        reason = _furniture_reason(line, settings)
        if reason is None and in_teasers and _looks_like_teaser(line):
            reason = "related links"
        in_teasers = reason in _TEASER_MARKERS or (in_teasers and reason == "related links")
        if reason is None and _is_caption_before_credit(lines, position):
            reason = "photo caption"
        if reason is None and not kept and _is_section_label(line):
            reason = "section label"
        if reason is None:
            kept.append(line)
        else:
            removed.append(RemovedLine(line, reason))
    if detect_title and title is None and len(kept) > 1 and _looks_like_headline(kept[0]):
        title = kept[0]
    if title is not None and kept and kept[0] == title.strip():
        removed.append(RemovedLine(kept.pop(0), "title"))
    if not kept:
        return None
    return Cleaned("\n\n".join(kept), title, outlet, tuple(removed), content)


def _furniture_reason(line: str, settings: Settings) -> str | None:
    if len(line) > settings.max_line_chars:
        return "line too long"
    if _CAPTCHA_RE.fullmatch(line) or (line.endswith("=") and _CAPTCHA_RE.search(line)):
        return "captcha"
    if is_date_stamp(line):
        return "date stamp"
    if len(line) <= 160:
        for reason, pattern in _FURNITURE_RE:
            if pattern.fullmatch(line):
                return reason
    if _CAPTION_TAIL_RE.search(line):
        return "photo caption"
    return None


def is_date_stamp(line: str) -> bool:
    """True for a line that is only a date or a labelled date ("Last update: ...")."""
    return _DATE_ONLY_RE.fullmatch(line.strip()) is not None


def _looks_like_teaser(line: str) -> bool:
    # Teasers are headlines (no full stop) or snippets cut off with an ellipsis.
    bare = line.rstrip("\"'”’»")
    return line.endswith(("...", "…")) or (len(line) < 150 and not bare.endswith((".", "!", "?")))


def _is_caption_before_credit(lines: list[str], position: int) -> bool:
    # A short line without a full stop just above an "Image: ..." credit is its caption.
    if position + 1 >= len(lines):
        return False
    line = lines[position]
    following = lines[position + 1]
    return (
        len(line) < 120
        and not line.endswith(_SENTENCE_END)
        and re.match(r"(photo|image|picture|credit)s?\s*:", following, re.IGNORECASE) is not None
    )


def _is_section_label(line: str) -> bool:
    # Before the headline, one or two capitalised words ("Conflicts", "World News").
    words = line.split()
    return len(words) <= 2 and not line.endswith(_SENTENCE_END) and line[:1].isupper()


def _looks_like_headline(line: str) -> bool:
    return len(line) <= 200 and not line.endswith((".", "!", ":", ";", ","))
