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

from storyline.annotate.numbers import NumberExpression, find_numbers
from storyline.annotate.sources import Attribution, attributions, source_for, speakers
from storyline.model import Article, Claim, DatedSentence, Measure, TimeMention, Who

# Harm words → measure. Inflections are listed, not stemmed: "killing" and "kills" are
# harm, "killer" is not.
HARM: dict[str, Measure] = {
    **dict.fromkeys(
        ["killed", "kill", "kills", "killing", "dead", "died", "die", "dies", "dying", "deaths", "death", "fatalities", "bodies", "corpses", "executed", "execution", "executions", "massacred", "slain", "perished", "murdered", "drowned", "lives", "toll"], "killed"),
    **dict.fromkeys(
        ["wounded", "wounding", "injured", "injuring", "injuries", "hurt", "maimed", "beaten", "shot"], "wounded"),
    "casualties": "killed_or_wounded",
    **dict.fromkeys(
        ["displaced", "refugees", "fled", "fleeing", "flee", "homeless", "uprooted", "evacuees"], "displaced"),
    **dict.fromkeys(["trapped", "besieged", "stranded"], "trapped"),
    **dict.fromkeys(["evacuated", "evacuation", "evacuating"], "evacuated"),
    **dict.fromkeys(["missing", "unaccounted"], "missing"),
    **dict.fromkeys(["rescued", "saved", "alive"], "rescued"),
    **dict.fromkeys(
        ["arrested", "detained", "detainees", "jailed", "imprisoned", "kidnapped", "abducted", "captured", "hostages", "prisoners", "arrests", "released", "freed"], "detained"),
    **dict.fromkeys(
        ["infected", "infections", "infection", "cases", "sick", "ill", "starving", "starve", "hospitalised", "hospitalized", "hospital", "quarantined", "affected", "virus", "flu", "influenza", "positive", "symptoms", "need"], "other"),
}
# Harm nouns that stand for the people themselves ("84 deaths", "71 casualties").
HARM_NOUNS = {
    "dead", "deaths", "fatalities", "bodies", "corpses", "casualties", "refugees", "evacuees",
    "detainees", "prisoners", "hostages", "arrests", "injuries", "cases", "wounded", "injured",
    "missing", "displaced",
}
# People nouns → who. Fighters' side comes from the modifiers (SIDES) when the noun alone
# does not say it.
PEOPLE: dict[str, Who] = {
    **dict.fromkeys(
        ["civilians", "civilian", "residents", "resident", "protesters", "protester", "demonstrators", "demonstrator", "villagers", "patients", "worshippers", "mourners", "pilgrims", "passengers", "shoppers", "bystanders", "citizens"], "civilians"),
    **dict.fromkeys(
        ["children", "child", "kids", "minors", "boys", "girls", "babies", "infants", "toddlers", "schoolchildren", "pupils", "teenagers"], "children"),
    **dict.fromkeys(["women", "woman", "mothers"], "women"),
    **dict.fromkeys(
        ["rebels", "rebel", "insurgents", "insurgent", "militants", "militant", "gunmen", "militiamen", "jihadists", "guerrillas"], "fighters_rebel"),
    **dict.fromkeys(
        ["soldiers", "soldier", "troops", "servicemen", "policemen", "policeman", "police", "marines", "officers", "officer", "personnel", "guards", "conscripts"], "fighters_government"),
    **dict.fromkeys(
        ["people", "persons", "person", "others", "victims", "men", "man", "individuals", "inhabitants", "them", "those", "iraqis", "syrians", "libyans", "egyptians", "palestinians", "afghans", "americans", "britons", "haitians", "migrants"], "people"),
    **dict.fromkeys(
        ["journalists", "journalist", "reporters", "aid", "workers", "worker", "doctors", "medics", "nurses", "foreigners", "nationals", "tourists", "fighters", "fighter", "combatants", "members", "member", "staff", "volunteers", "contractors", "officials", "leaders", "crew"], "other"),
}
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
_BREAK = {";", "after", "before", "while", "but", "although", "whereas", "because", "since",
          "despite", "when", "unless", "if", "where"}
_HYPOTHETICAL = {"could", "may", "might", "would", "feared", "fear", "fears", "risk", "risks",
                 "expected", "projected", "forecast", "likely", "threaten", "threatens",
                 "threatened", "potentially", "warned", "estimates_could"}
_NOT_A_COUNT_AFTER = re.compile(
    r"^\s*(?:%|per\s?cent|percent|years?\b|year-old|-year|months?\b|weeks?\b|days?\b|hours?\b|"
    r"minutes?\b|km\b|kilomet|miles?\b|metres|meters|feet|kg\b|tons?\b|tonnes|barrels|"
    r"-?magnitude|points?\b|votes?\b|seats?\b|"
    r"gallons|litres|dollars|euros|pounds|degrees|am\b|pm\b|a\.m\.|p\.m\.|GMT|BST|"
    r"st\b|nd\b|rd\b|th\b|:\d|\.\d|/\d|-\d)",
    re.IGNORECASE,
)
_MONEY_BEFORE = re.compile(r"(?:[$£€¥]|US\$|\bUSD|\bEUR|\brs\.?)\s*$", re.IGNORECASE)
_TOKEN = re.compile(r"[\w][\w.'’-]*[\w]|[\w]|[^\w\s]")
_SUBSET = {"including", "among", "of whom", "whom"}
_AUXILIARIES = {"were", "was", "are", "is", "have", "has", "had", "been", "will", "would",
                "could", "may", "might", "remain", "remained"}
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
_WINDOW_AFTER = 10
_WINDOW_BEFORE = 6


@dataclass(slots=True)
class _Candidate:
    number: NumberExpression
    token: int  # index of the number's last token
    noun_end: int  # index of the last token of the counted noun phrase
    who: Who | None
    measure: Measure | None
    subset: bool


def extract_claims(article: Article, sentences: Sequence[DatedSentence]) -> list[Claim]:
    """Every figure about people in an article, in text order."""
    people = speakers(article.text)
    claims: list[Claim] = []
    last_speaker: str | None = None
    carried: tuple[int, str] | None = None  # (paragraph, source) of the last sourced figures
    for item in sentences:
        sentence = item.sentence
        found = attributions(sentence.text)
        if _HAS_NUMBER.search(sentence.text) and _HAS_HARM.search(sentence.text):
            # A sentence of figures that names no source continues the one before it in
            # its paragraph ("... according to the Observatory. The dead include 215 ...").
            context = carried[1] if carried and carried[0] == sentence.paragraph and not found else None
            made = [
                _claim(article, item, candidate, found, people, last_speaker or context, context)
                for candidate in _candidates(sentence.text, item.mentions, sentence.start)
            ]
            claims.extend(made)
            sourced = [c.attributed_to for c in made if c.attributed_to != "outlet"]
            carried = (sentence.paragraph, sourced[-1]) if sourced else None
        else:
            carried = None
        named = [a for a in found if a.source not in _PRONOUN_SOURCES]
        if named:
            last_speaker = source_for(named[-1].start, named, people, None)
    return claims


_HAS_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|scores|"
    r"hundreds?|thousands?|millions?|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b",
    re.IGNORECASE)
_HAS_HARM = re.compile(
    r"\b(?:kill|dead|died|death|fatalit|bod(?:y|ies)|corpse|execut|massacr|slain|perish|murder|"
    r"drown|lives|toll|wound|injur|hurt|maim|casualt|displac|refugee|fle[de]|homeless|uproot|"
    r"evacu|trapped|besieged|stranded|missing|unaccounted|rescu|saved|arrest|detain|jail|"
    r"imprison|kidnap|abduct|captur|hostage|prisoner|held|infect|cases|sick|ill|starv|"
    r"hospitali[sz]|quarantin|affected)", re.IGNORECASE)
_PRONOUN_SOURCES = {"he", "she", "they", "it", "we", "i", "the group", "the statement", "officials"}


def _claim(
    article: Article, item: DatedSentence, candidate: _Candidate, found: list[Attribution],
    people: dict[str, str], last_speaker: str | None, context: str | None,
) -> Claim:
    sentence = item.sentence
    number = candidate.number
    local = number.start - sentence.start
    source = source_for(local, found, people, last_speaker) or context
    when, as_of = _when(item, sentence.text, number.end - sentence.start)
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
        where=_where(sentence.text, number.end - sentence.start),
        when=when,
        as_of=as_of,
        outlet=article.outlet,
    )


def _candidates(
    text: str, mentions: Sequence[TimeMention], offset: int
) -> list[_Candidate]:
    tokens = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    # "IS" (Islamic State) is a modifier, "is" a verb: keep the difference after lowering.
    words = ["isis" if t[0] in ("IS", "ISIL") else t[0].lower() for t in tokens]
    found: list[_Candidate] = []
    for number in find_numbers(text):
        if _not_a_count(text, number, mentions, offset):
            continue
        last = _token_at(tokens, number.end - 1)
        first = _token_at(tokens, number.start)
        candidate = _link(words, first, last, number)
        if candidate is not None:
            found.append(candidate)
    for position, candidate in enumerate(found):
        if candidate.measure is None:
            candidate.measure = _inherit(found, position, words)
    result: list[_Candidate] = []
    for candidate in found:
        if candidate.measure is not None:
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
    if number.low is not None and 1900 <= number.low <= 2100 and number.qualifier == "exact":
        return True  # a year
    start, end = number.start + offset, number.end + offset
    if any(m.start < end and start < m.end for m in mentions):
        return True  # part of a date ("October 12", "two days ago")
    lowered = number.text.lower()
    if lowered in {"one", "ten"} and text[number.end :].lstrip().lower().startswith("of "):
        return True  # "one of the", not a count of one
    before = text[: number.start].rstrip()
    return before.endswith(("No.", "no.", "#", "Resolution", "resolution", "page", "Page"))


def _link(words: list[str], first: int, last: int, number: NumberExpression) -> _Candidate | None:
    """The noun a number counts and, where the nearby words say it, the harm."""
    who: Who | None = None
    measure: Measure | None = None
    noun_end = last
    modifiers: list[str] = []
    index = last + 1
    while index < len(words) and index <= last + _MODIFIER_LIMIT + 1:
        word = words[index]
        if word in HARM_NOUNS and (who is None):
            if word == "cases" and not any(_DISEASE.match(w) for w in words):
                return None  # "three other cases", "530 cases of alleged malfeasance"
            measure = HARM[word]
            who = "people"
            noun_end = index
            break
        if word in PEOPLE:
            who = _side(PEOPLE[word], modifiers + [word])
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
        following = words[last + 1 : last + 3]
        if following[:1] == ["of"] and following[1:] and following[1] not in ("the", "them", "those"):
            return None  # "killed thousands of birds"
        measure = _harm_before(words, first, immediate=True)
        if measure is None and _toll_before(words, first):
            measure = "killed"
        stop = last + 1 + len(modifiers)
        if measure is None and stop < len(words) and words[stop] in _AUXILIARIES:
            # "Hundreds are reported to have died", "five Shia leaders are killed"
            measure = _harm_after(words, stop - 1)
            if modifiers and measure not in ("killed", "wounded"):
                measure = None
        if measure is None:
            return None
        return _Candidate(number, last, last, "other" if modifiers else "people", measure, subset)
    if measure is None:
        measure = _harm_before(words, first, immediate=True) or _harm_after(words, noun_end)
    if measure is None:
        measure = _harm_before(words, first, immediate=False)
    return _Candidate(number, last, noun_end, who, measure, subset)


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


def _harm_after(words: list[str], noun_end: int) -> Measure | None:
    for index in range(noun_end + 1, min(len(words), noun_end + 1 + _WINDOW_AFTER)):
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
    return None


def _toll_before(words: list[str], first: int) -> bool:
    window = words[max(0, first - 6) : first]
    return "toll" in window and not any(w in _BREAK for w in window[window.index("toll") :])


def _inherit(found: list[_Candidate], position: int, words: list[str]) -> Measure | None:
    """A number with a people noun but no harm word of its own takes the harm of the
    figure it is listed with ("50 rebels and dozens of troops have been killed",
    "among them 22 children")."""
    here = found[position]
    if here.subset and position > 0 and found[position - 1].measure is not None:
        return found[position - 1].measure
    neighbours = [found[i] for i in (position + 1, position - 1) if 0 <= i < len(found)]
    for other in neighbours:
        low, high = sorted((other.token, here.token))
        if other.measure is not None and high - low <= _LIST_REACH and \
                not any(w in _BREAK for w in words[low:high]):
            return other.measure
    return None


# Two figures this many words apart or closer can be items of one list.
_LIST_REACH = 20


def _hypothetical(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 60) : end + 50].lower()
    words = set(re.findall(r"[a-z]+", window))
    if words & _HYPOTHETICAL - {"warned"}:
        return True
    return "feared dead" in window or "fear" in words


def _when(item: DatedSentence, text: str, after: int) -> tuple[str | None, str | None]:
    """The day or period a figure covers, and the day it held, from the sentence's dates."""
    days = [m for m in item.mentions if m.granularity == "day"]
    if not days:
        return None, None
    as_of = None
    since = None
    plain = None
    base = item.sentence.start
    for mention in days:
        before = text[max(0, mention.start - base - 20) : mention.start - base].lower()
        if re.search(r"\b(?:until|as of|by|through|up to)\s+$", before):
            as_of = mention.value
        elif re.search(r"\bsince\b(?:\s+\w+){0,4}\s+$", before):
            since = mention.value
        elif plain is None:
            plain = mention.value
    if since is not None:
        end = as_of or plain
        return (f"{since}/{end}" if end else since), as_of
    return plain or as_of, as_of


_WHERE = re.compile(
    r"\b(?:in|near|across|around|outside)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?(?:of\s+)?"
    r"(?P<place>[A-Z][\w'’-]+(?:\s+(?:al-|el-)?[A-Z][\w'’-]+)*)"
)
_NOT_PLACES = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
               "January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December", "The", "A"}


def _where(text: str, after: int) -> str | None:
    match = _WHERE.search(text, after, min(len(text), after + 120))
    if match is None or match.group("place") in _NOT_PLACES:
        return None
    return re.sub(r"['’]s$", "", match.group("place"))
