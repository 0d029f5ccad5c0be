"""The editorial desk in the browser: drafts by status, the Markdown editor with a
server-rendered preview, and the editor's review page.

Signed-in analysts, editors and admins only: anonymous visitors go to the sign-in page, other
accounts get 403. Every POST checks its CSRF token first.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from worldbrief.domain.article import AccessLevel, ArticleType, BodyFormat
from worldbrief.domain.draft import Draft, DraftContent, DraftStatus
from worldbrief.membership.roles import Viewer
from worldbrief.services import desk
from worldbrief.services.desk_rules import draft_content, is_editor, is_writer
from worldbrief.services.platform import Platform
from worldbrief.text.markup import body_to_html
from worldbrief.web.auth.csrf import require_csrf
from worldbrief.web.deps import PlatformDep, SignedInDep
from worldbrief.web.routes.account import form_page

router = APIRouter(include_in_schema=False)
CsrfChecked = Depends(require_csrf)
STATUS_ORDER = (
    DraftStatus.SUBMITTED,
    DraftStatus.DRAFT,
    DraftStatus.SCHEDULED,
    DraftStatus.PUBLISHED,
    DraftStatus.REJECTED,
)
Text = Annotated[str, Form(max_length=1000)]
LongText = Annotated[str, Form(max_length=200_000)]


def _staff(request: Request, session: SignedInDep) -> Viewer | RedirectResponse:
    """The desk's viewer, or the way to the sign-in page; 403 for readers' accounts."""
    if session is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    if not is_writer(session.viewer):
        raise HTTPException(403, "The editorial desk is for analysts, editors and admins.")
    return session.viewer


def _refusals(error: Exception) -> HTTPException:
    if isinstance(error, desk.DeskPermissionError):
        return HTTPException(403, str(error))
    if isinstance(error, desk.DraftNotFoundError):
        return HTTPException(404, "no such draft")
    if isinstance(error, desk.DeskConflictError):
        return HTTPException(409, str(error))
    return HTTPException(400, str(error))


@router.get("/desk", response_class=HTMLResponse)
def desk_home(request: Request, platform: PlatformDep, session: SignedInDep) -> Response:
    viewer = _staff(request, session)
    if isinstance(viewer, Response):
        return viewer
    drafts = desk.list_drafts(platform, viewer)
    groups = [(s, [d for d in drafts if d.status is s]) for s in STATUS_ORDER]
    context = {"groups": groups, "is_editor": is_editor(viewer), "page_title": "Editorial desk"}
    return form_page(request, "desk.html", context)


@router.get("/desk/new", response_class=HTMLResponse)
def new_draft_page(request: Request, session: SignedInDep) -> Response:
    viewer = _staff(request, session)
    if isinstance(viewer, Response):
        return viewer
    return _editor_page(request, viewer, None, _form_of(None), None)


@router.get("/desk/{draft_id}", response_class=HTMLResponse)
def edit_page(
    request: Request, platform: PlatformDep, session: SignedInDep, draft_id: int
) -> Response:
    viewer = _staff(request, session)
    if isinstance(viewer, Response):
        return viewer
    draft = _draft(platform, viewer, draft_id)
    return _editor_page(request, viewer, draft, _form_of(draft.content), None, platform)


class DraftForm:
    """The editor's fields, as posted."""

    def __init__(
        self,
        title: Text = "",
        body: LongText = "",
        type: Text = "analysis",
        teaser: Text = "",
        authors: Text = "",
        countries: Text = "",
        access: Text = "free",
        media_url: Text = "",
        note: Text = "",
        action: Text = "save",
    ) -> None:
        self.action = action
        self.fields = {
            "title": title,
            "body": body,
            "type": type,
            "teaser": teaser,
            "authors": authors,
            "countries": countries,
            "access": access,
            "media_url": media_url,
            "note": note,
        }


PostedDraft = Annotated[DraftForm, Depends()]


@router.post("/desk/new", dependencies=[CsrfChecked])
def create(
    request: Request, platform: PlatformDep, session: SignedInDep, posted: PostedDraft
) -> Response:
    return _save(request, platform, session, posted, None)


@router.post("/desk/{draft_id}", dependencies=[CsrfChecked])
def update(
    request: Request,
    platform: PlatformDep,
    session: SignedInDep,
    posted: PostedDraft,
    draft_id: int,
) -> Response:
    return _save(request, platform, session, posted, draft_id)


def _save(
    request: Request,
    platform: Platform,
    session: SignedInDep,
    posted: DraftForm,
    draft_id: int | None,
) -> Response:
    """``action``: ``preview`` (nothing saved), ``save`` or ``submit`` (save, then submit)."""
    viewer = _staff(request, session)
    if isinstance(viewer, Response):
        return viewer
    draft = _draft(platform, viewer, draft_id) if draft_id is not None else None
    form, action, note = posted.fields, posted.action, posted.fields["note"]
    try:
        content = _content_of(form)
        if action == "preview":
            return _editor_page(request, viewer, draft, form, None, platform, preview=content)
        if draft is None:
            draft = desk.create_draft(platform, viewer, content)
        else:
            draft = desk.update_draft(platform, viewer, draft.id, content, note)
        if action == "submit":
            desk.submit_draft(platform, viewer, draft.id)
    except desk.DeskInputError as error:
        return _editor_page(request, viewer, draft, form, str(error), platform, status_code=400)
    except (desk.DeskError, desk.DraftNotFoundError) as error:
        raise _refusals(error) from None
    return RedirectResponse(f"/desk/{draft.id}", status_code=303)


@router.get("/desk/{draft_id}/review", response_class=HTMLResponse)
def review_page(
    request: Request, platform: PlatformDep, session: SignedInDep, draft_id: int
) -> Response:
    viewer = _staff(request, session)
    if isinstance(viewer, Response):
        return viewer
    if not is_editor(viewer):
        raise HTTPException(403, "Only editors and admins review drafts.")
    draft = _draft(platform, viewer, draft_id)
    return _review_page(request, platform, viewer, draft, None)


@router.post("/desk/{draft_id}/publish", dependencies=[CsrfChecked])
def publish(
    request: Request, platform: PlatformDep, session: SignedInDep, draft_id: int
) -> Response:
    return _review_action(request, platform, session, draft_id, "publish", "")


@router.post("/desk/{draft_id}/schedule", dependencies=[CsrfChecked])
def schedule(
    request: Request,
    platform: PlatformDep,
    session: SignedInDep,
    draft_id: int,
    publish_at: Text = "",
) -> Response:
    return _review_action(request, platform, session, draft_id, "schedule", publish_at)


@router.post("/desk/{draft_id}/reject", dependencies=[CsrfChecked])
def reject(
    request: Request, platform: PlatformDep, session: SignedInDep, draft_id: int, note: Text = ""
) -> Response:
    return _review_action(request, platform, session, draft_id, "reject", note)


def _review_action(
    request: Request,
    platform: Platform,
    session: SignedInDep,
    draft_id: int,
    action: str,
    value: str,
) -> Response:
    viewer = _staff(request, session)
    if isinstance(viewer, Response):
        return viewer
    try:
        if action == "publish":
            desk.publish_draft(platform, viewer, draft_id)
        elif action == "schedule":
            desk.schedule_draft(platform, viewer, draft_id, _local_time(value))
        else:
            desk.reject_draft(platform, viewer, draft_id, value)
    except desk.DeskInputError as error:
        draft = _draft(platform, viewer, draft_id)
        return _review_page(request, platform, viewer, draft, str(error), status_code=400)
    except (desk.DeskError, desk.DraftNotFoundError) as error:
        raise _refusals(error) from None
    return RedirectResponse(f"/desk/{draft_id}/review", status_code=303)


def _local_time(value: str) -> datetime:
    """A ``datetime-local`` field's value, taken as UTC (the form says so)."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise desk.DeskInputError("publish_at: must be a date and time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _draft(platform: Platform, viewer: Viewer, draft_id: int) -> Draft:
    try:
        return desk.get_draft(platform, viewer, draft_id)
    except (desk.DeskError, desk.DraftNotFoundError) as error:
        raise _refusals(error) from None


def _form_of(content: DraftContent | None) -> dict[str, str]:
    if content is None:
        return {"title": "", "body": "", "type": "analysis", "teaser": "", "authors": "",
                "countries": "", "access": "free", "media_url": "", "note": ""}  # fmt: skip
    authors = "\n".join(f"{a.name} | {a.role}" if a.role else a.name for a in content.authors)
    return {
        "title": content.title,
        "body": content.body,
        "type": content.type.value,
        "teaser": content.teaser,
        "authors": authors,
        "countries": ", ".join(content.countries),
        "access": content.access.value,
        "media_url": content.media_url or "",
        "note": "",
    }


def _content_of(form: dict[str, str]) -> DraftContent:
    """Authors one per line as ``Name | Role``; countries separated by commas or spaces."""
    authors = []
    for line in form["authors"].splitlines():
        name, _, role = line.partition("|")
        authors.append((name, role or None))
    return draft_content(
        title=form["title"],
        body=form["body"],
        type=form["type"],
        teaser=form["teaser"],
        authors=authors,
        countries=form["countries"].replace(",", " ").split(),
        access=form["access"],
        media_url=form["media_url"],
    )


def _editor_page(
    request: Request,
    viewer: Viewer,
    draft: Draft | None,
    form: dict[str, str],
    error: str | None,
    platform: Platform | None = None,
    *,
    preview: DraftContent | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    suggestions = desk.suggest_countries(form["title"], form["body"]) if form["body"] else []
    if not form["countries"].strip() and suggestions:
        # Pre-filled with the geotagger's focus countries; the analyst edits the list.
        focus = [s.code for s in suggestions if s.focus] or [suggestions[0].code]
        form = form | {"countries": ", ".join(focus)}
    revisions = desk.draft_revisions(platform, viewer, draft.id) if draft and platform else []
    context: dict[str, Any] = {
        "draft": draft,
        "form": form,
        "error": error,
        "types": list(ArticleType),
        "access_levels": list(AccessLevel),
        "suggestions": suggestions,
        "preview_html": _preview(preview) if preview else None,
        "revisions": revisions,
        "is_editor": is_editor(viewer),
        "page_title": f"Draft {draft.id}" if draft else "New draft",
    }
    return form_page(request, "desk_edit.html", context, status_code)


def _review_page(
    request: Request,
    platform: Platform,
    viewer: Viewer,
    draft: Draft,
    error: str | None,
    status_code: int = 200,
) -> HTMLResponse:
    context: dict[str, Any] = {
        "draft": draft,
        "error": error,
        "preview_html": _preview(draft.content),
        "revisions": desk.draft_revisions(platform, viewer, draft.id),
        "page_title": f"Review: {draft.content.title}",
    }
    return form_page(request, "desk_review.html", context, status_code)


def _preview(content: DraftContent) -> str:
    """The body as readers will see it: Markdown rendered and sanitised."""
    return body_to_html(content.body, BodyFormat.MARKDOWN)
