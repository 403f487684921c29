"""Number expressions and their bounds, by the conventions of docs/output.md ("Figures")."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.annotate.numbers import find_numbers, parse_number


def only(text: str) -> tuple[str, int | None, int | None, str]:
    [number] = list(find_numbers(text))
    return number.text, number.low, number.high, number.qualifier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("84 civilians", ("84", 84, 84, "exact")),
        ("at least 84 civilians", ("at least 84", 84, None, "at_least")),
        ("more than 450 people", ("more than 450", 451, None, "more_than")),
        ("over 80 dead", ("over 80", 81, None, "more_than")),
        ("nearly 100 civilians", ("nearly 100", None, 100, "nearly")),
        ("almost 7 children", ("almost 7", None, 7, "nearly")),
        ("some 50 rebels", ("some 50", 45, 55, "about")),
        ("about 1,000 cases", ("about 1,000", 900, 1100, "about")),
        ("an estimated 50 million deaths", ("an estimated 50 million", 45_000_000, 55_000_000, "about")),
        ("up to 300,000 people", ("up to 300,000", None, 300_000, "up_to")),
        ("as many as 45 people", ("as many as 45", None, 45, "up_to")),
        ("fewer than 300 deaths", ("fewer than 300", None, 299, "up_to")),
        ("between 30 and 40 people", ("between 30 and 40", 30, 40, "range")),
        ("10 to 15 people", ("10 to 15", 10, 15, "range")),
        ("dozens of troops", ("dozens", 24, 99, "vague")),
        ("scores of people", ("scores", 40, 99, "vague")),
        ("hundreds of people", ("hundreds", 200, 999, "vague")),
        ("thousands fled", ("thousands", 2000, 9999, "vague")),
        ("tens of thousands of people", ("tens of thousands", 20_000, 99_999, "vague")),
        ("millions of people", ("millions", 2_000_000, 9_999_999, "vague")),
        ("seven children", ("seven", 7, 7, "exact")),
        ("twenty-five soldiers", ("twenty-five", 25, 25, "exact")),
        ("a dozen villagers", ("a dozen", 12, 12, "exact")),
        ("3.5 million refugees", ("3.5 million", 3_500_000, 3_500_000, "exact")),
        ("a quarter of a million residents", ("a quarter of a million", 250_000, 250_000, "exact")),
        ("more than 50m people", ("more than 50m", 50_000_001, None, "more_than")),
    ],
)
def test_conventions(text: str, expected: tuple[str, int | None, int | None, str]) -> None:
    assert only(text) == expected


def test_a_qualifier_covers_only_the_number_right_after_it() -> None:
    found = [(n.text, n.low, n.high) for n in find_numbers("at least 51 in Lhasa, 17 in Gansu")]
    assert found == [("at least 51", 51, None), ("17", 17, 17)]


def test_a_year_range_is_not_a_range_of_people() -> None:
    assert [n.text for n in find_numbers("the 2011-2012 uprising")] == ["2011"]


@given(st.text(alphabet="0123456789,.- abtosmnhuwlyfrvxgdezq", max_size=40))
def test_number_like_strings_never_break_the_parser(text: str) -> None:
    for number in find_numbers(text):
        assert text[number.start : number.end] == number.text
        if number.low is not None and number.high is not None:
            assert number.low <= number.high
    parse_number(text)  # must not raise
