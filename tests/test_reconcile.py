"""Reconciliation: claims that count the same thing, and whether their sources agree,
conflict, or report a toll that grows. Claims are built by hand."""

from __future__ import annotations

from datetime import date

from storyline.analyze.reconcile import reconcile
from storyline.model import Article, Claim, Figure


def article(key: str, published: str, outlet: str, copies: tuple[str, ...] = ()) -> Article:
    return Article(id=key, source=key, text="", outlet=outlet, published=date.fromisoformat(published),
                   copy_outlets=copies)


def claim(key: str, start: int, low: int | None, high: int | None, *, who: str = "civilians",
          measure: str = "killed", source: str = "outlet", when: str | None = None,
          sentence: int | None = None, cumulative: bool = False, qualifier: str = "exact") -> Claim:
    return Claim(key, start, start + 2, str(low), start if sentence is None else sentence, start + 50,
                 low, high, qualifier, measure, who, source, when=when, cumulative=cumulative)  # type: ignore[arg-type]


def by_status(figures: list[Figure]) -> dict[str, list[Figure]]:
    grouped: dict[str, list[Figure]] = {}
    for figure in figures:
        grouped.setdefault(figure.status, []).append(figure)
    return grouped


def test_two_outlets_with_the_same_toll_agree_and_a_wire_copy_counts_once() -> None:
    articles = {"a": article("a", "2025-03-07", "Herald", copies=("Courier",)),
                "b": article("b", "2025-03-07", "Ledger")}
    figures = reconcile([claim("a", 10, 14, 14, source="police"), claim("b", 10, 14, 14)], articles)
    [figure] = figures
    assert figure.status == "agree"
    [value] = figure.values
    assert value.outlets == ("Herald", "Courier", "Ledger")
    assert value.sources == ("police", "outlet")
    assert (figure.conservative, figure.low, figure.high) == (14, 14, 14)


def test_different_figures_for_the_same_day_from_two_sources_conflict() -> None:
    articles = {"a": article("a", "2025-03-07", "Herald"), "b": article("b", "2025-03-07", "Ledger")}
    claims = [claim("a", 10, 32, None, who="people", source="monitor", when="2025-03-06", qualifier="at_least"),
              claim("b", 10, 50, 50, who="fighters_rebel", source="the group", when="2025-03-06")]
    [figure] = reconcile(claims, articles)
    assert figure.status == "conflict"
    assert figure.who == "fighters_rebel"
    assert (figure.conservative, figure.low, figure.high) == (32, 32, 50)


def test_a_running_total_that_grows_is_evolving_not_a_conflict() -> None:
    articles = {key: article(key, day, "Herald") for key, day in
                (("a", "2025-03-01"), ("b", "2025-03-05"), ("c", "2025-03-12"))}
    claims = [claim(key, 10, low, low, who="people", cumulative=True)
              for key, low in (("a", 40), ("b", 120), ("c", 451))]
    [figure] = reconcile(claims, articles)
    assert figure.status == "evolving"
    assert [v.as_of for v in figure.values] == ["2025-03-01", "2025-03-05", "2025-03-12"]
    assert figure.conservative == 40


def test_parts_of_an_article_total_are_not_rivals() -> None:
    articles = {"a": article("a", "2025-03-07", "Herald")}
    claims = [claim("a", 10, 84, None, source="monitor", qualifier="at_least"),
              claim("a", 200, 71, 71, source="monitor", when="2025-03-05"),
              claim("a", 300, 13, 13, who="people", source="rescuers", when="2025-03-06")]
    assert {f.status for f in reconcile(claims, articles)} == {"single"}


def test_figures_of_one_sentence_are_different_counts() -> None:
    articles = {"a": article("a", "2025-03-07", "Herald")}
    claims = [claim("a", 10, 40, 40, sentence=0), claim("a", 30, 22, 22, who="children", sentence=0)]
    assert len(reconcile(claims, articles)) == 2


def test_different_measures_places_and_distant_days_stay_apart() -> None:
    articles = {"a": article("a", "2025-03-01", "Herald"), "b": article("b", "2025-03-20", "Ledger")}
    claims = [claim("a", 10, 12, 12), claim("b", 10, 12, 12),  # days apart, not running totals
              claim("a", 90, 30, 30, measure="wounded")]
    assert [f.status for f in reconcile(claims, articles)] == ["single", "single", "single"]


def test_at_least_agrees_with_a_little_more_but_not_with_far_more() -> None:
    articles = {"a": article("a", "2025-03-07", "Herald"), "b": article("b", "2025-03-07", "Ledger"),
                "c": article("c", "2025-03-07", "Courier")}
    near = reconcile([claim("a", 1, 30, None, qualifier="at_least"), claim("b", 1, 33, 33)], articles)
    far = reconcile([claim("a", 1, 30, None, qualifier="at_least"), claim("c", 1, 60, 60)], articles)
    assert [f.status for f in near] == ["agree"]
    assert [f.status for f in far] == ["conflict"]


def test_a_toll_repeated_by_later_reports_is_one_figure() -> None:
    articles = {"a": article("a", "2025-03-05", "Herald"), "b": article("b", "2025-03-09", "Ledger"),
                "c": article("c", "2025-03-06", "Courier")}
    claims = [claim("a", 1, 14, None, qualifier="at_least", source="fire service"),
              claim("b", 1, 14, None, qualifier="at_least"),
              claim("c", 1, 3, 3, measure="detained"), claim("b", 90, 3, 3, measure="detained")]
    figures = reconcile(claims, articles)
    assert [(f.status, len(f.values[0].claims)) for f in figures] == [("agree", 2), ("single", 1), ("single", 1)]
