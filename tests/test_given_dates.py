"""Dates the user gives: a --dates manifest and dates in file names (ingest/given_dates.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.given_dates import ManifestError, date_in_name, load_manifest, with_given_date
from storyline.model import RawDocument


def test_csv_manifest_with_header_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "dates.csv"
    path.write_text("input,date\n# reporters' notes\nnotes/quay.txt,2021-03-04\nwire-7, 2021-03-05\n")
    assert load_manifest(path) == (("notes/quay.txt", "2021-03-04"), ("wire-7", "2021-03-05"))


def test_json_manifest_as_object_or_list(tmp_path: Path) -> None:
    path = tmp_path / "dates.json"
    path.write_text(json.dumps({"quay.txt": "2021-03-04"}))
    assert load_manifest(path) == (("quay.txt", "2021-03-04"),)
    path.write_text(json.dumps([{"id": "wire-7", "published": "2021-03-05T09:30:00"}]))
    assert load_manifest(path) == (("wire-7", "2021-03-05"),)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("quay.txt,04/03/2021\n", "is not a date"),
        ("quay.txt\n", "expected two columns"),
        ('{"quay.txt": "2021-03-04",}', "invalid JSON"),
        ('"just a string"', "expected two columns"),
        ('{"quay.txt": null}', "is not a date"),
        ("[1, 2]", "expected an object"),
        ("a.txt,2021-03-04\na.txt,2021-03-05\n", "two different dates"),
        (",2021-03-04\n", "no input path or id"),
        ("", "no dates"),
    ],
)
def test_bad_manifest_says_where_and_why(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "dates.csv"
    path.write_text(content)
    with pytest.raises(ManifestError, match=message):
        load_manifest(path)


def test_missing_manifest_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="cannot read"):
        load_manifest(tmp_path / "nope.csv")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2016-08-04-aleppo.txt", date(2016, 8, 4)),
        ("20160804_aleppo.html", date(2016, 8, 4)),
        ("reports/aleppo_2016_08_04.htm", date(2016, 8, 4)),
        ("2016-13-45-bad.txt", None),
        ("export-2016-08-04.jsonl", None),  # a container's name does not date what it holds
        ("000_5fcd835fb9ade6a8.txt", None),
        ("12016080412.txt", None),  # digits inside a longer number are not a date
    ],
)
def test_date_in_a_file_name(name: str, expected: date | None) -> None:
    assert date_in_name(name) == expected


def test_manifest_wins_over_the_record_and_the_file_name(tmp_path: Path) -> None:
    named = RawDocument("in/2016-08-04-quay.txt", "text", "x")
    assert with_given_date(named).published == "2016-08-04"
    manifest = (("2016-08-04-quay.txt", "2016-08-05"),)
    assert with_given_date(named, manifest).published == "2016-08-05"  # matched by file name
    record = RawDocument("feed.jsonl:3", "text", "x", published="2016-01-01", given_id="w7")
    assert with_given_date(record).published == "2016-01-01"
    assert with_given_date(record, (("w7", "2016-02-02"),)).published == "2016-02-02"


def test_manifest_path_matches_the_same_file_however_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    doc = RawDocument(str(tmp_path / "notes" / "quay.txt"), "text", "x")
    assert with_given_date(doc, (("notes/quay.txt", "2021-03-04"),)).published == "2021-03-04"


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=300))
def test_any_manifest_bytes_give_dates_or_a_manifest_error(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("m") / "dates.csv"
    path.write_bytes(data)
    try:
        pairs = load_manifest(path)
    except ManifestError:
        return
    assert pairs and all(date.fromisoformat(value) for _, value in pairs)
