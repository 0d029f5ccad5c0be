"""Feed entries: the paywall decides for each entry whether its body goes in, and a kept
rendering of a body is never served once the article has changed."""

from __future__ import annotations

from dataclasses import replace

from contract.conftest import build_article
from worldbrief.domain import AccessLevel, BodyFormat
from worldbrief.domain.feed_article import FeedEntry
from worldbrief.domain.listing import ListingQuery
from worldbrief.membership.roles import ANONYMOUS, Role, Viewer
from worldbrief.search.query import SearchQuery, SortOrder
from worldbrief.services.feed_entries import (
    feed_entries,
    latest_feed_entries,
    search_feed_entries,
)
from worldbrief.services.indexing import catch_up_platform
from worldbrief.services.platform import Platform
from worldbrief.services.rendered_bodies import RenderedBodies, rendered_bodies_of
from worldbrief.text.markup import body_to_html

MEMBER = Viewer(role=Role.MEMBER)
REGISTERED = Viewer(role=Role.REGISTERED)
FREE_BODY = "Wells of the *steppe*.\n\n<script>alert(1)</script>"
LOCKED_BODY = "Pipeline **tariffs**, for members."


def _store(platform: Platform) -> None:
    platform.store.upsert_articles(
        [
            build_article("free", body=FREE_BODY, focus={"KZ": 0.9}, regions=("central-asia",)),
            build_article(
                "locked",
                body=LOCKED_BODY,
                plain_text=f"Title of locked\n\n{LOCKED_BODY}",
                access=AccessLevel.MEMBERS,
                focus={"KZ": 0.8},
            ),
        ]
    )
    catch_up_platform(platform)


def _bodies(entries: list[FeedEntry]) -> dict[str, str | None]:
    return {e.article.id: e.content_html for e in entries}


def test_the_paywall_decides_each_entry(platform: Platform) -> None:
    _store(platform)
    free_html = body_to_html(FREE_BODY, BodyFormat.MARKDOWN)
    assert "<script>" not in free_html and "<em>steppe</em>" in free_html

    for viewer in (ANONYMOUS, REGISTERED):
        assert _bodies(feed_entries(platform, ["locked", "free"], viewer)) == {
            "locked": None,
            "free": free_html,
        }
    assert _bodies(feed_entries(platform, ["locked", "free"], MEMBER)) == {
        "locked": body_to_html(LOCKED_BODY, BodyFormat.MARKDOWN),
        "free": free_html,
    }
    # Rendered for a member first: the kept rendering is still not given to a reader.
    assert _bodies(feed_entries(platform, ["locked"], ANONYMOUS)) == {"locked": None}


def test_listing_and_search_entries_come_in_their_order(platform: Platform) -> None:
    _store(platform)
    listed = latest_feed_entries(platform, ListingQuery(countries=("KZ",), limit=30), ANONYMOUS)
    assert sorted(e.article.id for e in listed) == ["free", "locked"]
    assert [e.article.id for e in listed] == list(
        platform.site_reads.list_page(ListingQuery(countries=("KZ",), limit=30)).ids
    )
    query = SearchQuery(text="pipeline", sort=SortOrder.NEWEST, per_page=30)
    # A reader's words do not match a body they may not read; a member's do.
    assert search_feed_entries(platform, query, ANONYMOUS) == []
    (hit,) = search_feed_entries(platform, query, MEMBER)
    assert hit.article.id == "locked" and hit.content_html is not None


def test_a_changed_article_is_rendered_again_never_served_stale(platform: Platform) -> None:
    _store(platform)
    first = _bodies(feed_entries(platform, ["free"], ANONYMOUS))["free"]
    assert first is not None and "steppe" in first

    article = build_article("free", body="Rewritten: *tundra*.", focus={"KZ": 0.9})
    platform.store.upsert_articles([article])
    assert _bodies(feed_entries(platform, ["free"], ANONYMOUS)) == {
        "free": body_to_html("Rewritten: *tundra*.", BodyFormat.MARKDOWN)
    }
    # Locked by the desk: the body goes, however recently it was rendered.
    platform.store.upsert_articles([replace(article, access=AccessLevel.MEMBERS)])
    assert _bodies(feed_entries(platform, ["free"], ANONYMOUS)) == {"free": None}
    # Deleted, then stored again with its first text: that text, not the rewrite.
    platform.store.delete("free")
    assert feed_entries(platform, ["free"], ANONYMOUS) == []
    platform.store.upsert_articles([build_article("free", body=FREE_BODY, focus={"KZ": 0.9})])
    assert _bodies(feed_entries(platform, ["free"], ANONYMOUS)) == {
        "free": body_to_html(FREE_BODY, BodyFormat.MARKDOWN)
    }


def test_renderings_are_kept_per_version_within_their_budget(platform: Platform) -> None:
    _store(platform)
    kept = rendered_bodies_of(platform.site_reads.lagging)
    assert rendered_bodies_of(platform.site_reads.lagging) is kept
    before = len(kept)
    feed_entries(platform, ["free", "locked"], MEMBER)
    feed_entries(platform, ["free", "locked"], MEMBER)
    assert len(kept) == before + 2

    (article,) = platform.site_reads.feed_articles(["free"])
    html = body_to_html(article.body, article.body_format)
    small = RenderedBodies(capacity_chars=len(html))
    assert small.html(article) == html and len(small) == 1
    newer = replace(article, body="Short.", seq=article.seq + 1)
    assert small.html(newer) == body_to_html("Short.", BodyFormat.MARKDOWN)
    assert len(small) == 1  # the older rendering made room
    assert small.html(article) == html  # rendered again when asked again
    nothing_kept = RenderedBodies(capacity_chars=0)
    assert nothing_kept.html(article) == html and len(nothing_kept) == 0
