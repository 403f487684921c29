"""Recognise web furniture line by line: the text around an article that is not the article.

No library filters plain text copied off web pages, so these rules are ours. Each names a
kind of furniture seen in real scraped news; calibrated as a set on the golden set in
tests/data/boilerplate_gold/ (`storyline eval boilerplate`): re-run it after any change.
Every rule is written to leave a full sentence of body text alone.
"""

from __future__ import annotations

import re

# A line is judged after list bullets and numbering are stripped.
BULLET = re.compile(r"^\s*(?:[•·*\u2022▪◦-]|\d{1,2}[.)])\s+")
SENTENCE_END = tuple(".!?\"'”’»…)")

_WHOLE_LINE = [
    ("navigation", r"skip to (main )?(content|menu|main menu|navigation|more .*|search)"),
    ("navigation", r"(main )?menu|home|search|back to top|go to top|top of page|sections?|front page"),
    ("share prompt", (
        r"(share|share this( article| story| page)?|tweet|email|e-mail|print|whatsapp|copy link"
        r"|short link\s*:?.*|save( article| story)?|gift this article|close share panel"
        r"|((share|post) (on|to) (facebook|twitter|x|linkedin|whatsapp|reddit|email)\s*)+(email)?)"
    )),
    ("comment prompt", (
        r"(leave|post|add|write) a comment|comments?( \(\d+\))?|\d+ comments?|show comments"
        r"|view comments|join the conversation|comments are closed|post comment|submit|reply"
        r"|you must be logged in to (comment|reply)\.?|name|e-?mail( address)?|website"
    )),
    ("follow prompt", r".*\bfollow us on (twitter|facebook|instagram|x|telegram|whatsapp)\b.*|follow [\w.]+"),
    ("share prompt", r"((facebook|twitter|x|linkedin|email|e-mail|whatsapp|reddit|telegram|copy link)\s*){2,}"),
    ("standards note", r"our standards:.*|.*trust principles\.?"),
    ("newsletter prompt", r"subscribe( now)?|sign up|newsletter|subscribe \| (log|sign) in"),
    ("cookie banner", r".*\b(we use cookies|this (web)?site uses cookies|accept (all |recommended )?cookies|cookies? (settings|preferences)|necessary cookies only|manage (cookie )?settings)\b.*"),
    ("advertisement", r"advertisement|sponsored( content)?|ad|promoted( content)?"),
    ("related links", (
        r"(read more|related( stories| articles| content| coverage| topics)?|also read|see also"
        r"|more (from|on|in) [^.!?]{1,40}|you (may|might) also like.*|recommended( for you)?"
        r"|most (read|popular|viewed)( in [\w ]{1,30})?|trending( now)?|more stories|top stories"
        r"|latest( news)?|editor'?s picks)\s*:?"
    )),
    # "Related: Dorne line to get new trains", "Read more: Why the Aske keeps flooding"
    ("related link", r"(read more|related|also read|see also|more on this( story)?|watch|listen|read)\s*[:|›»]\s*.+"),
    ("tag list", r"(topics|tags|keywords|filed under|categories|related topics|more about)\s*:.*"),
    ("photo credit", r"(photo|image|picture|video|file photo|credit|photograph|illustration)s?( by)?\s*:.*"),
    ("photo credit", r".*\b(file photo|photo by .{0,40}|reader photo|handout photo)\)?\.?"),
    ("agency line", r"[a-z]{2,4}(/[a-z]{2,4})+ *\(.*\)|[\w .-]{1,40} and (news )?agencies"),
    ("wire furniture", (
        r"\((reporting|writing|editing|additional reporting|compiled|adds|updates|recasts|corrects)\b.*\)"
        r"|more to follow|ends|-+ ?ends? ?-+|\(?end\)?|developing story"
    )),
    ("bare url", r"(https?://|www\.)\S+"),
    ("copyright", r".*(©|\(c\) ?\d{4}|copyright \d{4}|all rights reserved).*"),
    ("byline", r"by [A-Z][\w'’.-]+( [A-Z][\w'’.-]+){0,3}(,? [\w ,&-]{0,60})?"),
    ("byline", r"[A-Z][\w'’-]+ [A-Z][\w'’-]+, [\w ]{0,40}(correspondent|reporter|editor|writer|staff|columnist)"),
    ("byline", r"[\w ]{0,40} (staff|correspondent|reporter|desk|staff writer)s?"),
    ("audio player", r"listen to this (article|story)( \d+ min(utes?)?)?|\d{1,2}:\d{2} / \d{1,2}:\d{2}|\d+ min(ute)? read"),
    ("editor line", r"editor\s*:.*|.*\beditor: [A-Z][\w ]+\.?"),
]
_WHOLE_LINE_RE = [(reason, re.compile(rf"(?:{p})", re.IGNORECASE)) for reason, p in _WHOLE_LINE]

# Calls to action start with an imperative aimed at the reader and name the site's services.
_CTA_START = re.compile(
    r"^(subscribe|sign (up|in)|log ?in|get (the|our|every|unlimited|\w+ alerts)|download|follow|click"
    r"|tap|share|save|gift|print|listen|join|enter your|accept|manage|try|watch|send us|register"
    r"|already a subscriber|you have \d+ free|by signing up|this article is for subscribers"
    r"|support (our|us)|become a (member|subscriber)|don'?t miss|want more)\b",
    re.IGNORECASE,
)
_CTA_WORD = re.compile(
    r"\b(app|apps|newsletter|subscribe|subscriber|subscription|sign up|sign in|log in|free|access"
    r"|alerts|article|story|share|email|e-mail|cookies|here|whatsapp|facebook|twitter|instagram"
    r"|telegram|phone|updates|inbox|panel|google play|app store|tip|friend|member|journalism|plus"
    r"|terms|privacy)\b",
    re.IGNORECASE,
)
_EMAIL_PROMPT = re.compile(r"\b(enter your e-?mail|your e-?mail address|sign up here)\b", re.IGNORECASE)
# Menus: "Home | News | Sport", "Home › News › Coast", tickers "HXI 2,341.6 ▲0.42% | ..."
_SEPARATED = re.compile(r"\s(?:\||›|»|/|·)\s")
_TICKER = re.compile(r"[▲▼]")
# "five × four =" and "3 + 4 = ?": arithmetic captchas under comment forms.
_NUMBER_WORD = r"(\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_CAPTCHA = re.compile(rf"{_NUMBER_WORD}\s*[×x*+−-]\s*{_NUMBER_WORD}\s*=\s*\??", re.IGNORECASE)
# Captions that end with a credit: "... (File photo by AFP, October 11, 2016)",
# "... on Saturday. Photo: R. Adeyemi / Atlas World News", "... station. Reader photo".
_CAPTION_TAIL = re.compile(
    r"\((file )?photo\b[^)]*\)\s*$|\bfile photo\.?\s*$"
    r"|[.!?]\s+(photo|picture|image|photograph|illustration)( by)?\s*:\s*[^!?]{2,80}$"
    r"|[.!?]\s+(reader|file|handout|archive) (photo|picture|image)\.?$"
    r"|\((photo|image|picture)s?\s*:[^)]{2,80}\)\s*$",
    re.IGNORECASE,
)
# A date line on its own, with or without a label, time and zone: a byline stamp.
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH} \d{{1,2}}(st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}} {_MONTH},? \d{{4}}|\d+ (minutes?|hours?|days?) ago)"
)
_STAMP_WORDS = {
    "published", "updated", "last", "first", "posted", "modified", "created", "on", "at", "gmt",
    "utc", "bst", "cet", "cest", "est", "edt", "am", "pm", "a.m.", "p.m.", "|", "-", "–", "—",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "wed", "thu", "fri", "sat", "sun", "update", "by",
}
_DATE_RE = re.compile(_DATE, re.IGNORECASE)
_TIME_RE = re.compile(r"\b\d{1,2}[:.]\d{2}\b")


def is_date_stamp(line: str) -> bool:
    """A line that is only a date (and time), possibly labelled ("Last update: ...") or
    followed by an author ("– by Henrik Sand")."""
    text = line.strip()
    if len(text.split()) > 16 or not (_DATE_RE.search(text) or _TIME_RE.search(text)):
        return False
    rest = _DATE_RE.sub(" ", text)
    rest = _TIME_RE.sub(" ", rest)
    rest = re.sub(r"\bby( [A-Z][\w'’-]+){1,3}\s*$", " ", rest)
    words = [w.strip(",:;()") for w in rest.lower().split()]
    if not _DATE_RE.search(text) and not any(w in ("published", "updated", "posted", "update") for w in words):
        return False  # a bare time needs a label to be a stamp
    return all(not w or w in _STAMP_WORDS for w in words)


def line_reason(line: str, max_chars: int) -> str | None:
    """Why a single line is furniture, or None when it may be article text."""
    if len(line) > max_chars:
        return "line too long"
    if _CAPTCHA.fullmatch(line) or (line.rstrip(" ?").endswith("=") and _CAPTCHA.search(line)):
        return "captcha"
    if is_date_stamp(line):
        return "date stamp"
    words = line.split()
    if len(line) <= 200:
        for reason, pattern in _WHOLE_LINE_RE:
            if pattern.fullmatch(line):
                return reason
    if len(words) <= 30 and _CTA_START.search(line) and _CTA_WORD.search(line):
        return "call to action"
    if len(words) <= 25 and _EMAIL_PROMPT.search(line):
        return "newsletter prompt"
    if _TICKER.search(line) or (len(_SEPARATED.findall(line)) >= 2 and _short_segments(line)):
        return "navigation"
    if _CAPTION_TAIL.search(line):
        return "photo caption"
    return None


def _short_segments(line: str) -> bool:
    segments = [s for s in re.split(r"\s(?:\||›|»|/|·)\s", line) if s.strip()]
    return all(len(s.split()) <= 6 for s in segments)


# Prose ends with a full stop, question or exclamation mark, perhaps inside quotes or brackets;
# a headline may end with a quotation but has no full stop before it.
_PROSE_END = re.compile(r"[.!?][\"'”’»)\]]*$")


def is_body_paragraph(line: str) -> bool:
    """A line that reads like article prose: a full sentence of ten words or more (a
    snippet cut off with an ellipsis is a teaser, not prose)."""
    text = line.rstrip()
    return len(text.split()) >= 10 and _PROSE_END.search(text) is not None and not text.endswith(("...", "…"))


def looks_like_headline(line: str) -> bool:
    """Short, capitalised, not ending like a sentence."""
    return 3 <= len(line.split()) <= 30 and not line.endswith((".", ":", ";", ",")) and line[:1].isupper()


def is_teaser(line: str) -> bool:
    """Teasers are headlines (no full stop) or snippets cut off with an ellipsis."""
    bare = line.rstrip("\"'”’»")
    return line.endswith(("...", "…")) or (len(line) < 150 and not bare.endswith((".", "!", "?")))


def is_pull_quote(line: str, text: str) -> bool:
    """A line that is only a quotation repeated elsewhere in the article."""
    stripped = line.strip()
    if len(stripped) < 20 or stripped[0] not in "\"“'‘" or stripped[-1] not in "\"”'’":
        return False
    inner = stripped[1:-1].strip().rstrip(".,")
    return text.count(inner) >= 2
