"""Who a sentence says its figures come from: "according to X", "X said", "said X",
"X told AFP", "citing X", a quoted speaker; normalised to one name per source.

Hand-written patterns rather than a dependency parse: the default pipeline runs spaCy's
sentence recogniser only (the parser would cost about 10x more on every sentence), and news
attribution is formulaic enough that a few patterns over the sentence find the speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Canonical names for sources that news text names in many ways. A pattern is matched
# against the whole source phrase (case-insensitive) after determiners are stripped.
ALIASES: tuple[tuple[str, str], ...] = (
    ((r"(?:syrian )?observatory(?: for human rights)?|sohr|(?:war )?monitor(?:ing group)?"
     r"|britain-based (?:monitor|observatory|group)"), "Syrian Observatory for Human Rights"),
    (r"u\.?n\.? (?:refugee agency|high commissioner for refugees)|unhcr", "UNHCR"),
    (r"unicef|u\.?n\.? children'?s (?:fund|agency)", "UNICEF"),
    (r"(?:u\.?n\.?|united nations) (?:office for the )?co-?ordination of humanitarian affairs|ocha",
     "OCHA"),
    (r"world health organi[sz]ation|who", "World Health Organization"),
    (r"u\.?n\.?|united nations|the world body", "United Nations"),
    (r"international committee of the red cross|icrc|red cross", "International Committee of the Red Cross"),
    (r"red crescent|(?:syrian arab|libyan|egyptian|iraqi) red crescent", "Red Crescent"),
    (r"human rights watch|hrw", "Human Rights Watch"),
    (r"amnesty(?: international)?", "Amnesty International"),
    (r"doctors without borders|medecins sans frontieres|msf", "Medecins Sans Frontieres"),
    (r"(?:u\.?s\.? )?centers? for disease control(?: and prevention)?|cdc",
     "Centers for Disease Control and Prevention"),
    (r"white helmets|(?:syrian )?civil defen[cs]e(?: service)?", "Syrian Civil Defence"),
    (r"sana|(?:syrian )?state news agency(?: sana)?", "SANA"),
    (r"pentagon", "Pentagon"),
    (r"(?:the )?(?:isis|isil|is|islamic state|daesh)(?: militants?| group| fighters)?",
     "Islamic State"),
    (r"nato", "NATO"),
)
_ALIASES = tuple((re.compile(rf"(?:{p})", re.IGNORECASE), name) for p, name in ALIASES)

_VERBS = (
    r"said|says|say|told|tells|tell|reported|reports|estimated|estimates|estimate|confirmed"
    r"|confirms|announced|stated|added|adds|claimed|claims|counted|documented|recorded|put|puts"
    r"|warned|warns|alleged|alleges|suspect|suspects|believe|believes|fear|fears"
)
ACCORDING = re.compile(r"\b(?:according to|citing|quoting|reported by)\s+(?P<src>[^,;:.\"“”()]{2,90})",
                       re.IGNORECASE)
# "..., the Observatory said." / "Abdel Rahman told AFP" / "X says"
VERB = re.compile(rf"\b(?:{_VERBS})\b", re.IGNORECASE)
# "The WHO has said", "officials later said": the auxiliary is not part of the source.
_AUXILIARY_TAIL = re.compile(r"(?:\s+(?:has|have|had|also|later|earlier|would))+\s*$", re.IGNORECASE)
# "said the doctor", "said a medical official with the city's ..."
AFTER_VERB_GENERIC = re.compile(
    r"\b(?:said|says|told)\s+(?P<src>(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:officials?|doctors?|"
    r"spokesm[ae]n|spokeswoman|spokesperson|sources?|police|ministry|army|military|agency|group|"
    r"monitor|statement|activists|witnesses|residents|medics|physician|nurse))\b")
# "said the Syrian Observatory for Human Rights" / "said Rami Abdel Rahman, head of ..."
AFTER_VERB = re.compile(r"\b(?:said|says|told|reported|added)\s+(?P<src>(?:the\s+)?[A-Z][^,;:.\"“”()]{1,90})")
# Parentheses (also PTB's -LRB- -RRB-) and the dots of abbreviations are masked before the
# patterns run, keeping offsets: "Middle East News Agency (MENA) reports", "U.S. officials".
_NAME_RUN = re.compile(
    r"(?:the\s+)?[A-Z][\w.'’·-]*(?:\s+(?:(?:of|for|and|the|al-|el-|bin|ibn|de)\s+)*[A-Z][\w.'’·-]*)*")
_ENDS_NAME = re.compile(r"\s*(?:$|[,;]|who\b|which\b|-)")
_PARENTHESES = re.compile(r"\(.*?\)|-LRB-.*?-RRB-")
_ABBREVIATION_DOT = re.compile(r"(?<=\b[A-Z])\.(?=[A-Z]\.)|(?<=\b[A-Z]\.[A-Z])\.")
# Words that are never a source on their own ("said Sunday that ...").
_NOT_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tonight", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "earlier", "later", "last",
    "on", "in", "this", "there", "it", "that", "meanwhile", "however", "separately",
}
_SPEAKER_HEAD = re.compile(
    r"(?P<org>[A-Z][\w.'’-]*(?:\s+(?:for|of|the|[A-Z][\w.'’-]*))*?)\s+"
    r"(?:head|chief|director|spokesman|spokeswoman|spokesperson|official|chairman|founder|representative|"
    r"president|secretary|minister|commander)\s+"
    r"(?P<person>[A-Z][\w'’-]+(?:\s+(?:al-|el-|bin\s|ibn\s)?[A-Z][\w'’-]+){1,3})"
)
_HEAD_OF = re.compile(
    r"(?P<person>[A-Z][\w'’-]+(?:\s+(?:al-|el-|bin\s|ibn\s)?[A-Z][\w'’-]+){1,3}),\s+(?:the\s+)?"
    r"(?:head|chief|director|spokesman|spokeswoman|spokesperson|chairman|founder)\s+(?:of|for)\s+"
    r"(?:the\s+)?(?P<org>[^,;.]{3,80})"
)
PRONOUNS = {"he", "she", "they", "it", "we", "i", "group", "statement", "organisation",
            "organization", "agency", "ministry", "officials"}
_DETERMINERS = re.compile(
    r"^(?:the|a|an|its|his|her|their|also|but|and|while|as|officials? at|this|another|what|"
    r"which|so|now|records at|figures from|data from)\s+",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"^(?:(?:observatory|monitor|sohr|group|agency|the)\s+)?(?:head|chief|director|spokesman|spokeswoman|"
    r"spokesperson|official|officials|chairman)\s+", re.IGNORECASE)
_NAME = re.compile(r"([A-Z][\w'’-]+(?:\s+(?:al-|el-|bin\s|ibn\s|de\s|van\s)?[A-Z][\w'’-]+){1,3})\s*$")
# Words that end a source phrase taken before a verb: what precedes them is not the source.
_NOT_SOURCE = re.compile(
    r"\b(?:killed|wounded|died|dead|injured|were|was|are|have|has|had|been|in|on|at|that|"
    r"whom|while|when|where|with|near|after|before|by|than|people|civilians|children|amid|as|but)\b"
    r"|\b(?-i:who|which)\b|\bis\b(?=\s+[a-z])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A source named in a sentence and where the naming sits (offsets in the sentence)."""

    source: str
    start: int
    end: int


# "the Middle East News Agency (MENA)": an acronym the article defines for a name.
_DEFINED_ACRONYM = re.compile(
    r"(?P<name>(?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|the|on)\s+)*){1,7}[A-Z][\w'’-]*)"
    r"\s*(?:\(|-LRB-)\s*(?P<acronym>[A-Z]{2,8})\s*(?:\)|-RRB-)"
)
_MINOR_WORDS = frozenset({"of", "for", "and", "the", "on"})


def speakers(text: str) -> dict[str, str]:
    """People the article ties to an organisation ("Observatory head Rami Abdel Rahman",
    "X, head of Y"): each full name and surname → the organisation's canonical name; and
    acronyms the article defines ("... News Agency (MENA)") → the name they stand for."""
    found: dict[str, str] = {}
    for pattern in (_SPEAKER_HEAD, _HEAD_OF):
        for match in pattern.finditer(text):
            org = normalise(match.group("org"))
            person = match.group("person").strip()
            if org and org[0].isupper() and org.lower() not in _MINOR_WORDS:  # not "The official X"
                for size in (4, 2, 1):  # full name, last two words, surname
                    found.setdefault(" ".join(person.split()[-size:]), org)
    for match in _DEFINED_ACRONYM.finditer(text):
        acronym, name = match.group("acronym"), _named_by(match.group("name"), match.group("acronym"))
        if name:
            found.setdefault(acronym, normalise(name))
    return found


def _named_by(words: str, acronym: str) -> str | None:
    """The last words of `words` whose initials spell `acronym` (minor words skipped)."""
    tokens = words.split()
    for first in range(len(tokens)):
        tail = tokens[first:]
        if tail[0].lower() in _MINOR_WORDS:
            continue
        initials = "".join(w[0] for w in tail if w.lower() not in _MINOR_WORDS).upper()
        if initials == acronym:
            return " ".join(tail)
    return None


def attributions(sentence: str) -> list[Attribution]:
    """Every source a sentence names for what it reports, in order of position."""
    sentence = _mask(sentence)
    found: list[Attribution] = []
    for match in ACCORDING.finditer(sentence):
        phrase = _trim(match.group("src"))
        if phrase:
            found.append(Attribution(phrase, match.start(), match.end()))
    for match in AFTER_VERB.finditer(sentence):
        name = _NAME_RUN.match(match.group("src"))
        # "said the Syrian Observatory for Human Rights." but not "says Syria's uprising has".
        phrase = _trim(name.group(0)) if name and _ENDS_NAME.match(match.group("src")[name.end() :]) else None
        if phrase:
            found.append(Attribution(phrase, match.start(), match.end()))
    for match in AFTER_VERB_GENERIC.finditer(sentence):
        phrase = _trim(match.group("src"))
        if phrase:
            found.append(Attribution(phrase, match.start(), match.end()))
    for verb in VERB.finditer(sentence):
        if _ARTICLE_BEFORE.search(sentence, max(0, verb.start() - 5), verb.start()):
            continue  # "an estimated 200,000 people": an adjective, not a verb of saying
        # The words right before the verb, back to the last punctuation (at most 90 chars):
        # found from the verb backwards, so the cost stays linear in the sentence.
        window = sentence[max(0, verb.start() - 90) : verb.start()]
        cut = max(window.rfind(ch) for ch in ',;:."“”()')
        start = verb.start() - len(window) + cut + 1
        src = _AUXILIARY_TAIL.sub("", sentence[start : verb.start()])
        phrase = _trim(src, before_verb=True) if len(src.strip()) >= 2 else None
        if phrase and not any(a.start <= start < a.end for a in found):
            found.append(Attribution(phrase, start, verb.end()))
    return sorted(found, key=lambda a: a.start)


_ARTICLE_BEFORE = re.compile(r"\b(?:an|a|the)\s+$", re.IGNORECASE)


def _mask(sentence: str) -> str:
    sentence = _PARENTHESES.sub(lambda m: " " * len(m.group(0)), sentence)
    return _ABBREVIATION_DOT.sub("·", sentence)


def _trim(phrase: str, before_verb: bool = False) -> str | None:
    phrase = " ".join(phrase.split())
    if before_verb:
        # Only the words right before the verb: "... the Observatory said" → "the Observatory".
        cut = list(_NOT_SOURCE.finditer(phrase))
        if cut:
            phrase = phrase[cut[-1].end() :].strip()
    else:
        phrase = re.split(r"\s+(?:on|in|at|late|earlier|later|via|from|when|after|by|that)\s+[A-Z0-9a-z]", phrase)[0]
    phrase = re.split(r"\s+(?:told|said|says)\b", phrase)[0]
    while True:
        stripped = _DETERMINERS.sub("", phrase)
        if stripped == phrase:
            break
        phrase = stripped
    phrase = phrase.strip(" '’-").replace("·", ".")
    # A headline or caption glued to the sentence: "... in rebel-held Misrata The Libyan government"
    run_in = list(re.finditer(r"\s(?=(?:The|A|An)\s+[A-Z]|(?:A|An)\s+[a-z])", phrase))
    if run_in:
        phrase = phrase[run_in[-1].end() :]
    words = phrase.split()
    if not words or len(words) > 9 or phrase.lower() in _NOT_NAMES:
        return None
    if words[0].lower() == "of" or any(ch.isdigit() for ch in phrase) or words[-1].lower() in _COUNTED:
        return None  # "Of four cases confirmed ...": what is counted, not who counts
    if len(words) == 1 and phrase.lower().endswith("ly"):
        return None  # "Separately", "Previously"
    if phrase.lower() in PRONOUNS or phrase.lower() in {"he", "she", "they"}:
        return phrase.lower()
    if not (phrase[0].isupper() or _is_generic_source(phrase)):
        return None
    return phrase


# Nouns of what a figure counts: a phrase ending in one is not a source.
# ("people" is not one: "according to local people" names witnesses.)
_COUNTED = frozenset({"cases", "deaths", "patients", "victims", "infections"})

_GENERIC = re.compile(
    r"\b(?:officials?|police|ministry|spokesm[ae]n|spokeswoman|activists?|witnesses|sources|"
    r"medics|doctors|residents|authorities|army|military|media|television|radio|agency|"
    r"statement|group|monitor|observatory|hospital|government|rescuers|rescue workers|office|"
    r"department|service|committee|council|authority|authorities|coroner)\b",
    re.IGNORECASE,
)


def _is_generic_source(phrase: str) -> bool:
    return bool(_GENERIC.search(phrase))


def normalise(phrase: str, people: dict[str, str] | None = None) -> str:
    """One name per source: aliases resolved, people who speak for an organisation the
    article names mapped to it, role words dropped ("civil defence official X" → X)."""
    phrase = _BRACKET_TOKEN.sub(" ", phrase)
    phrase = " ".join(phrase.split()).strip(" '’-")
    # "the monitor and a civil defence official", "human rights groups and activists"
    phrase = re.split(r"\s+(?:and|or)\s+(?=(?:a|an|the)\s|[a-z])", phrase)[0]
    phrase = _DETERMINERS.sub("", phrase)
    phrase = _BASED.sub("", phrase)
    speaking_for = _SPEAKING_FOR.match(phrase)
    if speaking_for:
        phrase = speaking_for.group("org")  # "spokesmen for the Libyan opposition"
    bare = _TRAILING_ROLE.sub("", phrase)  # "U.N. official", "Health Ministry official"
    if bare and bare.lower() not in _NOT_BODIES:
        phrase = bare  # but "health officials" are not "Health"
    named = _TRAILING_OUTPUT.sub("", phrase)
    if named[:1].isupper():
        phrase = named  # "UN estimates", "Human Rights Watch researcher"
    phrase = _country_body(phrase)
    for pattern, name in _ALIASES:
        if pattern.fullmatch(phrase):
            return name
    if people:
        for person, org in people.items():
            if phrase == person or phrase.endswith(" " + person):
                return org
    words = phrase.split()
    titles = [i for i, w in enumerate(words) if _ROLE_WORDS.fullmatch(w.rstrip("."))]
    rest = words[titles[-1] + 1 :] if titles else []
    if len(rest) >= 2 and all(w[:1].isupper() or w.lower() in _PARTICLES or w[:3] in ("al-", "el-")
                              for w in rest):
        phrase = " ".join(rest)  # "civil defense official Ibrahim Abu al-Laith"
    if people:
        for person, org in people.items():
            if phrase == person:
                return org
    phrase = _ROLE.sub("", phrase)
    for pattern, canonical in _ALIASES:
        if pattern.fullmatch(phrase):
            return canonical
    return phrase


# Brackets as tokenised text writes them ("-LRB-", "-RRB-"), whole or cut at a sentence break.
_BRACKET_TOKEN = re.compile(r"-?\b[LR]RB\b-?|[()]")
_SPEAKING_FOR = re.compile(
    r"^(?:[\w-]+\s+)?(?:spokesm[ae]n|spokeswoman|spokesperson|head|chief|director|officials?|"
    r"representatives?)\s+(?:for|of|at|with)\s+(?:the\s+)?(?P<org>.+)$", re.IGNORECASE)
_TRAILING_ROLE = re.compile(r"\s+(?:officials?|spokesm[ae]n|spokeswoman|spokesperson|sources?)$",
                            re.IGNORECASE)
# Words that say what officials deal with, not whose they are: "health officials" stay whole.
_NOT_BODIES = frozenset({"health", "hospital", "security", "medical", "rescue", "aid", "emergency",
                         "local", "state", "city", "senior", "government", "military", "army"})
# What a named body puts out, or its staff: "UN estimates", "a Human Rights Watch researcher".
_TRAILING_OUTPUT = re.compile(
    r"\s+(?:estimates?|figures|statistics|data|records|tallies|count|researchers?|staffers?)$",
    re.IGNORECASE)
# "Egypt's health ministry" → "Egyptian health ministry"; a country that "reported" a toll
# stands for its government.
DEMONYMS = {
    "Egypt": "Egyptian", "Libya": "Libyan", "Syria": "Syrian", "Iraq": "Iraqi", "Iran": "Iranian",
    "Mexico": "Mexican", "South Korea": "South Korean", "Turkey": "Turkish", "Yemen": "Yemeni",
    "Haiti": "Haitian", "Britain": "British", "France": "French", "Russia": "Russian",
    "China": "Chinese", "Israel": "Israeli", "Afghanistan": "Afghan", "Pakistan": "Pakistani",
    "Lebanon": "Lebanese", "Tunisia": "Tunisian", "Bahrain": "Bahraini", "Jordan": "Jordanian",
    "Saudi Arabia": "Saudi", "Japan": "Japanese", "Spain": "Spanish", "Canada": "Canadian",
    "Australia": "Australian", "Germany": "German", "Italy": "Italian", "India": "Indian",
    "Nigeria": "Nigerian", "Ukraine": "Ukrainian", "Sudan": "Sudanese", "Somalia": "Somali",
}
_POSSESSIVE = re.compile(r"^(?P<country>[A-Z][\w ]+?)\s*['’]s\s+(?P<body>.+)$")


def _country_body(phrase: str) -> str:
    if phrase in DEMONYMS:
        return f"{DEMONYMS[phrase]} government"
    match = _POSSESSIVE.match(phrase)
    if match and match.group("country") in DEMONYMS:
        return f"{DEMONYMS[match.group('country')]} {match.group('body')}"
    return phrase


_BASED = re.compile(r"^[\w.-]+-based\s+", re.IGNORECASE)  # "Britain-based"
_ROLE_WORDS = re.compile(
    r"official|head|chief|director|spokesman|spokeswoman|spokesperson|minister|secretary|"
    r"commander|president|governor|mayor|doctor|activist|correspondent|general|gen|col|lt|"
    r"colonel|lieutenant|major|captain|capt|sergeant|ambassador|envoy|leader|chairman|"
    r"president-elect|senator|sen|rep|dr|mr|mrs|ms|prof|professor|king|prince|sheikh",
    re.IGNORECASE,
)
_PARTICLES = {"al-", "el-", "bin", "ibn", "de", "van", "von", "al", "abu", "der", "la"}


def source_for(
    position: int, found: Sequence[Attribution], people: dict[str, str], last_speaker: str | None
) -> str | None:
    """The source of a figure at `position` in a sentence: the nearest naming after it,
    else the nearest before; pronouns stand for the article's last named speaker."""
    if not found:
        return None
    named = [a for a in found if a.source.lower() not in PRONOUNS]
    if named and len(named) < len(found):
        found = named  # "“We counted 140,” Morr said": the pronoun is the named speaker
    after = [a for a in found if a.start >= position]
    before = [a for a in found if a.start < position]
    chosen = after[0] if after else before[-1]
    if after and before and position - before[-1].end < after[0].start - position:
        chosen = before[-1]  # "X said on Thursday that at least 214 ..., Y told AFP"
    if chosen.source.lower() in PRONOUNS:
        return last_speaker
    return normalise(chosen.source, people)
