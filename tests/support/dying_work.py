"""Work for ``OrderedPool`` tests: squares numbers, and the worker dies (as if killed for
memory) on a negative one. Module-level, so worker processes can import it."""

from __future__ import annotations

import os
import time


def start() -> None:
    pass


def square_or_die(numbers: list[int]) -> list[int]:
    if any(n < 0 for n in numbers):
        os._exit(1)
    return [n * n for n in numbers]


def died(number: int) -> int:
    return -1


def start_and_fail() -> None:
    raise MemoryError("cannot load the model")


def square_slowly_or_die(numbers: list[int]) -> list[int]:
    """As ``square_or_die``, but a number of 100 or more takes a moment, so a dying chunk sent
    beside it breaks the pool while it is still running."""
    if any(n < 0 for n in numbers):
        os._exit(1)
    if any(n >= 100 for n in numbers):
        time.sleep(0.3)
    return [n * n for n in numbers]


def block(numbers: list[int]) -> list[int]:
    """Keeps its worker busy (until the worker is stopped)."""
    time.sleep(3600)
    return numbers
