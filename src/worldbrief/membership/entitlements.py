"""The paywall, decided in one place.

Every surface that shows article text (page, API, search snippets, feeds, exports, related
content, annotation evidence) asks :func:`entitlement` and shows only what it allows. No surface
decides alone.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from worldbrief.domain import AccessLevel
from worldbrief.membership.roles import FULL_ACCESS_ROLES, Role, Viewer


class Surface(enum.StrEnum):
    PAGE = "page"
    API = "api"
    SEARCH = "search"
    FEED = "feed"
    EXPORT = "export"
    RELATED = "related"
    ANNOTATIONS = "annotations"
    ALERT = "alert"  # what a watchlist's alerts match and carry (email, webhook, feed)


@dataclass(frozen=True, slots=True)
class Entitlement:
    """What a viewer may see of one article on one surface.

    Title, type, dateline, byline, reading time, regions, countries and teaser are always visible;
    ``full_text`` adds the body, body-derived snippets and the evidence spans inside the body.
    """

    full_text: bool
    reason: str
    metered: bool = False  # granted by the monthly allowance, which this read spends

    @property
    def locked(self) -> bool:
        return not self.full_text


def entitlement(
    viewer: Viewer, access: AccessLevel, surface: Surface, *, metered_reads_left: int = 0
) -> Entitlement:
    """``metered_reads_left``: free members-only reads the viewer still has this month, as
    counted by the caller (see ``metering.Meter``); only a registered viewer's article page
    spends them."""
    if access is AccessLevel.FREE:
        return Entitlement(full_text=True, reason="free article")
    if viewer.role in FULL_ACCESS_ROLES:
        return Entitlement(full_text=True, reason=f"{viewer.role.value} access")
    if viewer.role is Role.REGISTERED and surface is Surface.PAGE and metered_reads_left > 0:
        return Entitlement(full_text=True, reason="metered", metered=True)
    return Entitlement(full_text=False, reason="members-only article")


def searchable_bodies(viewer: Viewer) -> frozenset[AccessLevel]:
    """The access levels whose bodies the viewer's search words may match.

    Titles, teasers and metadata are searched for everyone; a body only where the viewer may
    read it on the search surface, or totals and facet counts would confirm its words.
    """
    return frozenset(
        access for access in AccessLevel if entitlement(viewer, access, Surface.SEARCH).full_text
    )


def page_readable_bodies(viewer: Viewer) -> frozenset[AccessLevel]:
    """The access levels whose bodies the viewer may read on a page without spending a metered
    read: what decides the evidence sentences a country or region page shows them."""
    return frozenset(
        access for access in AccessLevel if entitlement(viewer, access, Surface.PAGE).full_text
    )
