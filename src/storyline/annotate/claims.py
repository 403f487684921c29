"""Figures about people: every number expression that counts people harmed or affected,
with what it counts, whom, who says so, when, and whether it is only a fear or forecast.

A figure is a number expression (annotate/numbers.py) tied to a word for people
("civilians", "regime troops") and a word for harm ("killed", "displaced"), or to a harm
noun alone ("84 deaths", "71 casualties", "the death toll rose to 84"). Hand-written rules
over the sentence's words: the default pipeline has no parser (it would cost about 10x more
per sentence), and casualty reporting is formulaic. Rules, word lists and conventions are
documented in docs/output.md ("Figures") and scored by `storyline eval claims`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import cast

from storyline.annotate.numbers import TENS, UNITS, NumberExpression, find_numbers
from storyline.annotate.sources import Attribution, attributions, source_for, speakers
from storyline.model import Article, Claim, DatedSentence, Measure, TimeMention, Who


def _each(words: str, value: str) -> dict[str, str]:
    return dict.fromkeys(words.split(), value)


# Harm words → measure. Inflections are listed, not stemmed: "killing" and "kills" are
# harm, "killer" is not.
HARM = cast(dict[str, Measure], {
    **_each("killed kill kills killing dead died die dies dying deaths death fatalities bodies "
            "corpses executed execution executions massacred slain perished murdered drowned "
            "lives toll", "killed"),
    **_each("wounded wounding injured injuring injuries hurt maimed beaten shot treated",
            "wounded"),
    "casualties": "killed_or_wounded",
    **_each("displaced refugees fled fleeing flee homeless uprooted evacuees crossed", "displaced"),
    **_each("trapped besieged stranded stuck", "trapped"),
    **_each("evacuated evacuation evacuating", "evacuated"),
    **_each("missing unaccounted", "missing"),
    **_each("rescued saved alive", "rescued"),
    **_each("arrested detained detainees jailed imprisoned kidnapped abducted captured hostages "
            "prisoners arrests arrest released freed jail prison custody kidnapping abduction",
            "detained"),
    **_each("infected infections infection cases case sick ill starving starve hospitalised "
            "hospitalized hospital affected virus flu influenza positive symptoms diagnosed need",
            "other"),
})
# Harm nouns that stand for the people themselves ("84 deaths", "71 casualties").
HARM_NOUNS = set(_each(
    "dead deaths death lives fatalities bodies corpses casualties refugees evacuees detainees "
    "prisoners hostages arrests injuries cases case wounded injured missing displaced", ""))
# People nouns → who. Fighters' side comes from the modifiers when the noun alone does not
# say it ("regime troops", "opposition troops", "IS fighters").
PEOPLE = cast(dict[str, Who], {
    **_each("civilians civilian residents resident protesters protester demonstrators "
            "demonstrator villagers patients worshippers mourners pilgrims passengers shoppers "
            "bystanders citizens", "civilians"),
    **_each("children child kids minors boys girls babies infants toddlers schoolchildren pupils "
            "teenagers", "children"),
    **_each("women woman mothers", "women"),
    **_each("rebels rebel insurgents insurgent militants militant gunmen militiamen jihadists "
            "guerrillas", "fighters_rebel"),
    **_each("soldiers soldier troops servicemen policemen policeman police marines officers "
            "officer personnel guards conscripts troopers", "fighters_government"),
    **_each("people persons person others victims men man individuals inhabitants them those "
            "migrants", "people"),
    **_each("miners fishermen sailors students teachers farmers employees "
            "journalists journalist reporters workers worker doctors medics nurses foreigners "
            "nationals tourists fighters fighter combatants members member staff volunteers "
            "contractors officials leaders crew", "other"),
})
_IS = {"is", "isis", "isil", "daesh", "islamic"}
_GOVERNMENT = {"regime", "government", "pro-government", "pro-regime", "army", "security",
               "loyalist", "loyal", "state", "coalition", "us", "u.s.", "british", "american",
               "iraqi", "police", "military", "nato"}
_REBEL = {"rebel", "opposition", "anti-government", "anti-regime", "insurgent", "militia",
          "taliban", "jihadist", "islamist", "free"}
# Words between a number and its noun that do not break the link ("50 IS fighters",
# "dozens of regime troops", "11 more civilians").
_MODIFIER_LIMIT = 4
_JOIN = {"of", "the", "more", "other", "additional", "further", "people", "'s", "’s"}
# Words that end the stretch of a sentence in which a harm word still belongs to a number.
_BREAK = {";", ":", "after", "before", "while", "but", "although", "whereas", "because", "since",
          "despite", "when", "unless", "if", "where"}
_HYPOTHETICAL = {"could", "may", "might", "would", "feared", "fear", "fears", "risk", "risks",
                 "expected", "projected", "forecast", "likely", "threaten", "threatens",
                 "threatened", "potentially", "warned", "estimates_could"}
_NOT_A_COUNT_AFTER = re.compile(
    r"^\s*(?:%|per\s?cent|percent|years?\b|year-old|-year|months?\b|weeks?\b|days?\b|hours?\b|"
    r"minutes?\b|km\b|kilomet|miles?\b|metres|meters|feet|kg\b|tons?\b|tonnes|barrels|"
    r"-?magnitude|points?\b|votes?\b|seats?\b|"
    r"gallons|litres|dollars|euros|pounds|degrees|am\b|pm\b|a\.m\.|p\.m\.|GMT|BST|"
    r"marks\b|francs|yuan|rupees|riyals|dinars|shekels|rubles|roubles|lira|pesos|kronor|kroner|"
    r"crowns|yen\b|won\b|cents|pence|"
    r"st\b|nd\b|rd\b|th\b|:\d|\.\d|/\d|-\d)",
    re.IGNORECASE,
)
_MONEY_BEFORE = re.compile(r"(?:[$£€¥]|US\$|\bUSD|\bEUR|\brs\.?)\s*$", re.IGNORECASE)
_TOKEN = re.compile(r"[\w][\w.'’-]*[\w]|[\w]|[^\w\s]")
_SUBSET = {"including", "among", "of whom", "whom"}
_AUXILIARIES = {"were", "was", "are", "is", "have", "has", "had", "been", "being", "will",
                "would", "could", "may", "might", "remain", "remained"}
_NOT_MODIFIERS = _AUXILIARIES | {
    ",", ".", "and", "or", "to", "in", "on", "at", "a", "an", "from", "with", "by", "for",
    "into", "across", "near", "as", "than", "who", "that", "which", "per", ":", "(", ")",
}
# A number right after these is not a count of people harmed ("aged 25 to 45", "home to
# some 20 million people").
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\baged?|\bages|home to|population of|\bcity of|\bcountry of|\bnation of|\btown of|"
    r"\bmagnitude)\s*$", re.IGNORECASE)
_DISEASE = re.compile(r"\b(?:flu|virus|influenza|infect|disease|cholera|measles|outbreak|"
                      r"confirmed|suspected|probable|symptoms|tested|h1n1|pandemic|epidemic)",
                      re.IGNORECASE)
_WINDOW_AFTER = 12
_WINDOW_BEFORE = 6


@dataclass(slots=True)
class _Candidate:
    number: NumberExpression
    token: int  # index of the number's last token
    noun_end: int  # index of the last token of the counted noun phrase
    who: Who | None  # None: a bare list item that takes its people from the list
    measure: Measure | None
    subset: bool


def extract_claims(article: Article, sentences: Sequence[DatedSentence]) -> list[Claim]:
    """Every figure about people in an article, in text order."""
    return extract_claims_counted(article, sentences)[0]


def extract_claims_counted(
    article: Article, sentences: Sequence[DatedSentence]
) -> tuple[list[Claim], int]:
    """The figures of an article and how many number expressions next to a harm word could
    not be read (skipped, and counted in the run report)."""
    people: dict[str, str] = {}
    claims: list[Claim] = []
    last_speaker: str | None = None
    carried: tuple[int, str] | None = None  # (paragraph, source) of the last sourced figures
    medical: bool | None = None  # both read from the whole text once a figure turns up
    unreadable: list[str] = []
    for position, item in enumerate(sentences):
        sentence = item.sentence
        words = set(_WORDS.findall(sentence.text.lower()))
        has_figure = _has_number(sentence.text, words) and not HARM.keys().isdisjoint(words)
        found = attributions(sentence.text) if has_figure or not _SOURCE_VERBS.isdisjoint(words) else []
        if not found and sentence.text[:1] in _QUOTES and position + 1 < len(sentences):
            # A quotation split from its speaker: "“We counted 140 injured,” / Morr said."
            following = sentences[position + 1].sentence
            if len(following.text) < 80 and following.paragraph == sentence.paragraph:
                found = [Attribution(a.source, len(sentence.text), len(sentence.text))
                         for a in attributions(following.text)]
        if has_figure and medical is None:
            people, medical = speakers(article.text), len(_DISEASE.findall(article.text)) >= 2
        if has_figure:
            # A sentence of figures that names no source continues the one before it in
            # its paragraph ("... according to the Observatory. The dead include 215 ...").
            context = None
            if carried and carried[0] == sentence.paragraph and not found and _CONTINUES.search(sentence.text):
                context = carried[1]
            try:
                made = [
                    _claim(article, item, candidate, found, people, last_speaker or context, context)
                    for candidate in _candidates(sentence.text, item.mentions, sentence.start,
                                                 bool(medical), unreadable)
                ]
            except (ValueError, OverflowError, IndexError):
                # One figure that trips the rules must not cost the article its others.
                unreadable.append(sentence.text)
                made = []
            claims.extend(made)
            sourced = [c.attributed_to for c in made if c.attributed_to != "outlet"]
            carried = (sentence.paragraph, sourced[-1]) if sourced else None
        else:
            carried = None
        named = [a for a in found if a.source not in _PRONOUN_SOURCES]
        if named:
            last_speaker = source_for(named[-1].start, named, people, None)
    return claims, len(unreadable)


# A sentence is only looked at when it holds something that may be a number and a harm word
# (a word of HARM, so the two never disagree); sources are only looked for where a sentence
# has a figure or a reporting verb. One pass over its words decides all three.
_WORDS = re.compile(r"[a-z]+")
_NUMBER_WORDS_ANY = {*UNITS, *TENS, "dozen", "dozens", "scores", "tens", "hundred", "hundreds",
                     "thousand", "thousands", "million", "millions"}
_SOURCE_VERBS = {"said", "says", "told", "according", "citing", "quoting", "reported", "reports",
                 "added", "announced", "stated", "confirmed", "estimated", "warned", "claimed"}


def _has_number(text: str, words: set[str]) -> bool:
    return _DIGIT.search(text) is not None or not _NUMBER_WORDS_ANY.isdisjoint(words)


_DIGIT = re.compile(r"\d")


_INFECTION = re.compile(r"\b(?:virus|flu|influenza|infect\w*|cases?|positive|diagnosed|symptoms|"
                        r"confirmed|suspected)\b", re.IGNORECASE)
_QUOTES = "\"“”'‘`"
# A sentence that only goes on with the figures of the one before ("The dead include ...",
# "Four IS fighters were also killed") shares its source.
_CONTINUES = re.compile(
    r"^(?:\W*\w+){0,6}?\W*\b(?:also|include|includes|including|among them|of them|of whom|"
    r"the dead|the toll|those killed)\b", re.IGNORECASE)
_PRONOUN_SOURCES = {"he", "she", "they", "it", "we", "i", "the group", "the statement", "officials"}


def _claim(
    article: Article, item: DatedSentence, candidate: _Candidate, found: list[Attribution],
    people: dict[str, str], last_speaker: str | None, context: str | None,
) -> Claim:
    sentence = item.sentence
    number = candidate.number
    local = number.start - sentence.start
    source = _full_name(source_for(local, found, people, last_speaker) or context, article.text)
    when, as_of = _when(item, sentence.text, article.published)
    return Claim(
        article=article.id,
        start=number.start,
        end=number.end,
        text=number.text,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        low=number.low,
        high=number.high,
        qualifier=number.qualifier,
        measure=candidate.measure or "other",
        who=candidate.who or "people",
        attributed_to=source or "outlet",
        hypothetical=_hypothetical(sentence.text, local, number.end - sentence.start),
        where=_where(sentence.text, number.end - sentence.start, number.start - sentence.start),
        when=when,
        as_of=as_of,
        outlet=article.outlet,
        cumulative=bool(when and "/" in when) or _cumulative(sentence.text, local),
    )


# Words that mark a running total rather than one incident's toll.
_RUNNING_TOTAL = re.compile(
    r"\b(?:so far|in total|in all|total|overall|to date|since|toll|tally|risen|rose|climbed|"
    r"soared|jumped|now|cumulative|altogether)\b", re.IGNORECASE)


def _cumulative(text: str, position: int) -> bool:
    return bool(_RUNNING_TOTAL.search(text, max(0, position - 80), position + 80))


def _candidates(
    text: str, mentions: Sequence[TimeMention], offset: int, medical: bool,
    unreadable: list[str] | None = None,
) -> list[_Candidate]:
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    # "IS" (Islamic State) is a modifier, "is" a verb: keep the difference after lowering.
    words = ["isis" if t[0] in ("IS", "ISIL") else t[0].lower() for t in tokens]
    capitalised = [t[0][:1].isupper() for t in tokens]
    found: list[_Candidate] = []
    for number in find_numbers(text, unreadable):
        if _not_a_count(text, number, mentions, offset):
            continue
        last = _token_at(tokens, number.end - 1)
        first = _token_at(tokens, number.start)
        candidate = _link(words, capitalised, first, last, number, medical)
        if candidate is not None:
            found.append(candidate)
    for position, candidate in enumerate(found):
        if candidate.measure is None:
            _inherit(found, position, words)
    result: list[_Candidate] = []
    for candidate in found:
        if candidate.measure is not None and candidate.who is not None:
            n = candidate.number
            moved = NumberExpression(n.start + offset, n.end + offset, n.text, n.low, n.high, n.qualifier)
            candidate.number = moved
            result.append(candidate)
    return result


def _token_at(tokens: list[tuple[str, int, int]], position: int) -> int:
    for index, (_, start, end) in enumerate(tokens):
        if start <= position < end:
            return index
    return len(tokens) - 1


def _not_a_count(text: str, number: NumberExpression, mentions: Sequence[TimeMention], offset: int) -> bool:
    if _NOT_A_COUNT_AFTER.match(text[number.end :]) or _MONEY_BEFORE.search(text[: number.start]):
        return True
    if _NOT_A_COUNT_BEFORE.search(text[: number.start]):
        return True
    if re.fullmatch(r"(?:1[89]|20)\d\d", number.text):
        return True  # a year
    start, end = number.start + offset, number.end + offset
    if any(m.start < end and start < m.end for m in mentions):
        return True  # part of a date ("October 12", "two days ago")
    if _ONE_OF_THE_MOST.match(text[number.end :]):
        return True  # "one of the greatest casualties", "one of the worst-affected areas"
    before = text[: number.start].rstrip()
    return before.endswith(("No.", "no.", "#", "Resolution", "resolution", "page", "Page"))


_ONE_OF_THE_MOST = re.compile(r"\s+of\s+(?:the\s+)?(?:\w+est\b|most\b|worst|best)", re.IGNORECASE)


def _is_demonym(word: str, capital: bool) -> bool:
    # "Australians", "Britons", "Iraqis", "Chinese": people named by where they are from.
    return capital and len(word) > 4 and word.endswith(("ans", "ons", "is", "ese"))


def _link(
    words: list[str], capitalised: list[bool], first: int, last: int, number: NumberExpression,
    medical: bool,
) -> _Candidate | None:
    """The noun a number counts and, where the nearby words say it, the harm."""
    who: Who | None = None
    measure: Measure | None = None
    noun_end = last
    modifiers: list[str] = []
    index = last + 1
    while index < len(words) and index <= last + _MODIFIER_LIMIT + 1:
        word = words[index]
        if word in HARM_NOUNS and (who is None):
            if word in ("cases", "case") and not medical:
                return None  # "three other cases", "530 cases of alleged malfeasance"
            measure = HARM[word]
            who = "people"
            noun_end = index
            after = words[index + 1] if index + 1 < len(words) else ""
            if after in PEOPLE:  # "three dead rebels", "20 wounded civilians"
                who, noun_end = _side(PEOPLE[after], modifiers + [after]), index + 1
            break
        if word in PEOPLE or _is_demonym(word, capitalised[index]):
            who = _side(PEOPLE.get(word, "people"), modifiers + [word])
            noun_end = index
            # "450 fighters and civilians": a mixed group is people.
            if words[index + 1 : index + 2] == ["and"] and index + 2 < len(words) \
                    and words[index + 2] in PEOPLE and PEOPLE[words[index + 2]] != who:
                who, noun_end = "people", index + 2
            # "aid workers", "security forces": take the compound's head.
            if index + 1 < len(words) and words[index + 1] in {"workers", "forces"}:
                noun_end = index + 1
            break
        if word in {"forces"}:
            who = _side("fighters_government", modifiers)
            noun_end = index
            break
        if word in _BREAK or word in _NOT_MODIFIERS:
            break
        modifiers.append(word)
        index += 1
    subset = any(w in _SUBSET for w in words[max(0, first - 3) : first])
    if who is None:
        return _bare(words, capitalised, first, last, number, modifiers, subset)
    before = _harm_before(words, first, immediate=True)
    if before is not None and measure in ("displaced", "detained", None):
        measure = before  # "the bodies of 150 African refugees", "killing 20 prisoners"
    if measure is None:
        measure = _harm_after(words, noun_end, reach=2) or _harm_after(words, noun_end)
    if measure is None:
        measure = _harm_before(words, first, immediate=False)
    if measure is None and medical and any(_INFECTION.fullmatch(w) for w in words):
        measure = "other"  # "seen in eight people in California" in a report on an outbreak
    return _Candidate(number, last, noun_end, who, measure, subset)


def _bare(
    words: list[str], capitalised: list[bool], first: int, last: int, number: NumberExpression,
    modifiers: list[str], subset: bool,
) -> _Candidate | None:
    """A number with no word for people after it: "killed 13", "the toll rose to 84",
    "Hundreds are reported to have died", or an item of a list ("two in Kansas")."""
    following = words[last + 1 : last + 3]
    if following[:1] == ["of"] and following[1:] and following[1] not in ("the", "them", "those"):
        return None  # "killed thousands of birds"
    if modifiers and first > 0 and capitalised[first - 1] and words[first - 1] not in _QUALIFIER_WORDS:
        return None  # "Macondo 252 well", "Flight 17 crew"
    real = [m for m in modifiers if m not in _JOIN]
    who: Who = "other" if real else "people"
    if following[:1] in (["."], [")"]) and number.text.isdigit() and first > 0 \
            and words[first - 1] not in HARM and words[first - 1] not in _TOLL_LINKS:
        return None  # a list item's number: "... detained persons 5. Authorities to ensure"
    measure = HARM.get(following[0]) if following and following[0] in _PARTICIPLES else None
    measure = measure or _harm_before(words, first, immediate=True) or _toll_before(words, first)
    stop = last + 1 + len(modifiers)
    if measure is None and real and stop < len(words) and HARM.get(words[stop]) in ("killed", "wounded"):
        measure = HARM[words[stop]]  # "Nine miners died"
    if measure is None and stop < len(words) and words[stop] in _AUXILIARIES:
        # "Hundreds are reported to have died", "five Shia leaders are killed"
        measure = _harm_after(words, stop - 1, reach=5)
        if real and measure not in ("killed", "wounded"):
            measure = None
    if measure is not None:
        return _Candidate(number, last, last, who, measure, subset)
    if following[:1] in (["in"], ["at"]) and not real:
        # "seven in California, two in Texas": takes what the list's first item counts.
        return _Candidate(number, last, last, None, None, subset)
    return None


# Harm words that follow a bare number as its predicate: "22 killed and 40 wounded".
_PARTICIPLES = {"killed", "dead", "wounded", "injured", "hurt", "missing", "arrested", "detained",
                "rescued", "evacuated", "displaced", "executed", "infected"}
_QUALIFIER_WORDS = {"at", "least", "more", "than", "nearly", "almost", "some", "about", "around",
                    "up", "to", "over", "as", "many", "between", "and", "only", "just"}


def _side(who: Who, modifiers: list[str]) -> Who:
    if who not in ("fighters_rebel", "fighters_government", "other", "people"):
        return who
    if any(m in _IS or m.startswith("is-") for m in modifiers) or "state" in modifiers and "islamic" in modifiers:
        return "fighters_is" if who != "people" else who
    if who == "people":
        return who
    if any(m in _REBEL for m in modifiers):
        return "fighters_rebel"
    if any(m in _GOVERNMENT for m in modifiers):
        return "fighters_government"
    return who


def _harm_after(words: list[str], noun_end: int, reach: int = 0) -> Measure | None:
    for index in range(noun_end + 1, min(len(words), noun_end + 1 + (reach or _WINDOW_AFTER))):
        word = words[index]
        if word in _BREAK:
            return None
        if word.isdigit() or word in _NUMBER_WORDS:
            return None  # the next number owns what follows
        if word in HARM:
            return _measure(words, index)
    return None


def _measure(words: list[str], index: int) -> Measure:
    word = words[index]
    if word == "shot" and words[index + 1 : index + 2] in (["dead"], ["and"]):
        return "killed"  # "shot dead", "shot and killed"
    return HARM[word]


_NUMBER_WORDS = {"dozens", "hundreds", "thousands", "scores", "millions"}


def _harm_before(words: list[str], first: int, immediate: bool) -> Measure | None:
    reach = 3 if immediate else _WINDOW_BEFORE
    for index in range(first - 1, max(-1, first - 1 - reach), -1):
        word = words[index]
        if word in _BREAK or (word.isdigit() and not immediate):
            return None
        if word in HARM and word not in {"toll", "lives", "held", "cases"}:
            return HARM[word]
        if immediate and word == "left" and index == first - 1:
            return None  # "left 11 civilians dead": the harm follows
        if immediate and word in ("and", ","):
            return None  # "three killed and 639 wounded": the harm before is another figure's
    return None


def _toll_before(words: list[str], first: int) -> Measure | None:
    """ "the death toll rose to 84", "confirmed cases to more than 350", "deaths at 149":
    a harm noun shortly before a number joined to it by "to", "at", "of" or a verb."""
    if first == 0 or words[first - 1] not in _TOLL_LINKS:
        return None
    for index in range(first - 2, max(-1, first - 10), -1):
        word = words[index]
        if word in _BREAK or word.isdigit():
            return None
        if word == "toll":
            return "killed"
        if word in HARM_NOUNS:
            return HARM[word]
    return None


_TOLL_LINKS = {"to", "at", "of", "reached", "hit", "topped", "passed", "is", "was", "stood",
               "stands", "now"}


def _inherit(found: list[_Candidate], position: int, words: list[str]) -> None:
    """A figure with no harm word of its own takes the harm (and, for a bare number, the
    people) of the figure it is listed with: "50 rebels and dozens of troops have been
    killed", "among them 22 children", "and 143 regime forces", "two in Texas"."""
    here = found[position]
    donor: _Candidate | None = None
    if position > 0:
        previous = found[position - 1]
        gap = words[previous.noun_end + 1 : here.token - _span_tokens(here) + 1]
        joined = gap[-1:] in (["and"], [","], ["including"], ["among"], ["plus"], ["whom"])
        if previous.measure is not None and (here.subset or joined) and \
                len(gap) <= _LIST_REACH and not any(w in _BREAK for w in gap):
            donor = previous
    if donor is None and position + 1 < len(found):
        following = found[position + 1]
        gap = words[here.noun_end + 1 : following.token - _span_tokens(following) + 1]
        if following.measure is not None and len(gap) <= 3 and \
                any(w in ("and", ",", "or", "among", "of") for w in gap):
            donor = following
    if donor is not None:
        here.measure = donor.measure
        if here.who is None:
            here.who = donor.who


def _span_tokens(candidate: _Candidate) -> int:
    return len(_TOKEN.findall(candidate.number.text))


# Two figures this many words apart or closer can be items of one list.
_LIST_REACH = 20


def _full_name(source: str | None, text: str) -> str | None:
    """A speaker named by surname alone ("Ibrahim said") under the full name the article
    gives first ("Mohamed Ibrahim, a rebel spokesman")."""
    if source is None or " " in source or not source[:1].isupper():
        return source
    full = re.search(rf"\b((?:[A-Z][\w'’-]+\s+){{1,2}}){re.escape(source)}\b", text)
    if full and not any(w.lower() in _NOT_FIRST_NAMES for w in full.group(1).split()):
        return f"{full.group(1)}{source}"
    return source


# Capitalised words before a surname that are not first names ("President Assad").
_NOT_FIRST_NAMES = {"the", "president", "mr", "mrs", "ms", "dr", "gen", "col", "general",
                    "minister", "king", "prince", "sheikh", "said", "says", "but", "and", "in",
                    "on", "at", "when", "after", "as"}


def _hypothetical(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 60) : end + 50].lower()
    words = set(re.findall(r"[a-z]+", window))
    if words & _HYPOTHETICAL - {"warned"}:
        return True
    return "feared dead" in window or "fear" in words


def _when(item: DatedSentence, text: str, published: date | None) -> tuple[str | None, str | None]:
    """The day or period a figure covers, and the day it held, from the sentence's dates:
    "on Thursday" → that day; "since the assault began Sunday", "since March" → a period
    up to the publication day; "until Tuesday midnight", "as of Monday" → as_of."""
    as_of = since = plain = None
    base = item.sentence.start
    for mention in item.mentions:
        if mention.how.startswith("clock-time"):
            continue  # the date beside a clock time, if any, says the day
        before = text[max(0, mention.start - base - 40) : mention.start - base].lower()
        if mention.granularity == "day" and re.search(r"\b(?:until|as of|by|through|up to)\s+$", before):
            as_of = mention.value
        elif re.search(r"\bsince\b(?:\s+[\w'’-]+){0,5}\s+$", before):
            since = mention.value
        elif plain is None and mention.granularity == "day":
            plain = mention.value
    if since is not None:
        end = as_of or plain or (published.isoformat() if published else None)
        return (f"{since}/{end}" if end else since), as_of
    return plain or as_of, as_of


_WHERE = re.compile(
    r"\b(?:in|near|across|around|outside)\s+(?:the\s+)?"
    r"(?:(?:[a-z-]+|[\w'’]+-(?:held|controlled|based|run|led|backed))\s+){0,3}?(?:of\s+)?"
    r"(?P<place>(?![\w'’-]+-(?:held|controlled|based|run|led|backed)\b)[A-Z][\w'’-]+"
    r"(?:\s+(?:al-|el-)?[A-Z][\w'’-]+)*)"
)
_NOT_PLACES = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
               "January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December", "The", "A"}


# Before the number, a place is read only where a place noun names it ("strikes on the
# eastern Sukkari district left 11 civilians dead"), or at the head of the sentence ("In
# Aleppo, 40 were killed"): elsewhere a place before the figure is often where it was said
# ("Speaking in Geneva, the envoy said 300,000 ...").
_PLACE_NOUN = (r"district|neighbou?rhood|town|city|village|province|region|governorate|area|camp|quarter|"
               r"suburb|market|square")
_WHERE_BEFORE = re.compile(
    r"\b(?:in|near|on|at|across|around|outside)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?"
    r"(?P<place>[A-Z][\w'’-]+(?:\s+(?:al-|el-)?[A-Z][\w'’-]+)*)\s+(?:" + _PLACE_NOUN + r")\b"
)
_WHERE_HEAD = re.compile(r"(?:In|Near|Across|Around|Outside)\s+(?:the\s+)?(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*),")


def _where(text: str, after: int, before: int | None = None) -> str | None:
    """The place a figure is given for, after the number within its own clause ("17
    demonstrators and two were shot dead in Yemen": Yemen is the two's); failing that,
    before it, back to the previous number or clause (`_WHERE_BEFORE`, `_WHERE_HEAD`)."""
    clause = re.search(r"[,;.]|\s(?:and|while|but)\s|\d", text[after:])
    stop = after + clause.start() if clause else len(text)
    match = _WHERE.search(text, after, min(stop, after + 120))
    if match is None and before is not None:
        head = text[:before]
        cut = max((m.end() for m in re.finditer(r"[;.]\s|\d|\s(?:and|while|but)\s", head)), default=0)
        found = list(_WHERE_BEFORE.finditer(head, cut))
        match = found[-1] if found else (_WHERE_HEAD.match(head) if cut == 0 else None)
    place = re.sub(r"['’]s$", "", match.group("place")) if match else None
    return None if place is None or place in _NOT_PLACES else place
