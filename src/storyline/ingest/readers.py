"""Read inputs (files, folders, JSONL, stdin) into raw documents, never raising on bad input.

Each input ends up either as one or more `RawDocument`s or as a `Skipped` with a reason the
user can act on; readers enforce the size limits themselves so library callers get them too.
"""

from __future__ import annotations

import codecs
import gzip
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

import charset_normalizer

from storyline.ingest import remote
from storyline.model import RawDocument, Skipped
from storyline.settings import Settings

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc.gz"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES

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
        if remote.is_url(raw):
            try:
                listed = remote.files(str(raw))
            except remote.RemoteError as err:
                skipped.append(Skipped(str(raw), str(err)))
                continue
            _keep_articles(((url, parts) for url, parts in listed), found, skipped)
            continue
        path = Path(raw)
        if path.is_dir():
            children = sorted(p for p in path.rglob("*") if p.is_file())
            _keep_articles(((child, child.relative_to(path).parts) for child in children), found, skipped)
        elif path.is_file():
            found.append(path)
        else:
            skipped.append(Skipped(str(path), "no such file or folder"))
    return found, skipped


def _keep_articles(
    children: Iterable[tuple[Path | str, tuple[str, ...]]], found: list[Path | str], skipped: list[Skipped]
) -> None:
    """A folder's files (with their parts below it) that may be articles, the rest skipped."""
    for child, parts in children:
        if any(part.startswith(".") for part in parts):
            skipped.append(Skipped(str(child), "hidden file"))
        elif parts and parts[-1].lower() in {"readme.md", "readme.txt", "readme"}:
            skipped.append(Skipped(str(child), "folder readme, not an article"))
        else:
            found.append(child)


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
    if remote.is_url(item):
        return _read_url(str(item), settings)
    path = Path(item)
    source = str(path)
    suffix = suffix_of(path)
    if suffix not in SUPPORTED:
        return [], [Skipped(source, f"unsupported type ({suffix or 'no extension'})")]
    try:
        if suffix in JSONL_SUFFIXES:
            return read_jsonl_lines(_file_lines(path), source, settings)
        if suffix in WARC_SUFFIXES:
            return read_warc(path, settings)
        return _from_bytes(_read_bytes(path, settings), source, suffix, settings)
    except InputError as err:
        return [], [Skipped(source, str(err))]


def _from_bytes(
    data: bytes, source: str, suffix: str, settings: Settings
) -> tuple[list[RawDocument], list[Skipped]]:
    """A feed's entries, or one text or HTML document (InputError when it cannot be decoded)."""
    if suffix in FEED_SUFFIXES:
        return read_feed(data, source, settings)
    kind: Literal["text", "html"] = "html" if suffix in HTML_SUFFIXES else "text"
    return [RawDocument(source=source, kind=kind, content=decode(data))], []


def _read_url(url: str, settings: Settings) -> tuple[list[RawDocument], list[Skipped]]:
    """One file named by URL, read through fsspec as read_one reads a local file."""
    name = Path(url).name
    suffix = suffix_of(Path(url))
    if suffix not in SUPPORTED:
        return [], [Skipped(url, f"unsupported type ({suffix or 'no extension'})")]
    try:
        if suffix in JSONL_SUFFIXES:
            with remote.open_url(url) as handle:
                return read_jsonl_lines(handle, url, settings)
        size = remote.size_of(url)
        if size > settings.max_bytes:
            raise InputError(f"too large ({size:,} bytes; limit {settings.max_bytes:,})")
        if suffix in WARC_SUFFIXES:
            with remote.local_copy(url, name) as copy:
                documents, skipped = read_warc(copy, settings)
                return remote.renamed(documents, skipped, str(copy), url)
        with remote.open_url(url) as handle:
            data = handle.read()
        return _from_bytes(data, url, suffix, settings)
    except (InputError, remote.RemoteError) as err:
        return [], [Skipped(url, str(err))]


def suffix_of(path: Path) -> str:
    """The file type suffix, keeping double ones such as ".warc.gz"."""
    name = path.name.lower()
    for double in (".warc.gz", ".arc.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def read_feed(data: bytes, source: str, settings: Settings) -> tuple[list[RawDocument], list[Skipped]]:
    """RSS/Atom entries: full content becomes an article; summary-only entries are marked."""
    import feedparser  # only needed for feeds

    parsed = feedparser.parse(data)
    if not parsed.get("version"):
        return [], [Skipped(source, "not a feed (no RSS or Atom found)")]
    entries = parsed.get("entries") or []
    if not entries:
        reason = "not a feed (no entries)" if parsed.get("bozo") else "empty feed"
        return [], [Skipped(source, reason)]
    outlet = (parsed.get("feed") or {}).get("title") or None
    documents: list[RawDocument] = []
    skipped: list[Skipped] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{source}:{number}"
        content = entry.get("content") or []
        body = next((c.get("value") for c in content if (c.get("value") or "").strip()), None)
        summary_only = body is None
        body = body if body is not None else entry.get("summary")
        if not body or not body.strip():
            skipped.append(Skipped(where, "empty (feed entry without content or summary)"))
            continue
        if len(body.encode("utf-8", "ignore")) > settings.max_bytes:
            skipped.append(Skipped(where, f"too large (limit {settings.max_bytes:,} bytes)"))
            continue
        documents.append(
            RawDocument(
                source=where,
                kind="html" if "<" in body else "text",
                content=body,
                url=entry.get("link") or None,
                title=entry.get("title") or None,
                outlet=outlet,
                published=entry.get("published") or entry.get("updated") or None,
                given_id=entry.get("id") or None,
                summary_only=summary_only,
            )
        )
    return documents, skipped


def read_warc(path: Path, settings: Settings) -> tuple[list[RawDocument], list[Skipped]]:
    """HTTP responses with HTML from a WARC file (plain or gzipped) become documents."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType  # only needed for WARC

    source = str(path)
    documents: list[RawDocument] = []
    skipped: list[Skipped] = []
    number = 0  # every record, of any type: numbering matches the file
    problem = None
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle, parse_http=False, fsspec_args=False):
                number += 1
                if record.record_type != WarcRecordType.response:
                    continue
                record.parse_http()
                document = _warc_document(record, f"{source}:{number}", settings)
                (skipped if isinstance(document, Skipped) else documents).append(document)  # type: ignore[arg-type]
    except (OSError, ValueError) as err:
        problem = str(err)
    # fastwarc stops quietly at some truncations: count the record headers to be sure.
    complete, damage = _warc_record_count(path)
    if problem or damage or complete > number:
        lost = max(complete + 1 - number, 1)
        why = problem or damage or "record cut short"
        skipped.append(Skipped(f"{source}:{number + 1}", f"corrupt or truncated WARC: {lost} record(s) unreadable ({why})"))
    elif number == 0:
        skipped.append(Skipped(source, "no records in WARC"))
    return documents, skipped


_CONTENT_LENGTH = re.compile(rb"^content-length:\s*(\d+)\s*$", re.IGNORECASE | re.MULTILINE)


def _warc_record_count(path: Path) -> tuple[int, str | None]:
    """Check WARC framing record by record (header, Content-Length, block), streaming:
    the number of complete records, and what is wrong if the file does not end cleanly."""
    opener = gzip.open if suffix_of(path).endswith(".gz") else open
    count = 0
    try:
        with opener(path, "rb") as handle:  # type: ignore[operator]
            while True:
                header = _read_warc_header(handle)
                if header is None:
                    return count, None
                match = _CONTENT_LENGTH.search(header)
                if not header.startswith(b"WARC/") or match is None:
                    return count, "record without a valid WARC header"
                remaining = int(match.group(1)) + 4  # the block and its closing CRLF CRLF
                while remaining:
                    chunk = handle.read(min(remaining, 1 << 20))
                    if not chunk:
                        return count, "record cut short"
                    remaining -= len(chunk)
                count += 1
    except (OSError, EOFError, zlib.error) as err:
        return count, f"{type(err).__name__}: {err}"


def _read_warc_header(handle) -> bytes | None:  # type: ignore[no-untyped-def]
    lines: list[bytes] = []
    while True:
        line = handle.readline(65536)
        if not line:
            return b"".join(lines) if lines else None
        if line in (b"\r\n", b"\n"):
            if lines:
                return b"".join(lines)
            continue  # blank lines between records
        lines.append(line)


def _warc_document(record, where: str, settings: Settings) -> RawDocument | Skipped:  # type: ignore[no-untyped-def]
    url = record.headers.get("WARC-Target-URI")
    content_type = (record.http_content_type or "").lower()
    status = record.http_headers.status_code if record.http_headers is not None else None
    if status is not None and status != 200:
        return Skipped(where, f"HTTP status {status} ({url})")
    if "html" not in content_type:
        return Skipped(where, f"unsupported type ({content_type or 'no content type'}, {url})")
    if record.content_length > settings.max_bytes:
        return Skipped(where, f"too large ({record.content_length:,} bytes; limit {settings.max_bytes:,})")
    body = record.reader.read()
    charset = record.http_charset
    try:
        text = body.decode(charset) if charset else decode(body)
    except (LookupError, UnicodeDecodeError):
        try:
            text = decode(body)
        except InputError as err:
            return Skipped(where, f"{err} ({url})")
    except InputError as err:
        return Skipped(where, f"{err} ({url})")
    crawled = record.record_date.date().isoformat() if record.record_date else None
    return RawDocument(source=where, kind="html", content=text, url=url, crawled=crawled)


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


def _file_lines(path: Path) -> Iterator[bytes]:
    try:
        with path.open("rb") as handle:
            yield from handle
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror or err})") from err


def read_jsonl_lines(
    lines: Iterable[bytes], source: str, settings: Settings, first: int = 1
) -> tuple[list[RawDocument], list[Skipped]]:
    """One article per JSON line: `text` or `html`, optional id, url, title, published, outlet.
    `first` is the line number of the first line given (a slice of a file read elsewhere)."""
    documents: list[RawDocument] = []
    skipped: list[Skipped] = []
    for item in jsonl_items(lines, source, settings, first):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            documents.append(item)
    return documents, skipped


def jsonl_items(
    lines: Iterable[bytes], source: str, settings: Settings, first: int = 1
) -> Iterator[RawDocument | Skipped]:
    """`read_jsonl_lines` one line at a time: a document, or why a line is none."""
    any_line = False
    try:
        for number, line in enumerate(lines, start=first):
            where = f"{source}:{number}"
            if not line.strip():
                continue
            any_line = True
            try:
                yield _jsonl_record(line, where, settings)
            except InputError as err:
                yield Skipped(where, str(err))
    except InputError as err:
        any_line = True
        yield Skipped(source, str(err))
    if not any_line and first == 1:
        yield Skipped(source, "empty")


def iter_documents(paths: Iterable[str | Path], settings: Settings) -> Iterator[RawDocument | Skipped]:
    """`read_inputs` one document at a time, for inputs too large to hold in memory: JSONL
    (local files and stdin) is read line by line, other files one at a time."""
    files, skipped = expand(paths)
    yield from skipped
    for item in files:
        if item == "-":
            yield from jsonl_items(_stdin_lines(), "stdin", settings)
        elif not remote.is_url(item) and suffix_of(Path(item)) in JSONL_SUFFIXES:
            yield from jsonl_items(_file_lines(Path(item)), str(item), settings)
        else:
            documents, skips = read_one(item, settings)
            yield from documents
            yield from skips


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
        locale=field("locale"),
    )
