"""Publication dates the user gives: a manifest (`--dates FILE`) and dates in file names.

A manifest maps an input to its date, as CSV (two columns, an optional header) or JSON (an
object, or a list of objects with `input`/`path`/`id` and `date`/`published`). An input is
matched by its path as given, its absolute path, its file name, or its JSONL/feed id. A date
in a single-article file's name (`2016-08-04-aleppo.txt`, `20160804_aleppo.html`) counts
when nothing else is given. Either way the date is "given": it always wins.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from storyline.model import RawDocument

# Files that hold one article each; a container's name (export-2016-08-04.jsonl) does not
# date the articles inside it.
SINGLE_ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm"})
_NAME_DATE = re.compile(
    r"(?<![0-9])((?:19|20)\d{2})(?:([-_.])(\d{2})\2(\d{2})|(\d{2})(\d{2}))(?![0-9])"
)
_KEY_FIELDS = ("input", "path", "source", "file", "id")
_DATE_FIELDS = ("date", "published")


class ManifestError(ValueError):
    """A dates manifest that cannot be used, with where and why."""


def load_manifest(path: Path) -> tuple[tuple[str, str], ...]:
    """The (input, ISO date) pairs of a CSV or JSON manifest; ManifestError if unusable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        why = getattr(err, "strerror", None) or err
        raise ManifestError(f"cannot read dates file {path}: {why}") from err
    rows = _json_rows(text, path) if text.lstrip()[:1] in ("{", "[") else _csv_rows(text, path)
    pairs: dict[str, str] = {}
    for where, key, value in rows:
        key = key.strip()
        if not key:
            raise ManifestError(f"{path}, {where}: no input path or id")
        day = _iso_day(value)
        if day is None:
            raise ManifestError(f"{path}, {where}: {value!r} is not a date (use YYYY-MM-DD)")
        if pairs.get(key, day.isoformat()) != day.isoformat():
            raise ManifestError(f"{path}, {where}: {key!r} is given two different dates")
        pairs[key] = day.isoformat()
    if not pairs:
        raise ManifestError(f"{path}: no dates in the file")
    return tuple(sorted(pairs.items()))


def _json_rows(text: str, path: Path) -> list[tuple[str, str, str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ManifestError(f"{path}: invalid JSON ({err.msg}, line {err.lineno})") from err
    if isinstance(data, dict):
        return [(f"key {key!r}", str(key), _text(value)) for key, value in data.items()]
    if not isinstance(data, list):
        raise ManifestError(f"{path}: expected an object (input to date) or a list of objects")
    rows = []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise ManifestError(
                f"{path}, item {index}: expected an object with an input and a date"
            )
        key = next((item[f] for f in _KEY_FIELDS if f in item), "")
        value = next((item[f] for f in _DATE_FIELDS if f in item), "")
        rows.append((f"item {index}", _text(key), _text(value)))
    return rows


def _text(value: object) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _iso_day(value: str) -> date | None:
    # Strict: a manifest is written on purpose, so "08/04/2016" or "yesterday" is an error,
    # not a guess.
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None


def _csv_rows(text: str, path: Path) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    header_seen = False
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if len(cells) != 2:
            raise ManifestError(
                f"{path}, line {number}: expected two columns (input, date), found {len(cells)}"
            )
        if not rows and not header_seen and cells[1].lower() in _DATE_FIELDS:
            header_seen = True  # "input,date"
            continue
        rows.append((f"line {number}", cells[0], cells[1]))
    return rows


def date_in_name(source: str) -> date | None:
    """A date in a single-article file's name: 2016-08-04-x.txt, 2016_08_04, 20160804_x."""
    path = Path(source)
    if path.suffix.lower() not in SINGLE_ARTICLE_SUFFIXES:
        return None
    for match in _NAME_DATE.finditer(path.stem):
        month, day = (match[3], match[4]) if match[2] else (match[5], match[6])
        try:
            return date(int(match[1]), int(month), int(day))
        except ValueError:
            continue
    return None


@lru_cache(maxsize=8)
def _lookup(pairs: tuple[tuple[str, str], ...]) -> Mapping[str, str]:
    table = dict(pairs)
    for key, value in pairs:  # a path also matches as an absolute path
        if "/" in key or "\\" in key or Path(key).suffix:
            table.setdefault(str(Path(key).resolve()), value)
    return table


def _names(doc: RawDocument) -> Iterable[str]:
    yield doc.source
    if doc.given_id:
        yield doc.given_id
    if doc.source not in ("-", "") and "://" not in doc.source:
        path = Path(doc.source)
        yield str(path.resolve())
        yield path.name


def with_given_date(doc: RawDocument, manifest: tuple[tuple[str, str], ...] = ()) -> RawDocument:
    """The document with the date the user gave it: the manifest's, else its own (JSONL,
    feed), else the one in its file name."""
    if manifest:
        table = _lookup(manifest)
        for name in _names(doc):
            if name in table:
                return replace(doc, published=table[name])
    if doc.published:
        return doc
    named = date_in_name(doc.source)
    return replace(doc, published=named.isoformat()) if named is not None else doc
