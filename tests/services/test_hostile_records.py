"""Hostile and careless records: each is rejected with its location and reason (or cleaned), and
the valid record beside it in the same run is stored and indexed all the same."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from worldbrief.config import Settings
from worldbrief.domain import RawDocument
from worldbrief.services.ingest import IngestReport, ingest_records, ingest_sources
from worldbrief.services.platform import Platform, open_platform

STORY = (
    "Kazakhstan plans to raise oil output from fields near Aktau on the Caspian coast, the "
    "energy ministry said, as new pipelines to Black Sea ports come on line. Officials expect "
    "exports through the Caspian Pipeline Consortium to grow by a fifth."
)
OTHER_STORY = (
    "Farmers in the Fergana Valley expect a dry summer; water officials from Uzbekistan and "
    "Kyrgyzstan will meet in Osh to agree how much the Toktogul reservoir releases in July."
)
LONG_LABEL_HOST = "a" * 64 + ".example"
DOCUMENT_LIMIT = 20_000
METADATA_LIMIT = 4_096


@pytest.fixture
def platform(tmp_path: Path, store_url: str) -> Iterator[Platform]:
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=store_url,
        max_document_bytes=DOCUMENT_LIMIT,
        max_metadata_bytes=METADATA_LIMIT,
        fetch_allow_private=True,
    )
    opened = open_platform(settings)
    yield opened
    opened.close()


def ingest_beside_valid(platform: Platform, tmp_path: Path, name: str, content: str) -> Path:
    """Ingest a hostile file and a valid one in the same run; the valid one must get through."""
    hostile = tmp_path / name
    hostile.write_text(content, encoding="utf-8")
    valid = tmp_path / "valid.json"
    valid.write_text(json.dumps({"title": "Caspian plans", "body": STORY}))
    report = ingest_sources(platform, [str(hostile), str(valid)])
    assert report.created == 1, report.rejected
    assert_stored_and_indexed(platform, 1)
    platform.__dict__["last_report"] = report
    return hostile


def assert_stored_and_indexed(platform: Platform, count: int) -> None:
    assert platform.store.count() == count
    assert platform.index.document_count() == count


def only_rejection(platform: Platform) -> tuple[str, str]:
    report: IngestReport = platform.__dict__["last_report"]
    assert len(report.rejected) == 1, report.rejected
    return report.rejected[0].location, report.rejected[0].reason


def front_matter(field: str, value: str) -> str:
    return f"---\ntitle: Grain corridor\n{field}: {value}\n---\n{OTHER_STORY}\n"


@pytest.mark.parametrize(
    "value",
    ["0000-01-01", "2024-13-45", "2024-02-30", "2024-01-01T25:00:00", "2024-01-01T10:00:00+25:00"],
)
def test_impossible_front_matter_dates_are_rejected(
    platform: Platform, tmp_path: Path, value: str
) -> None:
    hostile = ingest_beside_valid(
        platform, tmp_path, "grain.md", front_matter("published_at", value)
    )
    location, reason = only_rejection(platform)
    assert location == str(hostile)
    assert "published_at" in reason and value.split("T")[0] in reason


@pytest.mark.parametrize("field", ["published_at", "updated_at"])
@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31T23:00:00-05:00",
        "0001-01-01T00:00:00+05:00",
        "Fri, 31 Dec 9999 23:00:00 -0500",
        "1500-06-01",
        "2300-01-01T00:00:00Z",
    ],
)
def test_dates_outside_the_supported_range_are_rejected(
    platform: Platform, tmp_path: Path, field: str, value: str
) -> None:
    record = {"title": "Grain corridor", "body": OTHER_STORY, field: value}
    hostile = ingest_beside_valid(platform, tmp_path, "grain.json", json.dumps(record))
    location, reason = only_rejection(platform)
    assert location == str(hostile)
    assert field in reason and ("1700" in reason or "unreadable" in reason), reason


def test_dates_at_the_edges_of_the_supported_range_are_stored_and_indexed(
    platform: Platform, tmp_path: Path
) -> None:
    rows = [
        {"id": "first", "title": "Oldest", "body": STORY, "published_at": "1700-01-01T00:00:00Z"},
        {"id": "last", "title": "Newest", "body": OTHER_STORY, "published_at": "2199-12-31"},
    ]
    path = tmp_path / "edges.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    report = ingest_sources(platform, [str(path)])
    assert (report.created, report.rejected) == (2, [])
    assert_stored_and_indexed(platform, 2)


def test_every_entry_path_refuses_an_out_of_range_datetime(platform: Platform) -> None:
    """The API and the desk hand ``ingest_records`` datetimes, not text: same rule."""
    far = datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5)))
    raw = RawDocument(location="api", title="Far future", body=STORY, published_at=far)
    early = RawDocument(
        location="desk:1", title="Early", body=OTHER_STORY, published_at=datetime(1600, 1, 1)
    )
    report = ingest_records(platform, [raw, early])
    assert [r.location for r in report.rejected] == ["api", "desk:1"]
    assert all("published_at" in r.reason for r in report.rejected)
    assert_stored_and_indexed(platform, 0)


def test_a_self_referencing_yaml_anchor_is_rejected(platform: Platform, tmp_path: Path) -> None:
    hostile = ingest_beside_valid(platform, tmp_path, "loop.md", front_matter("x", "&a [*a]"))
    location, reason = only_rejection(platform)
    assert location == str(hostile) and "alias" in reason


def test_billion_laughs_front_matter_is_rejected_without_expanding(
    platform: Platform, tmp_path: Path
) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 8):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    text = "---\ntitle: Laughs\n" + "\n".join(lines) + "\n---\n" + OTHER_STORY
    assert len(text.encode()) < 1500
    hostile = ingest_beside_valid(platform, tmp_path, "laughs.md", text)
    location, reason = only_rejection(platform)
    assert location == str(hostile) and "alias" in reason


@pytest.mark.parametrize("suffix", ["json", "jsonl"])
def test_deeply_nested_json_is_rejected(platform: Platform, tmp_path: Path, suffix: str) -> None:
    nested = '{"title": "Deep", "body": "' + OTHER_STORY + '", "x": ' + "[" * 1000 + "]" * 1000
    hostile = ingest_beside_valid(platform, tmp_path, f"deep.{suffix}", nested + "}")
    location, reason = only_rejection(platform)
    assert location.startswith(str(hostile)) and "nested" in reason


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "deep.json",
            json.dumps({"title": "D", "body": "<div>" * 3000 + "x", "body_format": "html"}),
        ),
        ("deep.md", "# Deep\n\n" + "<section>" * 2000 + "x\n"),
    ],
)
def test_html_nested_thousands_deep_is_rejected(
    platform: Platform, tmp_path: Path, name: str, content: str
) -> None:
    """The sanitiser takes time in the square of the depth: 1.5 MB of <div> took minutes to store
    and again to render on every page view."""
    hostile = ingest_beside_valid(platform, tmp_path, name, content)
    location, reason = only_rejection(platform)
    assert location == str(hostile) and "more than 200 deep" in reason


def test_metadata_nested_beyond_the_depth_limit_is_rejected(
    platform: Platform, tmp_path: Path
) -> None:
    value: object = "deep"
    for _ in range(40):
        value = {"k": value}
    record = {"title": "Deep", "body": OTHER_STORY, "x": value}
    hostile = ingest_beside_valid(platform, tmp_path, "deep.json", json.dumps(record))
    location, reason = only_rejection(platform)
    assert location == str(hostile) and "max_metadata_depth" in reason


def test_metadata_over_the_size_cap_is_rejected(platform: Platform, tmp_path: Path) -> None:
    record = {"title": "Big", "body": OTHER_STORY, "notes": ["x" * 100] * 70}
    hostile = ingest_beside_valid(platform, tmp_path, "big.jsonl", json.dumps(record))
    location, reason = only_rejection(platform)
    assert location == f"{hostile}:1" and "max_metadata_bytes" in reason


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("huge-int.json", '{"title": "N", "body": "' + OTHER_STORY + '", "n": ' + "9" * 5000 + "}"),
        ("huge-int.md", "---\ntitle: N\nn: " + "9" * 5000 + "\n---\n" + OTHER_STORY),
        ("nan.json", '{"title": "N", "body": "' + OTHER_STORY + '", "n": NaN}'),
        ("inf.md", "---\ntitle: N\nn: .inf\n---\n" + OTHER_STORY),
        ("wrong-types.json", '{"title": ["a"], "body": {"b": 1}}'),
        ("number.json", "12345"),
        ("bad-type.md", "---\ntitle: T\ntype: [1, 2]\n---\n" + OTHER_STORY),
        ("bad-author.json", '{"title": "T", "body": "b", "authors": [{"name": 5}]}'),
    ],
)
def test_wrong_types_and_numbers_json_cannot_hold_are_rejected(
    platform: Platform, tmp_path: Path, name: str, content: str
) -> None:
    hostile = ingest_beside_valid(platform, tmp_path, name, content)
    location, reason = only_rejection(platform)
    assert location == str(hostile) and reason


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("url", f"https://{LONG_LABEL_HOST}/story"),
        ("media_url", f"https://{LONG_LABEL_HOST}/clip.mp4"),
        ("url", "javascript:alert(1)"),
        ("media_url", "data:video/mp4;base64,AAAA"),
        ("url", "/relative/path"),
    ],
)
def test_unsafe_urls_in_records_are_rejected_naming_the_field(
    platform: Platform, tmp_path: Path, field: str, value: str
) -> None:
    record = {"title": "Links", "body": OTHER_STORY, field: value}
    hostile = ingest_beside_valid(platform, tmp_path, "links.json", json.dumps(record))
    location, reason = only_rejection(platform)
    assert location == str(hostile) and f"'{field}'" in reason


def test_a_url_too_long_for_the_store_index_is_rejected(platform: Platform, tmp_path: Path) -> None:
    """PostgreSQL refused the whole batch: its B-tree index entries hold at most 2,704 bytes."""
    long_url = "https://wire.example/" + secrets.token_hex(1500)
    record = {"title": "Long link", "body": OTHER_STORY, "url": long_url}
    hostile = ingest_beside_valid(platform, tmp_path, "long.json", json.dumps(record))
    location, reason = only_rejection(platform)
    assert location == str(hostile) and "'url'" in reason and "2,048 bytes" in reason


def test_an_ingest_url_with_an_invalid_host_is_rejected(platform: Platform, tmp_path: Path) -> None:
    valid = tmp_path / "valid.json"
    valid.write_text(json.dumps({"title": "Caspian plans", "body": STORY}))
    bad_url = f"http://{LONG_LABEL_HOST}/page"
    report = ingest_sources(platform, [bad_url, str(valid)])
    assert report.created == 1
    assert [(r.location, "not a valid domain name" in r.reason) for r in report.rejected] == [
        (bad_url, True)
    ]
    assert_stored_and_indexed(platform, 1)


def test_characters_no_store_can_hold_are_removed_at_the_edge(
    platform: Platform, tmp_path: Path
) -> None:
    record = {
        "title": "Grain\x00 corridor\x1b",
        "body": "Farmers\x00 " + OTHER_STORY + "\ufffe",
        "teaser": "Short\x00 teaser",
        "authors": [{"name": "Dana\x00 Whitfield", "role": "Analyst\x07"}],
        "source": "Wire\x00",
        "language": "en\x00",
        "id": "g\x001",
        "meta\x00key": ["value\x00", {"deep\x0b": "\ud800x"}],
    }
    path = tmp_path / "nul.json"
    path.write_text(json.dumps(record))  # json escapes keep the NUL and the lone surrogate
    report = ingest_sources(platform, [str(path)])
    assert (report.created, report.rejected) == (1, [])
    article = platform.store.get(report.article_ids[0])
    assert article is not None
    assert article.title == "Grain corridor"
    assert "\x00" not in article.body and "\ufffe" not in article.body
    assert article.teaser == "Short teaser"
    assert article.authors[0].name == "Dana Whitfield" and article.authors[0].role == "Analyst"
    assert article.source.name == "Wire"
    assert article.metadata == {"metakey": ["value", {"deep": "x"}]}
    assert_stored_and_indexed(platform, 1)


def test_a_file_name_that_is_not_utf8_is_read_and_reported(
    platform: Platform, tmp_path: Path
) -> None:
    odd = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.md"))  # Latin-1 bytes
    odd.write_text("# Grain\n\n" + OTHER_STORY)
    report = ingest_sources(platform, [str(odd)])
    assert (report.created, report.rejected) == (1, [])
    assert_stored_and_indexed(platform, 1)


@pytest.mark.parametrize("suffix", ["md", "txt", "html", "json"])
def test_documents_over_the_size_cap_are_rejected_before_reading(
    platform: Platform, tmp_path: Path, suffix: str
) -> None:
    filler = "word " * (DOCUMENT_LIMIT // 4)
    content = {
        "md": f"# Big\n\n{filler}",
        "txt": f"Big\n{filler}",
        "html": f"<html><body><article><h1>Big</h1><p>{filler}</p></article></body></html>",
        "json": json.dumps({"title": "Big", "body": filler}),
    }[suffix]
    hostile = ingest_beside_valid(platform, tmp_path, f"big.{suffix}", content)
    location, reason = only_rejection(platform)
    assert location == str(hostile) and "max_document_bytes" in reason


def test_a_jsonl_line_over_the_size_cap_is_rejected_and_the_file_streams_on(
    platform: Platform, tmp_path: Path
) -> None:
    rows = [
        {"id": "1", "title": "Big", "body": "word " * DOCUMENT_LIMIT},
        {"id": "2", "title": "Caspian plans", "body": STORY},
        {"id": "3", "title": "Fergana water", "body": OTHER_STORY},
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    assert path.stat().st_size > DOCUMENT_LIMIT  # the file may be larger than one document
    report = ingest_sources(platform, [str(path)])
    assert report.created == 2
    assert [(r.location, "max_document_bytes" in r.reason) for r in report.rejected] == [
        (f"{path}:1", True)
    ]
    assert_stored_and_indexed(platform, 2)


def test_an_api_or_desk_document_over_the_size_cap_is_rejected(platform: Platform) -> None:
    raw = RawDocument(location="api", title="Big", body="word " * DOCUMENT_LIMIT)
    report = ingest_records(platform, [raw])
    assert [r.location for r in report.rejected] == ["api"]
    assert "max_document_bytes" in report.rejected[0].reason


def test_every_rejection_is_kept_in_the_report(platform: Platform, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join("{broken" for _ in range(120)) + "\n")
    report = ingest_sources(platform, [str(path)])
    assert [r.location for r in report.rejected] == [f"{path}:{n}" for n in range(1, 121)]


def test_naive_dates_count_as_utc(platform: Platform) -> None:
    raw = RawDocument(
        location="api", title="Naive", body=STORY, published_at=datetime(2024, 5, 1, 9, 30)
    )
    report = ingest_records(platform, [raw])
    article = platform.store.get(report.article_ids[0])
    assert article is not None and article.published_at == datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
