"""Inputs named by URL (`s3://bucket/crawl/`, `gcs://...`, `file:///data/x.jsonl`), read
through fsspec, the file-system layer Dask itself uses, so a cluster's workers read what they
are given wherever it lives.

fsspec comes with the `dask` extra (the protocol's own package too, e.g. `s3fs` for `s3://`).
A URL is expanded and read like a local path (ingest/readers.py): a folder into its files
(sorted, hidden files and readmes left out), each file by its suffix, and the documents are
named by their URLs.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from storyline.model import RawDocument, Skipped


def is_url(item: object) -> bool:
    """A URL with a protocol ("s3://...", "file://..."), not a local path."""
    return "://" in str(item)


class RemoteError(Exception):
    """A URL that cannot be read; the message is the user-facing reason."""


def _filesystem(url: str) -> tuple[Any, str]:
    try:
        import fsspec
    except ImportError as err:
        raise RemoteError("reading URLs needs fsspec: pip install -e '.[dask]'") from err
    try:
        return fsspec.core.url_to_fs(url)  # type: ignore[no-any-return]
    except (ImportError, ValueError) as err:  # an unknown protocol, or its package missing
        raise RemoteError(f"cannot be opened ({err})") from err


def files(url: str) -> list[tuple[str, tuple[str, ...]]]:
    """The files a URL names, sorted, each with its path parts below the URL: the URL
    itself (no parts below it), or a folder's files. RemoteError when it cannot be listed."""
    fs, root = _filesystem(url)
    try:
        if not fs.exists(root):
            raise RemoteError("no such file or folder")
        if not fs.isdir(root):
            return [(url, ())]  # a file given by name is read whatever its name
        top = PurePosixPath(root.rstrip("/"))
        return [(fs.unstrip_protocol(path), PurePosixPath(path).relative_to(top).parts)
                for path in sorted(fs.find(root))]
    except OSError as err:
        raise RemoteError(f"cannot be read ({err.strerror or err})") from err


@contextmanager
def open_url(url: str) -> Iterator[BinaryIO]:
    """A URL opened for reading bytes (RemoteError when it cannot be)."""
    fs, path = _filesystem(url)
    try:
        with fs.open(path, "rb") as handle:
            yield handle
    except OSError as err:
        raise RemoteError(f"cannot be read ({err.strerror or err})") from err


def size_of(url: str) -> int:
    """The size in bytes of the file a URL names."""
    fs, path = _filesystem(url)
    try:
        return int(fs.size(path))
    except OSError as err:
        raise RemoteError(f"cannot be read ({err.strerror or err})") from err


@contextmanager
def local_copy(url: str, name: str) -> Iterator[Path]:
    """The file a URL names, copied into a temporary folder under `name` (for the readers
    that need a path: WARC files, whose records are read as a stream)."""
    with tempfile.TemporaryDirectory(prefix="storyline-") as folder:
        target = Path(folder) / name
        with open_url(url) as source, target.open("wb") as out:
            while chunk := source.read(1 << 20):
                out.write(chunk)
        yield target


def renamed(
    documents: list[RawDocument], skipped: list[Skipped], old: str, new: str
) -> tuple[list[RawDocument], list[Skipped]]:
    """Documents and skips read from a local copy, named by the URL they came from."""

    def rename(source: str) -> str:
        return new + source[len(old):] if source.startswith(old) else source

    return ([replace(doc, source=rename(doc.source)) for doc in documents],
            [Skipped(rename(s.source), s.reason) for s in skipped])
