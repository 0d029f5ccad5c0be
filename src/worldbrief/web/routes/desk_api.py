"""The editorial desk API (``/api/desk/...``): drafts, review and publishing for automation.

Only bearer tokens of analyst, editor and admin accounts are accepted: 401 without a valid
token, 403 for other accounts. Role rules are the desk service's; this module maps them to HTTP.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from worldbrief.domain.article import AccessLevel, ArticleType
from worldbrief.domain.draft import Draft, DraftContent, DraftStatus, Revision
from worldbrief.membership.roles import Viewer
from worldbrief.services import desk
from worldbrief.services.desk import CountrySuggestion
from worldbrief.services.desk_rules import draft_content, require_writer
from worldbrief.web.api_errors import error_responses
from worldbrief.web.api_models import AuthorPublic
from worldbrief.web.deps import PlatformDep, RowIdPath, token_account
from worldbrief.web.json_body import JsonBodyRoute

router = APIRouter(
    prefix="/api/desk",
    tags=["desk"],
    route_class=JsonBodyRoute,
    responses=error_responses(
        (401, "No bearer token of an account, or one that is unknown or revoked."),
        (403, "The account's role may not do this (the desk is for analysts, editors, admins)."),
        (422, "A parameter or field is missing, of the wrong type, or not acceptable."),
    ),
)
_BODY = error_responses(
    (413, "The body is larger than `WORLDBRIEF_API_MAX_BODY_BYTES`."),
    (415, "The body was not sent as `application/json`."),
)
_DRAFT = error_responses((404, "No draft with that id."))
_STATE = error_responses((409, "The draft's status does not allow this step."))
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


class DraftCreate(BaseModel):
    """A draft's content; ``PUT`` sends all of it again."""

    title: str = Field(min_length=1, max_length=300, description="The headline.")
    body: str = Field(max_length=200_000, description="Markdown.")
    type: ArticleType = Field(default=ArticleType.ANALYSIS, description="The kind of piece.")
    teaser: str = Field(
        default="", max_length=1000, description="Shown on cards; empty: the first sentences."
    )
    authors: list[AuthorPublic] = Field(
        default=[], max_length=20, description="Bylines, each a name and an optional role."
    )
    countries: list[str] = Field(default=[], max_length=50, description="ISO alpha-2 codes")
    access: AccessLevel = Field(
        default=AccessLevel.FREE, description="`free`, or `members` for members only."
    )
    media_url: str | None = Field(default=None, description="A dispatch's video or audio")

    def content(self) -> DraftContent:
        """Raises DeskInputError naming the field when a value is not acceptable."""
        return draft_content(
            title=self.title,
            body=self.body,
            type=self.type,
            teaser=self.teaser,
            authors=[(a.name, a.role) for a in self.authors],
            countries=self.countries,
            access=self.access,
            media_url=self.media_url,
        )


class DraftUpdate(DraftCreate):
    note: str = Field(default="", max_length=1000, description="What changed, for the history")


class RejectRequest(BaseModel):
    note: str = Field(min_length=1, max_length=2000, description="What needs to change")


class ScheduleRequest(BaseModel):
    publish_at: datetime = Field(description="When to publish; UTC unless an offset is given")


class SuggestRequest(BaseModel):
    title: str = Field(default="", max_length=300, description="Weighs most for the focus.")
    body: str = Field(default="", max_length=200_000, description="Plain text or Markdown.")


class CountrySuggestionPublic(BaseModel):
    code: str
    name: str
    score: float
    focus: bool


class SuggestResponse(BaseModel):
    countries: list[CountrySuggestionPublic]


class RevisionPublic(BaseModel):
    number: int
    saved_by: str
    saved_at: datetime
    note: str
    snapshot: dict[str, object]


class DraftPublic(BaseModel):
    id: int
    status: DraftStatus
    title: str
    body: str
    type: ArticleType
    teaser: str
    authors: list[AuthorPublic]
    countries: list[str]
    access: AccessLevel
    media_url: str | None
    publish_at: datetime | None
    article_id: str | None
    note: str
    created_by: str
    created_at: datetime
    updated_at: datetime
    revisions: list[RevisionPublic] | None = None


class DraftList(BaseModel):
    drafts: list[DraftPublic]


def draft_public(draft: Draft, revisions: list[Revision] | None = None) -> DraftPublic:
    content = draft.content
    return DraftPublic(
        id=draft.id,
        status=draft.status,
        title=content.title,
        body=content.body,
        type=content.type,
        teaser=content.teaser,
        authors=[AuthorPublic(name=a.name, role=a.role) for a in content.authors],
        countries=list(content.countries),
        access=content.access,
        media_url=content.media_url,
        publish_at=draft.publish_at,
        article_id=draft.article_id,
        note=draft.note,
        created_by=draft.created_by,
        created_at=draft.created_at,
        updated_at=draft.updated_at,
        revisions=None
        if revisions is None
        else [
            RevisionPublic(
                number=r.number,
                saved_by=r.saved_by,
                saved_at=r.saved_at,
                note=r.note,
                snapshot=r.snapshot,
            )
            for r in revisions
        ],
    )


def suggestions_public(found: list[CountrySuggestion]) -> SuggestResponse:
    return SuggestResponse(
        countries=[
            CountrySuggestionPublic(code=s.code, name=s.name, score=s.score, focus=s.focus)
            for s in found
        ]
    )


def desk_viewer(request: Request, platform: PlatformDep) -> Viewer:
    """The token's account (``token_account``: 401 without one), 403 when its role may not
    use the desk."""
    viewer = token_account(request, platform)
    try:
        require_writer(viewer)
    except desk.DeskPermissionError as error:
        raise HTTPException(403, str(error)) from None
    return viewer


DeskViewer = Annotated[Viewer, Depends(desk_viewer)]


@contextmanager
def desk_errors() -> Iterator[None]:
    """Service refusals as HTTP: 403 for roles, 404 for unknown drafts, 422 for bad input,
    409 while another request publishes the same draft."""
    try:
        yield
    except desk.DeskPermissionError as error:
        raise HTTPException(403, str(error)) from None
    except desk.DraftNotFoundError:
        raise HTTPException(404, "no such draft") from None
    except desk.DeskInputError as error:
        raise HTTPException(422, str(error)) from None
    except desk.DeskConflictError as error:
        raise HTTPException(409, str(error)) from None


@router.post(
    "/drafts",
    response_model=DraftPublic,
    status_code=201,
    summary="Create a draft",
    responses=_BODY,
)
def create(payload: DraftCreate, platform: PlatformDep, viewer: DeskViewer) -> DraftPublic:
    with desk_errors():
        return draft_public(desk.create_draft(platform, viewer, payload.content()))


@router.get("/drafts", response_model=DraftList, summary="List drafts, latest change first")
def list_all(
    platform: PlatformDep,
    viewer: DeskViewer,
    status: Annotated[
        DraftStatus | None, Query(description="Only drafts in this state; default: all.")
    ] = None,
    mine: Annotated[bool, Query(description="Only the drafts the caller created.")] = False,
) -> DraftList:
    with desk_errors():
        drafts = desk.list_drafts(platform, viewer, status=status, mine=mine)
    return DraftList(drafts=[draft_public(d) for d in drafts])


@router.get(
    "/drafts/{draft_id}",
    response_model=DraftPublic,
    summary="A draft and its revisions",
    responses=_DRAFT,
)
def get(draft_id: RowIdPath, platform: PlatformDep, viewer: DeskViewer) -> DraftPublic:
    with desk_errors():
        draft = desk.get_draft(platform, viewer, draft_id)
        return draft_public(draft, desk.draft_revisions(platform, viewer, draft_id))


@router.put(
    "/drafts/{draft_id}",
    response_model=DraftPublic,
    summary="Replace a draft's content",
    responses={**_DRAFT, **_BODY},
)
def update(
    draft_id: RowIdPath, payload: DraftUpdate, platform: PlatformDep, viewer: DeskViewer
) -> DraftPublic:
    with desk_errors():
        content = payload.content()
        return draft_public(desk.update_draft(platform, viewer, draft_id, content, payload.note))


@router.post(
    "/drafts/{draft_id}/submit",
    response_model=DraftPublic,
    summary="Submit for review",
    responses={**_DRAFT, **_STATE},
)
def submit(draft_id: RowIdPath, platform: PlatformDep, viewer: DeskViewer) -> DraftPublic:
    with desk_errors():
        return draft_public(desk.submit_draft(platform, viewer, draft_id))


@router.post(
    "/drafts/{draft_id}/reject",
    response_model=DraftPublic,
    summary="Send back",
    responses={**_DRAFT, **_BODY, **_STATE},
)
def reject(
    draft_id: RowIdPath, payload: RejectRequest, platform: PlatformDep, viewer: DeskViewer
) -> DraftPublic:
    with desk_errors():
        return draft_public(desk.reject_draft(platform, viewer, draft_id, payload.note))


@router.post(
    "/drafts/{draft_id}/schedule",
    response_model=DraftPublic,
    summary="Schedule",
    responses={**_DRAFT, **_BODY},
)
def schedule(
    draft_id: RowIdPath, payload: ScheduleRequest, platform: PlatformDep, viewer: DeskViewer
) -> DraftPublic:
    with desk_errors():
        return draft_public(desk.schedule_draft(platform, viewer, draft_id, payload.publish_at))


@router.post(
    "/drafts/{draft_id}/publish",
    response_model=DraftPublic,
    summary="Publish now",
    responses={
        **_DRAFT,
        **error_responses((409, "Another request is publishing this draft, or it changed.")),
    },
)
def publish(draft_id: RowIdPath, platform: PlatformDep, viewer: DeskViewer) -> DraftPublic:
    with desk_errors():
        return draft_public(desk.publish_draft(platform, viewer, draft_id))


@router.post(
    "/suggest-countries",
    response_model=SuggestResponse,
    summary="Countries in a text",
    responses=_BODY,
)
def suggest(payload: SuggestRequest, viewer: DeskViewer) -> SuggestResponse:
    return suggestions_public(desk.suggest_countries(payload.title, payload.body))
