"""Where jobs are sent: run at once in this process, or queued on the broker.

``InlineQueue`` is the embedded default: a submitted job runs before ``submit`` returns, in
the process that submitted it. ``BrokerQueue`` (``WORLDBRIEF_BROKER_URL`` set) puts it on the
broker for a ``worldbrief worker`` when the job names a queue; other jobs run where they are
started.
"""

from __future__ import annotations

import logging
from typing import Protocol

from worldbrief.jobs.job import JobArgs, JobContext, Scope, job_named
from worldbrief.services.platform import Platform

log = logging.getLogger(__name__)


class WorkQueue(Protocol):
    def submit(self, name: str, args: JobArgs | None = None) -> None: ...

    def close(self) -> None: ...


def perform(platform: Platform, queue: WorkQueue, name: str, args: JobArgs | None) -> object:
    """Run the job ``name`` here, now."""
    job = job_named(name)
    return job.run(JobContext(platform, queue), dict(args or {}))


class InlineQueue:
    def __init__(self, platform: Platform) -> None:
        self.platform = platform

    def submit(self, name: str, args: JobArgs | None = None) -> None:
        perform(self.platform, self, name, args)

    def close(self) -> None:
        pass


class BrokerQueue:
    def __init__(self, platform: Platform, broker_url: str) -> None:
        from worldbrief.jobs.broker import Dispatcher  # imports dramatiq only when used

        self.platform = platform
        self.dispatcher = Dispatcher(platform.settings, broker_url)

    def submit(self, name: str, args: JobArgs | None = None) -> None:
        job = job_named(name)
        if job.scope is Scope.NODE or job.queue is None:
            perform(self.platform, self, name, args)
        else:
            self.dispatcher.send(job.name, job.queue, dict(args or {}))

    def close(self) -> None:
        self.dispatcher.close()


def work_queue(platform: Platform) -> WorkQueue:
    """The queue the settings ask for."""
    url = platform.settings.broker_url
    if url:
        return BrokerQueue(platform, url)
    return InlineQueue(platform)
