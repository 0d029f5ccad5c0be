"""Work for ``OrderedPool`` tests: squares numbers, and the worker dies (as if killed for
memory) on a negative one. Module-level, so worker processes can import it."""

from __future__ import annotations

import os


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
