"""JSON Lines stream: a line over the document cap is skipped unread; the next lines are read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from worldbrief.domain import RawDocument, RejectedRecord
from worldbrief.ingest import read_path
from worldbrief.ingest.limits import ReadLimits

LIMITS = ReadLimits(max_document_bytes=2_000)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_an_oversize_line_is_rejected_and_the_next_read(tmp_path: Path, encoding: str) -> None:
    rows = [
        {"title": "Big", "body": "word " * 1_000},
        {"title": "Grain", "body": "Kazakhstan ships grain."},
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding=encoding)
    first, second = read_path(path, LIMITS)
    assert isinstance(first, RejectedRecord) and first.location == f"{path}:1"
    assert "over the limit of 2,000 bytes" in first.reason and "max_document_bytes" in first.reason
    assert isinstance(second, RawDocument) and second.title == "Grain"
    assert second.location == f"{path}:2"


def test_a_last_line_exactly_at_the_cap_is_read(tmp_path: Path) -> None:
    record = {"title": "Grain", "body": ""}
    record["body"] = "x" * (LIMITS.max_document_bytes - len(json.dumps(record)))
    line = json.dumps(record)
    assert len(line.encode()) == LIMITS.max_document_bytes
    path = tmp_path / "wire.jsonl"
    path.write_text(line)  # no final newline
    (document,) = read_path(path, LIMITS)
    assert isinstance(document, RawDocument)
