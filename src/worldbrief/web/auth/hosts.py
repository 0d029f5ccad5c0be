"""Which ``Host`` names the site answers to.

A site on 127.0.0.1 is reachable by any web page the operator visits, through DNS rebinding: the
page's own name is made to resolve to 127.0.0.1, and the browser then treats the local site as
that page's origin. Refusing unknown ``Host`` headers stops it. ``worldbrief serve`` on a loopback
interface answers only to loopback names and the host of ``base_url`` unless told otherwise.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from worldbrief.config import Settings

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]", "::1")


def allowed_hosts(settings: Settings) -> list[str]:
    """The configured host names (``WORLDBRIEF_ALLOWED_HOSTS``); empty means any host."""
    return [item.strip() for item in settings.allowed_hosts.split(",") if item.strip()]


def default_allowed_hosts(settings: Settings, bind_host: str) -> list[str]:
    """What ``serve`` answers to when nothing is configured: on a loopback interface, loopback
    names and the public URL's host; on any other interface, every host (the operator chose to
    expose the site; ``docs/deployment.md`` says to set the names)."""
    if allowed_hosts(settings):
        return allowed_hosts(settings)
    if not _is_loopback(bind_host):
        return []
    base_host = urlsplit(settings.base_url).hostname
    return list(dict.fromkeys([*LOOPBACK_NAMES, *([base_host] if base_host else [])]))


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
