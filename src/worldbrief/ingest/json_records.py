"""JSON (one object or a list of objects) and JSONL (one object per line) records.

A record needs ``title`` and ``body`` (or ``text``); ``body_format`` may say ``markdown`` or
``html`` (default plain text). Other known fields are read by ``fields``; the rest go to metadata.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from worldbrief.domain import BodyFormat, RawDocument, RejectedRecord
from worldbrief.ingest.dates import shown, type_name
from worldbrief.ingest.decoding import OversizeLine, iter_decoded_lines
from worldbrief.ingest.fields import RecordError, read_record_fields
from worldbrief.ingest.limits import ReadLimits

log = logging.getLogger(__name__)
_RESERVED = frozenset({"title", "body", "text", "body_format"})


def read_json(text: str, *, location: str, **notes: Any) -> Iterator[RawDocument | RejectedRecord]:
    """Records of a JSON document; a list's items are located as ``path[INDEX]``."""
    try:
        data = parse_json(text)
    except RecordError as error:
        yield RejectedRecord(location, str(error))
        return
    if isinstance(data, list):
        for index, item in enumerate(data):
            yield record_or_rejection(item, f"{location}[{index}]", **notes)
    else:
        yield record_or_rejection(data, location, **notes)


def read_jsonl(
    path: Path, *, location: str, limits: ReadLimits
) -> Iterator[RawDocument | RejectedRecord]:
    """Records of a JSON Lines file, streamed; located as ``path:LINE``; blank lines skipped.

    Each line is one document, so it is held to ``max_document_bytes``; the file may be larger.
    """
    for number, line in iter_decoded_lines(path, limits.max_document_bytes):
        where = f"{location}:{number}"
        if isinstance(line, OversizeLine):
            yield RejectedRecord(where, str(limits.document_problem(line.size, "the line")))
            continue
        if not line.text.strip():
            continue
        notes = {"encoding": line.encoding} if line.is_fallback else {}
        try:
            item = parse_json(line.text)
        except RecordError as error:
            yield RejectedRecord(where, f"line is {error}")
            continue
        yield record_or_rejection(item, where, **notes)


def parse_json(text: str) -> Any:
    """The value in ``text``; raises ``RecordError`` saying why it is not valid JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise RecordError(f"not valid JSON: {_describe(error)}") from None
    except RecursionError:
        raise RecordError("not valid JSON here: lists or objects nested too deeply") from None
    except ValueError as error:  # e.g. a number with more digits than Python converts
        raise RecordError(f"not valid JSON here: {str(error).split(';')[0]}") from None


def record_or_rejection(item: Any, location: str, **notes: Any) -> RawDocument | RejectedRecord:
    try:
        return document_from_record(item, location, **notes)
    except RecordError as error:
        return RejectedRecord(location, str(error))
    except Exception as error:  # a reader's defect must cost one record, not the run
        log.exception("unexpected failure reading %s", location)
        return RejectedRecord(location, f"could not be read: {error!r}")


def document_from_record(item: Any, location: str, **notes: Any) -> RawDocument:
    if not isinstance(item, Mapping):
        raise RecordError(f"expected an object with title and body, got {type_name(item)}")
    title = _required_text(item, ("title",))
    body = _required_text(item, ("body", "text"))
    body_format = _body_format(item.get("body_format"))
    fields = read_record_fields(item, reserved=_RESERVED)
    return fields.document(location, title, body, body_format, **notes)


def _required_text(item: Mapping[str, Any], keys: tuple[str, ...]) -> str:
    present = [key for key in keys if item.get(key) is not None]
    if not present:
        raise RecordError(f"missing field {' or '.join(repr(k) for k in keys)}")
    value = item[present[0]]
    if not isinstance(value, str):
        raise RecordError(f"field {present[0]!r} must be text, got {type_name(value)}")
    if not value.strip():
        raise RecordError(f"field {present[0]!r} is empty")
    return value.strip()


def _body_format(value: Any) -> BodyFormat:
    if value is None:
        return BodyFormat.TEXT
    try:
        return BodyFormat(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(f.value for f in BodyFormat)
        raise RecordError(f"field 'body_format': {shown(value)} is not one of {allowed}") from None


def _describe(error: json.JSONDecodeError) -> str:
    return f"{error.msg} at line {error.lineno}, column {error.colno}"
