"""The desk's workflow: who may write, submit, send back, schedule and publish, and what
publishing makes of a draft."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from worldbrief.domain import AccessLevel
from worldbrief.domain.draft import DraftContent, DraftStatus
from worldbrief.membership.entitlements import Surface
from worldbrief.membership.roles import ANONYMOUS
from worldbrief.search.query import SearchQuery
from worldbrief.services import desk
from worldbrief.services.desk_rules import draft_content
from worldbrief.services.platform import Platform
from worldbrief.services.reading import read_article
from worldbrief.services.search import search_articles

from .conftest import ANALYST, EDITOR, MEMBER, OTHER_ANALYST

BODY = (
    "KYIV — Ukrainian and Turkish officials met on Tuesday to reopen the grain corridor "
    "through the Black Sea. The talks in Kyiv focused on insurance for ships leaving Odesa.\n\n"
    "A second round is planned in Ankara next month, officials said."
)
SECRET = "A second round is planned in Ankara"


def _content(access: str = "members", title: str = "Grain corridor talks resume") -> DraftContent:
    return draft_content(
        title=title,
        body=BODY,
        type="analysis",
        teaser="Officials met to reopen the corridor.",
        authors=[("Ana Ruiz", "Eurasia Analyst")],
        countries=["ua", "TR"],
        access=access,
    )


def test_analyst_writes_and_submits_but_cannot_publish(platform: Platform) -> None:
    draft = desk.create_draft(platform, ANALYST, _content())
    assert draft.status is DraftStatus.DRAFT
    assert draft.content.countries == ("UA", "TR")
    submitted = desk.submit_draft(platform, ANALYST, draft.id)
    assert submitted.status is DraftStatus.SUBMITTED
    with pytest.raises(desk.DeskPermissionError, match="only editors and admins may publish"):
        desk.publish_draft(platform, ANALYST, draft.id)
    with pytest.raises(desk.DeskPermissionError):
        desk.schedule_draft(platform, ANALYST, draft.id, datetime.now(UTC) + timedelta(days=1))
    with pytest.raises(desk.DeskPermissionError):
        desk.reject_draft(platform, ANALYST, draft.id, "no")


def test_analysts_keep_to_their_own_drafts(platform: Platform) -> None:
    draft = desk.create_draft(platform, ANALYST, _content())
    with pytest.raises(desk.DeskPermissionError, match="belongs to another analyst"):
        desk.update_draft(platform, OTHER_ANALYST, draft.id, _content(title="Mine now"))
    with pytest.raises(desk.DeskPermissionError):
        desk.get_draft(platform, OTHER_ANALYST, draft.id)
    assert desk.list_drafts(platform, OTHER_ANALYST) == []
    assert [d.id for d in desk.list_drafts(platform, EDITOR)] == [draft.id]
    assert desk.list_drafts(platform, EDITOR, mine=True) == []


def test_readers_and_members_cannot_use_the_desk(platform: Platform) -> None:
    for viewer in (ANONYMOUS, MEMBER):
        with pytest.raises(desk.DeskPermissionError, match="analysts, editors and admins"):
            desk.create_draft(platform, viewer, _content())


def test_sending_back_returns_to_draft_with_the_note_and_revisions_name_authors(
    platform: Platform,
) -> None:
    draft = desk.create_draft(platform, ANALYST, _content())
    desk.submit_draft(platform, ANALYST, draft.id)
    sent_back = desk.reject_draft(platform, EDITOR, draft.id, "Source the insurance claim.")
    assert sent_back.status is DraftStatus.DRAFT
    assert sent_back.note == "Source the insurance claim."
    desk.update_draft(platform, ANALYST, draft.id, _content(title="Grain talks: sources"))
    revisions = desk.draft_revisions(platform, ANALYST, draft.id)
    assert [(r.number, r.saved_by) for r in revisions] == [
        (1, ANALYST.email),
        (2, ANALYST.email),
        (3, EDITOR.email),
        (4, ANALYST.email),
    ]
    assert revisions[2].note == "sent back: Source the insurance claim."
    assert revisions[3].snapshot["title"] == "Grain talks: sources"


def test_bad_input_is_named(platform: Platform) -> None:
    with pytest.raises(desk.DeskInputError, match="title"):
        draft_content(title="  ", body="x")
    with pytest.raises(desk.DeskInputError, match="countries: each must be a known country code"):
        desk.create_draft(platform, ANALYST, draft_content(title="t", body="b", countries=["XX"]))
    with pytest.raises(desk.DeskInputError, match="media_url"):
        draft_content(title="t", body="b", media_url="javascript:alert(1)")
    for disguised in ("\x01javascript:alert(1)", "http://" + "a" * 64 + ".example/v.mp4"):
        with pytest.raises(desk.DeskInputError, match="media_url"):
            draft_content(title="t", body="b", media_url=disguised)
    draft = desk.create_draft(platform, ANALYST, _content())
    with pytest.raises(desk.DeskInputError, match="note"):
        desk.reject_draft(platform, EDITOR, draft.id, " ")
    with pytest.raises(desk.DeskInputError, match="future"):
        desk.schedule_draft(platform, EDITOR, draft.id, datetime.now(UTC) - timedelta(minutes=1))
    with pytest.raises(desk.DraftNotFoundError):
        desk.publish_draft(platform, EDITOR, 999)


def test_publishing_makes_a_searchable_geotagged_article_locked_for_non_members(
    platform: Platform,
) -> None:
    draft = desk.create_draft(platform, ANALYST, _content(access="members"))
    published = desk.publish_draft(platform, EDITOR, draft.id)
    assert published.status is DraftStatus.PUBLISHED
    assert published.article_id is not None

    article = platform.store.get(published.article_id)
    assert article is not None
    assert article.access is AccessLevel.MEMBERS
    assert article.source.name == "desk"
    assert article.metadata["desk_countries"] == ["UA", "TR"]
    assert "UA" in {c.code for c in article.enrichment.countries}

    result = search_articles(platform, SearchQuery(text="grain corridor"), ANONYMOUS)
    assert [hit.article_id for hit in result.hits] == [published.article_id]

    locked = read_article(platform, published.article_id, ANONYMOUS, Surface.API)
    assert locked is not None and locked.entitlement.locked
    assert SECRET not in locked.body_html
    opened = read_article(platform, published.article_id, MEMBER, Surface.API)
    assert opened is not None and SECRET in opened.body_html


def test_republishing_an_edited_draft_updates_the_same_article(platform: Platform) -> None:
    draft = desk.create_draft(platform, ANALYST, _content())
    first = desk.publish_draft(platform, EDITOR, draft.id)
    desk.update_draft(platform, EDITOR, draft.id, _content(title="Grain corridor deal close"))
    again = desk.publish_draft(platform, EDITOR, draft.id)
    assert again.article_id == first.article_id
    assert again.article_id is not None
    article = platform.store.get(again.article_id)
    assert article is not None and article.title == "Grain corridor deal close"
    assert platform.store.count() == 1


def test_scheduled_drafts_publish_only_when_due(platform: Platform) -> None:
    now = datetime.now(UTC)
    draft = desk.create_draft(platform, ANALYST, _content(access="free"))
    when = now + timedelta(hours=2)
    scheduled = desk.schedule_draft(platform, EDITOR, draft.id, when, now=now)
    assert scheduled.status is DraftStatus.SCHEDULED

    assert desk.publish_due(platform, now + timedelta(hours=1)) == []
    assert platform.store.count() == 0
    published = desk.publish_due(platform, when)
    assert [d.id for d in published] == [draft.id]
    assert desk.get_draft(platform, EDITOR, draft.id).status is DraftStatus.PUBLISHED
    assert platform.store.count() == 1
    assert desk.publish_due(platform, when + timedelta(hours=1)) == []


def test_suggested_countries_come_from_the_geotagger() -> None:
    codes = [s.code for s in desk.suggest_countries("Grain corridor talks", BODY)]
    assert codes[0] == "UA"
    assert "TR" in codes


def test_a_scheduled_draft_that_cannot_be_published_returns_with_the_reason(
    platform: Platform,
) -> None:
    now = datetime.now(UTC)
    empty = draft_content(title="Placeholder", body="")
    draft = desk.create_draft(platform, ANALYST, empty)
    desk.schedule_draft(platform, EDITOR, draft.id, now + timedelta(minutes=5), now=now)
    other = desk.create_draft(platform, ANALYST, _content(access="free"))
    desk.schedule_draft(platform, EDITOR, other.id, now + timedelta(minutes=5), now=now)

    published = desk.publish_due(platform, now + timedelta(minutes=10))
    assert [d.id for d in published] == [other.id]
    back = desk.get_draft(platform, EDITOR, draft.id)
    assert back.status is DraftStatus.DRAFT
    assert "empty body" in back.note


def test_republishing_with_only_a_new_access_level_locks_the_article(platform: Platform) -> None:
    draft = desk.create_draft(platform, ANALYST, _content(access="free"))
    first = desk.publish_draft(platform, EDITOR, draft.id)
    assert first.article_id is not None
    desk.update_draft(platform, EDITOR, draft.id, _content(access="members"))
    desk.publish_draft(platform, EDITOR, draft.id)
    article = platform.store.get(first.article_id)
    assert article is not None and article.access is AccessLevel.MEMBERS
    locked = read_article(platform, first.article_id, ANONYMOUS, Surface.API)
    assert locked is not None and locked.entitlement.locked
    hits = search_articles(platform, SearchQuery(text="grain corridor"), ANONYMOUS).hits
    assert [h.access for h in hits] == ["members"]
