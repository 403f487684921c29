"""Places and actors named in sentences: spaCy's entity recogniser, run only where it pays.

The default pipeline splits sentences with spaCy's sentence recogniser alone; entities need
its tok2vec and ner components, about 11,800 words/s on one core: on only the Timeline17
sentences that name a day or open an article they would double the build. So entities are
found only for the sentences the story stage may quote (the candidate pools of the timeline's
days, see analyze/timeline.py), in one batch: +6.5% (docs/benchmarks.md, "Events and entities").

spaCy's small model often labels an unfamiliar town as a person ("Atmeh", "al-Kalaseh"), so
each entity also records what the words around it say ("near X", "X district": a place;
"X said": an actor), and the story weighs both (analyze/names.py).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
from collections.abc import MutableMapping, Sequence
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from storyline.annotate.nlp import available_model
from storyline.model import Entity, EntityKind, Sentence

# spaCy's labels that name places and actors (issue 12); the rest (dates, numbers, works of
# art, laws, ...) are not what an analyst indexes a story by.
LABELS: dict[str, EntityKind] = {
    "GPE": "place", "LOC": "place", "FAC": "place", "PERSON": "actor", "ORG": "actor", "NORP": "actor",
}
# Words before a name that make it a place: "in Aleppo", "near the Atmeh border crossing",
# "the district of Ramousseh", "control of Manbij".
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|near|at|into|via|outside|around|across|towards?|inside|within|throughout|entered|"
    r"captured|recaptured|retook|besieged|(?:district|town|city|village|villages|province|"
    r"outskirts|region|control|capital|port|neighbou?rhood|suburbs?|areas?|parts?) of|"
    r"(?:districts?|villages?|towns?|hilltops?|hills?|areas?|neighbou?rhoods?|cities|places),?"
    r"\s+(?:including|such as|like))"
    r"(?:\s+the)?(?:\s+(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?western|north-?eastern|south-?western|south-?eastern)(?:-?western|-?eastern)?)?)\s*$",
    re.IGNORECASE,
)
# Generic nouns after (or ending) a name that make it a place: "Ramussa district".
PLACE_NOUNS = frozenset({
    "district", "districts", "town", "city", "village", "province", "crossing", "border", "region",
    "neighbourhood", "neighborhood", "area", "suburb", "airport", "road", "highway", "street",
    "square", "quay", "port", "camp", "countryside", "governorate", "valley", "river", "mountains",
    "hills", "base", "airbase", "bridge", "harbour", "harbor", "island", "county", "complex",
    "factory", "hospital",
})
_ACTOR_AFTER = re.compile(
    r"^\s*(?:has\s+|have\s+|had\s+|also\s+|later\s+)?(?:said|says|told|claimed|announced|warned|"
    r"reported|added|confirmed|denied|urged|called|accused|insisted|vowed)\b",
    re.IGNORECASE,
)
# spaCy tags "Aleppo" as a nationality (NORP) in most of its sentences; only a name shaped
# like a nationality or a group ("Syrian", "Kurds", "Islamist") is taken for one.
DEMONYM = re.compile(r"(?:an|ans|ese|ish|i|is|ic|ics|ist|ists|ch|ite|ites|s)$")
# "Kenan, an activist based in ...": a person whatever spaCy says.
_PERSON_APPOSITION = re.compile(
    r"^,\s+(?:a|an|the)\s+(?:[\w-]+\s+)?(?:activist|spokesm[ae]n|spokeswoman|spokesperson|official|"
    r"resident|doctor|commander|minister|president|leader|head|director|chief|analyst|journalist|"
    r"correspondent|witness|member|lawyer|officer)\b",
    re.IGNORECASE,
)
# Last words that make a name an organisation ("Nour al-Din al-Zinki Movement").
ORGANISATION_NOUNS = frozenset({
    "movement", "forces", "front", "army", "brigade", "brigades", "party", "council", "committee",
    "ministry", "group", "organization", "organisation", "agency", "union", "commission", "court",
    "police", "observatory", "coalition", "alliance", "government", "institute", "university",
    "company", "corporation", "service", "directorate", "network", "association", "office",
})
# An Arabic place name as English copy prints it ("al-Kalaseh"); a person is named with a
# given name first ("Bashar al-Assad"), so a name opening with the article is a place.
_ARTICLE_FIRST = re.compile(r"^(?:al|el|ad|ar|as|ash)-[A-Z]")
# Names joined only by a comma or "and" are items of one list: "al-Kalaseh, Bustan al-Qasr
# and al-Sakhour" are all districts when one of them is; "the Failaq al-Sham and the Nour
# al-Din al-Zinki Movement" both groups.
_LIST_GAP = re.compile(r"^(?:,\s*|,?\s+and\s+|,?\s+or\s+)(?:the\s+)?$")
_FUNCTION_WORDS = frozenset({
    "on", "in", "at", "and", "of", "to", "from", "for", "with", "by", "since", "after", "before",
    "that", "which", "where", "as", "or", "but", "when", "while", "was", "is", "has", "had",
})
_TITLE_AFTER = re.compile(r"^\s+(?:Minister|Secretary|Ministry|Spokesman|Spokeswoman|Chief)\b")
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])?[\s(\[{\"'“”‘’,;:.-]*$")
_OPENING = re.compile(r"^[\s)\]}\"'“”‘’,;:.-]+")


@lru_cache(maxsize=2)
def load_ner(model: str | None = None) -> Language:
    """Load (once per process) the English pipeline's entity recogniser and what it needs."""
    return spacy.load(
        available_model(model), exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    )


EntityCache = MutableMapping[tuple[str, int], tuple[Entity, ...]]


@lru_cache(maxsize=2)
def rules_version(model: str | None = None) -> str:
    """What entities kept from an earlier run depend on: this module's rules and the spaCy
    pipeline's name and version. Kept entities made under another version are found again."""
    name = available_model(model)
    source = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]
    try:
        release = importlib.metadata.version(name.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        release = "?"
    return f"{source}/{name}-{release}"


def find_entities(
    sentences: Sequence[Sentence], model: str | None = None, batch_size: int = 128,
    known: EntityCache | None = None,
) -> dict[tuple[str, int], tuple[Entity, ...]]:
    """The places and actors of each sentence, keyed by (article id, sentence start).

    `known` holds what earlier runs found (a sentence's entities depend on its text alone,
    and an article id is a hash of its text): those sentences are not read again, and what
    is found is added to it. A story kept in a store thus runs the recogniser only on the
    sentences an add brings into its days' pools."""
    known = {} if known is None else known
    todo = [s for s in sentences if (s.article, s.start) not in known]
    if todo:
        docs = load_ner(model).pipe((s.text for s in todo), batch_size=batch_size)
        for sentence, doc in zip(todo, docs, strict=True):
            known[sentence.article, sentence.start] = tuple(_entities(sentence, doc))
    return {(s.article, s.start): known[s.article, s.start] for s in sentences}


def _entities(sentence: Sentence, doc: Doc) -> list[Entity]:
    found: list[tuple[int, int, str, EntityKind | None]] = []
    for span in doc.ents:
        if span.label_ not in LABELS:
            continue
        cut = _clean(span)
        if cut is None:
            continue
        first, last = cut
        if _TITLE_AFTER.match(sentence.text[last:]):
            continue  # "Interior" of "Interior Minister Rafael Osterman": part of a title
        found.append((first, last, span.label_, _cue(sentence.text, first, last, span.label_)))
    cues = _list_cues(sentence.text, found)
    return [
        Entity(sentence.article, sentence.start + first, sentence.start + last,
               sentence.text[first:last], label, cue)
        for (first, last, label, _), cue in zip(found, cues, strict=True)
    ]


def _list_cues(text: str, found: list[tuple[int, int, str, EntityKind | None]]) -> list[EntityKind | None]:
    """Each entity's cue; the items of a list share the one cue some of them have."""
    cues = [cue for _, _, _, cue in found]
    runs: list[list[int]] = []
    for i, (first, _, _, _) in enumerate(found):
        if i and _LIST_GAP.match(text[found[i - 1][1] : first]):
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        shared = {cues[i] for i in run} - {None}
        if len(run) > 1 and len(shared) == 1:
            kind = shared.pop()
            for i in run:
                first, last, label, _ = found[i]
                if cues[i] is None and not (label == "NORP" and DEMONYM.search(text[first:last])):
                    cues[i] = kind
    return cues


def _clean(span: Span) -> tuple[int, int] | None:
    """Offsets of the name without "the", a possessive or stray punctuation; None when what
    is left is no name (no capital letter: "jihadist")."""
    text = span.text
    lead = _LEADING.match(text)
    head = lead.end() if lead else 0
    opening = _OPENING.match(text[head:])
    head += opening.end() if opening else 0
    tail = _TRAILING.search(text[head:])
    end = head + (tail.start() if tail else len(text) - head)
    name = text[head:end]
    if not name or not any(ch.isupper() for ch in name):
        return None
    return span.start_char + head, span.start_char + end


def _cue(sentence: str, first: int, last: int, label: str) -> EntityKind | None:
    """What the words around a name say it is, if anything. A nationality ("Turkish" in "the
    Turkish border") is never a place by its neighbours."""
    name = sentence[first:last]
    words = name.lower().split()
    after = sentence[last:]
    following = after.split(maxsplit=1)[0].strip(",.;:").lower() if after.strip() else ""
    if words[-1] in ORGANISATION_NOUNS or _ACTOR_AFTER.match(after) or _PERSON_APPOSITION.match(after):
        return "actor"
    if label == "NORP" and DEMONYM.search(name):
        return None
    if words[-1] in PLACE_NOUNS or following in PLACE_NOUNS or _ARTICLE_FIRST.match(name):
        return "place"
    # A nationality used as an adjective ("in Arab countries") is no place; a name that spaCy
    # calls one but stands alone ("in Aleppo on Thursday") is.
    used_alone = not following or following in _FUNCTION_WORDS or not following[0].isalpha()
    if _PLACE_BEFORE.search(sentence[max(0, first - 60) : first]) and (label != "NORP" or used_alone):
        return "place"
    return None
