"""The "Follow" box of the country, region, actor, author and search pages.

Anonymous readers get the page's public Atom feed and a link to sign in (following by email
needs an account); the box is then the same for all of them, so the page stays shareable by
HTTP caches. Signed-in readers (whose pages are private) get a small form: a new watchlist, or
the value added to one they have, and a confirmation once it is done; once followed, the box
says so and offers Unfollow instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import Request

from worldbrief.services.following import FollowTarget
from worldbrief.services.platform import Platform
from worldbrief.services.watchlists import WatchlistOwnerError, list_watchlists
from worldbrief.web.auth.csrf import csrf_token
from worldbrief.web.deps import signed_in

FOLLOWED_PARAM = "followed"
UNFOLLOWED_PARAM = "unfollowed"


@dataclass(frozen=True, slots=True)
class FollowBox:
    target: FollowTarget
    feed_url: str
    next_path: str  # where the form returns to
    login_url: str
    signed_in: bool = False
    csrf: str = ""
    choices: tuple[tuple[int, str], ...] = ()  # watchlists the value may join
    following: tuple[tuple[int, str], ...] = ()  # watchlists that already follow it
    confirmed: str | None = None  # the watchlist just made or added to
    unfollowed: bool = False  # just unfollowed

    @property
    def hidden_fields(self) -> list[tuple[str, str]]:
        t = self.target
        fields = [("kind", t.kind.value), ("label", t.label), ("next", self.next_path)]
        if t.value:
            fields.append(("value", t.value))
        if t.query:
            fields.append(("q", t.query))
        fields += [("country", v) for v in t.countries]
        fields += [("region", v) for v in t.regions]
        fields += [("type", v) for v in t.article_types]
        fields += [("author", v) for v in t.authors]
        return fields


def follow_box(
    request: Request, platform: Platform, target: FollowTarget, feed_url: str
) -> FollowBox:
    next_path = _page_path(request)
    login = "/login?" + urlencode({"next": next_path})
    session = signed_in(request, platform)
    if session is None:
        return FollowBox(target, feed_url, next_path, login)
    try:
        owned = list_watchlists(platform, session.account.email)
    except WatchlistOwnerError:
        owned = []
    followed = request.query_params.get(FOLLOWED_PARAM, "")
    confirmed = next((w.name for w in owned if str(w.id) == followed), None)
    return FollowBox(
        target,
        feed_url,
        next_path,
        login,
        signed_in=True,
        csrf=csrf_token(request, platform.settings).value,
        choices=tuple((w.id, w.name) for w in owned) if target.joins_existing else (),
        following=tuple((w.id, w.name) for w in owned if target.followed_by(w)),
        confirmed=confirmed,
        unfollowed=request.query_params.get(UNFOLLOWED_PARAM) == "1",
    )


def _page_path(request: Request) -> str:
    """The page's path and query, without a previous confirmation."""
    confirmations = (FOLLOWED_PARAM, UNFOLLOWED_PARAM)
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in confirmations]
    return request.url.path + (f"?{urlencode(kept)}" if kept else "")
