"""Near-duplicates at ingest: copies within one batch, copies of copies, and the threshold."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from worldbrief.config import Settings
from worldbrief.enrich.fingerprint import resemblance
from worldbrief.services.ingest import ingest_sources
from worldbrief.services.platform import Platform, open_platform

STORY = (
    "Kyrgyzstan and Tajikistan agreed to reopen two border crossings in the Batken region after "
    "talks in Osh, the foreign ministry said, ending a closure that has cut trade in fruit and "
    "cement for months. Officials will mark a disputed stretch of road near the Vorukh enclave "
    "by the summer, and a joint commission is to meet again in Dushanbe in April. Traders in the "
    "Fergana valley said the queues of lorries at the main post began to ease within hours."
)
OTHER = (
    "Uzbekistan will sell a minority stake in its national airline to a foreign investor next "
    "year, the transport ministry said, as Tashkent prepares to open a new terminal and adds "
    "routes to Europe and South Asia. Bankers expect the tender to draw carriers from the Gulf "
    "and Turkey, and the government plans to list a share of the remaining stock in Tashkent."
)
SIGN_OFF = " (Reporting by Dana Whitfield; Editing by Erik Marsh.)"
DATELINE = "OSH, March 3 (Wire Service) - "


def row(n: int, body: str, day: int, title: str = "Border talks") -> dict[str, str]:
    return {
        "url": f"https://site{n}.example/story",
        "title": title,
        "body": body,
        "published_at": f"2024-03-{day:02d}T09:00:00Z",
    }


def ingest(platform: Platform, path: Path, rows: list[dict[str, str]]) -> list[str]:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    report = ingest_sources(platform, [str(path)])
    assert report.rejected == []
    return report.article_ids


def duplicate_of(platform: Platform, article_id: str) -> str | None:
    stored = platform.store.get(article_id)
    assert stored is not None
    return stored.duplicate_of


def test_copies_in_one_batch_link_to_the_oldest_original(
    platform: Platform, tmp_path: Path
) -> None:
    rows = [
        row(1, STORY + SIGN_OFF, day=5, title="Crossings reopen"),
        row(2, STORY, day=3),
        row(3, DATELINE + OTHER + SIGN_OFF, day=4, title="Airline stake"),
        row(4, "By a correspondent. " + STORY, day=6, title="Batken deal"),
    ]
    ids = ingest(platform, tmp_path / "batch.jsonl", rows)
    links = [duplicate_of(platform, i) for i in ids]
    assert links == [ids[1], None, None, ids[1]]
    assert [a.id for a in platform.store.duplicates_of(ids[1])] == [ids[0], ids[3]]


def test_a_copy_of_a_copy_links_to_the_original(platform: Platform, tmp_path: Path) -> None:
    first = ingest(platform, tmp_path / "a.jsonl", [row(1, STORY, day=1)])
    second = ingest(platform, tmp_path / "b.jsonl", [row(2, STORY + SIGN_OFF, day=2)])
    third = ingest(
        platform, tmp_path / "c.jsonl", [row(3, "From our wires. " + STORY + SIGN_OFF, day=3)]
    )
    assert duplicate_of(platform, second[0]) == first[0]
    assert duplicate_of(platform, third[0]) == first[0]


def test_stories_sharing_only_their_sign_off_stay_apart(platform: Platform, tmp_path: Path) -> None:
    ids = ingest(
        platform,
        tmp_path / "a.jsonl",
        [row(1, DATELINE + STORY + SIGN_OFF, day=1), row(2, DATELINE + OTHER + SIGN_OFF, day=2)],
    )
    assert [duplicate_of(platform, i) for i in ids] == [None, None]


def test_a_daily_report_with_new_figures_is_not_a_copy(platform: Platform, tmp_path: Path) -> None:
    monday = (
        "The central bank sold 120 million dollars on the currency market on Monday to steady the "
        "som, a spokesman said. Dealers said the som traded at 84.5 per dollar when the bank began "
        "selling, and that demand from importers of fuel and grain remained strong before the "
        "holiday."
    )
    tuesday = monday.replace("120", "95").replace("84.5", "85.2")
    assert resemblance(monday, tuesday) >= 0.8  # the words alone would call it a copy
    ids = ingest(platform, tmp_path / "a.jsonl", [row(1, monday, day=4), row(2, tuesday, day=5)])
    assert [duplicate_of(platform, i) for i in ids] == [None, None]


@pytest.fixture
def strict_platform(tmp_path: Path, store_url: str) -> Iterator[Platform]:
    settings = Settings(
        data_dir=tmp_path / "strict", database_url=store_url, near_duplicate_threshold=1.0
    )
    opened = open_platform(settings)
    yield opened
    opened.close()


def test_the_threshold_decides(strict_platform: Platform, tmp_path: Path) -> None:
    edited = STORY.replace("two border crossings", "three border crossings")
    ids = ingest(
        strict_platform,
        tmp_path / "a.jsonl",
        [row(1, STORY, day=1), row(2, edited, day=2), row(3, STORY + SIGN_OFF, day=3)],
    )
    assert [duplicate_of(strict_platform, i) for i in ids] == [None, None, ids[0]]
