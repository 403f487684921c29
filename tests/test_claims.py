"""Figures about people: what is counted, whom, who says so, and what is not a figure.
Every sentence here is written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.document import claims_in_text
from storyline.model import Claim

PUBLISHED = date(2025, 3, 7)  # a Friday


def claims(text: str) -> list[Claim]:
    return claims_in_text(text, PUBLISHED)


def one(text: str) -> Claim:
    found = claims(text)
    assert len(found) == 1, found
    return found[0]


def test_killed_civilians_with_a_qualifier_and_a_source() -> None:
    claim = one("Shelling killed at least 23 civilians in Veldmark on Thursday, the regional health office said.")
    assert (claim.text, claim.low, claim.high, claim.qualifier) == ("at least 23", 23, None, "at_least")
    assert (claim.measure, claim.who) == ("killed", "civilians")
    assert claim.attributed_to == "regional health office"
    assert claim.when == "2025-03-06"
    assert claim.where == "Veldmark"
    assert not claim.hypothetical


def test_offsets_slice_the_number_and_its_sentence() -> None:
    text = "Officials met on Monday.\n\nNearly 40 people were wounded in the blast, police said."
    claim = one(text)
    assert text[claim.start : claim.end] == "Nearly 40"
    assert text[claim.sentence_start : claim.sentence_end].startswith("Nearly 40 people were wounded")


@pytest.mark.parametrize(
    ("sentence", "measure", "who"),
    [
        ("Fourteen soldiers were wounded in the ambush.", "wounded", "fighters_government"),
        ("The floods displaced some 4,000 villagers.", "displaced", "civilians"),
        ("At least 300 people remain trapped under the rubble.", "trapped", "people"),
        ("Rescuers evacuated 120 patients from the hospital.", "evacuated", "civilians"),
        ("Eleven fishermen and six children are still missing.", "missing", "children"),
        ("Police arrested 85 protesters overnight.", "detained", "civilians"),
        ("Divers rescued nine crew members from the ferry.", "rescued", "other"),
        ("The strike left 32 rebel fighters dead.", "killed", "fighters_rebel"),
        ("Two Islamic State fighters were killed in the raid.", "killed", "fighters_is"),
        ("The attack caused 71 casualties.", "killed_or_wounded", "people"),
    ],
)
def test_measure_and_who(sentence: str, measure: str, who: str) -> None:
    found = claims(sentence)
    assert found, sentence
    assert (found[-1].measure, found[-1].who) == (measure, who)


def test_figures_listed_together_share_the_harm() -> None:
    found = claims("Some 40 rebels and dozens of government troops have been killed since Sunday.")
    assert [(c.text, c.measure, c.who) for c in found] == [
        ("Some 40", "killed", "fighters_rebel"), ("dozens", "killed", "fighters_government")]


def test_a_subset_takes_the_harm_of_its_whole() -> None:
    found = claims("Thirty civilians died in the shelling, among them 12 children, medics said.")
    assert [(c.low, c.who, c.measure) for c in found] == [(30, "civilians", "killed"), (12, "children", "killed")]
    assert {c.attributed_to for c in found} == {"medics"}


def test_wounded_after_killed_is_not_killed() -> None:
    found = claims("Three people were killed and 45 were wounded in the clashes.")
    assert [(c.low, c.measure) for c in found] == [(3, "killed"), (45, "wounded")]


def test_the_death_toll_rose_to() -> None:
    claim = one("The death toll from the quake rose to 1,240 on Friday, the interior ministry said.")
    assert (claim.low, claim.measure, claim.cumulative) == (1240, "killed", True)
    assert claim.attributed_to == "interior ministry"


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("According to the UN, 2,000 people have fled the town.", "United Nations"),
        ("Around 60 people were killed, said the Britain-based Syrian Observatory for Human Rights.",
         "Syrian Observatory for Human Rights"),
        ("SOHR said 12 fighters were killed.", "Syrian Observatory for Human Rights"),
        ("Ten guards were injured, army spokesman Colonel Piet Varga told reporters.", "Piet Varga"),
        ("Ostmark's health ministry reported 19 deaths.", "Ostmark's health ministry"),
        ("Nine miners died, Kessland's labour ministry said.", "Kessland's labour ministry"),
        ("Egypt's health ministry said 15 people were killed.", "Egyptian health ministry"),
        ("Forty people were killed in the attack.", "outlet"),
    ],
)
def test_attribution(sentence: str, source: str) -> None:
    assert claims(sentence)[-1].attributed_to == source


def test_a_person_who_speaks_for_an_organisation_is_the_organisation() -> None:
    text = ("Lena Morr, head of the Harbour Relief Agency, spoke in the port.\n\n"
            "\"We have counted 140 injured so far,\" Morr said.")
    assert one(text).attributed_to == "Harbour Relief Agency"


@pytest.mark.parametrize(
    "sentence",
    [
        "The United Nations warned that 50,000 people could starve by spring.",
        "Officials fear the toll may rise to 300.",
        "Hundreds are feared dead after the landslide.",
    ],
)
def test_fears_and_forecasts_are_hypothetical(sentence: str) -> None:
    assert all(c.hypothetical for c in claims(sentence)), claims(sentence)
    assert claims(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The 15-year-old was taken to hospital.",
        "The government deployed 10,000 troops to the border.",
        "The city of 2 million people was calm on Sunday.",
        "Damage is estimated at $300 million.",
        "The convoy of 40 trucks reached the camp 12 km from the border.",
        "In 2011, protests spread to the capital.",
        "Several people were hurt and many more were arrested.",
        "Thousands marched through the capital on Saturday.",
        "Call 0800 123 456 for information about the injured.",
        "The council approved Resolution 2254 after the attack killed residents.",
        "It was one of the worst disasters in the country's history, and one of the deadliest.",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert claims(sentence) == []


def test_dates_and_ages_beside_a_toll_are_not_counted() -> None:
    found = claims("On March 3, 2025, a 42-year-old man and 7 others were killed in Dorne.")
    assert [c.text for c in found] == ["7"]


def test_an_acronym_the_article_defines_names_the_source_in_full() -> None:
    text = ("The Coastal Rescue Service (CRS) said on Thursday that 14 people were missing.\n\n"
            "CRS reported at least 9 people wounded in the harbour.")
    found = claims(text)
    assert [(c.low, c.attributed_to) for c in found] == [(14, "Coastal Rescue Service"), (9, "Coastal Rescue Service")]
    tokenised = one("The Coastal Rescue Service -LRB- CRS -RRB- reports 12 people dead .")
    assert tokenised.attributed_to == "Coastal Rescue Service"


@pytest.mark.parametrize(("text", "source"), [
    # "an estimated" is an adjective: nothing before it is a source (here a headline).
    ("Flood relief stalls An estimated 2,000 people died in the floods.", "outlet"),
    # What a body puts out, or its staff, stands for the body.
    ("About 9,000 people have been made homeless, according to UN estimates.", "United Nations"),
    ("A Human Rights Watch researcher says more than 40 people have died.", "Human Rights Watch"),
    # What is counted is not who counts it.
    ("Of six flu cases confirmed on Monday in the port, two were children.", "outlet"),
    # Officials named by what they deal with are not a body of that name.
    ("Health officials said 12 people had the flu.", "Health officials"),
    # A source named after "but" is the words after it.
    ("The group planned to send ten men but Harbour police said they found only three bodies.",
     "Harbour police"),
])
def test_a_source_phrase_is_the_name_not_the_words_around_it(text: str, source: str) -> None:
    found = claims(text)
    assert found and found[-1].attributed_to == source, [(c.text, c.attributed_to) for c in found]


@pytest.mark.parametrize(("text", "where"), [
    # A place noun names the place before the number.
    (("On Wednesday, strikes by unidentified aircraft on the eastern Sukkari district left 11 "
     "civilians dead, according to the Observatory."), "Sukkari"),
    ("In Aleppo, 40 people were killed in the shelling.", "Aleppo"),
    # Where a figure was said is not where it happened.
    ("Speaking in Geneva, the envoy said 300,000 people are trapped.", None),
    # A place after the number, in its own clause, still wins.
    ("In the Sukkari district, rescuers said 12 people died in Bustan al-Qasr.", "Bustan al-Qasr"),
])
def test_the_place_of_a_figure_may_come_before_the_number(text: str, where: str | None) -> None:
    assert one(text).where == where
