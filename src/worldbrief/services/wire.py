"""How the frozen domain objects travel between the command and its enrichment workers.

Every record goes to a worker and comes back as an article with its enrichment: some thirty
frozen dataclasses (spans, places, countries, entities, events). Pickle stores a frozen
dataclass with ``slots=True`` through the generic ``__getstate__``/``__setstate__`` of
``dataclasses``, which look the fields up again for every object; here each class gets a
reducer that reads its fields in one ``attrgetter``, and the receiver calls the class with
them: its generated ``__init__`` is straight-line code (the checks of ``__post_init__`` run
again, and pass, as the values passed them once). Every field is an ``__init__`` argument in
the classes sent so (``send_compactly`` refuses others), so the objects that come out are equal
to those that went in, field for field. Only pickles made
by ``multiprocessing`` (the worker pool's queues) use these reducers; elsewhere pickling and
copying are as ``dataclasses`` make them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from multiprocessing.reduction import ForkingPickler
from operator import attrgetter
from typing import Any

_REGISTERED: set[type[Any]] = set()


def send_compactly(classes: Iterable[type[Any]]) -> None:
    """Pickle ``classes`` (frozen dataclasses) by their fields' values, in worker pools."""
    for kind in classes:
        if kind in _REGISTERED:
            continue
        fields = dataclasses.fields(kind)
        if not all(f.init for f in fields):
            raise TypeError(f"{kind.__name__} has fields its constructor does not take")
        _REGISTERED.add(kind)
        ForkingPickler.register(kind, _reducer(kind, tuple(f.name for f in fields)))


def _reducer(
    kind: type[Any], names: tuple[str, ...]
) -> Callable[[Any], tuple[type[Any], tuple[Any, ...]]]:
    read = attrgetter(*names)
    if len(names) == 1:
        return lambda value: (kind, (read(value),))
    return lambda value: (kind, read(value))
