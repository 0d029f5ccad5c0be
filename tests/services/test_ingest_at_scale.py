"""Ingest on worker processes, and the lookups whose cost must not grow with the store."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from pathlib import Path

from worldbrief.domain import Article, ArticleType, BodyFormat, Enrichment
from worldbrief.ingest.files import read_path
from worldbrief.ingest.limits import ReadLimits
from worldbrief.search.query import SearchQuery
from worldbrief.services.ingest import ingest_records
from worldbrief.services.near_duplicates import KEY_FANOUT, OriginalFinder
from worldbrief.services.platform import Platform

STORY = (
    "Kyrgyzstan and Tajikistan agreed to reopen two border crossings in the Batken region after "
    "talks in Osh, the foreign ministry said, ending a closure that has cut trade in fruit and "
    "cement for months. Officials will mark a disputed stretch of road near the Vorukh enclave "
    "by the summer, and a joint commission is to meet again in Dushanbe in April."
)


def _rows(tmp_path: Path) -> Path:
    rows: list[object] = [
        {"id": f"n{i}", "title": f"Grain note {i}", "published_at": f"2024-01-{i + 1:02d}",
         "body": f"Wheat stocks in Kostanay rose by {i} percent as farmers held back sales "
         f"waiting for better prices, traders said; note {i} of the series."}
        for i in range(9)
    ]  # fmt: skip
    rows.insert(3, "{not json")
    rows.append({"id": "orig", "title": "Crossings", "body": STORY, "published_at": "2024-02-01"})
    rows.append(
        {
            "id": "copy",
            "title": "Border reopens",
            "body": STORY + " (Reporting by staff.)",
            "published_at": "2024-02-02",
        }
    )
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return path


def test_on_worker_processes_every_rule_holds(platform: Platform, tmp_path: Path) -> None:
    records = read_path(_rows(tmp_path), ReadLimits())
    report = ingest_records(platform, records, workers=2, batch_size=4)
    assert (report.created, report.near_duplicates, report.duplicates) == (11, 1, 0)
    assert [r.location.rsplit(":", 1)[-1] for r in report.rejected] == ["4"]
    copy = platform.store.get(report.article_ids[-1])
    assert copy is not None and copy.duplicate_of == report.article_ids[-2]
    assert copy.enrichment.countries  # enriched on a worker
    assert platform.index.search(SearchQuery(text="Kostanay")).total == 9
    assert platform.index.search(SearchQuery(text="Vorukh")).total == 1  # the copy stays out
    again = ingest_records(
        platform, read_path(_rows(tmp_path), ReadLimits()), workers=2, batch_size=4
    )
    assert (again.created, again.unchanged) == (0, 11)


def _article(article_id: str, keys: tuple[int, ...], day: int = 1) -> Article:
    text = f"{article_id} text"
    return Article(
        id=article_id,
        type=ArticleType.NEWS,
        title=article_id,
        body=text,
        body_format=BodyFormat.TEXT,
        plain_text=f"{article_id}\n\n{text}",
        published_at=datetime(2024, 1, day, tzinfo=UTC),
        enrichment=Enrichment(near_duplicate_keys=keys),
    )


def test_a_key_shared_by_too_many_originals_is_skipped_not_scanned(platform: Platform) -> None:
    common = 7
    store = platform.store
    store.upsert_articles([_article(f"boiler-{i:03d}", (common, 1000 + i)) for i in range(100)])
    original = _article("original", (common, 1, 2, 3))
    copy = _article("copy-of-it", (1, 2, 3))
    store.upsert_articles([original, copy])
    store.upsert_articles([dataclasses.replace(copy, duplicate_of="original")])

    found = store.originals_by_key([common, 1], per_key=KEY_FANOUT + 1)
    assert len(found[common]) == KEY_FANOUT + 1  # read no further than that
    assert [aid for aid, _ in found[1]] == ["original"]  # copies are no candidates

    finder = OriginalFinder(store, 0.8)
    newcomer = _article("newcomer", (common, 1, 2, 3), day=9)
    finder.prepare([newcomer])
    assert finder._stored_ranked(newcomer) == ["original"]
    boilerplate_only = _article("boiler-new", (common, 5000), day=9)
    finder.prepare([boilerplate_only])
    assert finder._stored_ranked(boilerplate_only) == []
