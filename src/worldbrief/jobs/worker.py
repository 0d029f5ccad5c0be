"""``worldbrief worker``: consume the broker's job queues, and run the schedule (leader lock).

Without a broker a worker only runs the schedule, in process: a site whose server does not
run (or runs elsewhere) still gets its drafts published and its feeds polled.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType

import dramatiq

from worldbrief.config import Settings
from worldbrief.jobs.broker import serve_jobs_with
from worldbrief.jobs.queue import BrokerQueue, work_queue
from worldbrief.jobs.runner import JobRunner
from worldbrief.services.platform import open_platform

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WorkerStarted:
    queues: tuple[str, ...]  # the broker queues consumed; none without a broker
    scheduled: tuple[str, ...]


def run_worker(
    settings: Settings,
    threads: int = 1,
    *,
    schedule: bool = True,
    on_start: Callable[[WorkerStarted], None] | None = None,
) -> None:
    """Work until SIGTERM or SIGINT. ``threads`` jobs run at once in this process (enrichment
    is CPU-bound: run one process per core rather than more threads)."""
    platform = open_platform(settings)
    queue = work_queue(platform)
    runner = JobRunner(platform, queue, node_jobs=False) if schedule else None
    consumer: dramatiq.Worker | None = None
    consumed: tuple[str, ...] = ()
    stop = threading.Event()
    try:
        if isinstance(queue, BrokerQueue):
            platform.pipeline  # noqa: B018  (built now: the first job need not load the gazetteer)
            serve_jobs_with(platform, queue)
            names = set(queue.dispatcher.queues.values())
            consumed = tuple(sorted(names))
            consumer = dramatiq.Worker(
                queue.dispatcher.broker, queues=names, worker_threads=threads
            )
            consumer.start()
        if runner is not None:
            runner.start()
        if on_start is not None:
            on_start(WorkerStarted(consumed, tuple(runner.jobs) if runner else ()))
        _wait_for_signal(stop)
    finally:
        if runner is not None:
            runner.stop()
        if consumer is not None:
            consumer.stop()  # unfinished messages go back to the broker unacknowledged
        queue.close()
        platform.close()


def _wait_for_signal(stop: threading.Event) -> None:
    def handle(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, handle)
    signal.signal(signal.SIGINT, handle)
    while not stop.wait(1.0):
        pass
