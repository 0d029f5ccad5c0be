"""Ingest as a user runs it: files in; articles stored, enriched, searchable; bad input reported."""

import json
from pathlib import Path

from worldbrief.search.query import SearchQuery
from worldbrief.services.indexing import rebuild
from worldbrief.services.ingest import ingest_sources
from worldbrief.services.platform import Platform

STORY = (
    "Kazakhstan plans to raise oil output from fields near Aktau on the Caspian coast, the "
    "energy ministry said, as new pipelines to Black Sea ports come on line. Officials expect "
    "exports through the Caspian Pipeline Consortium to grow by a fifth, while traders in "
    "Rotterdam watch the premium for light grades narrow. The ministry also plans tenders for "
    "three offshore blocks, and talks with Turkmenistan on a seabed pipeline resumed after a "
    "pause of several years. Analysts say the plan depends on ice in the northern Caspian."
)


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return path


def test_markdown_with_front_matter_is_stored_enriched_and_searchable(
    platform: Platform, tmp_path: Path
) -> None:
    note = tmp_path / "caspian.md"
    note.write_text(
        "---\ntitle: Caspian Oil Plans\ntype: analysis\nauthors:\n  - name: Dana Whitfield\n"
        "    role: Eurasia Analyst\npublished_at: 2021-03-04T10:15:00Z\naccess: members\n---\n"
        + STORY
    )
    report = ingest_sources(platform, [str(note)])
    assert (report.created, report.rejected) == (1, [])
    article = platform.store.get(report.article_ids[0])
    assert article is not None
    assert article.title == "Caspian Oil Plans"
    assert article.authors[0].role == "Eurasia Analyst"
    assert article.access.value == "members"
    assert article.enrichment.reading_minutes == 1
    assert article.enrichment.language == "en"
    focus = {c.code for c in article.enrichment.focus_countries}
    assert "KZ" in focus
    kz = next(c for c in article.enrichment.countries if c.code == "KZ")
    assert article.plain_text[kz.evidence[0].start : kz.evidence[0].end] == "Kazakhstan"
    assert "central-asia" in {r.id for r in article.enrichment.regions}
    hits = platform.index.search(SearchQuery(text="offshore tenders", countries=("KZ",)))
    assert [h.article_id for h in hits.hits] == [article.id]


def test_reingesting_is_idempotent_and_changed_content_updates(
    platform: Platform, tmp_path: Path
) -> None:
    rows = [{"id": "r1", "title": "Caspian plans", "body": STORY, "source": "Wire"}]
    feed = write_jsonl(tmp_path / "a.jsonl", rows)
    first = ingest_sources(platform, [str(feed)])
    again = ingest_sources(platform, [str(feed)])
    assert (first.created, again.created, again.unchanged) == (1, 0, 1)
    rows[0]["body"] = STORY + " A correction was added later."
    changed = ingest_sources(platform, [str(write_jsonl(feed, rows))])
    assert changed.updated == 1
    assert platform.store.count() == 1
    stored = platform.store.get(first.article_ids[0])
    assert stored is not None and stored.plain_text.endswith("added later.")


def test_same_content_under_another_identity_is_one_article(
    platform: Platform, tmp_path: Path
) -> None:
    a = write_jsonl(tmp_path / "a.jsonl", [{"title": "Caspian plans", "body": STORY}])
    b = write_jsonl(tmp_path / "b.jsonl", [{"title": "Caspian plans", "body": STORY}])
    report = ingest_sources(platform, [str(a), str(b)])
    assert (report.created, report.duplicates) == (1, 1)
    assert platform.store.count() == 1


def test_near_duplicate_wire_copy_is_linked_not_doubled(platform: Platform, tmp_path: Path) -> None:
    first_site = {"url": "https://one.example/a", "title": "Caspian oil", "body": STORY}
    second_site = {
        "url": "https://two.example/b",
        "title": "Kazakhstan to pump more",
        "body": STORY + " (Reporting by staff.)",
    }
    original = write_jsonl(tmp_path / "a.jsonl", [first_site])
    copy = write_jsonl(tmp_path / "b.jsonl", [second_site])
    first = ingest_sources(platform, [str(original)])
    second = ingest_sources(platform, [str(copy)])
    assert second.near_duplicates == 1
    linked = platform.store.get(second.article_ids[0])
    assert linked is not None and linked.duplicate_of == first.article_ids[0]
    hits = platform.index.search(SearchQuery(text="offshore blocks"))
    assert [h.article_id for h in hits.hits] == first.article_ids
    assert [a.id for a in platform.store.duplicates_of(first.article_ids[0])] == second.article_ids


def test_bad_records_are_reported_and_the_batch_goes_on(platform: Platform, tmp_path: Path) -> None:
    good = {"id": "g1", "title": "Caspian plans", "body": STORY}
    feed = write_jsonl(
        tmp_path / "mixed.jsonl",
        [
            good,
            "{not json",
            {"title": "no body"},
            {"id": "g2", "title": "Second", "body": "Osh is in Kyrgyzstan and trade grew."},
        ],
    )
    report = ingest_sources(platform, [str(feed), str(tmp_path / "missing.md")])
    assert report.created == 2
    locations = [r.location for r in report.rejected]
    assert any(loc.endswith("mixed.jsonl:2") for loc in locations)
    assert any(loc.endswith("mixed.jsonl:3") for loc in locations)
    assert any("missing.md" in loc for loc in locations)
    assert all(r.reason for r in report.rejected)


def test_an_interrupted_ingest_rerun_finishes_without_duplicates(
    platform: Platform, tmp_path: Path
) -> None:
    rows = [
        {"id": f"n{i}", "title": f"Note {i}", "body": " ".join(f"term{i}w{j}" for j in range(60))}
        for i in range(30)
    ]
    write_jsonl(tmp_path / "part.jsonl", rows[:12])  # what a killed run got through
    ingest_sources(platform, [str(tmp_path / "part.jsonl")])
    full = write_jsonl(tmp_path / "all.jsonl", rows)
    report = ingest_sources(platform, [str(full)])
    assert platform.store.count() == 30
    assert (report.created, report.unchanged, report.near_duplicates) == (18, 12, 0)


def test_reindex_rebuilds_the_index_from_the_store(platform: Platform, tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "a.jsonl", [{"id": "x", "title": "Caspian plans", "body": STORY}])
    ingest_sources(platform, [str(feed)])
    platform.index.clear()
    platform.index.commit(applied_seq=0)
    assert platform.index.search(SearchQuery(text="Caspian")).total == 0
    assert rebuild(platform.store, platform.index) == 1
    assert platform.index.search(SearchQuery(text="Caspian")).total == 1


def test_ingest_goes_on_while_another_process_writes_the_index(
    platform: Platform, tmp_path: Path
) -> None:
    from worldbrief.search.backends import open_search_index
    from worldbrief.services.indexing import catch_up

    server_side = open_search_index(platform.settings.index_dir)
    server_side.delete([])  # takes the write lock, as a server catching up would
    try:
        feed = write_jsonl(tmp_path / "a.jsonl", [{"id": "x", "title": "Caspian", "body": STORY}])
        report = ingest_sources(platform, [str(feed)])
        assert report.created == 1 and platform.store.count() == 1
    finally:
        server_side.close()
    catch_up(platform.store, platform.index)  # what the server's next tick does
    assert platform.index.search(SearchQuery(text="offshore tenders")).total == 1


def test_a_changed_front_matter_updates_the_article(platform: Platform, tmp_path: Path) -> None:
    note = tmp_path / "caspian.md"
    header = "---\ntitle: Caspian Oil Plans\ntype: analysis\naccess: {access}\n---\n"
    note.write_text(header.format(access="free") + STORY)
    first = ingest_sources(platform, [str(note)])
    note.write_text(header.format(access="members") + STORY)
    second = ingest_sources(platform, [str(note)])
    assert (first.created, second.updated) == (1, 1)
    stored = platform.store.get(first.article_ids[0])
    assert stored is not None and stored.access.value == "members"
    hit = platform.index.search(SearchQuery(text="offshore tenders")).hits[0]
    assert hit.access == "members"  # the index follows, so snippets are paywalled too
