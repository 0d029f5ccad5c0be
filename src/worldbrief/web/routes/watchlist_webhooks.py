"""A watchlist's webhook over the API: the secret its requests are signed with, and enabling
it again after it was disabled by repeated failures. The account's bearer token, as the rest
of ``/api/watchlists``; another account's watchlist is a 404."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Response
from pydantic import BaseModel, Field

from worldbrief.membership.roles import Viewer
from worldbrief.services.watchlists import owned_watchlist
from worldbrief.services.webhook_status import enable_webhook, secret_of
from worldbrief.web.api_errors import error_responses
from worldbrief.web.deps import PlatformDep, RowIdPath
from worldbrief.web.json_body import JsonBodyRoute
from worldbrief.web.routes.watchlists import AccountDep

router = APIRouter(
    prefix="/api/watchlists",
    tags=["watchlists"],
    route_class=JsonBodyRoute,
    responses=error_responses(
        (401, "No bearer token of an account, or one that is unknown or revoked."),
        (404, "No watchlist with that id among the account's."),
        (422, "A parameter is not acceptable."),
    ),
)


class WebhookSecret(BaseModel):
    secret: str = Field(
        description="HMAC-SHA256 key of `X-Worldbrief-Signature`: the hex MAC of "
        '`X-Worldbrief-Timestamp + "." + body`, prefixed `sha256=`'
    )


def _own(platform: PlatformDep, viewer: Viewer, watchlist_id: int) -> None:
    assert viewer.email is not None
    if owned_watchlist(platform, viewer.email, watchlist_id) is None:
        raise HTTPException(404, "no such watchlist")


@router.get("/{watchlist_id}/webhook-secret", summary="The secret signing its webhook requests")
def webhook_secret(
    watchlist_id: RowIdPath, platform: PlatformDep, viewer: AccountDep
) -> WebhookSecret:
    _own(platform, viewer, watchlist_id)
    secret = secret_of(platform, watchlist_id)
    if secret is None:
        raise HTTPException(404, "no such watchlist")
    return WebhookSecret(secret=secret)


@router.post(
    "/{watchlist_id}/webhook-enable",
    status_code=204,
    summary="Enable a webhook disabled after repeated failures; its waiting alerts go next",
)
def webhook_enable(watchlist_id: RowIdPath, platform: PlatformDep, viewer: AccountDep) -> Response:
    _own(platform, viewer, watchlist_id)
    enable_webhook(platform, watchlist_id)
    return Response(status_code=204)
