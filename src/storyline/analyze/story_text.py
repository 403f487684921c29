"""What story discovery reads of an article: its title and lead, as weighted terms.

Discovery compares articles before anything story-level exists, so it uses only what the
document stage already made: the cleaned text and title. Terms are lowercased words (English
stop words dropped) plus the capitalised names in the text ("Gulf of Mexico", "Gaddafi"),
counted again as names, because two articles about one story share their names far more
reliably than their wording.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from spacy.lang.en.stop_words import STOP_WORDS

from storyline.model import Article

# How many words of the text (after the title) stand for the article, and how many times
# each name counts beside its words. Calibrated with bench/discover_calibration.py on
# Timeline17 (docs/benchmarks.md, "Story discovery"): 400 words (about the first half of a
# typical article) and names x2 rank first on the tuning topics at every threshold near the
# best; 200 words splits long stories, names x1 lets neighbouring stories (Egypt and Libya
# in 2011) merge. 800 words and names x3 never ranked best in a first, wider search.
LEAD_WORDS = 400
NAME_WEIGHT = 2
NAME_PREFIX = "e:"  # marks a name among the terms

_WORD = re.compile(r"(?u)\b\w[\w\-]+\b")
# A run of capitalised words, allowing "of"/"the"/"al-" inside ("Gulf of Mexico").
_NAME = re.compile(r"\b[A-Z][\w\-]*(?:\s+(?:of\s+(?:the\s+)?|al-)?[A-Z][\w\-]*)*")
# Words that tell nothing about which story an article belongs to: function words
# (spaCy's list), reporting verbs, and scikit-learn's list, whose extra "content" words
# ("fire", "found", "system", "interest") are too common in news to separate stories
# (+0.025 B-cubed F1 on Timeline17 over spaCy's list alone). Names keep them ("Mill Street").
_STOP = frozenset(STOP_WORDS) | {"said", "says", "told", "according"}
_WORD_STOP = _STOP | frozenset(ENGLISH_STOP_WORDS)
# Capitalised but no name: days and months say when, not what (two stories told on the
# same Friday share nothing).
_NOT_NAMES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
})
# Penn Treebank bracket tokens left in some corpora (Timeline17): not words.
_PTB = frozenset({"lrb", "rrb", "lsb", "rsb", "lcb", "rcb"})


@dataclass(frozen=True, slots=True)
class Item:
    """One article as discovery sees it."""

    key: str  # the article's source: unique per input
    day: date | None  # publication day; None: undated (compared on content alone)
    text: str  # title and lead
    terms: Counter[str]


def item(article: Article, words: int = LEAD_WORDS, name_weight: int = NAME_WEIGHT) -> Item:
    """The title and lead of an article, with their terms."""
    text = lead(article, words)
    return Item(article.source, article.published, text, terms(text, name_weight))


def lead(article: Article, words: int = LEAD_WORDS) -> str:
    """The article's title and the first `words` words of its text."""
    head = " ".join(article.text.split()[:words])
    return f"{article.title}\n{head}" if article.title else head


def names(text: str) -> Counter[str]:
    """Capitalised names in a text, keyed in lower case with underscores ("gulf_of_mexico"),
    leading stop words ("The", "But") dropped."""
    found: Counter[str] = Counter()
    for match in _NAME.finditer(text):
        key = _name_key(text, match)
        if key:
            found[key] += 1
    return found


def _name_key(text: str, match: re.Match[str]) -> str | None:
    words = match.group().split()
    while words and words[0].lower() in _STOP:
        words = words[1:]
    while words and words[-1].lower() in _NOT_NAMES:
        words = words[:-1]
    if not words or (len(words) == 1 and words[0].upper() in {"LRB", "RRB"}):
        return None
    # One capitalised word opening a sentence is usually just a word ("Rescue crews used").
    if len(words) == 1 and words[0] == match.group() and _opens_sentence(text, match.start()):
        return None
    return "_".join(word.lower() for word in words)


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" \t\"'`“‘(")
    return not before or before.endswith(("\n", ".", "!", "?", ":", ";"))


def terms(text: str, name_weight: int = NAME_WEIGHT) -> Counter[str]:
    """The weighted terms of a text: its words, plus its names `name_weight` times."""
    counts: Counter[str] = Counter(
        word for word in (w.lower() for w in _WORD.findall(text)) if word not in _WORD_STOP and word not in _PTB
    )
    for name, count in names(text).items():
        counts[NAME_PREFIX + name] += name_weight * count
    return counts


def name_forms(text: str) -> dict[str, str]:
    """Each name's key and the first way the text writes it, for labels."""
    forms: dict[str, str] = {}
    for match in _NAME.finditer(text):
        key = _name_key(text, match)
        if key:
            words = match.group().split()
            start = next(i for i, w in enumerate(words) if w.lower() == key.split("_")[0])
            forms.setdefault(NAME_PREFIX + key, " ".join(words[start : start + len(key.split("_"))]))
    return forms
