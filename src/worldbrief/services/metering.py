"""Use case: the monthly allowance of members-only articles for registered accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from worldbrief.domain.account import Account
from worldbrief.membership.metering import Meter, month_of
from worldbrief.membership.roles import Role, Viewer
from worldbrief.services.platform import Platform
from worldbrief.services.sessions import sessions_of


@dataclass(frozen=True, slots=True)
class Allowance:
    account: Account
    meter: Meter
    month: str


def allowance_for(
    platform: Platform, account: Account | None, viewer: Viewer, now: datetime | None = None
) -> Allowance | None:
    """The viewer's allowance this month, or None when it does not apply (not a registered
    account, or the site gives none)."""
    limit = platform.settings.metered_articles
    if account is None or viewer.role is not Role.REGISTERED or limit <= 0:
        return None
    month = month_of(now or datetime.now(UTC))
    read = sessions_of(platform).metered_articles(account.id, month)
    return Allowance(account=account, meter=Meter(allowance=limit, read=read), month=month)


def spend(platform: Platform, allowance: Allowance, article_id: str) -> Allowance:
    """Record a members-only article read in full on the allowance; a re-read costs nothing."""
    if article_id in allowance.meter.read:
        return allowance
    sessions_of(platform).record_metered_read(
        allowance.account.id, allowance.month, article_id, datetime.now(UTC)
    )
    meter = Meter(allowance=allowance.meter.allowance, read={*allowance.meter.read, article_id})
    return Allowance(account=allowance.account, meter=meter, month=allowance.month)
