"""A tally of the geoparser's unit steps, so that tests can check how its work grows with the
text without timing anything.

Counting is off unless a caller opens ``tally_work()``; the tally belongs to the calling
context (thread or task), so concurrent geoparses never mix their counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(slots=True)
class WorkTally:
    readings_scored: int = 0  # candidate readings weighed against the text's context
    distances: int = 0  # great-circle distances computed between two places
    comparisons: int = 0  # spans and words compared while recognising names
    name_keys: int = 0  # gazetteer keys computed while reading runs of capitalised words

    @property
    def total(self) -> int:
        return self.readings_scored + self.distances + self.comparisons + self.name_keys


_current: ContextVar[WorkTally | None] = ContextVar("geoparse_work_tally", default=None)


@contextmanager
def tally_work() -> Iterator[WorkTally]:
    """Count the geoparser's steps within the block."""
    tally = WorkTally()
    token = _current.set(tally)
    try:
        yield tally
    finally:
        _current.reset(token)


def current_tally() -> WorkTally | None:
    """The open tally, or None (the usual case: nothing is counted)."""
    return _current.get()
