"""Which URLs may be stored and rendered as links or media: absolute http(s) URLs only.

``javascript:``, ``data:``, ``vbscript:`` and the like are refused, also when disguised with
leading control characters or white space (browsers strip those before reading the scheme).
Host names are checked the way a resolver would see them (IDNA, labels of at most 63 octets).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("http", "https")
MAX_URL_LENGTH = 4096
_MAX_LABEL = 63
_MAX_HOST = 253
# What browsers drop from both ends of a URL before parsing: C0 controls and space.
_STRIPPED = "".join(chr(c) for c in range(0x21))


class UnsafeUrlError(ValueError):
    """The URL is not an absolute http(s) URL we can store or link to; the message says why."""


def checked_http_url(value: str) -> str:
    """``value`` trimmed, when it is an absolute http(s) URL with a valid host.

    Raises ``UnsafeUrlError`` naming the problem otherwise.
    """
    url = value.strip(_STRIPPED)
    if not url:
        raise UnsafeUrlError("the URL is empty")
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeUrlError(f"the URL is {len(url):,} characters, over {MAX_URL_LENGTH:,}")
    if any(ord(ch) < 0x21 or ch == "\x7f" for ch in url):
        raise UnsafeUrlError("the URL contains white space or control characters")
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port out of range or not a number
    except ValueError:
        # The parser's own message may quote the port: only its kind of fault is said.
        raise UnsafeUrlError("the URL cannot be read: its host or port is malformed") from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise UnsafeUrlError("only http and https URLs are allowed")
    host = parts.hostname
    if not host:
        raise UnsafeUrlError("the URL has no host")
    host_problem = _host_problem(host)
    if host_problem:
        raise UnsafeUrlError(host_problem)
    return url


def safe_http_url(value: str | None) -> str | None:
    """``value`` when it is a safe http(s) URL, else None (for rendering: drop, never link)."""
    if not value:
        return None
    try:
        return checked_http_url(value)
    except UnsafeUrlError:
        return None


def _host_problem(host: str) -> str | None:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return None
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return "the host name is not a valid domain name"
    labels = ascii_host.rstrip(".").split(".")
    if len(ascii_host) > _MAX_HOST or any(not 0 < len(label) <= _MAX_LABEL for label in labels):
        return "the host name is not a valid domain name"
    return None
