"""Upgrading a store written by revision 0001: SimHash columns go, near-duplicate keys come,
and nothing already stored is lost."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from worldbrief.enrich.fingerprint import near_duplicate_keys
from worldbrief.store import open_store
from worldbrief.store.dialect import UtcDateTime, json_document
from worldbrief.store.engine import create_store_engine, write_transaction
from worldbrief.store.migrate import alembic_config

STORY = (
    "Kazakhstan plans to raise oil output from fields near Aktau on the Caspian coast, the "
    "energy ministry said, as new pipelines to Black Sea ports come on line next year."
)
WHEN = datetime(2024, 3, 1, tzinfo=UTC)

articles_0001 = sa.table(
    "articles",
    *(sa.column(name) for name in ("id", "type", "title", "teaser", "body", "body_format")),
    *(sa.column(name) for name in ("plain_text", "reading_minutes", "access", "content_hash")),
    *(sa.column(name) for name in ("simhash", "simhash_band0", "fingerprint", "seq")),
    *(sa.column(name, json_document()) for name in ("metadata", "places", "entities")),
    *(sa.column(name, UtcDateTime) for name in ("published_at", "created_at")),
)
authors_0001 = sa.table(
    "article_authors", *(sa.column(n) for n in ("article_id", "position", "name"))
)


def _store_at_0001(url: str) -> None:
    engine = create_store_engine(url)
    config = alembic_config()
    try:
        with write_transaction(engine) as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0001")
            for article_id in ("first", "second"):
                conn.execute(
                    sa.insert(articles_0001).values(
                        id=article_id, type="news", title="Oil", teaser="", body=STORY,
                        body_format="text", plain_text=f"Oil\n\n{STORY}", reading_minutes=1,
                        access="free", content_hash=f"hash-{article_id}", simhash=-5,
                        simhash_band0=3, fingerprint="old", seq=1, metadata={}, places=[],
                        entities=[], published_at=WHEN, created_at=WHEN,
                    )
                )  # fmt: skip
                conn.execute(
                    sa.insert(authors_0001).values(article_id=article_id, position=0, name="Dana")
                )
    finally:
        engine.dispose()


def test_upgrade_keeps_children_and_computes_keys(store_url: str) -> None:
    _store_at_0001(store_url)
    store = open_store(store_url)
    try:
        first = store.get("first")
        assert first is not None
        assert [a.name for a in first.authors] == ["Dana"]
        assert first.enrichment.near_duplicate_keys == near_duplicate_keys(f"\n\n{STORY}")
        assert store.near_duplicate_candidates(first.enrichment.near_duplicate_keys, "first") == [
            "second"
        ]
        columns = {c["name"] for c in sa.inspect(store.engine).get_columns("articles")}
        assert not {c for c in columns if c.startswith("simhash")}
    finally:
        store.close()
