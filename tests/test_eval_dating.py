"""The dating evaluation (evaluate/dating.py) on hand-made cases."""

from __future__ import annotations

from datetime import date

from storyline.evaluate.dating import Case, Outcome, date_case, hide_stamps, score, split_of

STAMPED = (
    "Boats wait off the quay at Vell March 2 , 2021 .\n"
    "VELL | Wed Mar 3 , 2021 4:12 pm GMT VELL -LRB- Reuters -RRB- - Dockers at Vell walked "
    "out on Wednesday over pay , the union said , closing the port to cargo ships .\n"
    "Talks are set to resume next week ."
)


def test_stamps_are_hidden_and_offsets_kept() -> None:
    hidden = hide_stamps(STAMPED)
    assert len(hidden) == len(STAMPED)
    assert "Mar 3 , 2021" not in hidden and "March 2 , 2021" in hidden  # the caption stays


def test_a_stamped_case_is_found_from_its_stamp_only_when_visible() -> None:
    case = Case("Vell_wire/1", "vell", date(2021, 3, 3), STAMPED)
    visible, _ = date_case(case, stamps=True)
    assert (visible.day, visible.found_from) == (date(2021, 3, 3), "text")
    alone, with_topic = date_case(case, stamps=False, context=[date(2021, 3, 1)])
    # Hidden: the caption's 2 March (a Tuesday) and the lead's Wednesday give the 3rd.
    assert alone.day == date(2021, 3, 3) and alone.found_from == "inferred: lead weekday"
    assert with_topic.day == date(2021, 3, 3)


def test_split_is_fixed_by_the_key() -> None:
    keys = [f"folder/{n}" for n in range(500)]
    held = [k for k in keys if split_of(k) == "heldout"]
    assert held == [k for k in keys if split_of(k) == "heldout"]
    assert 60 < len(held) < 140  # about one in five


def test_scores() -> None:
    truth = date(2021, 3, 3)
    outcomes = [
        Outcome("a", truth, truth, "inferred: lead weekday", (truth, None), True),
        Outcome("b", truth, date(2021, 3, 5), "inferred: lead weekday", (date(2021, 3, 4), date(2021, 3, 9)), True),
        Outcome("c", truth, None, "bound", (date(2021, 2, 1), None), True),
        Outcome("d", truth, None, "none", None, True),
        Outcome("e", truth, None, "none", None, False),
    ]
    figures = score(outcomes)
    assert (figures["dated"], figures["exact"], figures["within_1"], figures["within_3"]) == (2, 0.5, 0.5, 1.0)
    assert (figures["windowed"], figures["window_coverage"], figures["open_windows"]) == (3, 0.6667, 2)
    assert figures["evidence_without_window"] == 1 and figures["with_evidence"] == 4
