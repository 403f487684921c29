"""Page furniture run into the start of a sentence: datelines, agency credits, photo credits,
and headline-plus-timestamp runs.

When a page's lines are flattened, "WASHINGTON (Reuters) - ", "AP NEW ORLEANS -- ",
"Photograph: Jane Doe/AP " or a headline, standfirst and "Thursday 29 April 2010 09.28 BST"
end up glued to the first words of a sentence. A timeline quoting that sentence should start at
the news. `lead_length(text)` says how many characters to skip; the sentence keeps its exact
offsets into the article (the start moves, nothing is rewritten).

Hand-written: sentence splitters and boilerplate removers work on whole lines or blocks, and
no library we know trims credits from inside a sentence. Texts in Penn Treebank tokens
("-LRB- Reuters -RRB-", as in Timeline17) are handled like plain brackets.
"""

from __future__ import annotations

import re

_OPEN = r"(?:\(|-LRB-)"
_CLOSE = r"(?:\)|-RRB-)"
_AGENCY = r"(?:Reuters|AP|AFP|CNN|dpa|UPI|Xinhua|PA|EPA|Bloomberg)"
_DASH = r"(?:--?|–|—)"
# A dateline place: capitals ("NEW ORLEANS", "BARATARIA BAY"), optionally ", Region" or
# ", March 5".
_PLACE = r"[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3}(?:\s*,\s*[A-Z][\w.'-]*(?:\s+[A-Z0-9][\w.'-]*)?)?"

_LEADS = [
    # "WASHINGTON (Reuters) - ", "(CNN) -- ", and the tail left when a splitter cut at the
    # bracket: "Reuters) - ".
    re.compile(rf"(?:{_PLACE}\s*)?{_OPEN}?\s*{_AGENCY}\s*{_CLOSE}\s*{_DASH}\s*"),
    # Any one-word credit in brackets after a place: "VELDMARK, March 5 (MPA) – ".
    re.compile(rf"{_PLACE}\s*{_OPEN}\s*[A-Z][A-Za-z]{{1,9}}\s*{_CLOSE}\s*{_DASH}\s*"),
    # "AP NEW ORLEANS -- ", "BUCHAREST, Romania -- ".
    re.compile(rf"(?:{_AGENCY}\s+)?{_PLACE}\s+{_DASH}\s+"),
    # "Photograph: Jane Doe/Reuters ", "AP Photo/Dave Martin " (escaped slashes too).
    re.compile(r"Photograph\s*:\s*(?:[A-Z][\w.'-]*\s+){0,3}[A-Z][\w.'-]*\s*\\?/\s*[A-Z][\w.&'-]*(?:\s+Images)?\s+"),
    re.compile(rf"(?:{_AGENCY}\s+)?Photo\s*\\?/\s*[A-Z][a-z][\w.'-]*(?:\s+[A-Z][a-z][\w.'-]*)?\s+"),
    # A bare AP credit before a capitalised sentence: "AP The Coast Guard said ..." (only AP:
    # "CNN International said" or "Reuters Television" are news, not credits).
    re.compile(r"AP\s+(?=[A-Z][a-z])"),
]

# A publication stamp inside the sentence ("Thursday 29 April 2010 09.28 BST", "Last updated
# at 22:17 GMT Help", "Added: Tuesday, 19 January, 2010, 16:25 GMT 16:25 UK"): what comes
# before it is the headline and standfirst, and the stamp itself is no news. Capitalised
# only: "the page was updated at 10:15 GMT" is prose.
_ZONE = r"(?:BST|GMT|UTC|CET|CEST|EST|EDT|PST|PDT|ET)"
_STAMP = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s+"
    rf"\d{{1,2}}[.:]\d{{2}}\s*(?:{_ZONE}|[AP]M)?\s*"
    rf"|\b(?:Page\s+last\s+updated|Last\s+updated|Updated|Added)\s*(?:at|on|:)?\s*[^.]{{0,40}}?\d{{1,2}}[.:]\d{{2}}\s*{_ZONE}"
    r"(?:\s+\d{1,2}:\d{2}\s+UK)?(?:\s+Help\b)?\s*"
)
# Keep a sentence at least this long after trimming; otherwise leave it as it is.
MIN_WORDS_LEFT = 5


def lead_length(text: str) -> int:
    """How many characters of furniture open this sentence (0 when none)."""
    cut = 0
    for stamp in _STAMP.finditer(text):
        cut = stamp.end()  # after the last one
    while True:
        for pattern in _LEADS:
            match = pattern.match(text, cut)
            if match is not None and match.end() > cut:
                cut = match.end()
                break
        else:
            break
    if cut and len(text[cut:].split()) < MIN_WORDS_LEFT:
        return 0
    return cut
