"""Readers account for every input and never raise on bad bytes."""

from __future__ import annotations

import gzip
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.ingest.readers import InputError, decode, read_inputs, read_one
from storyline.settings import DEFAULT

ARTICLE = "Firefighters battled the blaze on Tuesday, the fire service said.\n"


def read(path: Path, **overrides: object):  # type: ignore[no-untyped-def]
    return read_one(path, DEFAULT.with_overrides(**overrides))


def test_encodings_decode_to_the_same_text(tmp_path: Path) -> None:
    text = "Café owners in Zürich said “no” on Tuesday.\n"
    variants = {
        "utf8.txt": text.encode("utf-8"),
        "utf8bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf16.txt": text.encode("utf-16"),
        "utf16le.txt": text.encode("utf-16-le"),
        "cp1252.txt": text.encode("cp1252"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        docs, skipped = read(tmp_path / name)
        assert skipped == [], name
        assert docs[0].content == text, name


def test_bad_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "zipped.txt").write_bytes(gzip.compress(ARTICLE.encode() * 50))
    (tmp_path / "big.txt").write_text(ARTICLE * 100)
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    reasons = {}
    for path in sorted(tmp_path.iterdir()):
        docs, skipped = read(path, max_bytes=2000)
        assert docs == [] and len(skipped) == 1, path
        reasons[path.name] = skipped[0].reason
    assert reasons["empty.txt"] == "empty"
    assert reasons["blank.txt"] == "empty"
    assert reasons["binary.txt"].startswith("binary")
    assert reasons["zipped.txt"].startswith("binary")
    assert reasons["big.txt"].startswith("too large")
    assert reasons["report.pdf"] == "unsupported type (.pdf)"


def test_jsonl_lines_are_each_accounted_for(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "One.", "outlet": "A", "published": "2016-08-04"}\n'
        "not json\n"
        "\n"
        '["a list"]\n'
        '{"title": "no text"}\n'
        '{"html": "<p>Two.</p>", "url": "https://example.org/x"}\n',
        encoding="utf-8",
    )
    docs, skipped = read(path)
    assert [(d.source, d.kind, d.outlet) for d in docs] == [
        (f"{path}:1", "text", "A"),
        (f"{path}:6", "html", None),
    ]
    assert [s.source for s in skipped] == [f"{path}:2", f"{path}:4", f"{path}:5"]
    assert skipped[0].reason.startswith("invalid JSON")


def test_folders_expand_and_missing_paths_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(f"<p>{ARTICLE}</p>")
    (tmp_path / ".hidden").write_text(ARTICLE)
    docs, skipped = read_inputs([tmp_path, tmp_path / "nope.txt"], DEFAULT)
    assert [Path(d.source).name for d in docs] == ["a.txt", "b.html"]
    assert {(Path(s.source).name, s.reason) for s in skipped} == {
        (".hidden", "hidden file"),
        ("nope.txt", "no such file or folder"),
    }


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_never_raises_anything_but_input_error(data: bytes) -> None:
    try:
        text = decode(data)
    except InputError as err:
        assert str(err)
    else:
        assert text.strip()


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".jsonl"]))
def test_every_random_file_is_read_or_skipped(data: bytes, suffix: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        docs, skipped = read_one(path, DEFAULT)
        assert docs or skipped


def test_html_with_a_mislabelled_charset_is_decoded_by_its_bytes(tmp_path: Path) -> None:
    # Declares UTF-8 but is cp1252; and declares cp1252 but is UTF-8.
    body = "<p>Café owners in Zürich said “no” on Tuesday, according to the council.</p>"
    wrong_utf8 = f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'
    wrong_cp = f'<html><head><meta charset="windows-1252"></head><body>{body}</body></html>'
    (tmp_path / "a.html").write_bytes(wrong_utf8.encode("cp1252"))
    (tmp_path / "b.html").write_bytes(wrong_cp.encode("utf-8"))
    for name in ("a.html", "b.html"):
        docs, skipped = read(tmp_path / name)
        assert skipped == [] and "Café owners in Zürich said “no”" in docs[0].content, name
