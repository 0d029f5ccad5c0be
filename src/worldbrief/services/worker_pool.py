"""Map a stream over worker processes in order, in bounded memory, surviving a worker's death.

Items travel in chunks; at most ``ahead`` items are in flight, so the workers keep busy while
the caller stores what came back, and a stream of millions never sits in memory. A worker that
dies (killed for memory, say) costs only the item it was working on: its chunk is run again one
item at a time on fresh workers, and the item that kills a worker again becomes ``died(item)``.

Workers start through a fork server, not by forking the caller: the caller may hold threads (a
search index writer, a web server, a test runner) that a forked child would inherit locked.
Each worker stops itself within about a second of the process that made the pool dying, however
it died (see ``watched``, with which every pool of workers is made); the fork server then
stops too, as the last of its clients is gone.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path
from typing import Any, Generic, TypeVar

# A worker killed by one item is that item's fault; by this many in a row, the workers' own.
MAX_DEATHS_IN_A_ROW = 4
# How often a worker looks whether the process that made its pool still runs, and the status
# it exits with when that process is gone.
CREATOR_CHECK_SECONDS = 1.0
CREATOR_GONE_STATUS = 3
In = TypeVar("In")


class WorkersFailingError(RuntimeError):
    """The worker processes cannot do any work (they die at start, or on every item)."""


Out = TypeVar("Out")


class OrderedPool(Generic[In, Out]):
    """``work`` and ``initializer`` must be module-level functions (workers import them).
    ``preload`` names modules the fork server imports before it forks the first worker, so
    that the workers start with them imported instead of each importing them again (it takes
    effect when this process starts its fork server, that is with its first pool)."""

    def __init__(
        self,
        workers: int,
        work: Callable[[list[In]], list[Out]],
        died: Callable[[In], Out],
        initializer: Callable[..., None],
        initargs: tuple[Any, ...] = (),
        preload: Sequence[str] = (),
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.workers = workers
        self._work = work
        self._died = died
        self._initializer = initializer
        self._initargs = initargs
        self._context = multiprocessing.get_context("forkserver")
        if preload:
            self._context.set_forkserver_preload(list(preload))
        self._executor = self._start()

    def map(self, items: Iterable[In], chunk: int = 50, ahead: int = 4000) -> Iterator[Out]:
        """One outcome per item, in input order."""
        if chunk < 1 or ahead < chunk:
            raise ValueError(f"need chunk >= 1 and ahead >= chunk, got {chunk} and {ahead}")
        source = iter(items)
        pending: deque[tuple[list[In], Future[list[Out]]]] = deque()
        while True:
            while len(pending) * chunk < ahead:
                batch = list(islice(source, chunk))
                if not batch:
                    break
                pending.append((batch, self._submit(batch)))
            if not pending:
                return
            yield from self._collect(pending)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> OrderedPool[In, Out]:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self._context,
            **watched(self._initializer, self._initargs),
        )

    def _submit(self, batch: list[In]) -> Future[list[Out]]:
        try:
            return self._executor.submit(self._work, batch)
        except BrokenProcessPool:
            self._restart()
            return self._executor.submit(self._work, batch)

    def _collect(self, pending: deque[tuple[list[In], Future[list[Out]]]]) -> list[Out]:
        batch, future = pending.popleft()
        while True:
            try:
                return future.result()
            except CancelledError:  # dropped by a restart before it ran
                future = self._submit(batch)
            except BrokenProcessPool:
                break
        # The chunks in flight died with the worker: run this one item by item so that only a
        # guilty item is lost, then the others again whole. Items go first, alone on the fresh
        # workers: a guilty chunk among the others, in flight beside them, would break the pool
        # under an innocent item and have it counted as the one that died.
        self._restart()
        outcomes = self._one_by_one(batch)
        for index, (other, other_future) in enumerate(list(pending)):
            finished = other_future.done() and not other_future.cancelled()
            if not (finished and other_future.exception() is None):
                pending[index] = (other, self._executor.submit(self._work, other))
        return outcomes

    def _one_by_one(self, batch: list[In]) -> list[Out]:
        outcomes: list[Out] = []
        deaths_in_a_row = 0
        for item in batch:
            try:
                outcomes += self._executor.submit(self._work, [item]).result()
                deaths_in_a_row = 0
            except BrokenProcessPool:
                deaths_in_a_row += 1
                if deaths_in_a_row >= MAX_DEATHS_IN_A_ROW:
                    raise WorkersFailingError(
                        f"worker processes stopped on {deaths_in_a_row} items in a row; they "
                        "cannot start or run at all (out of memory?), so the run stops here"
                    ) from None
                outcomes.append(self._died(item))
                self._restart()
        return outcomes

    def _restart(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._start()


def watched(
    initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
) -> dict[str, Any]:
    """The ``initializer`` and ``initargs`` arguments of a ``ProcessPoolExecutor`` whose workers
    watch this process (and stop when it is gone) before they run ``initializer(*initargs)``:
    every pool of worker processes is made with them."""
    return {"initializer": _start_watched_worker, "initargs": (os.getpid(), initializer, initargs)}


def _start_watched_worker(
    creator: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]
) -> None:
    """Run in each worker before its first item: watch ``creator``, then ``initializer``.

    A worker's parent is the fork server, not the process that made the pool, so neither its
    parent pid nor a parent-death signal tells it that process is gone; and a process killed
    outright (SIGKILL, the out-of-memory killer, SIGTERM without a handler) never shuts its
    pool down. Without this the workers would wait on their queue for ever."""
    watch = threading.Thread(
        target=_exit_when_gone, args=(creator,), name="creator-watch", daemon=True
    )
    watch.start()
    if initializer is not None:
        initializer(*initargs)


def _exit_when_gone(pid: int) -> None:
    started = _stat(pid)
    start_time = started[19] if started is not None else None
    while _runs(pid, start_time):
        time.sleep(CREATOR_CHECK_SECONDS)
    os._exit(CREATOR_GONE_STATUS)


def _runs(pid: int, start_time: bytes | None) -> bool:
    """Whether process ``pid`` still runs. Where /proc is there (Linux), a zombie counts as gone,
    and so does another process given the same pid later (it started at another time)."""
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # gone, or the pid is another user's now
        return False
    stat = _stat(pid)
    if stat is None:  # no /proc, or the process just went: the check above is all there is
        return True
    return stat[0] not in (b"Z", b"X") and stat[19] == start_time


def _stat(pid: int) -> list[bytes] | None:
    """The fields of /proc/PID/stat after the command name (state first, start time 20th)."""
    try:
        return Path(f"/proc/{pid}/stat").read_bytes().rpartition(b")")[2].split()
    except OSError:
        return None
