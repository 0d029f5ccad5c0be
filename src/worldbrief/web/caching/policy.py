"""What may be shared between readers, and the caching headers each answer carries.

Shared: a GET or HEAD without credentials (no ``Authorization`` header, no session cookie) for
a public surface, answered 200 without setting a cookie or choosing its own caching. Such an
answer is the one every anonymous reader gets, and the paywall already locked it for them.
Anything said to someone with credentials is theirs alone (their e-mail in the header, bodies
their plan opens, a form token) and is marked ``private, no-store``.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.requests import cookie_parser

from worldbrief.web.auth.cookies import SESSION_COOKIE
from worldbrief.web.templating import STATIC_URL_PREFIX

RawHeaders = Iterable[tuple[bytes, bytes]]

# The public surfaces: pages, the read API and the feeds. Sign-in, account, desk, admin and
# export answers are never kept, whoever asks.
_SHARED_PATHS = frozenset(
    {"/", "/regions", "/search", "/subscribe", "/docs", "/openapi.json"}
    | {"/api/articles", "/api/search", "/api/regions", "/api/events", "/api/actors"}
)
_SHARED_PREFIXES = (
    "/articles/",
    "/regions/",
    "/countries/",
    "/events/",
    "/actors/",
    "/api/articles/",
    "/api/countries/",
    "/api/events/",
    "/api/actors/",
    "/feeds/",
)
_SESSION_COOKIES = frozenset({SESSION_COOKIE, f"__Host-{SESSION_COOKIE}"})

SHARED_CACHE_CONTROL = b"public, max-age=0, must-revalidate"
PERSONAL_CACHE_CONTROL = b"private, no-store"
# Answers differ with these request headers: a shared cache must not mix them up.
PERSONAL_VARY = b"Cookie, Authorization"
SHARED_VARY = b"Accept-Encoding, Cookie, Authorization"  # kept answers also go out in gzip


def is_public_surface(path: str) -> bool:
    return path in _SHARED_PATHS or path.startswith(_SHARED_PREFIXES)


def is_static(path: str) -> bool:
    """Static assets carry their own validators and long-lived, versioned URLs."""
    return path.startswith(STATIC_URL_PREFIX + "/")


def has_credentials(headers: RawHeaders) -> bool:
    """An ``Authorization`` header of any scheme, or a session cookie, even an empty one."""
    for name, value in headers:
        if name == b"authorization":
            return True
        if name == b"cookie":
            cookies = cookie_parser(value.decode("latin-1"))
            if _SESSION_COOKIES.intersection(cookies):
                return True
    return False


def is_shareable_answer(status: int, headers: RawHeaders) -> bool:
    """A 200 that sets no cookie and leaves caching and variation to this layer."""
    if status != 200:
        return False
    names = {name.lower() for name, _ in headers}
    return not names & {b"set-cookie", b"cache-control", b"vary"}


def personal_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """``headers`` of an answer that must stay with its one reader."""
    names = {name.lower() for name, _ in headers}
    added = [] if b"cache-control" in names else [(b"cache-control", PERSONAL_CACHE_CONTROL)]
    present = b", ".join(value for name, value in headers if name.lower() == b"vary")
    if b"cookie" not in present.lower():
        added.append((b"vary", PERSONAL_VARY))
    return [*headers, *added]


def shared_headers(
    headers: list[tuple[bytes, bytes]], validators: list[tuple[bytes, bytes]]
) -> list[tuple[bytes, bytes]]:
    """``headers`` of a shared answer (which set no ``Vary`` of its own), with its validators."""
    shared = [(b"cache-control", SHARED_CACHE_CONTROL), (b"vary", SHARED_VARY)]
    return [*headers, *shared, *validators]
