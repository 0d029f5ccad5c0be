"""Use cases of the editorial desk: write, review, schedule and publish drafts.

Publishing turns a draft into a RawDocument and sends it through ``ingest_records``, the same
pipeline as every other source (enrichment, store, index). The article's identity is
``desk:<draft id>``, so republishing an edited draft updates the same article, and a retry
lands on the same article.

A publication is recorded before it starts and completed (draft, revision and audit event in
one transaction) after the article is stored. If the process dies in between, ``publish_due``
finds the publication once its claim is older than ``PUBLICATION_LEASE`` and finishes it, so
draft, article and audit log come back into agreement. Claims also keep several server
processes from publishing the same scheduled draft twice.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from worldbrief.domain import Article, BodyFormat, RawDocument
from worldbrief.domain.draft import Draft, DraftContent, DraftStatus, Revision
from worldbrief.geo.geoparse import default_geoparser
from worldbrief.geo.geoparser import GeoparseRequest
from worldbrief.membership.roles import Viewer
from worldbrief.services.article_builder import article_id_for, identity_key
from worldbrief.services.desk_rules import (
    DeskConflictError,
    DeskError,
    DeskInputError,
    DeskPermissionError,
    DeskStateError,
    is_editor,
    require_edit,
    require_editor,
    require_reader,
    require_reject,
    require_submit,
    require_writer,
)
from worldbrief.services.indexing import catch_up_if_free
from worldbrief.services.ingest import ingest_records
from worldbrief.services.platform import Platform
from worldbrief.store import DeskStore, DraftNotFoundError
from worldbrief.store.desk_store import (
    DraftChangedError,
    Publication,
    PublicationInProgressError,
)

__all__ = [
    "SCHEDULER",
    "CountrySuggestion",
    "DeskConflictError",
    "DeskError",
    "DeskInputError",
    "DeskPermissionError",
    "DeskStateError",
    "DraftNotFoundError",
    "create_draft",
    "desk_of",
    "draft_revisions",
    "get_draft",
    "list_drafts",
    "publish_draft",
    "publish_due",
    "reject_draft",
    "schedule_draft",
    "submit_draft",
    "suggest_countries",
    "update_draft",
]

SCHEDULER = "system:scheduler"  # who publishes scheduled drafts
DESK_SOURCE = "desk"
# A publication not completed within this time is taken to have died with its process.
PUBLICATION_LEASE = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class CountrySuggestion:
    code: str
    name: str
    score: float
    focus: bool


def desk_of(platform: Platform) -> DeskStore:
    return DeskStore.alongside(platform.store)


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def _check_countries(platform: Platform, content: DraftContent) -> DraftContent:
    for code in content.countries:
        if platform.taxonomy.find_country(code) is None:
            raise DeskInputError("countries: each must be a known country code such as KZ")
    return content


def create_draft(
    platform: Platform, viewer: Viewer, content: DraftContent, now: datetime | None = None
) -> Draft:
    email = require_writer(viewer)
    moment = _now(now)
    draft = Draft(
        id=0,
        content=_check_countries(platform, content),
        status=DraftStatus.DRAFT,
        created_by=email,
        created_at=moment,
        updated_at=moment,
    )
    return desk_of(platform).create(draft, email, "created")


def get_draft(platform: Platform, viewer: Viewer, draft_id: int) -> Draft:
    require_writer(viewer)
    draft = desk_of(platform).get(draft_id)
    require_reader(viewer, draft)
    return draft


def draft_revisions(platform: Platform, viewer: Viewer, draft_id: int) -> list[Revision]:
    get_draft(platform, viewer, draft_id)
    return desk_of(platform).revisions(draft_id)


def list_drafts(
    platform: Platform, viewer: Viewer, status: DraftStatus | None = None, mine: bool = False
) -> list[Draft]:
    """Editors see every draft (or only theirs with ``mine``); analysts only their own."""
    email = require_writer(viewer)
    only = email if mine or not is_editor(viewer) else None
    return desk_of(platform).drafts(status=status, created_by=only)


def update_draft(
    platform: Platform,
    viewer: Viewer,
    draft_id: int,
    content: DraftContent,
    note: str = "",
    now: datetime | None = None,
) -> Draft:
    desk = desk_of(platform)
    draft = desk.get(draft_id)
    email = require_edit(viewer, draft)
    changed = dataclasses.replace(
        draft, content=_check_countries(platform, content), updated_at=_now(now)
    )
    return desk.save(changed, email, note.strip() or "edited")


def submit_draft(
    platform: Platform, viewer: Viewer, draft_id: int, now: datetime | None = None
) -> Draft:
    desk = desk_of(platform)
    draft = desk.get(draft_id)
    email = require_submit(viewer, draft)
    changed = dataclasses.replace(
        draft, status=DraftStatus.SUBMITTED, note="", updated_at=_now(now)
    )
    return desk.save(changed, email, "submitted for review")


def reject_draft(
    platform: Platform, viewer: Viewer, draft_id: int, note: str, now: datetime | None = None
) -> Draft:
    """Send a draft back to its writer: it returns to ``draft`` with the editor's note."""
    desk = desk_of(platform)
    draft = desk.get(draft_id)
    email = require_reject(viewer, draft)
    note = note.strip()
    if not note:
        raise DeskInputError("note: say what needs to change before sending a draft back")
    changed = dataclasses.replace(
        draft, status=DraftStatus.DRAFT, note=note, publish_at=None, updated_at=_now(now)
    )
    return desk.save(changed, email, f"sent back: {note}")


def schedule_draft(
    platform: Platform,
    viewer: Viewer,
    draft_id: int,
    publish_at: datetime,
    now: datetime | None = None,
) -> Draft:
    desk = desk_of(platform)
    draft = desk.get(draft_id)
    email = require_editor(viewer, "schedule")
    moment = _now(now)
    when = publish_at if publish_at.tzinfo else publish_at.replace(tzinfo=UTC)
    if when <= moment:
        raise DeskInputError("publish_at: a scheduled time must be in the future")
    changed = dataclasses.replace(
        draft, status=DraftStatus.SCHEDULED, publish_at=when.astimezone(UTC), updated_at=moment
    )
    return desk.save(changed, email, f"scheduled for {changed.publish_at:%Y-%m-%d %H:%M} UTC")


def publish_draft(
    platform: Platform, viewer: Viewer, draft_id: int, now: datetime | None = None
) -> Draft:
    email = require_editor(viewer, "publish")
    return _publish(platform, desk_of(platform).get(draft_id), email, _now(now))


def publish_due(platform: Platform, now: datetime | None = None) -> list[Draft]:
    """Finish publications interrupted by a crash, then publish every scheduled draft whose
    time has come; one failure does not stop the rest."""
    moment = _now(now)
    desk = desk_of(platform)
    published = [
        done
        for stalled in desk.stalled_publications(moment - PUBLICATION_LEASE)
        if (done := _resume(platform, stalled, moment)) is not None
    ]
    for draft in desk.due(moment):
        try:
            published.append(_publish(platform, draft, SCHEDULER, moment))
        except DeskConflictError:
            continue  # another process is publishing it, or just did
        except DeskInputError as error:
            failed = dataclasses.replace(
                draft, status=DraftStatus.DRAFT, note=str(error), updated_at=moment
            )
            desk.save(failed, SCHEDULER, f"scheduled publication failed: {error}")
    return published


def _resume(platform: Platform, stalled: Publication, now: datetime) -> Draft | None:
    desk = desk_of(platform)
    claim = desk.take_over(stalled, now)
    if claim is None:
        return None  # another process took it over first
    try:
        return _carry_out(platform, desk.get(stalled.draft_id), stalled.requested_by, claim, now)
    except DeskInputError as error:
        draft = desk.get(stalled.draft_id)
        failed = dataclasses.replace(
            draft, status=DraftStatus.DRAFT, note=str(error), updated_at=now
        )
        desk.save(failed, SCHEDULER, f"publication failed: {error}")
        return None


def _raw_document(draft: Draft, previous: Article | None, now: datetime) -> RawDocument:
    content = draft.content
    # Only a publication recorded on the draft makes this an update; an article stored by an
    # interrupted first publication keeps its date and gets no "updated" stamp.
    republished = previous is not None and draft.article_id is not None
    return RawDocument(
        location=f"desk:{draft.id}",
        title=content.title,
        body=content.body,
        body_format=BodyFormat.MARKDOWN,
        external_id=f"desk:{draft.id}",
        teaser=content.teaser or None,
        type=content.type,
        authors=content.authors,
        published_at=previous.published_at if previous else now,
        updated_at=now if republished else None,
        source_name=DESK_SOURCE,
        access=content.access,
        media_url=content.media_url,
        metadata={"desk_draft": draft.id, "desk_countries": list(content.countries)},
    )


def _publish(platform: Platform, draft: Draft, email: str, now: datetime) -> Draft:
    article_id = article_id_for(identity_key(_raw_document(draft, None, now)))
    try:
        claim = desk_of(platform).begin_publication(
            draft, article_id, email, now, PUBLICATION_LEASE
        )
    except PublicationInProgressError:
        raise DeskConflictError(f"draft {draft.id} is being published already") from None
    except DraftChangedError:
        raise DeskConflictError(f"draft {draft.id} changed meanwhile; reload it") from None
    return _carry_out(platform, draft, email, claim, now)


def _carry_out(platform: Platform, draft: Draft, email: str, claim: str, now: datetime) -> Draft:
    """Store the article (idempotent: its id comes from the draft's), then record it on the
    draft with its revision and audit event in one transaction."""
    desk = desk_of(platform)
    article_id = article_id_for(identity_key(_raw_document(draft, None, now)))
    previous = platform.store.get(draft.article_id or article_id)
    report = ingest_records(platform, [_raw_document(draft, previous, now)])
    if report.rejected:
        desk.abandon_publication(draft.id, claim)
        raise DeskInputError(f"draft {draft.id} cannot be published: {report.rejected[0].reason}")
    if report.unchanged and previous is not None:
        _apply_fields_beyond_text(platform, previous, draft.content, now)
    published = dataclasses.replace(
        draft,
        status=DraftStatus.PUBLISHED,
        article_id=report.article_ids[0],
        publish_at=None,
        note="",
        updated_at=now,
    )
    actor = f"account:{email}" if "@" in email else email
    audit = (actor, published.article_id or "", f"draft {draft.id}")
    if not desk.complete_publication(published, claim, email, audit):
        return desk.get(draft.id)  # taken over by another process, which records it
    return published


def _apply_fields_beyond_text(
    platform: Platform, previous: Article, content: DraftContent, now: datetime
) -> None:
    """Ingest skips a document whose text is unchanged, so a republish that only changes the
    access level, type, byline, teaser or media reaches the article here; its enrichment
    depends on the text alone and stays valid."""
    changed = dataclasses.replace(
        previous,
        type=content.type,
        teaser=content.teaser or previous.teaser,
        authors=content.authors,
        access=content.access,
        media_url=content.media_url,
        metadata=previous.metadata | {"desk_countries": list(content.countries)},
    )
    if changed != previous:
        platform.store.upsert_articles([dataclasses.replace(changed, updated_at=now)])
        catch_up_if_free(platform.store, platform.index)


def suggest_countries(title: str, body: str) -> list[CountrySuggestion]:
    """The countries the geotagger finds in a text, strongest first."""
    title = " ".join(title.split())
    text = f"{title}\n\n{body}" if title else body
    result = default_geoparser().geoparse(
        GeoparseRequest(text, body_start=len(title) + 2 if title else 0)
    )
    ranked = sorted(result.countries, key=lambda c: (not c.focus, -c.score, c.code))
    return [CountrySuggestion(c.code, c.name, round(c.score, 3), c.focus) for c in ranked]
