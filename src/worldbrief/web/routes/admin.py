"""`/admin/audit`: the audit log (sign-ins, roles, tokens, grants, publications), for admins."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from worldbrief.membership.roles import Role
from worldbrief.services.accounts import accounts_of
from worldbrief.web.deps import PlatformDep, SignedInDep
from worldbrief.web.routes.pages import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 200


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_log(
    request: Request,
    platform: PlatformDep,
    session: SignedInDep,
    subject: Annotated[str, Query(max_length=320)] = "",
) -> Response:
    if session is None:
        return RedirectResponse(f"/login?next={quote(str(request.url.path))}", status_code=303)
    if session.viewer.role is not Role.ADMIN:
        raise HTTPException(403, "The audit log is for administrators.")
    events = accounts_of(platform).audit_events(subject.strip() or None, limit=PAGE_SIZE)
    return render(
        request,
        "admin_audit.html",
        {
            "events": list(reversed(events)),  # newest first
            "subject": subject,
            "page_title": "Audit log",
        },
    )
