"""Which ``Host`` names the site answers to.

A site on 127.0.0.1 is reachable by any web page the operator visits, through DNS rebinding: the
page's own name is made to resolve to 127.0.0.1, and the browser then treats the local site as
that page's origin. Refusing unknown ``Host`` headers stops it. ``worldbrief serve`` on a loopback
interface answers only to loopback names and the host of ``base_url`` unless told otherwise.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

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


class HostGuard:
    """ASGI middleware answering 400 to a request whose ``Host`` is not allowed: a JSON error on
    machine paths (``json_prefixes``), a short text page elsewhere."""

    def __init__(self, app: ASGIApp, hosts: list[str], json_prefixes: tuple[str, ...]) -> None:
        self.app = app
        self.hosts = {host.lower() for host in hosts}
        self.json_prefixes = json_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self._allowed(scope):
            await self.app(scope, receive, send)
            return
        message = "This site does not answer to that host name."
        response: Response
        if str(scope.get("path", "")).startswith(self.json_prefixes):
            response = JSONResponse({"detail": message}, status_code=400)
        else:
            response = PlainTextResponse(message, status_code=400)
        await response(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        host = Headers(scope=scope).get("host", "").lower()
        if host.startswith("["):  # an IPv6 literal keeps its colons inside the brackets
            name = host.split("]", 1)[0] + "]"
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in self.hosts
