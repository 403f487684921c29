"""Turn what a client sends (a JSONL body, uploaded files) into raw documents, refusing what
is unsafe or unusable with a reason before anything is stored.

Upload names are never used as paths: a name with a folder part is refused, and the bytes
are read through a private temporary file of our own naming. Sources are named after the
content (`upload-1a2b3c4d/name.html`, `api-1a2b3c4d.jsonl:3`), so sending the same bytes
again is recognised as already stored, while two different files that share a name are not
mistaken for versions of one another.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from storyline.ingest.readers import (
    JSONL_SUFFIXES,
    SUPPORTED,
    read_jsonl_lines,
    read_one,
    suffix_of,
)
from storyline.model import RawDocument, Skipped
from storyline.settings import Settings

MAX_NAME_CHARS = 200
# Refused in a file name: folder separators, parent references, control characters.
_UNSAFE_NAME = re.compile(r"[/\\\x00-\x1f\x7f]|^\.|\.\.")


class UploadError(Exception):
    """A request that cannot be taken as it is; `status` is the HTTP status to answer."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Batch:
    """Documents read from one request, and the inputs that could not become one."""

    raw: list[RawDocument]
    skipped: list[Skipped]


def checked_name(name: str | None) -> str:
    """An upload's file name, or UploadError when it is empty or names a path."""
    if not name or not name.strip():
        raise UploadError(400, "a file without a name")
    if _UNSAFE_NAME.search(name) or len(name) > MAX_NAME_CHARS:
        raise UploadError(400, f"file name {name[:80]!r} is not a plain file name (no folders, no '..')")
    suffix = suffix_of(Path(name))
    if suffix not in SUPPORTED:
        supported = ", ".join(sorted(SUPPORTED))
        raise UploadError(415, f"{name}: unsupported type ({suffix or 'no extension'}); send one of {supported}")
    return name


def read_files(files: list[tuple[str, bytes]], settings: Settings) -> Batch:
    """Uploaded (name, bytes) pairs as documents; every name is checked before any is read."""
    names = [checked_name(name) for name, _ in files]
    raw: list[RawDocument] = []
    skipped: list[Skipped] = []
    with tempfile.TemporaryDirectory(prefix="storyline-upload-") as folder:
        for name, (_, data) in zip(names, files, strict=True):
            source = f"upload-{_digest(data)}/{name}"
            path = Path(folder) / f"upload{suffix_of(Path(name))}"
            path.write_bytes(data)
            docs, skips = read_one(path, settings)
            raw += [replace(doc, source=_renamed(doc.source, path, source)) for doc in docs]
            skipped += [replace(skip, source=_renamed(skip.source, path, source)) for skip in skips]
            path.unlink()
    return Batch(raw, skipped)


def read_jsonl_body(body: bytes, settings: Settings) -> Batch:
    """A JSONL request body (one article per line); UploadError when no line is an article."""
    if not body.strip():
        raise UploadError(400, "empty body: send one JSON object per line, with `text` or `html`")
    source = f"api-{_digest(body)}.jsonl"
    raw, skipped = read_jsonl_lines(body.splitlines(keepends=True), source, settings)
    if not raw:
        first = skipped[0].reason if skipped else "no article"
        raise UploadError(400, f"not JSONL with articles: no line is a JSON object with `text` or `html` "
                               f"(line 1: {first})")
    return Batch(raw, skipped)


def is_jsonl_name(name: str) -> bool:
    """Whether a file name says JSON lines."""
    return suffix_of(Path(name)) in JSONL_SUFFIXES


def _renamed(source: str, path: Path, logical: str) -> str:
    prefix = str(path)
    return logical + source[len(prefix):] if source.startswith(prefix) else logical


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:8]
