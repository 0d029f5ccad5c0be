"""Annotate on worker processes: a JSONL stream on all cores, and a server's requests.

A stream travels to the workers in chunks, in input order and bounded memory: lines are read at
most ``max_line_bytes`` at a time (a longer line is skipped and reported, never held whole), a
chunk closes at ``CHUNK_LINES`` lines or ``CHUNK_BYTES`` bytes, and at most a few chunks per
worker are in flight. A worker that dies (killed for memory, say) costs only the line that
killed it: its chunk is retried line by line on fresh workers.

Start-up counts as much as the work for a few thousand documents: loading the geoparser and
building the stages takes a second or two a process, and a forkserver first imports the whole
command again. So when this process runs no other thread (the CLI), it loads and warms the
geoparser and stages once, and the workers are forked from it with everything ready; a process
that runs threads (a web server, a test runner) cannot fork safely and starts its workers from a
forkserver, each loading its own.

``AnnotateWorkers`` serves ``POST /api/annotate``: geoparsing is CPU-bound Python, which in a
thread of the web process would hold the interpreter lock and slow every other request; in a
few worker processes it leaves the web process free, and a bounded queue refuses a burst of
large requests instead of letting it pile up.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import IO

from worldbrief.geo.gazetteer_build import ensure_gazetteer_cache
from worldbrief.geo.geoparser import Geoparser
from worldbrief.services.annotate import (
    AnnotateDocument,
    Annotation,
    AnnotationError,
    annotate_document,
    annotate_line,
    encode_json,
    load_geoparser,
    warm_up,
)
from worldbrief.services.worker_pool import watched

CHUNK_LINES = 64
CHUNK_BYTES = 4_000_000
CHUNKS_IN_FLIGHT_PER_WORKER = 2
MAX_LINE_BYTES = 10_000_000
_DISCARD_BYTES = 1 << 20  # how much of an overlong line is read at a time, to be dropped

Outcome = Annotation | AnnotationError


@dataclass(frozen=True, slots=True)
class OversizedLine:
    """A line longer than allowed, read past without being kept."""

    length: int  # in bytes, without its line break
    limit: int


Line = bytes | str | OversizedLine
NumberedLine = tuple[int, Line]

_worker_geoparser: Geoparser | None = None
_warmed: tuple[Callable[[], Geoparser], Geoparser] | None = None  # the factory and its geoparser


def read_lines(
    stream: IO[bytes], max_line_bytes: int = MAX_LINE_BYTES
) -> Iterator[bytes | OversizedLine]:
    """The stream's lines; one longer than ``max_line_bytes`` comes as an ``OversizedLine``."""
    while line := stream.readline(max_line_bytes + 1):
        if len(line) <= max_line_bytes or line.endswith(b"\n"):
            yield line
            continue
        length = len(line)
        while more := stream.readline(_DISCARD_BYTES):
            length += len(more)
            if more.endswith(b"\n"):
                length -= 1
                break
        yield OversizedLine(length, max_line_bytes)


def annotate_stream(
    lines: Iterable[Line],
    *,
    workers: int | None = None,
    chunk_lines: int = CHUNK_LINES,
    geoparser_factory: Callable[[], Geoparser] = load_geoparser,
) -> Iterator[Outcome]:
    """One outcome per non-blank input line, in input order. ``workers`` defaults to the
    number of cores; with one, everything runs in this process. ``geoparser_factory`` must be
    a module-level function so that worker processes can receive it."""
    if chunk_lines < 1:
        raise ValueError(f"chunk_lines must be at least 1, got {chunk_lines}")
    count = workers if workers is not None else os.cpu_count() or 1
    if count < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    chunks = _chunks(_numbered(lines), chunk_lines)
    if count == 1:
        geoparser = geoparser_factory()
        for chunk in chunks:
            yield from _annotate_lines(geoparser, chunk)
        return
    yield from _in_pool(chunks, count, geoparser_factory)


def _in_pool(
    chunks: Iterator[list[NumberedLine]], workers: int, factory: Callable[[], Geoparser]
) -> Iterator[Outcome]:
    pool = _PoolOfWorkers(workers, factory)
    pending: deque[tuple[list[NumberedLine], Future[list[Outcome]]]] = deque()
    try:
        for chunk in chunks:
            pending.append((chunk, pool.submit(chunk)))
            if len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield from _collect(pending, pool)
        while pending:
            yield from _collect(pending, pool)
    finally:
        pool.close()


def _collect(
    pending: deque[tuple[list[NumberedLine], Future[list[Outcome]]]], pool: _PoolOfWorkers
) -> list[Outcome]:
    """The oldest chunk's outcomes. When a worker died, the chunks in flight died with it:
    the oldest is run again one line at a time with nothing else in flight, so that a worker
    dying then is that line's doing and only a guilty line is reported; then the others are
    sent again whole to fresh workers."""
    chunk, future = pending.popleft()
    try:
        return future.result()
    except BrokenProcessPool:
        pass
    pool.restart()
    outcomes = pool.line_by_line(chunk)
    for index, (other, other_future) in enumerate(list(pending)):
        finished = other_future.done() and not other_future.cancelled()
        if not (finished and other_future.exception() is None):
            pending[index] = (other, pool.submit(other))
    return outcomes


class _PoolOfWorkers:
    def __init__(self, workers: int, factory: Callable[[], Geoparser]) -> None:
        ensure_gazetteer_cache()
        self._workers = workers
        self._factory = factory
        self._forked = False
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        if _may_fork():
            _warm_in_this_process(self._factory)
            self._forked = True
            # Created here, the pool forks all its workers at once, before its own threads start.
            return ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=multiprocessing.get_context("fork"),
                **watched(),
            )
        self._forked = False
        # forkserver, not fork: this process runs threads (a web server, a test runner).
        return ProcessPoolExecutor(
            max_workers=self._workers,
            mp_context=multiprocessing.get_context("forkserver"),
            **watched(_start_worker, (self._factory,)),
        )

    def submit(self, chunk: list[NumberedLine]) -> Future[list[Outcome]]:
        return self._executor.submit(_annotate_chunk, chunk)

    def restart(self) -> None:
        # A broken pool has already stopped its workers; waiting for its threads to end lets the
        # next pool fork again instead of starting cold.
        self._executor.shutdown(wait=self._forked, cancel_futures=True)
        self._executor = self._start()

    def line_by_line(self, chunk: list[NumberedLine]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for number, line in chunk:
            try:
                outcomes += self.submit([(number, line)]).result()
            except BrokenProcessPool:
                outcomes.append(_worker_died(number))
                self.restart()
        return outcomes

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _worker_died(number: int) -> AnnotationError:
    return AnnotationError(
        id=None,
        error=f"line {number}: the worker annotating it stopped (out of memory?); skipped",
    )


def _start_worker(factory: Callable[[], Geoparser]) -> None:
    global _worker_geoparser
    _worker_geoparser = factory()


def _may_fork() -> bool:
    """Forking copies only the calling thread: safe while no other thread could hold a lock."""
    return sys.platform != "win32" and threading.active_count() == 1


def _warm_in_this_process(factory: Callable[[], Geoparser]) -> None:
    """The geoparser of ``factory`` with its stages built and run once, as the global that
    workers forked from this process read; kept for the next pool of the same factory."""
    global _warmed, _worker_geoparser
    if _warmed is None or _warmed[0] is not factory:
        geoparser = factory()
        warm_up(geoparser)
        _warmed = (factory, geoparser)
    _worker_geoparser = _warmed[1]


def _annotate_chunk(chunk: list[NumberedLine]) -> list[Outcome]:
    geoparser = _worker_geoparser
    if geoparser is None:
        raise RuntimeError("annotate worker started without its geoparser")
    return _annotate_lines(geoparser, chunk)


def _annotate_lines(geoparser: Geoparser, chunk: list[NumberedLine]) -> list[Outcome]:
    return [
        _too_long(number, line)
        if isinstance(line, OversizedLine)
        else annotate_line(geoparser, line, number)
        for number, line in chunk
    ]


def _too_long(number: int, line: OversizedLine) -> AnnotationError:
    return AnnotationError(
        id=None,
        error=f"line {number}: {line.length:,} bytes long; at most {line.limit:,} (skipped)",
    )


def _numbered(lines: Iterable[Line]) -> Iterator[NumberedLine]:
    """Lines numbered from 1 as a text editor counts them; blank lines carry no document."""
    for number, line in enumerate(lines, start=1):
        if isinstance(line, OversizedLine) or line.strip():
            yield number, line


def _chunks(numbered: Iterator[NumberedLine], size: int) -> Iterator[list[NumberedLine]]:
    chunk: list[NumberedLine] = []
    weight = 0
    for item in numbered:
        chunk.append(item)
        weight += 0 if isinstance(item[1], OversizedLine) else len(item[1])
        if len(chunk) >= size or weight >= CHUNK_BYTES:
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


# --- a server's annotate requests ---------------------------------------------------------------


class AnnotateWorkers:
    """Worker processes for a server's annotate requests: ``workers`` run at once and up to
    ``waiting`` more wait their turn; ``submit`` refuses any beyond. Started on first use."""

    def __init__(
        self,
        workers: int,
        waiting: int,
        geoparser_factory: Callable[[], Geoparser] = load_geoparser,
    ) -> None:
        if workers < 1 or waiting < 0:
            raise ValueError(f"need workers >= 1 and waiting >= 0, got {workers} and {waiting}")
        self._workers = workers
        self._factory = geoparser_factory
        self._slots = threading.BoundedSemaphore(workers + waiting)
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None

    def submit(self, documents: list[AnnotateDocument], *, batch: bool) -> Future[bytes] | None:
        """The annotation of ``documents`` as JSON (``{"documents": [...]}`` for a batch), or
        None when every slot is taken. A slot is freed when its work ends, even if the caller
        stopped waiting for it."""
        if not self._slots.acquire(blocking=False):
            return None
        try:
            future = self._submit(documents, batch)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _: self._slots.release())
        return future

    def _submit(self, documents: list[AnnotateDocument], batch: bool) -> Future[bytes]:
        with self._lock:
            try:
                return self._pool().submit(_annotate_documents, documents, batch)
            except BrokenProcessPool:
                # A worker died (killed for memory, say): the next request gets fresh ones.
                self._discard()
                return self._pool().submit(_annotate_documents, documents, batch)

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            ensure_gazetteer_cache()
            self._executor = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=multiprocessing.get_context("forkserver"),
                **watched(_start_worker, (self._factory,)),
            )
        return self._executor

    def _discard(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def close(self) -> None:
        with self._lock:
            self._discard()


def _annotate_documents(documents: list[AnnotateDocument], batch: bool) -> bytes:
    geoparser = _worker_geoparser
    if geoparser is None:
        raise RuntimeError("annotate worker started without its geoparser")
    annotations = [annotate_document(geoparser, document) for document in documents]
    if batch:
        return encode_json({"documents": annotations}, compact=True)
    return encode_json(annotations[0], compact=True)
