"""Is a cleaned page a news article at all? A crawl holds section fronts, menus and shop pages
that cleaning cannot turn into prose; story discovery skips them, with the reason, rather
than clustering them into stories of junk. (Non-English pages are skipped earlier, by the
document stage.)

Hand-written rules, calibrated so that no article of Timeline17 (4,619 readable articles) and
none of the example story is flagged, while the menu, link-list and product pages in
tests/test_discover.py are (bench/discover_calibration.py prints the count).
"""

from __future__ import annotations

import re

from storyline.model import Article

# A prose line has at least this many words and ends like a sentence.
PROSE_LINE_WORDS = 8
# A page whose prose is under this share of its words, with at least LIST_LINES short
# lines, is a list of links or teasers (a section front), not an article.
MIN_PROSE_SHARE = 0.3
LIST_LINES = 12
# Product pages: any two of these kinds of shop furniture, with a way to buy.
_I, _M = re.IGNORECASE, re.MULTILINE
_SHOP = {
    "price": re.compile(r"(?:[$€£¥]\s?\d[\d,]*\.\d{2}\b|\b\d[\d,]*\.\d{2}\s?(?:USD|EUR|GBP)\b)"),
    "buy": re.compile(
        r"\b(?:add to (?:cart|basket|bag|wish ?list)|buy (?:it )?now|(?:proceed to )?checkout)\b", _I
    ),
    "stock": re.compile(
        r"\b(?:in stock|out of stock|free (?:shipping|delivery|returns)|ships (?:in|within))\b", _I
    ),
    "reviews": re.compile(r"\b(?:customer reviews?|out of 5 stars|\d(?:\.\d)? stars?\b|write a review)", _I),
    "specs": re.compile(
        r"^\s*(?:specifications|product (?:details|description|information)|sku|model (?:no|number)"
        r"|qty|quantity)\b", _I | _M,
    ),
}
_SENTENCE_END = tuple(".!?\"'”’»…)")


def not_news(article: Article) -> str | None:
    """Why a cleaned article is not news (a product page, a list of links), or None. A short
    brief is news: only many short lines with little prose make a list."""
    shop = sorted(kind for kind, pattern in _SHOP.items() if pattern.search(article.text))
    if "buy" in shop and len(shop) >= 2:
        return f"not news: a product page ({', '.join(shop)})"
    lines = [line.strip() for line in article.text.splitlines() if line.strip()]
    words = sum(len(line.split()) for line in lines)
    prose = sum(len(line.split()) for line in lines if _is_prose(line))
    short = sum(1 for line in lines if not _is_prose(line))
    if prose < MIN_PROSE_SHARE * words and short >= LIST_LINES:
        return f"not news: a list of links or teasers ({short} short lines, {prose} of {words} words in sentences)"
    return None


def _is_prose(line: str) -> bool:
    return len(line.split()) >= PROSE_LINE_WORDS and line.endswith(_SENTENCE_END)
