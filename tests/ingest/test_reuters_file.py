"""The Reuters-21578 evaluation file must read as it is, with zero rejects."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest

from worldbrief.domain import RawDocument, RejectedRecord
from worldbrief.ingest import read_path
from worldbrief.ingest.limits import ReadLimits

SHARED_DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
REUTERS = SHARED_DATA / "reuters21578" / "dev.jsonl"


@pytest.mark.skipif(not REUTERS.exists(), reason=f"evaluation data not found at {REUTERS}")
def test_reuters_reads_with_zero_rejects() -> None:
    kinds: Counter[str] = Counter()
    rejected: list[RejectedRecord] = []
    first: RawDocument | None = None
    for record in read_path(REUTERS, ReadLimits(max_file_bytes=100_000_000)):
        kinds[type(record).__name__] += 1
        if isinstance(record, RejectedRecord):
            rejected.append(record)
        elif first is None:
            first = record
    assert rejected == []
    assert kinds == {"RawDocument": 13_585}
    assert first is not None
    assert first.location.endswith("dev.jsonl:1")
    assert first.external_id == "reuters-1"
    assert first.title == "Bahia Cocoa Review"
    assert first.source_name == "Reuters"
    assert first.published_at == datetime(1987, 2, 26, 15, 1, 1, tzinfo=UTC)
    assert first.metadata["dateline"] == "SALVADOR, Feb 26 -"
    assert first.metadata["countries"] == ["SV", "US", "UY"]
