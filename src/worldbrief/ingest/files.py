"""Local files and directories to raw documents, one record at a time.

A directory is walked recursively in name order, skipping hidden entries and symlinked directories
(which could loop). Every problem becomes a ``RejectedRecord`` so the rest of the batch goes on.
A file is one document (held to ``max_document_bytes`` before it is read), except JSON Lines,
which streams line by line and is held to ``max_file_bytes`` as a whole.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from worldbrief.domain import RawDocument, RejectedRecord
from worldbrief.ingest.decoding import BinaryContentError, decode_bytes, sniff_binary
from worldbrief.ingest.fields import RecordError
from worldbrief.ingest.html_extract import declared_charset
from worldbrief.ingest.html_file import read_html
from worldbrief.ingest.json_records import read_json, read_jsonl
from worldbrief.ingest.limits import ReadLimits
from worldbrief.ingest.markdown_file import read_markdown
from worldbrief.ingest.text_file import read_text

Record = RawDocument | RejectedRecord
log = logging.getLogger(__name__)
_SingleReader = Callable[..., RawDocument]

_SINGLE_DOCUMENT_READERS: dict[str, _SingleReader] = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
}
_JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = frozenset({*_SINGLE_DOCUMENT_READERS, ".txt", ".json", *_JSONL_SUFFIXES})


def read_path(path: Path, limits: ReadLimits) -> Iterator[Record]:
    """Documents and rejections from a file, or from every file under a directory."""
    if path.is_dir():
        for found in _walk(path):
            if isinstance(found, RejectedRecord):
                yield found
            else:
                yield from read_file(found, limits)
    elif path.exists():
        yield from read_file(path, limits)
    else:
        yield RejectedRecord(str(path), "no such file or directory")


def read_file(path: Path, limits: ReadLimits) -> Iterator[Record]:
    location = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        kind = f"'{path.suffix}'" if path.suffix else "without an extension"
        yield RejectedRecord(location, f"unsupported file type {kind}; supported: {supported}")
        return
    try:
        problem = _size_problem(path, suffix, limits) or _binary_problem(path)
    except OSError as error:
        problem = f"cannot read the file: {error.strerror or error}"
    if problem:
        yield RejectedRecord(location, problem)
    elif suffix in _JSONL_SUFFIXES:
        yield from read_jsonl(path, location=location, limits=limits)
    else:
        yield from _read_whole_file(path, suffix, location, limits)


def _read_whole_file(
    path: Path, suffix: str, location: str, limits: ReadLimits
) -> Iterator[Record]:
    try:
        with path.open("rb") as handle:  # bounded: the file may have grown since it was sized
            data = handle.read(limits.max_document_bytes + 1)
        if problem := limits.document_problem(len(data), "the file"):
            yield RejectedRecord(location, problem)
            return
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
    except Exception as error:  # a reader's defect must cost one file, not the run
        log.exception("unexpected failure reading %s", location)
        yield RejectedRecord(location, f"could not be read: {error!r}")


def count_records(path: Path) -> int:
    """About how many records ``path`` holds, cheaply: the lines of a JSON Lines file, one for
    any other file (a JSON list counts as one), the same files ``read_path`` would read."""
    if not path.is_dir():
        return _records_in_file(path)
    return sum(1 if isinstance(f, RejectedRecord) else _records_in_file(f) for f in _walk(path))


def _records_in_file(path: Path) -> int:
    if path.suffix.lower() not in _JSONL_SUFFIXES:
        return 1
    lines, last = 0, b""
    try:
        with path.open("rb") as handle:  # in chunks: one line may be hundreds of megabytes
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
                last = chunk
    except OSError:
        return 1
    return max(1, lines + (1 if last and not last.endswith(b"\n") else 0))


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


def _size_problem(path: Path, suffix: str, limits: ReadLimits) -> str | None:
    size = path.stat().st_size
    if size == 0:
        return "the file is empty"
    if suffix not in _JSONL_SUFFIXES:
        problem = limits.document_problem(size, "the file")
        if problem and suffix == ".json":
            return f"{problem}; write large batches as JSON Lines (.jsonl), one record a line"
        return problem
    if size > limits.max_file_bytes:
        return (
            f"the file is {size:,} bytes, over the limit of {limits.max_file_bytes:,} bytes "
            "(setting max_file_bytes)"
        )
    return None


def _binary_problem(path: Path) -> str | None:
    with path.open("rb") as handle:
        return sniff_binary(handle.read(8192))
