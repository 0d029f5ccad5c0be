"""Whose word to take for the client's address: only the configured reverse proxies'.

Every rate limit keys on the client address, so a forged ``X-Forwarded-For`` must never count.
Uvicorn believes it from 127.0.0.1 unless told otherwise; ``worldbrief serve`` tells it.
"""

from __future__ import annotations

from typing import TypedDict

from worldbrief.config import Settings


class ProxyOptions(TypedDict):
    proxy_headers: bool
    forwarded_allow_ips: list[str] | None


def trusted_proxies(settings: Settings) -> list[str]:
    """The configured proxies' addresses and networks (validated by ``Settings``)."""
    return [item.strip() for item in settings.trusted_proxies.split(",") if item.strip()]


def uvicorn_proxy_options(settings: Settings) -> ProxyOptions:
    """Uvicorn's options: proxy headers are read only when some proxy is trusted, and then
    only from those addresses (the right-most untrusted hop is the client)."""
    proxies = trusted_proxies(settings)
    return ProxyOptions(proxy_headers=bool(proxies), forwarded_allow_ips=proxies or None)
