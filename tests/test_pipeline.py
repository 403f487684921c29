"""The orchestrator: limits per document, and the process pool changing nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from warcs import PAGE

from storyline.annotate.temporal import day_first, find_mentions
from storyline.document import MIN_DOCUMENTS_FOR_POOL
from storyline.model import Article, RawDocument, Skipped
from storyline.pipeline import process_documents
from storyline.settings import DEFAULT, Settings


def prepare_articles(docs: list[RawDocument], settings: Settings) -> tuple[list[Article], list[Skipped]]:
    processed = process_documents(docs, settings)
    return processed.articles, processed.skipped

BODY = "<p>Firefighters worked through the night at the quay on Tuesday, officials said.</p>"


def test_document_over_its_time_limit_is_skipped_and_the_rest_survive() -> None:
    slow = RawDocument("slow.html", "html", "<html><body>" + BODY * 20000 + "</body></html>")
    quick = RawDocument("quick.html", "html", PAGE)
    settings = DEFAULT.with_overrides(max_seconds_per_document=0.1, workers=1)
    articles, skipped = prepare_articles([slow, quick], settings)
    assert [(s.source, s.reason) for s in skipped] == [("slow.html", "timed out after 0.1 s")]
    assert [a.source for a in articles] == ["quick.html"]


def test_process_pool_gives_the_same_articles_in_the_same_order() -> None:
    docs = [
        RawDocument(f"{n}.html", "html", PAGE.replace("14", str(n)), url=f"https://herald.example/{n}")
        for n in range(MIN_DOCUMENTS_FOR_POOL + 6)
    ]
    serial = process_documents(docs, DEFAULT.with_overrides(workers=1))
    pooled = process_documents(docs, DEFAULT.with_overrides(workers=2))
    assert pooled == serial
    assert sum(len(s) for s in serial.sentences.values()) > len(docs)  # annotated in the pool too
    serial = serial.articles
    assert [a.outlet for a in serial[:1]] == ["Harbour Herald"]


def test_html_page_gives_title_outlet_author_and_date() -> None:
    page = PAGE.replace("<head>", "<head><meta name='author' content='Petra Holmgaard'>"
                        "<meta property='article:published_time' content='2025-03-05T08:00:00Z'>")
    articles, skipped = prepare_articles([RawDocument("p.html", "html", page)], DEFAULT)
    assert skipped == []
    article = articles[0]
    assert (article.title, article.outlet, article.author) == ("Quay fire", "Harbour Herald", "Petra Holmgaard")
    assert (str(article.published), article.published_from) == ("2025-03-05", "html-metadata")


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=len(PAGE)))
def test_truncated_html_is_an_article_or_a_reasoned_skip(cut: int) -> None:
    doc = RawDocument("cut.html", "html", PAGE[:cut] or " ")
    articles, skipped = prepare_articles([doc], DEFAULT.with_overrides(workers=1))
    assert len(articles) + len(skipped) == 1
    assert all(s.reason for s in skipped)


def test_html_lang_gives_the_outlet_locale_for_numeric_dates() -> None:
    body = "<p>The council said the hearing, first set for 04/08/2016, would go ahead as planned next month.</p>"
    for lang, expected in (("en-GB", "2016-08-04"), ("en-US", "2016-04-08")):
        page = f"<html lang='{lang}'><body><article>{body * 2}</article></body></html>"
        article = prepare_articles([RawDocument("p.html", "html", page)], DEFAULT)[0][0]
        assert article.locale == lang
        found = find_mentions(article.text, None, day_first(article.locale))
        assert found[0].value == expected
