"""A found story's label: the names and keyphrases that its articles share and the rest of
the corpus does not (how many of its articles use a term, times the term's IDF)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.analyze.story_text import NAME_PREFIX, Item, name_forms

NAMES = 3  # names in a label
KEYPHRASES = 3  # keyphrases in a label
# A term must be used by at least this share of a story's articles to describe it.
MIN_SHARE = 0.3
# A longer name or phrase replaces a shorter one it holds when used this often relative to it.
LONGER_SHARE = 0.7

_TOKEN = re.compile(r"(?u)\b\w[\w\-]+\b")
_STOP = frozenset(STOP_WORDS) | {"lrb", "rrb", "said", "says", "year", "years", "new"}


@dataclass(frozen=True, slots=True)
class Label:
    """What a story is about, in a few words."""

    names: tuple[str, ...]
    keyphrases: tuple[str, ...]

    @property
    def text(self) -> str:
        """"BP, Gulf of Mexico: oil spill, well" (names first)."""
        parts = [", ".join(self.names), ", ".join(self.keyphrases)]
        return ": ".join(part for part in parts if part)


def phrases(text: str) -> set[str]:
    """The words and two-word phrases of a text (no stop words, no numbers)."""
    words = [w.lower() for w in _TOKEN.findall(text)]
    keep = [w if w not in _STOP and not w[0].isdigit() else None for w in words]
    found = {w for w in keep if w}
    found |= {f"{a} {b}" for a, b in pairwise(keep) if a and b}
    return found


@dataclass(frozen=True, slots=True)
class Corpus:
    """Document frequencies of names and phrases over every item of a run."""

    documents: int
    df: Counter[str]

    @classmethod
    def of(cls, items: Sequence[Item]) -> Corpus:
        """Count, for every name and phrase, the items that use it."""
        df: Counter[str] = Counter()
        for item in items:
            df.update(_vocabulary(item))
        return cls(len(items), df)

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency, as scikit-learn's."""
        return math.log((1 + self.documents) / (1 + self.df[term])) + 1.0


def describe(members: Sequence[Item], corpus: Corpus) -> Label:
    """The label of a story from its members' titles and leads."""
    used: Counter[str] = Counter()
    for item in members:
        used.update(_vocabulary(item))
    least = max(2, math.ceil(MIN_SHARE * len(members))) if len(members) > 1 else 1
    shared = {term: count for term, count in used.items() if count >= least}
    scored = sorted(shared, key=lambda t: (-shared[t] / len(members) * corpus.idf(t), t))
    names = _pick([t for t in scored if t.startswith(NAME_PREFIX)], shared, NAMES, set())
    covered = {word for name in names for word in _words(name)}
    keyphrases = _pick([t for t in scored if not t.startswith(NAME_PREFIX)], shared, KEYPHRASES, covered)
    forms: dict[str, str] = {}
    for item in members:
        for key, form in name_forms(item.text).items():
            forms.setdefault(key, form)
    return Label(tuple(forms.get(n, n[len(NAME_PREFIX):]) for n in names), tuple(keyphrases))


def _pick(ranked: list[str], counts: dict[str, int], limit: int, covered: set[str]) -> list[str]:
    """The best terms that share no word with one already taken; a longer term that holds a
    chosen one and is used nearly as often ("Michael Jackson" for "Jackson") replaces it."""
    picked: list[str] = []
    for term in ranked:
        if len(picked) == limit:
            break
        if _words(term) & covered:
            continue
        longer = [t for t in ranked if _words(term) < _words(t) and counts[t] >= LONGER_SHARE * counts[term]
                  and not (_words(t) - _words(term)) & covered]
        chosen = longer[0] if longer else term
        picked.append(chosen)
        covered |= _words(chosen)
    return picked


def _words(term: str) -> set[str]:
    return set(term.removeprefix(NAME_PREFIX).replace("_", " ").split())


def _vocabulary(item: Item) -> set[str]:
    return {t for t in item.terms if t.startswith(NAME_PREFIX)} | phrases(item.text)
