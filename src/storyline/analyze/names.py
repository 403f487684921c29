"""One name per place or actor across a story: "SOHR", "the Observatory" and "the Syrian
Observatory for Human Rights" are one actor; "Ramousseh", "Ramussa" and "Ramouseh" one place.

Names are merged by rules, each a reason a reader would accept:
- aliases news text uses for common sources (annotate/sources.py: "SOHR", "the monitor");
- an acronym and the name whose initials it spells ("ICRC", "SDF");
- a surname or a last word and the one full name of the story that ends with it ("Lavrov",
  "Abdel Rahman"); only for actors, so "Syria" never becomes "Syria Democratic Forces";
- spellings that differ as transliterations do (doubled letters, "ou" for "u", a final "h",
  "al-"), and, for longer names, close spellings (ratio >= SPELLING_RATIO) that never occur
  in one article and share context (another entity named in their sentences): the story
  shows they are one place, since an article spells a place one way.
Whether a name is a place or an actor is a vote of spaCy's labels and of the words around it
(annotate/entities.py), so one mislabelled mention does not make Aleppo a person.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from storyline.annotate.entities import DEMONYM, LABELS, PLACE_NOUNS
from storyline.annotate.sources import ALIASES
from storyline.ingest.agencies import AGENCIES
from storyline.model import Article, Entity, EntityKind, Event, NamedEntity

# Calibrated on the seeds (Ramousseh/Ramussa: 0.83 after folding) and on the place names of
# Timeline17's Syria and Libya pools, where 0.8 merged no two different places that share
# context; names shorter than MIN_FUZZY letters must fold to the same spelling ("Iraq" and
# "Iran" are 0.75 apart and often named together).
SPELLING_RATIO = 0.8
MIN_FUZZY = 6
# A cue from the words around a name ("near X", "X said") outweighs spaCy's label.
CUE_VOTE = 2
_ALIASES = tuple((re.compile(pattern, re.IGNORECASE), name) for pattern, name in ALIASES)
_DIRECTION = re.compile(
    r"^(?:north|south|east|west|central|northern|southern|eastern|western|north-?western|"
    r"north-?eastern|south-?western|south-?eastern)\s+(?=[A-Z])"
)
_ABBREVIATION_DOTS = re.compile(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\b|$|\s)")
_PARTICLES = frozenset({"of", "for", "the", "and", "de", "du", "des", "la", "le", "al", "el", "in", "on"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# Sentences about one place share context: another entity, or this many content words.
SHARED_WORDS = 2
_STOP = frozenset({"that", "this", "with", "from", "have", "been", "were", "said", "also", "their",
                   "they", "which", "after", "about", "would", "will", "there", "into", "since"})
_MASTHEAD_WORDS = frozenset({
    "herald", "times", "post", "observer", "chronicle", "tribune", "guardian", "telegraph",
    "journal", "gazette", "ledger", "news", "mirror", "express", "independent", "standard",
    "globe", "examiner", "courier", "inquirer", "dispatch", "bulletin", "sentinel",
})
_NEWS_AGENCIES = frozenset(key.lower() for key in (*AGENCIES, *AGENCIES.values()))


@dataclass(frozen=True, slots=True)
class Names:
    """The story's canonical names: for each folded form, its name; for each name, its kind
    and every form seen (most frequent first)."""

    name_of: Mapping[str, str]
    kind_of: Mapping[str, EntityKind]
    variants: Mapping[str, tuple[str, ...]]

    def of(self, entity: Entity) -> str | None:
        """The canonical name of an entity, or None for a name the story does not index."""
        return self.name_of.get(fold(display_form(entity.text)))


def display_form(text: str) -> str:
    """A name as indexed: one space between words, no lower-case compass word before it
    ("west Aleppo" is Aleppo; "West Bank" stays), no lower-case place noun after it
    ("Sukkari district" is Sukkari; "East Quay" stays)."""
    words = _DIRECTION.sub("", " ".join(text.split())).split(" ")
    if len(words) > 1 and words[-1] in PLACE_NOUNS:
        words = words[:-1]
    return " ".join(words)


def fold(name: str) -> str:
    """A comparison key: no accents, lower case, one kind of apostrophe and hyphen."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    plain = _ABBREVIATION_DOTS.sub("", plain)  # "U.S." is "US"
    return " ".join(plain.lower().replace("’", "'").replace("‘", "'").replace("–", "-").split())


def skeleton(key: str) -> str:
    """A folded name reduced the way transliterations differ: "ramousseh", "ramouseh" and
    "ramusseh" give "ramuse"; "al-bab" and "bab" give "bab"."""
    words = [w for w in re.split(r"[\s'-]+", key) if w and w not in ("al", "el", "ad", "ar", "as", "ash")]
    text = "".join(words)
    text = re.sub(r"[^a-z0-9]", "", text)
    text = text.replace("ou", "u").replace("ee", "i").replace("ph", "f").replace("kh", "k")
    text = re.sub(r"(.)\1+", r"\1", text)
    return text[:-1] if len(text) > 3 and text.endswith("h") else text


def story_names(
    entities: Mapping[tuple[str, int], Sequence[Entity]], articles: Mapping[str, Article],
    texts: Mapping[tuple[str, int], str],
) -> Names:
    """Canonical names and kinds for the places and actors of a story, from the entities of
    each sentence and the sentences' texts (both keyed by article id and sentence start)."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    seen_in: dict[str, set[str]] = defaultdict(set)
    context: dict[str, set[str]] = defaultdict(set)
    excluded = _news_names(articles)
    lower_words = {w for text in texts.values() for w in _WORD.findall(text) if w.islower()}
    for where, found in entities.items():
        keys: set[str] = set()
        for entity in found:
            form = display_form(entity.text)
            key = fold(form)
            if not key or key in excluded or (" " not in key and key in lower_words and not form.isupper()):
                continue  # "State", "Defence": a common word capitalised, not a name
            keys.add(key)
            forms[key][form] += 1
            labels[key][entity.label] += 1
            if entity.label != "NORP" or DEMONYM.search(form):
                votes[key][LABELS[entity.label]] += 1
            if entity.cue:
                votes[key][entity.cue] += CUE_VOTE
            seen_in[key].add(entity.article)
        words = {f"~{w.lower()}" for w in _WORD.findall(texts.get(where, "")) if len(w) > 3}
        for key in keys:
            context[key] |= (keys | words) - {key, *(f"~{w}" for w in key.split())}
    groups = _Groups(sorted(forms))
    _merge_aliases(groups, forms)
    _merge_acronyms(groups, forms)
    _merge_partial_names(groups, forms, votes, labels)
    _merge_spellings(groups, forms, votes, seen_in, context)
    return _names(groups, forms, votes)


def _news_names(articles: Mapping[str, Article]) -> set[str]:
    # The agencies and outlets that carry the story report it; they are not in it.
    names = set(_NEWS_AGENCIES)
    for article in articles.values():
        for name in (*article.wire_sources, article.outlet, *article.copy_outlets):
            if name:
                names.add(fold(name))
                last = fold(name.split()[-1])
                if last in _MASTHEAD_WORDS:
                    names.add(last)  # "The Herald" of the Harbour Herald
    return names


class _Groups:
    """Union-find over folded names; the smaller key (sorted order) represents a group."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.parent = {key: key for key in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def members(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for key in sorted(self.parent):
            out[self.find(key)].append(key)
        return out


def _alias(form: str) -> str | None:
    for pattern, name in _ALIASES:
        if pattern.fullmatch(form):
            return name
    return None


def _merge_aliases(groups: _Groups, forms: Mapping[str, Counter[str]]) -> None:
    by_alias: dict[str, str] = {}
    for key in sorted(forms):
        name = _alias(key)
        if name is not None:
            target = fold(name)
            if target in groups.parent:
                groups.union(key, target)
            else:
                groups.union(key, by_alias.setdefault(name, key))


def _kind(counter: Counter[str]) -> EntityKind:
    return "place" if counter["place"] > counter["actor"] else "actor"


def _initials(form: str) -> str:
    words = [w for w in re.split(r"[\s-]+", form) if w and w.lower() not in _PARTICLES]
    return "".join(w[0] for w in words if w[0].isupper())


def _merge_acronyms(groups: _Groups, forms: Mapping[str, Counter[str]]) -> None:
    spelled: dict[str, list[str]] = defaultdict(list)
    for key, counter in forms.items():
        form = counter.most_common(1)[0][0]
        if len(form.split()) >= 2:
            spelled[_initials(form)].append(key)
    for key, counter in sorted(forms.items()):
        form = counter.most_common(1)[0][0].replace(".", "")  # "U.S" spells "US"
        if 2 <= len(form) <= 6 and form.isupper() and form.isalpha():
            candidates = [k for k in spelled.get(form, []) if k != key]
            if candidates:
                groups.union(key, max(candidates, key=lambda k: (sum(forms[k].values()), k)))


def _merge_partial_names(
    groups: _Groups, forms: Mapping[str, Counter[str]], votes: Mapping[str, Counter[str]],
    labels: Mapping[str, Counter[str]],
) -> None:
    actors = [k for k in sorted(forms) if _kind(votes[k]) == "actor"]
    # "al-Assad" reads as a place on its own (annotate/entities.py) but ends a person's name.
    short = [k for k in sorted(forms) if _kind(votes[k]) == "actor" or re.match(r"(?:al|el)-", k)]
    for key in short:
        words = key.split()
        longer = [
            other for other in actors
            if len(other.split()) > len(words) and other.split()[-len(words):] == words
        ]
        if not longer:
            continue
        # The one full name it stands for: the most mentioned, when several end with it.
        best = max(longer, key=lambda k: (sum(forms[k].values()), len(k), k))
        # A person's last names ("Abdel Rahman"), or one word ("Observatory"); never the tail
        # of an organisation's name, which may be another organisation ("Syrian Army" of the
        # "Free Syrian Army").
        if len(words) == 1 or labels[best].most_common(1)[0][0] == "PERSON":
            groups.union(key, best)


def _merge_spellings(
    groups: _Groups, forms: Mapping[str, Counter[str]], votes: Mapping[str, Counter[str]],
    seen_in: Mapping[str, set[str]], context: Mapping[str, set[str]],
) -> None:
    skeletons: dict[str, str] = {key: skeleton(key) for key in forms}
    by_skeleton: dict[str, list[str]] = defaultdict(list)
    for key in sorted(forms):
        by_skeleton[skeletons[key]].append(key)
    for keys in by_skeleton.values():
        for other in keys[1:]:
            # "Eastquay" and "East Quay" in one article are a district and a quay.
            if _kind(votes[other]) == _kind(votes[keys[0]]) and not seen_in[other] & seen_in[keys[0]]:
                groups.union(keys[0], other)
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in sorted(forms):
        blocks[(skeletons[key][:2], _kind(votes[key]))].append(key)
    for keys in blocks.values():
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if _same_spelling(a, b, skeletons, seen_in, context, groups):
                    groups.union(a, b)


def _same_spelling(
    a: str, b: str, skeletons: Mapping[str, str], seen_in: Mapping[str, set[str]],
    context: Mapping[str, set[str]], groups: _Groups,
) -> bool:
    sa, sb = skeletons[a], skeletons[b]
    if min(len(sa), len(sb)) < MIN_FUZZY or abs(len(sa) - len(sb)) > 2:
        return False
    if seen_in[a] & seen_in[b]:
        return False  # one article names both: two places
    matcher = SequenceMatcher(None, sa, sb)
    if matcher.real_quick_ratio() < SPELLING_RATIO or matcher.ratio() < SPELLING_RATIO:
        return False
    def roots(key: str) -> set[str]:
        return {k if k.startswith("~") else groups.find(k) for k in context[key] if k[1:] not in _STOP}

    shared = roots(a) & roots(b) - {groups.find(a), groups.find(b)}
    words = sum(1 for k in shared if k.startswith("~"))
    return len(shared) > words or words >= SHARED_WORDS


def _names(
    groups: _Groups, forms: Mapping[str, Counter[str]], votes: Mapping[str, Counter[str]]
) -> Names:
    found: dict[tuple[str, EntityKind], tuple[list[str], Counter[str]]] = {}
    for keys in groups.members().values():
        seen: Counter[str] = Counter()
        vote: Counter[str] = Counter()
        for key in keys:
            seen.update(forms[key])
            vote.update(votes[key])
        kind = _kind(vote)
        members, counts = found.setdefault((_canonical(seen, kind), kind), ([], Counter()))
        members.extend(keys)
        counts.update(seen)
    name_of: dict[str, str] = {}
    kind_of: dict[str, EntityKind] = {}
    variants: dict[str, tuple[str, ...]] = {}
    taken = Counter(name for name, _ in found)
    for (name, kind), (keys, seen) in sorted(found.items()):
        shown = f"{name} ({kind})" if taken[name] > 1 else name  # one place and one actor
        kind_of[shown] = kind
        variants[shown] = tuple(sorted(seen, key=lambda f: (-seen[f], f)))
        for key in keys:
            name_of[key] = shown
    return Names(name_of, kind_of, variants)


def _canonical(seen: Counter[str], kind: EntityKind) -> str:
    """The name to show: a known alias's full name; for actors the fullest form ("Rami Abdel
    Rahman" over "Abdel Rahman", "Syria Democratic Forces" over "SDF"); for places the most
    frequent spelling."""
    for form in seen:
        alias = _alias(form)
        if alias is not None:
            return alias
    def order(form: str) -> tuple[int, int, int, str]:
        acronym = int(form.isupper() and len(form) <= 6)
        words = len(form.split()) if kind == "actor" else 0
        return (-words, acronym, -seen[form], form) if kind == "actor" else (acronym, -seen[form], words, form)
    return min(seen, key=order)


def entity_index(
    events: Sequence[Event], names: Names, mentions: Mapping[str, int]
) -> tuple[NamedEntity, ...]:
    """Every place and actor of the events, with the events it appears in (in date order),
    the most widely present first."""
    found: dict[str, list[str]] = defaultdict(list)
    for event in sorted(events, key=lambda e: e.date):
        for name in (*event.places, *event.actors):
            found[name].append(event.id)
    return tuple(
        NamedEntity(name, names.kind_of[name], names.variants[name], tuple(ids), mentions.get(name, 0))
        for name, ids in sorted(found.items(), key=lambda pair: (-len(pair[1]), pair[0]))
    )
