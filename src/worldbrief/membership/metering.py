"""The metered allowance: a registered account reads a few members-only articles a month.

Pure: the reading service counts what the store recorded and asks :func:`reads_left`; the
paywall (``entitlements.entitlement``) then decides with the number it is given.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from datetime import UTC, datetime


def month_of(moment: datetime) -> str:
    """The calendar month (UTC) the allowance counts in, ``YYYY-MM``."""
    return moment.astimezone(UTC).strftime("%Y-%m")


@dataclass(frozen=True, slots=True)
class Meter:
    allowance: int  # free members-only articles per month
    read: Set[str]  # the ones read in full this month

    @property
    def left(self) -> int:
        return max(0, self.allowance - len(self.read))

    def reads_left_for(self, article_id: str) -> int:
        """What the paywall is told for ``article_id``: reading one again this month is free,
        so it counts as one read still available."""
        if article_id in self.read and self.allowance > 0:
            return max(1, self.left)
        return self.left
