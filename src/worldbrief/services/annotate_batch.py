"""Annotate a JSONL stream on all cores, in input order, in bounded memory.

Lines travel to worker processes in chunks; each worker loads the geoparser once. At most a few
chunks per worker are in flight, so a file of any size streams through without being held whole.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from worldbrief.geo.gazetteer_build import ensure_gazetteer_cache
from worldbrief.geo.geoparser import Geoparser
from worldbrief.services.annotate import Annotation, AnnotationError, annotate_line, load_geoparser

CHUNK_LINES = 64
CHUNKS_IN_FLIGHT_PER_WORKER = 2

Outcome = Annotation | AnnotationError
NumberedLine = tuple[int, bytes | str]

_worker_geoparser: Geoparser | None = None


def annotate_stream(
    lines: Iterable[bytes | str],
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
            yield from (annotate_line(geoparser, line, number) for number, line in chunk)
        return
    yield from _in_pool(chunks, count, geoparser_factory)


def _in_pool(
    chunks: Iterator[list[NumberedLine]], workers: int, factory: Callable[[], Geoparser]
) -> Iterator[Outcome]:
    ensure_gazetteer_cache()
    # forkserver, not fork: the caller may run threads (a web server, a test runner).
    context = multiprocessing.get_context("forkserver")
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(factory,)
    )
    pending: deque[Future[list[Outcome]]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_annotate_chunk, chunk))
            if len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(factory: Callable[[], Geoparser]) -> None:
    global _worker_geoparser
    _worker_geoparser = factory()


def _annotate_chunk(chunk: list[NumberedLine]) -> list[Outcome]:
    geoparser = _worker_geoparser
    if geoparser is None:
        raise RuntimeError("annotate worker started without its geoparser")
    return [annotate_line(geoparser, line, number) for number, line in chunk]


def _numbered(lines: Iterable[bytes | str]) -> Iterator[NumberedLine]:
    """Lines numbered from 1 as a text editor counts them; blank lines carry no document."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield number, line


def _chunks(numbered: Iterator[NumberedLine], size: int) -> Iterator[list[NumberedLine]]:
    while chunk := list(islice(numbered, size)):
        yield chunk
