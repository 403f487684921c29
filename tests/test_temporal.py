"""Temporal resolution rules. Expected values were checked by hand against a calendar
(2016-08-04 was a Thursday; 2025-03-05 a Wednesday)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.annotate.temporal import find_mentions

THURSDAY = date(2016, 8, 4)


def values(text: str, published: date | None = THURSDAY) -> list[tuple[str, str, str]]:
    return [(m.text, m.value, m.granularity) for m in find_mentions(text, published)]


def test_weekday_resolves_to_most_recent_past_day() -> None:
    assert values("Forces recaptured hills on Wednesday.") == [("Wednesday", "2016-08-03", "day")]


def test_weekday_equal_to_publication_day_is_that_day() -> None:
    assert values("The Observatory said on Thursday.") == [("Thursday", "2016-08-04", "day")]


def test_weekday_with_part_of_day_and_modifier() -> None:
    assert values("until Tuesday midnight, and late Wednesday in Brussels") == [
        ("Tuesday midnight", "2016-08-02", "day"),
        ("late Wednesday", "2016-08-03", "day"),
    ]


def test_future_weekday_resolves_forward() -> None:
    # Published Thursday 2016-10-13; the meeting is the coming Saturday.
    found = values("Kerry will meet his Russian counterpart on Saturday.", date(2016, 10, 13))
    assert found == [("Saturday", "2016-10-15", "day")]


def test_weekday_as_subject_of_future_clause_resolves_forward() -> None:
    # Published Wednesday 2011-10-05; the concert is on the coming Saturday.
    found = values("Saturday's tribute concert will raise money.", date(2011, 10, 5))
    assert found == [("Saturday's", "2011-10-08", "day")]


def test_future_weekday_equal_to_publication_day_is_that_day() -> None:
    # Published Sunday 2010-01-17: "is due to arrive on Sunday" means today.
    assert values("Ban is due to arrive on Sunday.", date(2010, 1, 17)) == [("Sunday", "2010-01-17", "day")]


def test_next_weekday_is_after_publication() -> None:
    assert values("talks resume next Monday", THURSDAY) == [("next Monday", "2016-08-08", "day")]


def test_days_ago_and_last_month() -> None:
    assert values("which rebels took two days ago. Last month, the road was cut.") == [
        ("two days ago", "2016-08-02", "day"),
        ("Last month", "2016-07", "month"),
    ]


def test_month_day_without_year_takes_publication_year() -> None:
    assert values("launched an assault on July 31 in a bid", date(2016, 9, 8)) == [
        ("July 31", "2016-07-31", "day")
    ]


def test_late_month_in_january_article_is_previous_year() -> None:
    assert values("the fire of December 28 destroyed", date(2017, 1, 5)) == [
        ("December 28", "2016-12-28", "day")
    ]


def test_explicit_dates_in_several_forms() -> None:
    found = values("On 31 July 2016, then 2016-08-02, then Oct. 28, 2016 and March 2011.")
    assert [(v, g) for _, v, g in found] == [
        ("2016-07-31", "day"),
        ("2016-08-02", "day"),
        ("2016-10-28", "day"),
        ("2011-03", "month"),
    ]


def test_numeric_date_order_from_weekday_in_stamp() -> None:
    # 4 August 2016 was a Thursday; 8 April 2016 was a Friday.
    assert values("Last update: Thu, 04/08/2016 - 11:23", None)[0][1] == "2016-08-04"
    assert values("Posted Fri, 04/08/2016", None)[0][1] == "2016-04-08"


def test_anchored_expression_uses_previous_mention() -> None:
    text = "Troops repelled an advance on Monday, retaking positions seized a day earlier."
    assert values(text, date(2016, 8, 15)) == [
        ("Monday", "2016-08-15", "day"),
        ("a day earlier", "2016-08-14", "day"),
    ]


def test_week_later_from_previous_paragraph_date() -> None:
    text = "Rebels attacked on July 31.\n\nThey opened a route a week later."
    assert values(text, date(2016, 9, 8))[1] == ("a week later", "2016-08-07", "day")


def test_relative_words() -> None:
    assert values("Yesterday and today, and earlier this week, and this year.") == [
        ("Yesterday", "2016-08-03", "day"),
        ("today", "2016-08-04", "day"),
        ("earlier this week", "2016-W31", "week"),
        ("this year", "2016", "year"),
    ]


def test_years_and_mid_year() -> None:
    assert values("rebels seized it in 2012; the split began in mid-2012") == [
        ("2012", "2012", "year"),
        ("mid-2012", "2012", "year"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "five × four =",
        "open 24/7",
        "in 2,000 cases",
        "2000 people fled",
        "call 555-2012 now",
        "they may march on the capital",
        "won 3-1 on aggregate",
        "the score was 2:15 at the break",
        "the 24th Marine Expeditionary Unit",
        "donations to the DEC appeal",
        "read the Sunday Times",
        "USA Today reported",
    ],
)
def test_non_dates_stay_untagged(text: str) -> None:
    assert values(text) == []


def test_relative_expressions_need_a_publication_date() -> None:
    assert values("on Wednesday, two days ago", None) == []
    assert values("on March 3, 2025", None) == [("March 3, 2025", "2025-03-03", "day")]


# Words that make up time expressions, mixed with junk, for property-based tests.
_VOCAB = [
    "on", "in", "the", "last", "next", "this", "a", "day", "days", "week", "weeks", "month",
    "year", "ago", "later", "earlier", "before", "after", "Monday", "Sunday", "July", "May",
    "March", "31", "2016", "12/11/2016", "Q3", "third", "quarter", "summer", "fall", "weekend",
    "of", "that", "and", ",", ".", "\n\n", "will", "said", "9/11", "attacks", "2016-02-30",
    "29", "February", "Feb.", "mid-2012", "the past two weeks", "two", "same", "following",
]


@given(
    words=st.lists(st.sampled_from(_VOCAB), max_size=40),
    published=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))),
)
@settings(max_examples=400, deadline=None)
def test_any_word_salad_resolves_without_error(words: list[str], published: date | None) -> None:
    text = " ".join(words)
    for mention in find_mentions(text, published):
        assert text[mention.start : mention.end] == mention.text
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-Q[1-4])?", mention.value)


@given(st.text(max_size=300), st.one_of(st.none(), st.dates()))
@settings(max_examples=300, deadline=None)
def test_arbitrary_text_never_raises(text: str, published: date | None) -> None:
    find_mentions(text, published)


def test_outlet_locale_sets_numeric_date_order() -> None:
    from storyline.annotate.temporal import day_first

    assert (day_first("en-GB"), day_first("en_US"), day_first("en"), day_first(None)) == (True, False, None, None)
    text = "The hearing was moved to 04/08/2016."
    assert find_mentions(text, None, day_first("en-GB"))[0].value == "2016-08-04"
    assert find_mentions(text, None, day_first("en-US"))[0].value == "2016-04-08"


def test_a_part_of_the_next_or_previous_day_hangs_on_the_date_before_it() -> None:
    # 2016-08-04 is a Thursday: "Monday" is 1 August, the next morning 2 August.
    text = "The assault began on Monday.\n\nThe following morning, rebels said they had held the hills."
    assert values(text)[1] == ("The following morning", "2016-08-02", "day")
    text = "Talks failed on July 28. Shelling resumed the same evening and the previous night was calm."
    assert values(text)[1:] == [("the same evening", "2016-07-28", "day"), ("the previous night", "2016-07-27", "day")]
    assert [m.confidence for m in find_mentions("They were freed the next morning.", THURSDAY)] == [0.6]


def test_clock_times_take_the_day_beside_them_or_the_day_in_focus() -> None:
    # 2016-08-04 is a Thursday; 2 August a Tuesday.
    def clocks(text: str) -> list[tuple[str, str, float]]:
        return [(m.text, m.value, m.confidence) for m in find_mentions(text, THURSDAY) if m.how.startswith("clock")]

    assert clocks("Jets struck at 7pm on Tuesday.") == [("7pm", "2016-08-02", 1.0)]
    assert clocks("Planes landed at about 3 p.m. Tuesday.") == [("3 p.m.", "2016-08-02", 1.0)]
    assert clocks("BEIRUT | Tue Aug 2 , 2016 2:12 pm EDT BEIRUT") == [("2:12 pm EDT", "2016-08-02", 1.0)]
    # No date beside it: the day named before it in the paragraph, else the publication day;
    # too weak to date a sentence by.
    assert clocks("Talks failed on Aug. 2.\n\nAt 14:30 the convoy left.") == [("14:30", "2016-08-02", 0.75)]
    assert clocks("Shelling resumed at 1600 GMT.") == [("1600 GMT", "2016-08-04", 0.6)]
    assert clocks("Shortly after 2am they fled.") == [("2am", "2016-08-04", 0.6)]
    assert clocks("The final score was 14:30 in their favour.") == []


def test_a_time_anchored_on_a_happening_takes_the_day_the_text_gave_it() -> None:
    # 2016-08-04 is a Thursday; Monday is 1 August. Each value worked out by hand.
    text = ("A car bomb killed 12 people in an attack on the market on Monday. Two days after the attack, "
            "police arrested three men. 48 hours after the attack a curfew began. "
            "A week before the attack, a warning was issued. The siege of the old city began on July 20. "
            "On the third day of the siege, food ran out.")
    assert values(text)[1:4] == [("Two days after the attack", "2016-08-03", "day"),
                                 ("48 hours after the attack", "2016-08-03", "day"),
                                 ("A week before the attack", "2016-07-25", "day")]
    assert values(text)[-1] == ("the third day of the siege", "2016-07-22", "day")
    # "the January 12 earthquake": the date inside the phrase that names it.
    assert values("The January 12 earthquake killed thousands. Eleven days after the earthquake, "
                  "a girl was found.")[1] == ("Eleven days after the earthquake", "2016-01-23", "day")
    # No day given for the happening before: untagged rather than guessed.
    assert values("Two days after the election, the talks resumed.") == []
    assert values("Two days after the attack, police said the attack happened on Monday.") == [
        ("Monday", "2016-08-01", "day")]
