"""Boilerplate removal keeps every body sentence and drops web furniture."""

from __future__ import annotations

from pathlib import Path

from storyline.ingest.clean import clean_text
from storyline.settings import DEFAULT

BODY = [
    "Firefighters battled the blaze through the night, the fire service said on Tuesday.",
    "At least 14 people were killed, officials said.",
    "Updated figures from the ministry show 11 dead.",
    "More than 300 residents were moved to schools.",
]
FURNITURE = [
    "Skip to content",
    "1. Skip to main menu",
    "Share this article",
    "Leave a comment",
    "Short link :",
    "five × four =",
    "Photo by: Reuters (Archive)",
    "Image: picture-alliance/dpa",
    "Last update: Wed, 05/03/2025 - 14:02",
    "For the latest news, follow us on Twitter :",
    "Sign up for our daily newsletter",
    "mkg/rc (Reuters, AFP, dpa, AP)",
    "Harbour Herald and agencies",
    "https://example.org/p/2SbNt",
]


def test_furniture_lines_are_removed_and_body_kept() -> None:
    text = "\n".join(FURNITURE[:3] + BODY[:2] + FURNITURE[3:] + BODY[2:])
    cleaned = clean_text(text, DEFAULT, detect_title=False)
    assert cleaned is not None
    assert cleaned.text.split("\n\n") == BODY
    assert sorted(r.text for r in cleaned.removed) == sorted(
        line.removeprefix("1. ") for line in FURNITURE
    )


def test_teaser_list_after_more_from_is_removed() -> None:
    text = "\n".join(
        BODY
        + [
            "More from World",
            "Expert: UN avoiding responsibility is a \"disgrace\"",
            "The reluctance of the United Nations to accept responsibility...",
            "Another headline here",
            "A snippet of the teaser text that is cut off...",
        ]
    )
    cleaned = clean_text(text, DEFAULT, detect_title=False)
    assert cleaned is not None and cleaned.text.split("\n\n") == BODY
    assert {r.reason for r in cleaned.removed} == {"related links"}


def test_headline_becomes_title_and_leaves_body() -> None:
    cleaned = clean_text("Fire guts harbour warehouse\n\n" + "\n\n".join(BODY), DEFAULT)
    assert cleaned is not None
    assert cleaned.title == "Fire guts harbour warehouse"
    assert cleaned.text.split("\n\n") == BODY


def test_seed_body_sentences_survive(seed_files: list[Path]) -> None:
    # Lines checked by hand: the article's first and last body paragraphs must survive.
    expected = {
        "000": ["Syrian regime forces backed by Russian airstrikes recaptured Wednesday",
                "to be organized by UN special envoy Staffan de Mistura."],
        "002": ["According to the Britain-based Syrian Observatory for Human Rights",
                "More than 300,000 people have died in Syria's five-year multifront war."],
        "004": ["ALEPPO", "Pictures circulating on social media showed the burnt-out remains"],
    }
    for file in seed_files:
        key = file.name[:3]
        cleaned = clean_text(file.read_text("utf-8"), DEFAULT)
        assert cleaned is not None
        for fragment in expected.get(key, []):
            assert fragment in cleaned.text, (key, fragment)
        for junk in ("Skip to content", "Leave a comment", "More from World", "five × four",
                     "HRW decries", "Last update", "Photo by", "picture-alliance"):
            assert junk not in cleaned.text, (key, junk)


def test_headline_ending_in_a_quotation_is_the_title_not_prose() -> None:
    text = (
        "Skip to content\n\nWorld\n\n"
        'Judge opens port inquiry with promise to "follow the paperwork"\n\n'
        "The public inquiry into the explosion opened on Monday with a promise from its chair.\n"
    )
    cleaned = clean_text(text, DEFAULT)
    assert cleaned is not None
    assert cleaned.title == 'Judge opens port inquiry with promise to "follow the paperwork"'
    assert cleaned.text == "The public inquiry into the explosion opened on Monday with a promise from its chair."
