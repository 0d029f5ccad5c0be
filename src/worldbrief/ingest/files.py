"""Local files and directories to raw documents, one record at a time.

A directory is walked recursively in name order, skipping hidden entries and symlinked directories
(which could loop). Every problem becomes a ``RejectedRecord`` so the rest of the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from worldbrief.domain import RawDocument, RejectedRecord
from worldbrief.ingest.decoding import BinaryContentError, decode_bytes, sniff_binary
from worldbrief.ingest.fields import RecordError
from worldbrief.ingest.html_extract import declared_charset
from worldbrief.ingest.html_file import read_html
from worldbrief.ingest.json_records import read_json, read_jsonl
from worldbrief.ingest.markdown_file import read_markdown
from worldbrief.ingest.text_file import read_text

Record = RawDocument | RejectedRecord
_SingleReader = Callable[..., RawDocument]

_SINGLE_DOCUMENT_READERS: dict[str, _SingleReader] = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
}
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = frozenset({*_SINGLE_DOCUMENT_READERS, ".txt", ".json", *_JSONL_SUFFIXES})


def read_path(path: Path, *, max_file_bytes: int) -> Iterator[Record]:
    """Documents and rejections from a file, or from every file under a directory."""
    if path.is_dir():
        for found in _walk(path):
            if isinstance(found, RejectedRecord):
                yield found
            else:
                yield from read_file(found, max_file_bytes=max_file_bytes)
    elif path.exists():
        yield from read_file(path, max_file_bytes=max_file_bytes)
    else:
        yield RejectedRecord(str(path), "no such file or directory")


def read_file(path: Path, *, max_file_bytes: int) -> Iterator[Record]:
    location = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        kind = f"'{path.suffix}'" if path.suffix else "without an extension"
        yield RejectedRecord(location, f"unsupported file type {kind}; supported: {supported}")
        return
    try:
        problem = _size_problem(path, max_file_bytes) or _binary_problem(path)
    except OSError as error:
        problem = f"cannot read the file: {error.strerror or error}"
    if problem:
        yield RejectedRecord(location, problem)
    elif suffix in _JSONL_SUFFIXES:
        yield from read_jsonl(path, location=location)
    else:
        yield from _read_whole_file(path, suffix, location)


def _read_whole_file(path: Path, suffix: str, location: str) -> Iterator[Record]:
    try:
        data = path.read_bytes()
        declared = declared_charset(data) if suffix in {".html", ".htm"} else None
        decoded = decode_bytes(data, declared)
    except OSError as error:
        yield RejectedRecord(location, f"cannot read the file: {error.strerror or error}")
        return
    except BinaryContentError as error:
        yield RejectedRecord(location, str(error))
        return
    if not decoded.text.strip():
        yield RejectedRecord(location, "the file contains only white space")
        return
    notes: dict[str, Any] = {"encoding": decoded.encoding} if decoded.is_fallback else {}
    if suffix == ".json":
        yield from read_json(decoded.text, location=location, **notes)
        return
    reader = _SINGLE_DOCUMENT_READERS.get(suffix)
    try:
        if reader is None:
            yield read_text(decoded.text, location=location, **notes)
        else:
            yield reader(path, decoded.text, location=location, **notes)
    except RecordError as error:
        yield RejectedRecord(location, str(error))


def _walk(directory: Path) -> Iterator[Path | RejectedRecord]:
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError as error:
        yield RejectedRecord(
            str(directory), f"cannot list the directory: {error.strerror or error}"
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():
                yield from _walk(entry)
        elif entry.is_file():
            yield entry


def _size_problem(path: Path, max_file_bytes: int) -> str | None:
    size = path.stat().st_size
    if size == 0:
        return "the file is empty"
    if size > max_file_bytes:
        return (
            f"the file is {size:,} bytes, over the limit of {max_file_bytes:,} bytes "
            "(setting max_file_bytes)"
        )
    return None


def _binary_problem(path: Path) -> str | None:
    with path.open("rb") as handle:
        return sniff_binary(handle.read(8192))
