"""Request dependencies: the platform the app was built with, and who is asking."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from worldbrief.membership.roles import ANONYMOUS, Viewer
from worldbrief.services.platform import Platform


def get_platform(request: Request) -> Platform:
    platform: Platform = request.app.state.platform
    return platform


def get_viewer(request: Request) -> Viewer:
    """Everyone is an anonymous reader until accounts exist; the paywall treats them so."""
    del request
    return ANONYMOUS


PlatformDep = Annotated[Platform, Depends(get_platform)]
ViewerDep = Annotated[Viewer, Depends(get_viewer)]
