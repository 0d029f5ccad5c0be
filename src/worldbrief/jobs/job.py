"""A job: a named unit of work with JSON arguments, run on a schedule, on demand, or both.

Each job is one module of ``worldbrief.jobs.catalog`` that calls ``register_job`` at import;
the catalog is discovered by listing that package, so adding a job is adding one file there.
Where a job runs is its ``scope``:

- ``NODE``: on every app node (each keeps something of its own, e.g. its search index); never
  queued.
- ``CLUSTER``: once for the whole deployment. On a schedule, only the process holding the
  leader lock starts it. With a broker, a job naming a ``queue`` goes there for any
  ``worldbrief worker``; without one, or without a queue, it runs where it is started.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from worldbrief.services.platform import Platform

JobArgs = Mapping[str, Any]  # JSON values only: they may travel through a broker


class Scope(enum.StrEnum):
    NODE = "node"
    CLUSTER = "cluster"


class Submitter(Protocol):
    """Where a job sends the jobs it starts: run now in this process, or queued."""

    def submit(self, name: str, args: JobArgs | None = None) -> None: ...


@dataclass(frozen=True, slots=True)
class JobContext:
    platform: Platform
    queue: Submitter
    # False on a queue worker: it serves no searches, so what it stores is indexed by the app
    # nodes from the change log rather than into a local index nobody reads.
    keeps_index: bool = True


JobBody = Callable[[JobContext, JobArgs], object]


@dataclass(frozen=True, slots=True)
class Job:
    name: str
    run: JobBody
    description: str
    scope: Scope = Scope.CLUSTER
    every_seconds: int = 0  # the default schedule; 0: only on demand
    # With a broker, the queue it waits in for a worker (polls and enrichment apart, so a poll
    # never waits behind a long ingest); None: it runs where it is started, as without one.
    queue: str | None = None


class UnknownJobError(LookupError):
    pass


_JOBS: dict[str, Job] = {}
CATALOG_PACKAGE = "worldbrief.jobs.catalog"
_loaded = False


def register_job(job: Job) -> Job:
    if job.name in _JOBS and _JOBS[job.name] is not job:
        raise ValueError(f"two jobs are named {job.name!r}")
    _JOBS[job.name] = job
    return job


def load_catalog() -> None:
    """Import every module of the catalog package, once."""
    global _loaded
    if _loaded:
        return
    package = importlib.import_module(CATALOG_PACKAGE)
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{CATALOG_PACKAGE}.{module.name}")
    _loaded = True


def registered_jobs() -> dict[str, Job]:
    load_catalog()
    return dict(sorted(_JOBS.items()))


def job_named(name: str) -> Job:
    jobs = registered_jobs()
    if name not in jobs:
        raise UnknownJobError(f"no job named {name!r} (jobs: {', '.join(jobs)})")
    return jobs[name]
