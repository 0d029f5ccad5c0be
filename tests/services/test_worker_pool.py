"""Mapping a stream over worker processes: order, bounded input, and a worker's death."""

from __future__ import annotations

from collections.abc import Iterator

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
