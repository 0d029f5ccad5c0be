"""A generated corpus of valid and hostile records, mixed in Markdown, JSON and JSON Lines files.

Whatever the mix, ingest must not raise; every valid record is stored and indexed, and every
hostile one is rejected at its own location. The platform is shared by all examples of a run (each
record is unique), so the store and the index must agree at every step.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worldbrief.config import Settings
from worldbrief.domain import RawDocument
from worldbrief.services.article_builder import article_id_for, identity_key
from worldbrief.services.ingest import ingest_sources
from worldbrief.services.platform import Platform, open_platform

DOCUMENT_LIMIT = 20_000
METADATA_LIMIT = 4_096
_serial = itertools.count()
UNSAFE_URLS = [
    "javascript:alert(1)",
    "/relative",
    "ftp://x.example/a",
    f"https://{'a' * 64}.example/",
    "https://wire.example/a b",
    "https://wire.example/" + "9f" * 1100,
]
UNREADABLE_JSON = [
    "{broken",
    "[" * 1000 + "]" * 1000,
    "12345",
    '"text"',
    '{"title": "N", "body": "b", "n": ' + "9" * 5000 + "}",
]
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@pytest.fixture
def shared_platform(tmp_path: Path, store_url: str) -> Iterator[Platform]:
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=store_url,
        max_document_bytes=DOCUMENT_LIMIT,
        max_metadata_bytes=METADATA_LIMIT,
    )
    opened = open_platform(settings)
    yield opened
    opened.close()


@dataclass(frozen=True)
class Spec:
    """One record to write: ``fields`` (a mapping) or ``raw`` text; ``token`` marks a valid one."""

    fields: dict[str, Any] | None = None
    raw: str | None = None
    token: str | None = None  # the valid record's id; None for a hostile record
    json_only: bool = False  # hostile only where JSON reads it (a Markdown body is not a field)
    markdown_only: bool = False  # YAML-only hostility (aliases)
    alone: bool = False  # too big to share a JSON file with others (a .json file is one document)

    @property
    def article_id(self) -> str:
        assert self.fields is not None and self.token is not None
        raw = RawDocument("", "", "", external_id=self.token, url=self.fields.get("url"))
        return article_id_for(identity_key(raw))


def unique_token() -> str:
    return f"rec{next(_serial):06d}x{datetime.now().microsecond:06d}"


def story(token: str) -> str:
    """Words no other record shares, so no two records are (near-)duplicates."""
    words = [f"{token}w{i}" for i in range(40)]
    return "Talks in Osh on water. " + " ".join(words) + "."


printable = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
controls = st.text(st.sampled_from("\x00\x01\x07\x0b\x1b\x7f\ufffe\uffff"), max_size=3)
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | printable
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(printable, children, max_size=3)
    ),
    max_leaves=8,
)
in_range_dates = st.datetimes(
    min_value=datetime(1700, 1, 2), max_value=datetime(2199, 12, 30),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=-11)), timezone(timedelta(hours=14))]),
)  # fmt: skip
out_of_range_years = st.integers(1, 1699) | st.integers(2200, 9999)
impossible_dates = st.sampled_from(
    ["0000-01-01", "2024-13-45", "2024-02-30", "2024-01-01T25:00:00", "2024-01-01T10:00:00+25:00",
     "9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+05:00", "Fri, 31 Dec 9999 23:00:00 -0500",
     "yesterday", ""]
)  # fmt: skip


@st.composite
def valid_specs(draw: st.DrawFn) -> Spec:
    token = unique_token()
    fields: dict[str, Any] = {
        "id": token,
        "title": f"Report {token} {draw(printable)}{draw(controls)}",
        "body": story(token) + draw(controls),
    }
    if draw(st.booleans()):
        fields["published_at"] = draw(in_range_dates).isoformat()
    if draw(st.booleans()):
        fields["authors"] = [{"name": f"Ana {draw(printable)}{draw(controls)} Lee", "role": "x"}]
    if draw(st.booleans()):
        fields["url"] = f"https://wire.example/{token}?q={draw(st.integers(0, 9))}"
    for index in range(draw(st.integers(0, 3))):
        fields[f"x_{index}{draw(controls)}"] = draw(json_values)
    return Spec(fields=fields, token=token)


@st.composite
def hostile_specs(draw: st.DrawFn) -> Spec:
    token = unique_token()
    base: dict[str, Any] = {"id": token, "title": f"Hostile {token}", "body": story(token)}
    kind = draw(st.integers(0, 12))
    if kind == 0:
        return Spec({**base, "published_at": draw(impossible_dates) or "  "})
    if kind == 1:
        year = draw(out_of_range_years)
        field = draw(st.sampled_from(["published_at", "updated_at", "date"]))
        return Spec({**base, field: f"{year:04d}-06-15T12:00:00+00:00"})
    if kind == 2:
        bad = draw(st.sampled_from(UNSAFE_URLS))
        return Spec({**base, draw(st.sampled_from(["url", "media_url", "video"])): bad})
    if kind == 3:
        nested: Any = "deep"
        for _ in range(draw(st.integers(21, 200))):
            nested = [nested] if draw(st.booleans()) else {"k": nested}
        return Spec({**base, "x_deep": nested})
    if kind == 4:
        big = "m" * (METADATA_LIMIT + draw(st.integers(1, 500)))
        return Spec({**base, "x_big": big}, alone=True)
    if kind == 5:
        return Spec({**base, "body": story(token) + " filler" * (DOCUMENT_LIMIT // 6)}, alone=True)
    if kind == 6:
        return Spec({**base, "x_nan": draw(st.sampled_from([math.nan, math.inf, -math.inf]))})
    if kind == 7:
        wrong = draw(st.sampled_from([["a"], 12, {"b": 1}, True]))
        return Spec({**base, draw(st.sampled_from(["title", "body"])): wrong}, json_only=True)
    if kind == 8:
        return Spec({**base, "type": draw(st.sampled_from(["rumour", 5, ["news"]]))})
    if kind == 9:
        raw = draw(st.sampled_from(UNREADABLE_JSON))
        return Spec(raw=raw, json_only=True)
    if kind == 10:
        return Spec(raw=f"---\ntitle: Loop {token}\nx: &a [*a]\n---\n{story(token)}\n",
                    markdown_only=True)  # fmt: skip
    if kind == 11:
        return Spec({**base, "authors": [{"name": draw(st.sampled_from([5, None, ["x"]]))}]})
    depth = draw(st.integers(201, 1500))
    body = "<section>" * depth + story(token)
    return Spec({**base, "body": body, "body_format": "html"}, alone=True)


@dataclass
class Written:
    sources: list[str]
    valid: list[Spec]
    hostile_locations: list[str]


def write_corpus(directory: Path, specs: list[tuple[str, Spec]]) -> Written:
    """Markdown specs each in a file; JSON Lines specs in one file; JSON specs in one list."""
    written = Written([], [], [])
    lines: list[str] = []
    listed: list[Any] = []
    jsonl, listing = directory / "batch.jsonl", directory / "batch.json"
    for number, (form, spec) in enumerate(specs):
        if form == "md":
            path = directory / f"{number:03d}.md"
            path.write_text(spec.raw if spec.raw is not None else markdown(spec), encoding="utf-8")
            location = str(path)
        elif form == "jsonl" or spec.raw is not None or spec.alone:
            lines.append(spec.raw if spec.raw is not None else json.dumps(spec.fields))
            location = f"{jsonl}:{len(lines)}"
        else:
            listed.append(spec.fields)
            location = f"{listing}[{len(listed) - 1}]"
        if spec.token is not None:
            written.valid.append(spec)
        else:
            written.hostile_locations.append(location)
    if lines:
        jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.sources.append(str(jsonl))
    if listed:
        listing.write_text(json.dumps(listed), encoding="utf-8")
        written.sources.append(str(listing))
    written.sources += sorted(str(p) for p in directory.glob("*.md"))
    return written


def markdown(spec: Spec) -> str:
    assert spec.fields is not None
    front = {k: v for k, v in spec.fields.items() if k != "body"}
    block = yaml.safe_dump(front, allow_unicode=False, default_flow_style=None, width=10_000)
    # Raw control characters would make the file binary; in front matter YAML escapes them.
    body = _CONTROLS.sub("", str(spec.fields["body"]))
    return f"---\n{block}---\n{body}\n"


@st.composite
def corpora(draw: st.DrawFn) -> list[tuple[str, Spec]]:
    specs = draw(st.lists(valid_specs() | hostile_specs(), min_size=1, max_size=10))
    placed = []
    for spec in specs:
        if spec.markdown_only:
            form = "md"
        elif spec.json_only:
            form = draw(st.sampled_from(["json", "jsonl"]))
        else:
            form = draw(st.sampled_from(["md", "json", "jsonl"]))
        placed.append((form, spec))
    return placed


@settings(
    max_examples=25,
    deadline=None,
    database=None,  # nothing written into the checkout; a failure prints how to reproduce it
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(corpus=corpora())
def test_a_hostile_corpus_never_stops_ingest_and_loses_no_valid_record(
    shared_platform: Platform, corpus: list[tuple[str, Spec]]
) -> None:
    platform = shared_platform
    stored_before = platform.store.count()
    with tempfile.TemporaryDirectory() as scratch:
        written = write_corpus(Path(scratch), corpus)
        report = ingest_sources(platform, written.sources)

    rejected = {r.location: r.reason for r in report.rejected}
    assert sorted(rejected) == sorted(written.hostile_locations), report.rejected
    assert all(rejected.values())
    assert report.created == len(written.valid), report.rejected
    for spec in written.valid:
        article = platform.store.get(spec.article_id)
        assert article is not None, spec
        assert "\x00" not in article.title + article.body and str(spec.token) in article.title
    assert platform.store.count() == stored_before + len(written.valid)
    assert platform.index.document_count() == platform.store.count()
