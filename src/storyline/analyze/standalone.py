"""Whether a sentence can stand alone in a summary, or hangs on one that came before it.

A summary puts sentences from many articles side by side, so a sentence whose meaning needs
its article's previous sentence reads wrong there: "They successfully opened a route...",
"The figure is lower than...", "But opposition activists said...", a bare quote, or a quote
whose speaker is "he". `dangling(text)` names the reason, or returns None; the summary never
quotes a dangling sentence, and the timeline prefers one that is not (analyze/events.py).
The rules are about how a sentence opens, where news copy puts its references back.
"""

from __future__ import annotations

import re

_PRONOUNS = (
    r"he|she|it|they|him|her|them|his|hers|its|their|theirs|this|that|these|those|such|both|"
    r"another|others?|we|our|us|i"
)
# A pronoun or demonstrative as the first word: "They successfully opened...", "This is...".
_PRONOUN_FIRST = re.compile(rf"^(?:{_PRONOUNS})\b", re.IGNORECASE)
# Words that join a sentence to the one before it.
_CONNECTIVE_FIRST = re.compile(
    r"^(?:but|and|or|so|yet|however|still|instead|meanwhile|moreover|furthermore|also|besides|"
    r"nevertheless|nonetheless|then|thus|therefore|hence|otherwise|likewise|similarly|"
    r"additionally|consequently|accordingly|earlier|later|afterwards|previously|again|"
    r"in addition|as a result|in response|by contrast|on the other hand|at the same time|"
    r"(?:on |at )?(?:the|that) (?:same )?(?:day|night|morning|evening|time)|"
    r"the (?:next|following|previous) (?:day|night|morning|evening|week)|the day (?:before|after)|"
    r"(?:a|one|two|three|four|five|several) (?:days?|weeks?|hours?|months?) (?:later|earlier|after|before)|"
    r"since then|until then|after that|before that|even so|not only)\b",
    re.IGNORECASE,
)
# Definite descriptions news copy uses to point back: "The figure", "The latest", "The two".
_BACK_REFERENCE = re.compile(
    r"^[Tt]he\s+(?:latest|new|same|earlier|previous|former|latter|above|following|other|rest|"
    r"most recent|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?|"
    r"figures?|toll|tolls|number|count|total|move|decision|incident|statement|report|"
    r"announcement|comments?|remarks?|claims?|findings?|man|woman|men|women|boy|girl|group|"
    r"official|officials|spokesm[ae]n|spokeswoman|spokesperson|source|sources|victims?|"
    r"suspects?|bodies|body|episode|case|measure|step|result|results|change|situation|"
    r"development|news)\b"
)
# Happenings named by a common noun ("The attack killed..."): which one, unless a name
# follows within a few words ("The fire in Shed 9", "The attack on Aleppo").
_HAPPENING = re.compile(
    r"^[Tt]he\s+(?:attacks?|blast|explosion|bombing|strikes?|raids?|meeting|deal|accident|crash|"
    r"fire|plan|proposal|offer|request|call|warning|visit|trip|talks|vote|event|events|killings?|"
    r"deaths?|operation|offensive|assault|campaign|fighting|clashes|violence|combat|advance|"
    r"capture|protests?|ceasefire|truce|agreement|law|bill|ruling|verdict|trial|inquiry)\b"
    r"(?P<after>(?:\W+\w+){0,5})"
)
# "The bus was carrying fighters": a definite description with no name in the sentence to
# say which one.
_THE_COMMON = re.compile(r"^[Tt]he\s+[a-z]")
_NAME = re.compile(r"\b[A-Z][a-z]+|\b[A-Z]{2,}\b|\b\d")
_NOT_NAMES = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|I)$"
)
_QUOTES = "\"'“”‘’«»"
# A quote's speaker given as a pronoun: '..., he said.', '... said she.'
_PRONOUN_SPEAKER = re.compile(
    r"(?:\b(?:he|she|they|it)\s+(?:\w+\s+)?(?:said|says|added|adds|told|tells|explained|"
    r"continued|insisted|warned|noted|wrote|stressed)\b|\b(?:said|says|added|told)\s+(?:he|she|they)\b)",
    re.IGNORECASE,
)
# An opening phrase before a comma ("On Thursday, they ...", "In a statement, he said").
_OPENING_PHRASE = re.compile(r"^[^,;\"“”]{1,40},\s+")


def dangling(text: str) -> str | None:
    """Why a sentence cannot stand alone (its meaning hangs on an earlier sentence), or None."""
    text = text.strip()
    if not text:
        return "empty"
    if text[0] in _QUOTES:
        return "bare quote"
    if _unbalanced(text):
        return "part of a quote"
    reason = _opening(text)
    if reason is not None:
        return reason
    opening = _OPENING_PHRASE.match(text)
    if opening is not None and _pronoun_first(text[opening.end() :]):
        return f"pronoun after an opening phrase: {text[opening.end():].split()[0]!r}"
    if _PRONOUN_SPEAKER.search(text):
        return "speaker is a pronoun"
    return None


def _opening(text: str) -> str | None:
    first = text.split(maxsplit=1)[0]
    if _pronoun_first(text):
        return f"opens with a pronoun: {first!r}"
    connective = _CONNECTIVE_FIRST.match(text)
    if connective is not None:
        return f"opens with a connective: {connective.group(0)!r}"
    back = _BACK_REFERENCE.match(text)
    if back is not None:
        return f"refers back: {back.group(0)!r}"
    happening = _HAPPENING.match(text)
    if happening is not None and not _has_name(happening.group("after")):
        return f"refers back: {text[: happening.start('after')]!r}"
    if _THE_COMMON.match(text) and not _names(text):
        return "refers back: a definite description with no name"
    return None


def _unbalanced(text: str) -> bool:
    """A quote that opened or closes in another sentence: 'Now I don't know if I still have a
    kitchen."' (an apostrophe is not a quotation mark)."""
    opened = text.count("“") + text.count("«")
    closed = text.count("”") + text.count("»")
    return opened != closed or text.count('"') % 2 == 1


def _pronoun_first(text: str) -> bool:
    # "US officials" and "IT workers" are not "us" and "it".
    match = _PRONOUN_FIRST.match(text)
    return match is not None and (match.group(0) == "I" or not match.group(0).isupper())


def _names(text: str) -> bool:
    """Whether a text names anything past its first word (a capitalised word, an acronym,
    a number), weekdays and months aside."""
    parts = text.split(maxsplit=1)
    return _has_name(parts[1]) if len(parts) > 1 else False


def _has_name(text: str) -> bool:
    return any(not _NOT_NAMES.match(m.group(0)) for m in _NAME.finditer(text))
