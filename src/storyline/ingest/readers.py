"""Read inputs (files, folders, JSONL, stdin) into raw documents, never raising on bad input.

Each input ends up either as one or more `RawDocument`s or as a `Skipped` with a reason the
user can act on; readers enforce the size limits themselves so library callers get them too.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

import charset_normalizer

from storyline.model import RawDocument, Skipped
from storyline.settings import Settings

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# A decoded text with more than this share of control characters is treated as binary.
# Real articles have essentially none; 1% leaves room for stray form feeds and escapes.
MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = {"\n", "\r", "\t", "\f", "\v"}


class InputError(Exception):
    """An input that cannot become a document; the message is the user-facing reason."""


def expand(paths: Iterable[str | Path]) -> tuple[list[Path | str], list[Skipped]]:
    """Expand folders into their files, sorted for determinism; `-` stands for stdin."""
    found: list[Path | str] = []
    skipped: list[Skipped] = []
    for raw in paths:
        if str(raw) == "-":
            found.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                relative_parts = child.relative_to(path).parts
                if any(part.startswith(".") for part in relative_parts):
                    skipped.append(Skipped(str(child), "hidden file"))
                elif child.name.lower() in {"readme.md", "readme.txt", "readme"}:
                    skipped.append(Skipped(str(child), "folder readme, not an article"))
                else:
                    found.append(child)
        elif path.is_file():
            found.append(path)
        else:
            skipped.append(Skipped(str(path), "no such file or folder"))
    return found, skipped


def read_inputs(
    paths: Iterable[str | Path], settings: Settings
) -> tuple[list[RawDocument], list[Skipped]]:
    """Read every input; the second list accounts for everything that produced no document."""
    files, skipped = expand(paths)
    documents: list[RawDocument] = []
    for item in files:
        docs, skips = read_one(item, settings)
        documents.extend(docs)
        skipped.extend(skips)
    return documents, skipped


def read_one(item: Path | str, settings: Settings) -> tuple[list[RawDocument], list[Skipped]]:
    """Read one file (or `-` for JSONL on stdin)."""
    if item == "-":
        return read_jsonl_lines(_stdin_lines(), "stdin", settings)
    path = Path(item)
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        return [], [Skipped(source, f"unsupported type ({suffix or 'no extension'})")]
    try:
        if suffix in JSONL_SUFFIXES:
            return read_jsonl_lines(_file_lines(path, settings), source, settings)
        data = _read_bytes(path, settings)
        text = decode(data)
    except InputError as err:
        return [], [Skipped(source, str(err))]
    kind: Literal["text", "html"] = "html" if suffix in HTML_SUFFIXES else "text"
    return [RawDocument(source=source, kind=kind, content=text)], []


def _read_bytes(path: Path, settings: Settings) -> bytes:
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise InputError(f"too large ({size:,} bytes; limit {settings.max_bytes:,})")
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror or err})") from err


def decode(data: bytes) -> str:
    """Decode bytes to text: BOMs, UTF-8, UTF-16, then a detected legacy charset."""
    if not data.strip():
        raise InputError("empty")
    text = _decode_guess(data)
    if not text.strip():
        raise InputError("empty")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    if controls > MAX_CONTROL_SHARE * len(text):
        raise InputError("binary (not text)")
    return text


def _decode_guess(data: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as err:
                raise InputError(f"undecodable (invalid {encoding})") from err
    if b"\x00" in data:
        return _decode_bomless_utf16(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError("undecodable (no known text encoding fits)")
    return str(best)


def _decode_bomless_utf16(data: bytes) -> str:
    # UTF-16 without a BOM shows up as a NUL in every other byte of ASCII text.
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        encoding = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        encoding = "utf-16-be"
    else:
        raise InputError("binary (not text)")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(f"undecodable (invalid {encoding})") from err


def _stdin_lines() -> Iterator[bytes]:
    yield from sys.stdin.buffer


def _file_lines(path: Path, settings: Settings) -> Iterator[bytes]:
    try:
        with path.open("rb") as handle:
            yield from handle
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror or err})") from err


def read_jsonl_lines(
    lines: Iterable[bytes], source: str, settings: Settings
) -> tuple[list[RawDocument], list[Skipped]]:
    """One article per JSON line: `text` or `html`, optional id, url, title, published, outlet."""
    documents: list[RawDocument] = []
    skipped: list[Skipped] = []
    try:
        for number, line in enumerate(lines, start=1):
            where = f"{source}:{number}"
            if not line.strip():
                continue
            try:
                documents.append(_jsonl_record(line, where, settings))
            except InputError as err:
                skipped.append(Skipped(where, str(err)))
    except InputError as err:
        skipped.append(Skipped(source, str(err)))
    if not documents and not skipped:
        skipped.append(Skipped(source, "empty"))
    return documents, skipped


def _jsonl_record(line: bytes, where: str, settings: Settings) -> RawDocument:
    if len(line) > settings.max_bytes:
        raise InputError(f"too large ({len(line):,} bytes; limit {settings.max_bytes:,})")
    try:
        record = json.loads(decode(line))
    except json.JSONDecodeError as err:
        raise InputError(f"invalid JSON ({err.msg} at column {err.colno})") from err
    if not isinstance(record, dict):
        raise InputError("invalid record (a JSON object is expected)")
    html, text = record.get("html"), record.get("text")
    kind: Literal["text", "html"]
    if isinstance(html, str) and html.strip():
        kind, content = "html", html
    elif isinstance(text, str) and text.strip():
        kind, content = "text", text
    else:
        raise InputError("empty (no `text` or `html` field)")

    def field(name: str) -> str | None:
        value = record.get(name)
        return str(value).strip() or None if value is not None else None

    return RawDocument(
        source=where,
        kind=kind,
        content=content,
        url=field("url"),
        title=field("title"),
        outlet=field("outlet"),
        published=field("published"),
        given_id=field("id"),
    )
