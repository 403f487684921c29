"""Feeds, WARC files, language and wire sources; property tests on truncated archives."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from warcs import PAGE, sample_warc

from storyline.ingest.agencies import host_outlet, wire_sources
from storyline.ingest.language import is_foreign
from storyline.ingest.readers import read_one
from storyline.settings import DEFAULT

FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Coastline Daily</title>
<item><title>Quay fire: what we know</title><link>https://coastline.example/a</link>
<pubDate>Wed, 05 Mar 2025 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Firefighters battled the blaze through the night.</p>]]></content:encoded></item>
<item><title>Toll rises</title><link>https://coastline.example/b</link>
<pubDate>Thu, 06 Mar 2025 08:00:00 GMT</pubDate><description>The toll rose to 14.</description></item>
<item><title>Empty</title></item>
</channel></rss>"""


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_feed_entries_become_documents_and_summaries_are_marked(tmp_path: Path) -> None:
    docs, skipped = read_one(write(tmp_path, "feed.rss", FEED), DEFAULT)
    assert [(d.title, d.outlet, d.url, d.summary_only) for d in docs] == [
        ("Quay fire: what we know", "Coastline Daily", "https://coastline.example/a", False),
        ("Toll rises", "Coastline Daily", "https://coastline.example/b", True),
    ]
    assert docs[0].published == "Wed, 05 Mar 2025 08:00:00 GMT"
    assert [(Path(s.source).name, s.reason) for s in skipped] == [
        ("feed.rss:3", "empty (feed entry without content or summary)")
    ]


def test_xml_that_is_not_a_feed_is_skipped(tmp_path: Path) -> None:
    docs, skipped = read_one(write(tmp_path, "data.xml", "<root><a>1</a></root>"), DEFAULT)
    assert docs == [] and [s.reason for s in skipped] == ["not a feed (no RSS or Atom found)"]


def test_warc_html_responses_become_documents(tmp_path: Path) -> None:
    for name, gzipped in (("crawl.warc", False), ("crawl.warc.gz", True)):
        docs, skipped = read_one(write(tmp_path, name, sample_warc(gzipped)), DEFAULT)
        assert [(d.url, d.crawled, d.kind) for d in docs] == [
            ("https://herald.example/2025/03/05/quay-fire", "2025-03-05", "html")
        ], name
        assert docs[0].content == PAGE
        reasons = sorted(s.reason for s in skipped)
        assert reasons[0].startswith("HTTP status 404") and reasons[1].startswith("unsupported type (application/pdf")


def test_truncated_warc_keeps_what_was_read_and_reports_the_rest(tmp_path: Path) -> None:
    for name, gzipped in (("cut.warc", False), ("cut.warc.gz", True)):
        data = sample_warc(gzipped)
        for cut in (40, 200, 400):  # inside the last record, or removing most of it
            docs, skipped = read_one(write(tmp_path, name, data[: len(data) - cut]), DEFAULT)
            assert [d.url for d in docs] == ["https://herald.example/2025/03/05/quay-fire"]
            assert any(s.reason.startswith("corrupt or truncated WARC") for s in skipped), (name, cut)


def test_outlet_from_host_and_wire_sources_from_credits() -> None:
    assert host_outlet("https://www.dw.com/en/aleppo/a-1") == "dw.com"
    assert host_outlet(None) is None
    assert wire_sources("body\nmkg/rc (Reuters, AFP, dpa, AP)") == ("AFP", "AP", "Reuters", "dpa")
    assert wire_sources("body\nTRTWorld and agencies") == ("TRTWorld", "agencies")
    assert wire_sources("VELDMARK, March 5 (MPA) – At least 14 people") == ("MPA",)
    assert wire_sources("Abdel Rahman told AFP on Thursday.") == ("AFP",)
    assert wire_sources("The ministry said on Tuesday.") == ()


def test_language_detection_flags_only_confident_foreign_text() -> None:
    french = "Les pompiers ont maîtrisé l'incendie dans le port mardi soir, a indiqué la préfecture maritime."
    assert is_foreign(french) == "fr"
    assert is_foreign("Firefighters battled the blaze at the port on Tuesday night, officials said.") is None
    assert is_foreign("Bonjour") is None  # too short to tell: taken as English


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=4000), st.sampled_from([".rss", ".atom", ".xml", ".warc", ".warc.gz"]))
def test_random_bytes_in_feed_and_warc_readers(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        docs, skipped = _read(folder, suffix, data)
        assert docs or skipped


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.booleans())
def test_warc_cut_anywhere_is_read_or_reported(cut: int, gzipped: bool) -> None:
    data = sample_warc(gzipped)
    with tempfile.TemporaryDirectory() as folder:
        docs, skipped = _read(folder, ".warc.gz" if gzipped else ".warc", data[: cut % (len(data) + 1)])
        assert docs or skipped
        assert len(docs) <= 1


@settings(max_examples=20, deadline=None)
@given(st.integers(min_value=1, max_value=400_000), st.sampled_from([".txt", ".html", ".jsonl"]))
def test_huge_lines_are_read_or_reported(length: int, suffix: str) -> None:
    line = "a" * length
    data = (f'{{"text": "{line}"}}' if suffix == ".jsonl" else line).encode()
    with tempfile.TemporaryDirectory() as folder:
        docs, skipped = _read(folder, suffix, data, max_bytes=200_000)
        assert docs or skipped
        if length > 200_000:
            assert skipped and skipped[0].reason.startswith("too large")


def _read(folder: str, suffix: str, data: bytes, **overrides: object):  # type: ignore[no-untyped-def]
    path = Path(folder, f"input{suffix}")
    path.write_bytes(data)
    return read_one(path, DEFAULT.with_overrides(**overrides))
