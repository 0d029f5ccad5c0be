"""Articles, rendered bodies and topic profiles kept per article version: a changed article is
read again, never served stale; what is kept equals what a fresh read gives; the paywall still
decides each reading."""

from __future__ import annotations

from dataclasses import replace

from contract.conftest import build_article
from worldbrief.domain import AccessLevel, Article, BodyFormat, PlaceMention
from worldbrief.membership.roles import ANONYMOUS, Role, Viewer
from worldbrief.services.connected import connected_content
from worldbrief.services.indexing import catch_up_platform
from worldbrief.services.kept_articles import KeptArticles
from worldbrief.services.kept_profiles import KeptProfiles, kept_profiles_of, profiles_of
from worldbrief.services.platform import Platform
from worldbrief.services.reading import read_article
from worldbrief.text.markup import body_to_html

MEMBER = Viewer(role=Role.MEMBER)


def _place(geonameid: int) -> PlaceMention:
    return PlaceMention(
        start=0, end=5, text="Aktau", name="Aktau", geonameid=geonameid, lat=43.6, lon=51.2,
        country="KZ", admin1=None, feature="P.PPLA",
    )  # fmt: skip


def _placed(article: Article, *places: PlaceMention) -> Article:
    return replace(article, enrichment=replace(article.enrichment, places=places))


def test_a_changed_article_is_read_again_never_served_stale(platform: Platform) -> None:
    platform.store.upsert_articles([build_article("a", body="First *text*.", focus={"KZ": 0.9})])
    first = read_article(platform, "a", ANONYMOUS)
    again = read_article(platform, "a", ANONYMOUS)
    assert first is not None and again is not None
    assert again.article is first.article  # kept
    assert again.body_html == body_to_html("First *text*.", BodyFormat.MARKDOWN)

    rewritten = build_article("a", body="Second *text*.", focus={"KZ": 0.9})
    platform.store.upsert_articles([rewritten])
    reading = read_article(platform, "a", ANONYMOUS)
    assert reading is not None
    assert reading.article.body == "Second *text*."
    assert reading.body_html == body_to_html("Second *text*.", BodyFormat.MARKDOWN)
    assert reading.article == platform.store.get("a")

    # Locked by the desk: the kept body is not given to a reader, and is to a member.
    platform.store.upsert_articles([replace(rewritten, access=AccessLevel.MEMBERS)])
    locked = read_article(platform, "a", ANONYMOUS)
    assert locked is not None and locked.body_html == "" and not locked.entitlement.full_text
    member = read_article(platform, "a", MEMBER)
    assert member is not None and "Second" in member.body_html

    platform.store.delete("a")
    assert read_article(platform, "a", ANONYMOUS) is None


def test_kept_articles_stay_within_their_budget() -> None:
    article = build_article("a", body="Some *text*.")
    size = len(article.body) + len(article.plain_text)
    kept = KeptArticles(capacity_chars=size + len(body_to_html(article.body, article.body_format)))
    kept.put(1, article)
    assert kept.get("a", 1) is article and kept.get("a", 2) is None
    assert kept.body_html(1, article) == body_to_html("Some *text*.", BodyFormat.MARKDOWN)
    newer = replace(article, body="Other.")
    kept.put(2, newer)
    assert kept.get("a", 2) is newer and kept.get("a", 1) is None  # the older one made room
    assert kept.body_html(None, newer) == body_to_html("Other.", BodyFormat.MARKDOWN)
    nothing = KeptArticles(capacity_chars=0)
    nothing.put(1, article)
    assert len(nothing) == 0 and nothing.get("a", 1) is None


def test_kept_profiles_follow_each_write(platform: Platform) -> None:
    platform.store.upsert_articles(
        [
            build_article("a", focus={"KZ": 0.9}),
            _placed(build_article("b", focus={"KZ": 0.8, "UZ": 0.5}), _place(1)),
        ]
    )
    kept = KeptProfiles()
    fresh = [profile for _, profile in platform.site_reads.topic_profiles(["b", "a"])]
    assert profiles_of(platform.site_reads, ["b", "missing", "a"], kept) == fresh
    assert len(kept) == 2
    assert profiles_of(platform.site_reads, ["b", "a"], kept) == fresh  # from what is kept

    platform.store.upsert_articles(
        [_placed(build_article("b", focus={"UZ": 0.9}, duplicate_of="a"), _place(2))]
    )
    (changed,) = profiles_of(platform.site_reads, ["b"], kept)
    assert changed.focus == (("UZ", True),) and changed.places == ((2, "P.PPLA"),)
    assert changed.duplicate_of == "a"
    platform.store.delete("b")
    assert profiles_of(platform.site_reads, ["b", "a"], kept) == fresh[1:]


def test_connected_content_is_the_same_kept_or_read(platform: Platform) -> None:
    platform.store.upsert_articles(
        [
            _placed(build_article(f"n{i}", focus={"KZ": 0.9, "UZ": 0.3 + i / 20}), _place(i % 3))
            for i in range(8)
        ]
    )
    catch_up_platform(platform)
    article = platform.store.get("n0")
    assert article is not None
    kept = kept_profiles_of(platform.site_reads.lagging)
    first = connected_content(platform, article, 5)
    assert len(kept) > 0 and first
    assert connected_content(platform, article, 5) == first
    assert kept_profiles_of(platform.site_reads.lagging) is kept
