"""``POST /follow`` and ``POST /unfollow``: the Follow box of a page. Follow makes a signed-in
reader's watchlist for the page's country, region, actor, author or search (once: pressed again
it finds that watchlist), or adds the value to one of theirs; Unfollow takes it out again. Then
back to the page with a confirmation. Checked for CSRF like every form; without a session
nothing changes (anonymous readers follow by the page's Atom feed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException
from fastapi.responses import RedirectResponse, Response

from worldbrief.domain.row_ids import MAX_ROW_ID
from worldbrief.services.following import FollowKind, FollowTarget, follow, unfollow
from worldbrief.services.watchlists import WatchlistInputError, WatchlistOwnerError
from worldbrief.web.auth.csrf import require_csrf
from worldbrief.web.deps import PlatformDep, SignedInDep
from worldbrief.web.follow_views import FOLLOWED_PARAM, UNFOLLOWED_PARAM
from worldbrief.web.routes.account_forms import require_reader, same_site_path

router = APIRouter(include_in_schema=False)
_Text = Annotated[str, Form(max_length=1000)]
_Values = Annotated[list[str], Form(max_length=50)]


@dataclass(frozen=True, slots=True)
class FollowForm:
    target: FollowTarget
    next: str  # the page to go back to


def follow_form(
    kind: Annotated[str, Form(max_length=20)],
    label: Annotated[str, Form(max_length=200)],
    next: Annotated[str, Form(max_length=2000)] = "/",
    value: _Text = "",
    q: _Text = "",
    country: _Values = [],  # noqa: B006  # FastAPI copies form defaults
    region: _Values = [],  # noqa: B006
    type: _Values = [],  # noqa: B006
    author: _Values = [],  # noqa: B006
) -> FollowForm:
    """What the box's hidden fields say is followed (``FollowBox.hidden_fields``)."""
    try:
        target = FollowTarget(
            kind=FollowKind(kind), label=label, value=value.strip(), query=q.strip(),
            countries=country, regions=region, article_types=type, authors=author,
        )  # fmt: skip
    except ValueError:
        raise HTTPException(400, "Nothing of that kind can be followed.") from None
    return FollowForm(target, next)


FollowFormDep = Annotated[FollowForm, Depends(follow_form)]


@router.post("/follow", dependencies=[Depends(require_csrf)])
def follow_page(
    platform: PlatformDep,
    session: SignedInDep,
    form: FollowFormDep,
    into: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    signed = require_reader(session)
    target_id = _watchlist_id(into)
    try:
        made = follow(platform, signed.account.email, form.target, target_id)
    except (WatchlistInputError, WatchlistOwnerError) as error:
        raise HTTPException(400, f"That cannot be followed: {error}.") from None
    return _back(form.next, f"{FOLLOWED_PARAM}={made.id}")


@router.post("/unfollow", dependencies=[Depends(require_csrf)])
def unfollow_page(platform: PlatformDep, session: SignedInDep, form: FollowFormDep) -> Response:
    signed = require_reader(session)
    try:
        unfollow(platform, signed.account.email, form.target)
    except (WatchlistInputError, WatchlistOwnerError) as error:
        raise HTTPException(400, f"That cannot be unfollowed: {error}.") from None
    return _back(form.next, f"{UNFOLLOWED_PARAM}=1")


def _watchlist_id(into: str) -> int | None:
    """The watchlist chosen in the box, or None for a new one; a number no row can have (the
    store's ids are positive 64-bit) is refused here rather than overflowing the query."""
    if not into.strip():
        return None
    try:
        chosen = int(into)
    except ValueError:
        chosen = 0
    if not 1 <= chosen <= MAX_ROW_ID:
        raise HTTPException(400, "Choose a watchlist from the list.")
    return chosen


def _back(next_path: str, confirmation: str) -> RedirectResponse:
    path = same_site_path(next_path).partition("#")[0]
    joiner = "&" if "?" in path else "?"
    return RedirectResponse(f"{path}{joiner}{confirmation}#follow", status_code=303)
