"""Number expressions in news text: "at least 84", "Some 50", "dozens", "a quarter of a
million", "between 30 and 40", "3.5 million", "1,200", "seven", each with its bounds.

Hand-written because no library on PyPI does this well: quantulum3 averages ranges
("between 30 and 40" becomes 35) and takes 5 s to load, text2num maps "hundreds" to 100,
number-parser turns "3.5 million" into "3.5 1000000", and none of them keeps the qualifier
("at least", "nearly") that decides the bounds. The conventions (docs/output.md, "Figures"):

    exact N → N..N            at least N → N..open          more than / over N → N+1..open
    nearly / almost N → open..N                             up to / as many as N → open..N
    about / some / around N → ceil(0.9N)..floor(1.1N)       X to Y, between X and Y → X..Y
    dozens 24..99, scores 40..99, hundreds 200..999, thousands 2000..9999,
    tens of thousands 20,000..99,999, hundreds of thousands 200,000..999,999,
    millions 2,000,000..9,999,999
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from storyline.model import Qualifier

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
VAGUE = {
    "dozens": (24, 99), "scores": (40, 99), "tens": (20, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999), "tens of millions": (20_000_000, 99_999_999),
}
FRACTIONS = {"a quarter of a": 0.25, "quarter of a": 0.25, "a third of a": 1 / 3, "third of a": 1 / 3,
             "half a": 0.5, "three quarters of a": 0.75}
# Qualifier phrases. "below" is ours alone: "less than N" is up_to with N-1 as its high.
QUALIFIERS: dict[str, str] = {
    "at least": "at_least", "a minimum of": "at_least", "no fewer than": "at_least",
    "no less than": "at_least", "not less than": "at_least",
    "more than": "more_than", "over": "more_than", "upwards of": "more_than", "past": "more_than",
    "in excess of": "more_than", "well over": "more_than", "passing": "more_than", "passed": "more_than", "topped": "more_than",
    "surpassing": "more_than", "exceeding": "more_than",
    "nearly": "nearly", "almost": "nearly", "just under": "nearly", "close to": "nearly",
    "just short of": "nearly", "fewer than": "below", "less than": "below",
    "under": "below",
    "about": "about", "around": "about", "some": "about", "roughly": "about",
    "approximately": "about", "an estimated": "about", "estimated": "about", "approx.": "about",
    "up to": "up_to", "as many as": "up_to", "at most": "up_to", "as high as": "up_to",
}

_WORD_NUMBER = "|".join(sorted(list(UNITS) + list(TENS), key=len, reverse=True))
_SCALE = "hundred|thousand|million|billion"
# One number: digits (with thousands separators or a decimal part) or words, with an
# optional scale ("3.5 million", "two hundred", "twenty-five thousand", "a dozen").
NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s+(?:{_SCALE})|(?:m|bn)\b)?"
    rf"|(?:(?:{_WORD_NUMBER})(?:[- ](?:{_WORD_NUMBER}))?)(?:\s+(?:{_SCALE}))*"
    rf"|a\s+(?:dozen|hundred|thousand|million)"
    rf"|(?:(?:a\s+)?quarter of a|(?:a\s+)?third of a|half a|three quarters of a)\s+(?:million|billion)"
)
_QUALIFIER = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
_VAGUE = "tens of thousands|hundreds of thousands|tens of millions|dozens|scores|hundreds|thousands|millions|tens(?= of)"
EXPRESSION = re.compile(
    rf"\b(?:(?P<between>between)\s+(?P<low>{NUMBER})\s+and\s+(?P<high>{NUMBER})"
    rf"|(?:(?P<qualifier>{_QUALIFIER})\s+)?(?P<number>{NUMBER})"
    rf"(?:\s*(?:-|–|to)\s*(?P<upper>{NUMBER}))?"
    rf"|(?P<vague>{_VAGUE}))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NumberExpression:
    """A number expression with its bounds (None = open) and qualifier."""

    start: int
    end: int
    text: str
    low: int | None
    high: int | None
    qualifier: Qualifier


def parse_number(text: str) -> float | None:
    """The value of one number in digits or words ("1,200", "3.5 million", "twenty-five",
    "a dozen", "a quarter of a million"), or None."""
    words = " ".join(text.lower().replace("-", " ").split())
    if not words:
        return None
    for fraction, share in FRACTIONS.items():
        if words.startswith(fraction + " "):
            scale = SCALES.get(words[len(fraction) + 1 :])
            return share * scale if scale else None
    if words == "a dozen":
        return 12.0
    if words.startswith("a ") and words[2:] in SCALES:
        return float(SCALES[words[2:]])
    short = re.fullmatch(r"([\d.,]+)(m|bn)", words)  # "50m", "1.2bn"
    if short:
        return float(short.group(1).replace(",", "")) * SCALES["million" if short.group(2) == "m" else "billion"]
    head, *rest = words.split(" ")
    try:
        value = float(head.replace(",", ""))
    except ValueError:
        return _words_value([head, *rest])
    for word in rest:
        if word not in SCALES:
            return None
        value *= SCALES[word]
    return value


def _words_value(words: list[str]) -> float | None:
    total, current = 0, 0
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
    return float(total + current)


def bounds(value: float, qualifier: Qualifier) -> tuple[int | None, int | None]:
    """Low and high of a number under a qualifier, by the conventions above."""
    number = round(value)
    if qualifier == "at_least":
        return number, None
    if qualifier == "more_than":
        return number + 1, None
    if qualifier in ("nearly", "up_to"):
        return None, number
    if qualifier == "about":
        return math.ceil(round(0.9 * value, 6)), math.floor(round(1.1 * value, 6))
    return number, number


def find_numbers(text: str, failures: list[str] | None = None) -> Iterator[NumberExpression]:
    """Every number expression of a text, with its bounds, in order; the surface of any
    that cannot be read ("between 40 and 30") goes to `failures` when given."""
    for match in EXPRESSION.finditer(text):
        parsed = _parse(match)
        if parsed is not None:
            yield parsed
        elif failures is not None:
            failures.append(match.group(0))


def _parse(match: re.Match[str]) -> NumberExpression | None:
    start, end, surface = match.start(), match.end(), match.group(0)
    if match.group("vague"):
        low, high = VAGUE[" ".join(match.group("vague").lower().split())]
        return NumberExpression(start, end, surface, low, high, "vague")
    if match.group("between"):
        first, second = parse_number(match.group("low")), parse_number(match.group("high"))
        if first is None or second is None or first > second:
            return None
        return NumberExpression(start, end, surface, int(first), int(second), "range")
    value = parse_number(match.group("number"))
    if value is None:
        return None
    phrase = match.group("qualifier")
    qualifier = QUALIFIERS[" ".join(phrase.lower().split())] if phrase else "exact"
    upper = match.group("upper")
    if upper:
        top = parse_number(upper)
        if top is not None and value < top and not _looks_like_a_date_range(match):
            kind: Qualifier = "range" if qualifier == "exact" else _as_qualifier(qualifier)
            return NumberExpression(start, end, surface, *_qualified_range(value, top, qualifier), kind)
        # "1-0", "2011-2012" or a descending pair: keep the first number alone.
        end = match.end("number")
        surface = match.string[start:end]
    if qualifier == "below":
        return NumberExpression(start, end, surface, None, round(value) - 1, "up_to")
    return NumberExpression(start, end, surface, *bounds(value, _as_qualifier(qualifier)),
                            _as_qualifier(qualifier))


def _as_qualifier(name: str) -> Qualifier:
    return "up_to" if name == "below" else name  # type: ignore[return-value]


def _qualified_range(low: float, high: float, qualifier: str) -> tuple[int | None, int | None]:
    """Bounds of "X to Y" under a qualifier ("about 45,000-50,000", "up to 10-15")."""
    if qualifier in ("at_least", "more_than"):
        return bounds(low, _as_qualifier(qualifier))[0], None
    if qualifier in ("nearly", "up_to", "below"):
        return None, round(high)
    if qualifier == "about":
        return bounds(low, "about")[0], bounds(high, "about")[1]
    return round(low), round(high)


def _looks_like_a_date_range(match: re.Match[str]) -> bool:
    number = match.group("number")
    return bool(re.fullmatch(r"(1[89]|20)\d\d", number))
