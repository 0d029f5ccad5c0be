"""Mapping a stream over worker processes: order, bounded input, a worker's death, and the
death of the process that made the pool."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from support.dying_work import died, square_or_die, square_slowly_or_die, start, start_and_fail
from worldbrief.services.worker_pool import OrderedPool, WorkersFailingError


def test_outcomes_come_back_in_input_order_without_reading_ahead_unbounded() -> None:
    read: list[int] = []

    def numbers() -> Iterator[int]:
        for n in range(200):
            read.append(n)
            yield n

    with OrderedPool(2, square_or_die, died, start) as pool:
        outcomes = pool.map(numbers(), chunk=5, ahead=20)
        first = [next(outcomes) for _ in range(3)]
        assert first == [0, 1, 4]
        assert len(read) <= 25  # what is in flight, not the whole stream
        assert first + list(outcomes) == [n * n for n in range(200)]


def test_a_worker_that_dies_costs_only_the_item_it_was_on() -> None:
    items = [*range(10), -5, *range(10, 20)]
    with OrderedPool(2, square_or_die, died, start) as pool:
        outcomes = list(pool.map(items, chunk=4, ahead=12))
    assert outcomes == [n * n if n >= 0 else -1 for n in items]


def test_an_innocent_item_is_not_blamed_for_a_death_beside_it() -> None:
    # The slow chunk is still running when the dying one breaks the pool; while its items are
    # run again one by one, the dying chunk must not be in flight beside them.
    items = [100, 101, -5, 7]
    with OrderedPool(2, square_slowly_or_die, died, start) as pool:
        outcomes = list(pool.map(items, chunk=2, ahead=4))
    assert outcomes == [10_000, 10_201, -1, 49]


def test_workers_that_cannot_start_stop_the_run_with_a_clear_error() -> None:
    pool: OrderedPool[int, int] = OrderedPool(2, square_or_die, died, start_and_fail)
    with pool, pytest.raises(WorkersFailingError, match="stopped on 4 items in a row"):
        list(pool.map(range(50), chunk=5, ahead=10))


# Makes a pool of two workers, both kept busy, and waits for ever.
POOL_MAKER = """
from support.dying_work import block, died, start
from worldbrief.services.worker_pool import OrderedPool

list(OrderedPool(2, block, died, start).map(range(4), chunk=1, ahead=4))
"""
# The annotate API's pool (its own executor, the same watch), both workers kept busy.
ANNOTATE_POOL_MAKER = """
import time
from support.dying_work import start
from worldbrief.services.annotate_batch import AnnotateWorkers

executor = AnnotateWorkers(2, 0, geoparser_factory=start)._pool()
running = [executor.submit(time.sleep, 3600) for _ in range(2)]
time.sleep(3600)
"""
BOUND_SECONDS = 60.0


@pytest.mark.parametrize("maker_code", [POOL_MAKER, ANNOTATE_POOL_MAKER], ids=["map", "annotate"])
def test_workers_stop_when_the_process_that_made_the_pool_is_killed(
    tmp_path: Path, maker_code: str
) -> None:
    tests = str(Path(__file__).resolve().parents[1])
    paths = [tests, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as stderr:
        maker = subprocess.Popen(
            [sys.executable, "-c", maker_code], env=env, stdout=subprocess.DEVNULL, stderr=stderr
        )
    descendants: list[psutil.Process] = []
    try:
        descendants = _wait_for_two_workers(maker, errors)
        maker.kill()  # as SIGKILL or the out-of-memory killer would: no shutdown runs
        maker.wait()
        deadline = time.monotonic() + BOUND_SECONDS
        while (left := [p for p in descendants if _alive(p)]) and time.monotonic() < deadline:
            time.sleep(0.2)
        # The workers, and with them the fork server and the resource tracker.
        assert not left, f"still running {BOUND_SECONDS:.0f} s after the pool's maker died: {left}"
    finally:
        maker.kill()
        maker.wait()
        for process in descendants:
            if _alive(process):
                process.kill()


def _wait_for_two_workers(maker: subprocess.Popen[bytes], errors: Path) -> list[psutil.Process]:
    """Every process under ``maker`` once two workers run (children of its fork server)."""
    deadline = time.monotonic() + BOUND_SECONDS
    while time.monotonic() < deadline:
        assert maker.poll() is None, errors.read_text(errors="replace")
        try:
            descendants = psutil.Process(maker.pid).children(recursive=True)
            workers = [p for p in descendants if p.ppid() != maker.pid]
        except psutil.NoSuchProcess:
            continue
        if len(workers) == 2:
            return descendants
        time.sleep(0.1)
    raise AssertionError(f"no two workers after {BOUND_SECONDS:.0f} s")


def _alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
