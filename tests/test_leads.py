"""Furniture glued to the start of a sentence is skipped; news is never cut."""

from __future__ import annotations

import pytest

from storyline.annotate.leads import lead_length

TRIMMED = [
    ("WASHINGTON (Reuters) - The Senate voted on Tuesday to pass the bill.", "The Senate voted"),
    ("HARBOR CITY, Maine (AP) — Crews fought the blaze through the night and into the morning.", "Crews fought"),
    ("VELDMARK, March 5 (MPA) – At least 14 people were killed in the explosion.", "At least 14"),
    ("(CNN) -- Rescue teams reached the village late on Sunday evening.", "Rescue teams"),
    ("Reuters -RRB- - The central bank cut its main rate by half a point.", "The central bank"),
    ("AP PORT TOWN -- The coast guard said Friday that the slick was shrinking.", "The coast guard"),
    ("PORT TOWN , Fla. -- The coast guard said Friday that the slick was shrinking.", "The coast guard"),
    ("Fire at the docks Wednesday 3 March 2021 10.15 GMT Firefighters battled a blaze at the harbour.",
     "Firefighters battled"),
    ("Last updated at 22:17 GMT Help The port authority reopened the East Quay on Friday.", "The port"),
    ("Harbour fire report 6 March 2021 Last updated at 01:53 GMT Help Inspectors blamed a faulty valve.",
     "Inspectors blamed"),
    ("Added : Tuesday , 9 March , 2021 , 16:25 GMT 16:25 UK The council should pay for the repairs.",
     "The council"),
    ("Photograph: Jane Doe/Reuters The mayor will face questions about the delay tomorrow.", "The mayor"),
    ("Photograph : Jane Doe\\/Getty Images The mayor will face questions about the delay.", "The mayor"),
    ("AP Photo/Sam Smith Divers searched the wreck for a second day on Monday.", "Divers searched"),
    ("AP The harbour authority said the fire was under control by noon.", "The harbour authority"),
]

KEPT = [
    "NATO said on Monday that its planes had struck targets near the city.",
    "CNN International said the reporter was safe and well after the attack.",
    "Reuters reported that the talks had broken down late on Friday night.",
    "The vote -- the third this year -- was delayed again on Tuesday.",
    "(CNN) -- Too short.",  # nothing would be left worth quoting
    "US officials said the talks would resume in Geneva next week.",
    "Robots removed the cap from the well at 1737GMT on Saturday, the company said.",
    "The page was updated at 10:15 GMT and again in the evening, the agency said.",
]


@pytest.mark.parametrize(("text", "starts"), TRIMMED)
def test_furniture_before_the_news_is_skipped(text: str, starts: str) -> None:
    assert text[lead_length(text):].startswith(starts)


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_sentences_are_left_whole(text: str) -> None:
    assert lead_length(text) == 0
