"""Events (analyze/events.py) on a small story written for these tests: one day on which
three outlets report a dam breaking and one reports an election."""

from __future__ import annotations

from datetime import date

from storyline.analyze.events import (
    Pool,
    choose_sentences,
    day_events,
    event_vectorizer,
    sources_of,
)
from storyline.analyze.names import Names
from storyline.model import Article, DatedSentence, Sentence

DAY = date(2031, 4, 8)
TEXTS = {
    "herald": [
        "Floodwater burst through the Harlow dam early on Tuesday, sweeping away farm buildings.",
        "Rescuers pulled survivors from flooded farms below the broken dam.",
    ],
    "courier": ["The Harlow dam burst on Tuesday morning and floodwater swept through the farms below it."],
    "wire": ["Floodwater from the burst Harlow dam swept through farms on Tuesday, rescuers said."],
    "gazette": ["Voters in Tarrow elected a new mayor on Tuesday after a close count."],
}


def _story() -> tuple[list[DatedSentence], dict[str, Article]]:
    articles = {
        "herald": Article("herald", "h.txt", "", outlet="Harlow Herald", published=DAY),
        "courier": Article("courier", "c.txt", "", outlet="Valley Courier", published=DAY),
        # A wire story and its copy carried by a second outlet: one source.
        "wire": Article("wire", "w.txt", "", outlet="Coast Times", published=DAY, copy_outlets=("Evening Post",)),
        "gazette": Article("gazette", "g.txt", "", outlet="Tarrow Gazette", published=DAY),
    }
    pool = []
    for article, texts in TEXTS.items():
        for index, text in enumerate(texts):
            sentence = Sentence(article, index, index, index * 200, index * 200 + len(text), text)
            pool.append(DatedSentence(sentence, (), DAY, "mention"))
    return pool, articles


def _pool(sentences: list[DatedSentence]) -> Pool:
    # Relevance falling in input order: the dam's first report is the day's most central.
    return Pool(tuple(sentences), tuple(1.0 - i / 20 for i in range(len(sentences))))


def _events():  # type: ignore[no-untyped-def]
    sentences, articles = _story()
    names = Names({}, {}, {})
    pool = _pool(sentences)
    return day_events(DAY, pool, {}, names, articles, {}, event_vectorizer([pool], {}, names)), articles


def test_reports_of_one_happening_from_several_outlets_form_one_event() -> None:
    grouped, _ = _events()
    main = grouped.events[0]
    assert {c.article for c in main.sentences} == {"herald", "courier", "wire"}
    assert all("Tarrow" not in c.text for c in main.sentences)
    assert [c.article for e in grouped.events[1:] for c in e.sentences] == ["gazette"]


def test_independent_sources_count_a_wire_copy_once() -> None:
    grouped, articles = _events()
    main = grouped.events[0]
    assert main.sources == 3
    assert main.outlets == ("Coast Times", "Evening Post", "Harlow Herald", "Valley Courier")
    assert sources_of(["herald", "herald", "wire"], articles) == 2


def test_event_of_named_days_has_a_one_day_window_and_a_stable_id() -> None:
    grouped, _ = _events()
    assert grouped.events[0].window == (DAY, DAY)
    assert [e.id for e in grouped.events] == ["ev-20310408-1", "ev-20310408-2"]
    assert grouped.events[0].salience > grouped.events[1].salience


def test_entry_opens_with_the_main_event_and_prefers_sources_not_yet_quoted() -> None:
    grouped, _ = _events()
    chosen = choose_sentences(grouped, 3)
    assert chosen[0][0] == 0  # the main event first
    sources = [grouped.sources[index] for _, index in chosen]
    assert len(set(sources)) == len(sources)  # the Herald's second line waits for other outlets


def test_entry_never_quotes_a_quote_torn_from_its_context() -> None:
    sentences, articles = _story()
    quote = Sentence("gazette", 5, 5, 900, 940, '"We have never seen the river so high," she said.')
    sentences.insert(0, DatedSentence(quote, (), DAY, "mention"))
    names = Names({}, {}, {})
    pool = _pool(sentences)
    grouped = day_events(DAY, pool, {}, names, articles, {}, event_vectorizer([pool], {}, names))
    quoted = [pool.sentences[i].sentence.text for _, i in choose_sentences(grouped, 5)]
    assert quote.text not in quoted and quoted


def test_publication_dated_event_may_have_happened_the_day_before() -> None:
    sentences, articles = _story()
    undated = _pool([DatedSentence(item.sentence, (), DAY, "publication") for item in sentences])
    names = Names({}, {}, {})
    grouped = day_events(DAY, undated, {}, names, articles, {}, event_vectorizer([undated], {}, names))
    assert grouped.events[0].window == (date(2031, 4, 7), DAY)
