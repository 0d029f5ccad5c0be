"""The desk's rules, pure: who may do what to a draft, and what a draft's content must be.

Analysts write and submit their own drafts; editors and admins edit any draft, send it back,
schedule it or publish it. Every refusal is a ``DeskPermissionError`` naming what was refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from worldbrief.domain.account import Role
from worldbrief.domain.article import AccessLevel, ArticleType, Author
from worldbrief.domain.draft import Draft, DraftContent, DraftStatus
from worldbrief.membership.roles import Viewer
from worldbrief.text.urls import UnsafeUrlError, checked_http_url

WRITER_ROLES = frozenset({Role.ANALYST, Role.EDITOR, Role.ADMIN})
EDITOR_ROLES = frozenset({Role.EDITOR, Role.ADMIN})
MAX_TITLE = 300
MAX_BODY = 200_000
MAX_TEASER = 1_000
MAX_AUTHORS = 20
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


class DeskError(Exception):
    """A desk request that cannot be carried out; the message says why."""


class DeskPermissionError(DeskError, PermissionError):
    """The viewer's role does not allow this."""


class DeskInputError(DeskError, ValueError):
    """A field of a draft is missing or not valid."""


class DeskConflictError(DeskError):
    """The draft is being published by someone else, or changed meanwhile: reload and retry."""


class DeskStateError(DeskConflictError):
    """The draft's status does not allow this step (submitting a published draft, say)."""


def is_writer(viewer: Viewer) -> bool:
    return viewer.role in WRITER_ROLES and viewer.email is not None


def is_editor(viewer: Viewer) -> bool:
    return viewer.role in EDITOR_ROLES and viewer.email is not None


def require_writer(viewer: Viewer) -> str:
    """The viewer's email when they may use the desk at all."""
    if not is_writer(viewer) or viewer.email is None:
        raise DeskPermissionError("the editorial desk is for analysts, editors and admins")
    return viewer.email


def require_editor(viewer: Viewer, action: str) -> str:
    if not is_editor(viewer) or viewer.email is None:
        raise DeskPermissionError(f"only editors and admins may {action} a draft")
    return viewer.email


def may_read(viewer: Viewer, draft: Draft) -> bool:
    return is_editor(viewer) or (is_writer(viewer) and draft.created_by == viewer.email)


def require_reader(viewer: Viewer, draft: Draft) -> None:
    require_writer(viewer)
    if not may_read(viewer, draft):
        raise DeskPermissionError(f"draft {draft.id} belongs to another analyst")


def require_edit(viewer: Viewer, draft: Draft) -> str:
    """Editors edit any draft; an analyst only their own, before it is scheduled or out."""
    email = require_writer(viewer)
    if is_editor(viewer):
        return email
    if draft.created_by != email:
        raise DeskPermissionError(f"draft {draft.id} belongs to another analyst")
    if draft.status not in (DraftStatus.DRAFT, DraftStatus.SUBMITTED):
        raise DeskPermissionError(
            f"draft {draft.id} is {draft.status.value}; only an editor may change it now"
        )
    return email


def require_submit(viewer: Viewer, draft: Draft) -> str:
    email = require_edit(viewer, draft)
    if draft.status is not DraftStatus.DRAFT:
        raise DeskStateError(f"draft {draft.id} is {draft.status.value}, not a draft to submit")
    return email


def require_reject(viewer: Viewer, draft: Draft) -> str:
    email = require_editor(viewer, "send back")
    if draft.status not in (DraftStatus.SUBMITTED, DraftStatus.SCHEDULED, DraftStatus.DRAFT):
        raise DeskStateError(f"draft {draft.id} is {draft.status.value}; it cannot be sent back")
    return email


def draft_content(
    *,
    title: str,
    body: str,
    type: str | ArticleType = ArticleType.ANALYSIS,
    teaser: str = "",
    authors: Iterable[tuple[str, str | None]] = (),
    countries: Iterable[str] = (),
    access: str | AccessLevel = AccessLevel.FREE,
    media_url: str | None = None,
) -> DraftContent:
    """Checked, normalised content; DeskInputError names the first bad field."""
    title = " ".join(title.split())
    if not title:
        raise DeskInputError("title: a draft needs a title")
    if len(title) > MAX_TITLE:
        raise DeskInputError(f"title: at most {MAX_TITLE} characters")
    if len(body) > MAX_BODY:
        raise DeskInputError(f"body: at most {MAX_BODY} characters")
    teaser = teaser.strip()
    if len(teaser) > MAX_TEASER:
        raise DeskInputError(f"teaser: at most {MAX_TEASER} characters")
    try:
        article_type = type if isinstance(type, ArticleType) else ArticleType.parse(type)
        level = access if isinstance(access, AccessLevel) else AccessLevel.parse(access)
    except ValueError as error:
        raise DeskInputError(str(error)) from None
    return DraftContent(
        title=title,
        body=body.replace("\r\n", "\n"),
        type=article_type,
        teaser=teaser,
        authors=_authors(authors),
        countries=_countries(countries),
        access=level,
        media_url=_media_url(media_url),
    )


def _authors(pairs: Iterable[tuple[str, str | None]]) -> tuple[Author, ...]:
    authors = []
    for name, role in pairs:
        name = " ".join(name.split())
        if not name:
            continue
        role = " ".join((role or "").split()) or None
        if len(name) > 200 or (role is not None and len(role) > 200):
            raise DeskInputError("authors: names and roles have at most 200 characters")
        authors.append(Author(name, role))
    if len(authors) > MAX_AUTHORS:
        raise DeskInputError(f"authors: at most {MAX_AUTHORS}")
    return tuple(authors)


def _countries(codes: Iterable[str]) -> tuple[str, ...]:
    chosen: list[str] = []
    for code in codes:
        key = code.strip().upper()
        if not key:
            continue
        if not _COUNTRY_CODE.match(key):
            raise DeskInputError("countries: each must be an ISO 3166 alpha-2 code such as KZ")
        if key not in chosen:
            chosen.append(key)
    return tuple(chosen)


def _media_url(url: str | None) -> str | None:
    if not (url or "").strip():
        return None
    try:
        return checked_http_url(url or "")
    except UnsafeUrlError as error:
        raise DeskInputError(f"media_url: {error}") from None
