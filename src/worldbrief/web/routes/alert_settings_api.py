"""A reader's alert settings over the API (``/api/alert-settings``, an account's bearer
token): the time zone digests follow and the quiet hours that hold immediate mail."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from worldbrief.alerts.reader_time import shown_quiet_hours
from worldbrief.domain.alert_delivery import ReaderSettings
from worldbrief.services.alert_settings import reader_settings_of, set_reader_settings
from worldbrief.services.watchlists import WatchlistInputError, WatchlistOwnerError
from worldbrief.web.api_errors import error_responses
from worldbrief.web.deps import PlatformDep
from worldbrief.web.json_body import JsonBodyRoute
from worldbrief.web.routes.watchlists import AccountDep

router = APIRouter(
    prefix="/api/alert-settings",
    tags=["watchlists"],
    route_class=JsonBodyRoute,
    responses=error_responses(
        (401, "No bearer token of an account, or one that is unknown or revoked."),
        (422, "A field is of the wrong type."),
    ),
)


class AlertSettings(BaseModel):
    time_zone: str = Field(description="IANA time zone name, e.g. Europe/Paris (UTC if unset)")
    quiet_hours: str = Field(description="Local HH:MM-HH:MM with no immediate mail, or `none`")


class AlertSettingsChange(BaseModel):
    time_zone: str | None = Field(
        default=None, max_length=64, description="IANA time zone name; unchanged when absent"
    )
    quiet_hours: str | None = Field(
        default=None,
        max_length=40,
        description="HH:MM-HH:MM local (may span midnight), or `off`; unchanged when absent",
    )


def _shown(found: ReaderSettings) -> AlertSettings:
    return AlertSettings(time_zone=found.time_zone, quiet_hours=shown_quiet_hours(found))


@router.get("", summary="The account's alert time zone and quiet hours")
def read(platform: PlatformDep, viewer: AccountDep) -> AlertSettings:
    assert viewer.email is not None
    try:
        return _shown(reader_settings_of(platform, viewer.email))
    except WatchlistOwnerError as error:
        raise HTTPException(401, str(error)) from None


@router.put(
    "",
    summary="Change them",
    responses=error_responses(
        (400, "An unknown time zone or quiet hours not written HH:MM-HH:MM."),
        (413, "The body is larger than `WORLDBRIEF_API_MAX_BODY_BYTES`."),
        (415, "The body was not sent as `application/json`."),
    ),
)
def change(body: AlertSettingsChange, platform: PlatformDep, viewer: AccountDep) -> AlertSettings:
    assert viewer.email is not None
    try:
        changed = set_reader_settings(
            platform, viewer.email, time_zone=body.time_zone, quiet_hours=body.quiet_hours
        )
    except WatchlistInputError as error:
        raise HTTPException(400, str(error)) from None
    except WatchlistOwnerError as error:
        raise HTTPException(401, str(error)) from None
    return _shown(changed)
