"""Publication dates inferred from what an undated text reports (ingest/undated.py)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.analyze.dates import INFERRED_WEIGHT, sentence_weight
from storyline.ingest.undated import date_undated, infer_date, story_years
from storyline.model import Article, DatedSentence, RemovedLine, Sentence


def test_weekday_in_the_lead_is_the_day_after_the_reported_date() -> None:
    text = (
        "Flood barriers failed on 3 March 2021, the river authority said, and crews worked "
        "through Thursday to close the breach at Vell Quay.\n\nThe mayor asked for patience."
    )
    estimate = infer_date(text)
    # 3 March 2021 was a Wednesday: the Thursday it speaks of is the 4th, written that day.
    assert estimate.day == date(2021, 3, 4)
    assert estimate.window is not None and estimate.window[0] == date(2021, 3, 3)
    assert estimate.rule == "lead weekday" and 0 < estimate.confidence < 1


def test_weekday_alone_never_gives_a_day() -> None:
    text = "Ferries stopped on Monday after the storm. The port reopened late Sunday, officials said."
    estimate = infer_date(text)
    assert estimate.day is None and estimate.window is None
    assert "weekdays" in estimate.reason


def test_announced_date_is_not_a_lower_bound() -> None:
    text = (
        "The council approved the budget on 12 May 2019. Ministers will meet on 20 June 2019 "
        "to discuss the bridge."
    )
    estimate = infer_date(text)
    assert estimate.window is not None
    assert estimate.window[0] == date(2019, 5, 12)  # not the announced 20 June
    assert estimate.window[1] == date(2019, 6, 20)  # written before the meeting it announces
    assert estimate.day is None  # no weekday places it: only a window


def test_weekday_far_from_the_reported_date_keeps_the_window_open() -> None:
    text = (
        "The harbour was founded on 6 January 1890.\n\n"
        "Dockers walked out on Friday over pay, the union said."
    )
    estimate = infer_date(text)
    # 6 January 1890 was a Monday: nothing ties that Friday to the week after it.
    assert estimate.day is None
    assert estimate.window == (date(1890, 1, 6), None)


def test_year_of_a_full_date_completes_dates_without_one() -> None:
    text = (
        "Rescuers reached the valley on 9 November 2020, and the road had been cut since "
        "November 2, a spokesman said. On Monday the last families left."
    )
    estimate = infer_date(text)
    assert estimate.reference == date(2020, 11, 9)
    assert estimate.day == date(2020, 11, 9)  # 9 November 2020 was a Monday


def test_yearless_dates_take_the_story_year_only_with_a_story() -> None:
    text = "Protesters first gathered in the square on April 3. They returned on Saturday."
    assert infer_date(text).window is None
    years = story_years([date(2014, 4, 20), date(2014, 5, 2)])
    estimate = infer_date(text, story_year=years)
    assert estimate.window is not None and estimate.window[0] == date(2014, 4, 3)


def test_story_year_is_the_earliest_that_fits_the_story() -> None:
    years = story_years([date(2010, 4, 22), date(2010, 9, 1), date(2011, 1, 20)])
    assert years is not None
    assert years(7, 31) == (2010, "explicit, year from story")
    assert years(1, 5) == (2011, "explicit, year from story")  # January 2010 is too early
    assert years(3, 1)[0] == 2010  # within two months before the first article


def test_wire_dateline_gives_the_day_of_filing() -> None:
    text = "OSLO, May 14, 2013 (Reuters) - The ferry operator cut its forecast on Tuesday."
    estimate = infer_date(text)
    assert estimate.day == date(2013, 5, 14) and estimate.rule == "dateline"


def test_relative_expression_beside_a_date_pins_the_day() -> None:
    text = "The tanker ran aground two days ago, on 8 August 2018, and is still leaking oil."
    estimate = infer_date(text)
    assert estimate.day == date(2018, 8, 10) and estimate.rule == "pinned"


def test_date_next_to_a_clock_time_is_a_stamp_not_a_report() -> None:
    text = (
        "Workers repaired the dam on 4 April 2022, the agency said on Tuesday.\n\n"
        "Comment posted 19 June 2022 at 10:42 | reply"
    )
    estimate = infer_date(text)
    assert estimate.window is not None and estimate.window[0] == date(2022, 4, 4)


def test_trailing_widget_far_newer_than_the_body_is_ignored() -> None:
    body = "The strike began on 1 March 2011, union leaders said on Tuesday. " * 8
    text = body + "\n\nTrending: a new phone went on sale on February 11, 2013."
    estimate = infer_date(text)
    assert estimate.window is not None and estimate.window[0] == date(2011, 3, 1)


def test_captions_removed_by_cleaning_still_date_the_article() -> None:
    article = Article(
        id="a", source="a.txt",
        text="Shelling hit the old market on Friday, medics said.\n\nTwo clinics closed.",
        removed=(RemovedLine("Smoke over the market, Karsk, June 2, 2017.", "photo caption"),),
    )
    dated = date_undated(article)
    assert (dated.published, dated.published_from) == (date(2017, 6, 2), "inferred")  # a Friday
    assert dated.published_window is not None and dated.published_reason


def test_a_dated_article_is_left_alone() -> None:
    article = Article(id="a", source="a.txt", text="On 1 May 2001 it rained.", published=date(2001, 5, 2),
                      published_from="given")
    assert date_undated(article) is article


def test_undated_article_says_why() -> None:
    article = Article(id="a", source="a.txt", text="Nothing about when this happened.")
    dated = date_undated(article)
    assert dated.published is None and dated.published_from == "unknown"
    assert dated.published_reason == "no date in the text"


def test_days_reached_through_an_inferred_date_count_for_less() -> None:
    sentence = Sentence("a", 0, 0, 0, 10, "Rain fell.")
    item = DatedSentence(sentence, (), date(2017, 6, 3), "publication")
    found = Article(id="a", source="a", text="x", published=date(2017, 6, 3), published_from="text")
    inferred = Article(id="a", source="a", text="x", published=date(2017, 6, 3), published_from="inferred")
    assert sentence_weight(item, inferred) == sentence_weight(item, found) * INFERRED_WEIGHT


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 ,.-:/()\n") + [
    "May ", "June ", "2016", "Monday", "Thursday ", "ago", "will ", "on ", "(Reuters)", "pm", "GMT",
]), max_size=60))
def test_inference_never_fails_and_a_day_lies_in_its_window(pieces: list[str]) -> None:
    estimate = infer_date("".join(pieces))
    if estimate.day is not None:
        assert estimate.window is not None and estimate.window[0] <= estimate.day
        assert estimate.window[1] is None or estimate.day <= estimate.window[1]
