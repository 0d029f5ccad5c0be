"""HTTP caching of the public surfaces: validators, 304 answers and rendered answers in memory.

Per shared request (see ``policy``): read the content version (``watch``), answer 304 when the
client's copy is current, else replay the answer this process rendered at that version, else
render it once for every request waiting on the same page and keep it. Kept answers are derived
from the version they were rendered at and dropped as soon as a newer one is seen, so a write
by any process shows on the next request to every worker.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from worldbrief.config import Settings
from worldbrief.services.bounded_cache import BoundedCache
from worldbrief.services.content_version import ContentVersion, VersionReader
from worldbrief.services.platform import Platform
from worldbrief.web.caching import encoding, policy
from worldbrief.web.caching.fingerprint import deployment_fingerprint
from worldbrief.web.caching.validators import Validators
from worldbrief.web.caching.watch import Observation, VersionWatch

log = logging.getLogger(__name__)

PageKey = tuple[str, str, str, bytes]  # scheme, host, path, query string
RawHeaders = list[tuple[bytes, bytes]]
Rendering = asyncio.Future["KeptAnswer | None"]
# Bookkeeping of one kept answer beyond its body and headers (key, tuple, dict slot).
_ENTRY_OVERHEAD = 400
# One answer may take at most this share of the budget, so one page cannot evict all others.
_ENTRY_SHARE = 16
HIT = [(b"x-cache", b"hit")]
MISS = [(b"x-cache", b"miss")]


@dataclass(frozen=True, slots=True)
class KeptAnswer:
    """An answer as the application sent it, before the caching headers are added."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    gzipped: bytes | None = None  # the body in gzip, when worth sending

    @property
    def size(self) -> int:
        headers = sum(len(n) + len(v) for n, v in self.headers)
        return len(self.body) + len(self.gzipped or b"") + headers + _ENTRY_OVERHEAD


class SharedPageCache:
    """ASGI middleware; ``capacity_bytes`` bounds the rendered answers kept in this process."""

    def __init__(self, app: ASGIApp, *, platform: Platform) -> None:
        self.app = app
        settings: Settings = platform.settings
        self.deployment = deployment_fingerprint(settings)
        self.watch = VersionWatch(VersionReader(platform))
        # Used from the event loop only, where its lock is never waited for.
        self.pages: BoundedCache[PageKey, KeptAnswer] = BoundedCache(
            settings.page_cache_bytes, lambda answer: answer.size
        )
        self._max_entry = settings.page_cache_bytes // _ENTRY_SHARE
        self._kept_since = 0.0  # ``first_seen`` of the version ``pages`` was rendered at
        self._rendering: dict[
            tuple[PageKey, ContentVersion], asyncio.Future[KeptAnswer | None]
        ] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or policy.is_static(scope["path"]):
            await self.app(scope, receive, send)
            return
        if policy.has_credentials(scope["headers"]):
            await self.app(scope, receive, _marking(send, always=True))
            return
        if scope["method"] not in ("GET", "HEAD") or not policy.is_public_surface(scope["path"]):
            await self.app(scope, receive, _marking(send, always=False))
            return
        try:
            observed = await self.watch.current()
        except Exception:
            # Nothing is known to be current: answer uncached; the page reports the store.
            log.warning("content version unreadable; answering without the cache", exc_info=True)
            await self.app(scope, receive, _marking(send, always=True))
            return
        await self._shared(scope, receive, send, observed)

    async def _shared(
        self, scope: Scope, receive: Receive, send: Send, observed: Observation
    ) -> None:
        validators = Validators.of(observed, self.deployment)
        headers = Headers(scope=scope)
        if validators.satisfied_by(headers.get("if-none-match"), headers.get("if-modified-since")):
            await _not_modified(send, validators)
            return
        current = self._follow(observed)
        key: PageKey = (
            scope["scheme"],
            headers.get("host", ""),
            scope["path"],
            scope["query_string"],
        )
        kept = self.pages.get(key) if current else None
        if kept is not None:
            await _replay(kept, scope, send, validators)
            return
        if scope["method"] == "HEAD" or not current or self._max_entry == 0:
            await self._render(scope, receive, send, validators)
            return
        flight = (key, observed.version)
        if (pending := self._rendering.get(flight)) is not None:
            # The same page at the same version is being rendered: wait for it.
            kept = await asyncio.shield(pending)
            if kept is not None:
                await _replay(kept, scope, send, validators)
            else:
                await self._render(scope, receive, send, validators)
            return
        done: Rendering = asyncio.get_running_loop().create_future()
        self._rendering[flight] = done
        kept = None
        try:
            kept = await self._render(scope, receive, send, validators)
        finally:
            del self._rendering[flight]
            done.set_result(kept)
        if kept is not None and observed.first_seen == self._kept_since:
            self.pages.put(key, kept)

    def _follow(self, observed: Observation) -> bool:
        """Drop what was rendered at an older version; False when ``observed`` is older than
        what is kept (a request that read before another's newer read): it neither uses nor
        fills the cache."""
        if observed.first_seen > self._kept_since:
            self.pages.clear()
            self._kept_since = observed.first_seen
        return observed.first_seen == self._kept_since

    async def _render(
        self, scope: Scope, receive: Receive, send: Send, validators: Validators
    ) -> KeptAnswer | None:
        """Run the application, sending its answer on as it comes; return it when it may be
        shared and fits, else None."""
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = False
        complete = False

        async def forward(message: Message) -> None:
            nonlocal start, size, keep, complete
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                keep = policy.is_shareable_answer(message["status"], raw)
                if keep:
                    start = message
                    raw = policy.shared_headers(raw, [*validators.headers(), *MISS])
                elif _sets_cookie(raw):
                    raw = policy.personal_headers(raw)
                await send({**message, "headers": raw})
                return
            if message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                keep = size <= self._max_entry
                if keep:
                    chunks.append(body)
                else:
                    chunks.clear()
                complete = keep and not message.get("more_body", False)
            elif message["type"] != "http.response.body":
                keep = False  # an extension (trailers, file sending): not replayable here
            await send(message)

        await self.app(scope, receive, forward)
        if not (keep and complete and start is not None):
            return None
        headers, body = tuple(start.get("headers", ())), b"".join(chunks)
        return KeptAnswer(start["status"], headers, body, encoding.compressed(headers, body))


def _sets_cookie(headers: RawHeaders) -> bool:
    return any(name.lower() == b"set-cookie" for name, _ in headers)


def _marking(send: Send, *, always: bool) -> Send:
    """``send`` marking the answer personal: ``always``, or when it sets a cookie."""

    async def marked(message: Message) -> None:
        if message["type"] == "http.response.start":
            raw = list(message.get("headers", []))
            if always or _sets_cookie(raw):
                message = {**message, "headers": policy.personal_headers(raw)}
        await send(message)

    return marked


async def _replay(kept: KeptAnswer, scope: Scope, send: Send, validators: Validators) -> None:
    headers = policy.shared_headers(list(kept.headers), [*validators.headers(), *HIT])
    body = kept.body
    if kept.gzipped is not None and encoding.accepts_gzip(Headers(scope=scope)):
        headers, body = encoding.with_encoding(headers, len(kept.gzipped)), kept.gzipped
    await send({"type": "http.response.start", "status": kept.status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


async def _not_modified(send: Send, validators: Validators) -> None:
    headers = [
        (b"cache-control", policy.SHARED_CACHE_CONTROL),
        (b"vary", policy.SHARED_VARY),
        *validators.headers(),
        *HIT,
    ]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
