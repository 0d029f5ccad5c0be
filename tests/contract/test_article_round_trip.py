"""A stored article comes back exactly as it went in, on every backend."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

from worldbrief.domain import (
    AccessLevel,
    Article,
    ArticleType,
    Author,
    BodyFormat,
    CountryMention,
    Enrichment,
    EntityType,
    NamedEntity,
    PlaceMention,
    RegionMention,
    Source,
    Span,
)
from worldbrief.store import ArticleStore

ALMATY = timezone(timedelta(hours=5))


def full_article() -> Article:
    plain = "Aktau port expands\n\nKazakhstan's Caspian port of Aktau signed a deal with Baku."
    return Article(
        id="kz-aktau-2024",
        type=ArticleType.SITUATION_REPORT,
        title="Aktau port expands",
        teaser="A Caspian deal.",
        body="Kazakhstan's Caspian port of **Aktau** signed a deal with Baku.",
        body_format=BodyFormat.MARKDOWN,
        plain_text=plain,
        published_at=datetime(2024, 7, 3, 9, 30, 15, 123456, tzinfo=UTC),
        updated_at=datetime(2024, 7, 4, 1, 0, tzinfo=UTC),
        authors=(Author("Dana Analyst", "Eurasia Analyst"), Author("Erik Editor")),
        source=Source(
            name="Caspian Wire",
            url="https://example.org/aktau",
            feed_url="https://example.org/feed.xml",
        ),
        access=AccessLevel.MEMBERS,
        media_url="https://example.org/aktau.mp3",
        content_hash="sha256:abc",
        duplicate_of="kz-aktau-draft",
        metadata={"tags": ["ports", "caspian"], "priority": 2, "nested": {"ok": True}},
        enrichment=Enrichment(
            language="en",
            reading_minutes=3,
            countries=(
                CountryMention(
                    "KZ", "Kazakhstan", 0.1 + 0.2, True, (Span(20, 30), Span(50, 55)), primary=True
                ),
                CountryMention("AZ", "Azerbaijan", 1 / 3, False, (Span(74, 78),)),
            ),
            regions=(RegionMention("central-asia", "Central Asia"),),
            places=(
                PlaceMention(
                    50, 55, "Aktau", "Aktau", 610612, 43.65, 51.1975, "KZ", "Mangghystau", "P.PPLA"
                ),
                PlaceMention(74, 78, "Baku", "Baku", None, 40.4093, 49.8671, "AZ", None, "P.PPLC"),
            ),
            entities=(
                NamedEntity(
                    "aktau-port-authority",
                    "Aktau Port Authority",
                    EntityType.ORGANIZATION,
                    (Span(50, 55),),
                    aliases=("APA",),
                    countries=("KZ",),
                ),
            ),
            near_duplicate_keys=(-5, 12, 0x7EDCBA9876543210),
        ),
    )


def test_full_article_round_trips(store: ArticleStore) -> None:
    article = full_article()
    store.upsert_articles([article])
    assert store.get(article.id) == article


def test_scores_keep_every_bit(store: ArticleStore) -> None:
    stored = store.get(store.upsert_articles([full_article()])[0].article_id)
    assert stored is not None
    scores = [c.score for c in stored.enrichment.countries]
    assert scores == [0.1 + 0.2, 1 / 3]


def test_datetimes_come_back_aware_in_utc(
    store: ArticleStore, make_article: Callable[..., Article]
) -> None:
    local = datetime(2024, 1, 1, 3, 0, tzinfo=ALMATY)  # 2023-12-31 22:00 UTC
    store.upsert_articles(
        [make_article("a", published=local, updated_at=local + timedelta(hours=1))]
    )
    stored = store.get("a")
    assert stored is not None
    assert stored.published_at.tzinfo is UTC
    assert stored.published_at == local
    assert stored.published_at.isoformat() == "2023-12-31T22:00:00+00:00"
    assert stored.updated_at is not None and stored.updated_at.tzinfo is UTC
    assert store.years() == [2023]


def test_metadata_dates_are_stored_as_iso_text(
    store: ArticleStore, make_article: Callable[..., Article]
) -> None:
    store.upsert_articles(
        [make_article("a", metadata={"issued": date(2024, 2, 29), "ids": (1, 2)})]
    )
    stored = store.get("a")
    assert stored is not None
    assert stored.metadata == {"issued": "2024-02-29", "ids": [1, 2]}


def test_get_missing_is_none(store: ArticleStore) -> None:
    assert store.get("nope") is None


def test_get_many_keeps_order_and_skips_missing(
    store: ArticleStore, make_article: Callable[..., Article]
) -> None:
    store.upsert_articles([make_article(i) for i in ("a", "b", "c")])
    assert [a.id for a in store.get_many(["c", "missing", "a", "b"])] == ["c", "a", "b"]
    assert store.get_many([]) == []


def test_near_duplicate_keys_round_trip_as_a_sorted_set(
    store: ArticleStore, make_article: Callable[..., Article]
) -> None:
    lowest, highest = -(1 << 63), (1 << 63) - 1
    store.upsert_articles(
        [make_article("a", keys=(7, highest, 0, lowest, -1, 7)), make_article("b")]
    )
    stored = store.get("a")
    assert stored is not None
    assert stored.enrichment.near_duplicate_keys == (lowest, -1, 0, 7, highest)
    other = store.get("b")
    assert other is not None and other.enrichment.near_duplicate_keys == ()


def test_new_keys_replace_the_old_ones(
    store: ArticleStore, make_article: Callable[..., Article]
) -> None:
    store.upsert_articles([make_article("a", keys=(1, 2, 3))])
    outcome = store.upsert_articles([make_article("a", keys=(3, 4))])
    assert outcome[0].status == "updated"
    stored = store.get("a")
    assert stored is not None and stored.enrichment.near_duplicate_keys == (3, 4)
    assert store.near_duplicate_candidates([1, 2], exclude_id=None) == []
