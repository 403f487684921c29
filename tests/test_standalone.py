"""Whether a sentence can stand alone in a summary (analyze/standalone.py), on sentences
written for these tests."""

from __future__ import annotations

import pytest

from storyline.analyze.standalone import dangling

DANGLING = [
    "They crossed the river at dawn and took the bridge by noon.",
    "It was the third fire at the depot this year.",
    "This is the worst flood the valley has seen since 1998.",
    "But the mayor of Harlow said the dam would hold.",
    "However, the ferry company cancelled every crossing on Friday.",
    "Meanwhile, rescuers in Tarrow searched the collapsed school.",
    "Two days later, the council reopened the coastal road.",
    "The figure is higher than the one the Harlow police gave on Tuesday.",
    "The toll rose to 31 by Thursday evening.",
    "The two were released without charge.",
    "The attack happened shortly after midnight.",
    "The bus was carrying pilgrims home from the coast.",
    '"We have never seen water this high," said a farmer from Tarrow.',
    "“Nobody told us to leave,” she said.",
    "On Thursday, he told reporters that the bridge was safe.",
    "The dam was inspected in May, he added.",
    'Now nobody knows where the cattle are."',
]

STANDALONE = [
    "Floodwater broke through the Harlow dam on Tuesday, forcing 4,000 people from their homes.",
    "The fire in Depot 4 at Tarrow broke out late on Monday, the fire brigade said.",
    "The attack on the Tarrow market killed nine people, police said.",
    "The government announced a relief fund of 20 million crowns for the flooded villages.",
    "US officials said the Harlow bridge would stay closed until March.",
    "There were 12 rescues on the river overnight, the coastguard said.",
    "Police arrested the depot's owner on Saturday, prosecutor Ana Berg told reporters.",
    "The mayor of Harlow, Ida Lenk, ordered the evacuation of the lower town.",
]


@pytest.mark.parametrize("text", DANGLING)
def test_sentence_hanging_on_an_earlier_one_is_dangling(text: str) -> None:
    assert dangling(text) is not None


@pytest.mark.parametrize("text", STANDALONE)
def test_self_contained_sentence_stands_alone(text: str) -> None:
    assert dangling(text) is None


def test_reason_names_the_opening() -> None:
    assert dangling("They fled.") == "opens with a pronoun: 'They'"
    assert dangling('"Run," he said.') == "bare quote"
    assert dangling("But the river rose again overnight in Harlow.") == "opens with a connective: 'But'"
