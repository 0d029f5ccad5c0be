"""The content version as of now, read once per request (or once for many waiting together).

A request may only use a read that began after it arrived: then every write committed before
the request, by any process, is seen. Requests arriving while a read is under way wait for
the next one, which serves all of them; under load that is far fewer reads than requests.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from worldbrief.services.content_version import ContentVersion, VersionReader


@dataclass(frozen=True, slots=True)
class Observation:
    """``read_at``: when the read began (every commit before then is in ``version``);
    ``first_seen``: when this process first saw ``version``, after its commit."""

    version: ContentVersion
    read_at: float
    first_seen: float


class VersionWatch:
    def __init__(self, reader: VersionReader, clock: Callable[[], float] = time.time) -> None:
        self._reader = reader
        self._clock = clock
        self._lock = threading.Lock()
        self._latest: tuple[ContentVersion, float] | None = None
        self._queued: asyncio.Future[Observation | Exception] | None = None
        self._reading = False
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def current(self) -> Observation:
        """Raises what the read raised (e.g. ``StoreError`` when the store is unreachable)."""
        if self._reader.blocks_briefly:  # a local file: cheaper than handing it to a thread
            return self.observe()
        loop = asyncio.get_running_loop()
        if loop is not self._loop:  # a new event loop (tests start several): nothing carries over
            self._loop, self._queued, self._reading = loop, None, False
        queued = self._queued
        if queued is None:
            queued = self._queued = loop.create_future()
            if not self._reading:
                self._start_read()
        # Shielded: a request that goes away must not cancel the read others wait for.
        outcome = await asyncio.shield(queued)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def observe(self) -> Observation:
        """One blocking read now."""
        read_at = self._clock()
        version = self._reader.read()
        seen = self._clock()
        with self._lock:
            if self._latest is None or self._latest[0] != version:
                self._latest = (version, seen)
            first_seen = self._latest[1]
        return Observation(version, read_at, first_seen)

    def _start_read(self) -> None:
        waiting, self._queued = self._queued, None
        assert waiting is not None
        self._reading = True
        # Kept: the loop holds only a weak reference to a task.
        self._task = asyncio.get_running_loop().create_task(self._read_for(waiting))

    async def _read_for(self, waiting: asyncio.Future[Observation | Exception]) -> None:
        outcome: Observation | Exception = RuntimeError("the content version read was cancelled")
        try:
            outcome = await asyncio.get_running_loop().run_in_executor(None, self.observe)
        except Exception as error:  # handed to every waiter, which raises it
            outcome = error
        finally:
            self._reading = False
            if not waiting.done():
                waiting.set_result(outcome)
            if self._queued is not None:  # arrived during this read: they need a later one
                self._start_read()
