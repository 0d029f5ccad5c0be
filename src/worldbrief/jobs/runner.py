"""The scheduler: a thread that starts each scheduled job when its interval has passed.

Every ``worldbrief serve`` process and every ``worldbrief worker`` runs one. Node jobs (the
index catch-up) run in every server process; cluster jobs start only in the process holding
the leader lock, and go to the queue the settings name (in process, or the broker). A job
that fails is logged and tried again at its next turn; it never stops the others.
"""

from __future__ import annotations

import logging
import threading
import time

from worldbrief.jobs.job import Job, Scope
from worldbrief.jobs.leader import LeaderLock, leader_lock
from worldbrief.jobs.queue import WorkQueue, perform
from worldbrief.jobs.schedule import schedule
from worldbrief.services.platform import Platform

TICK_SECONDS = 1.0
log = logging.getLogger(__name__)


JOB_THREAD_NAME = "worldbrief-jobs"  # the scheduler's thread, named for logs and tests


class JobRunner:
    """Runs the schedule of ``platform``'s settings on a thread of its own.

    ``node_jobs`` is False on a queue worker, which keeps no index for node jobs to tend."""

    def __init__(
        self,
        platform: Platform,
        queue: WorkQueue,
        *,
        node_jobs: bool = True,
        lock: LeaderLock | None = None,
    ) -> None:
        self.platform = platform
        self.queue = queue
        self.lock = lock or leader_lock(platform)
        self.jobs = {
            name: entry
            for name, entry in schedule(platform.settings).items()
            if node_jobs or entry[0].scope is not Scope.NODE
        }
        self._next: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name=JOB_THREAD_NAME, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self.lock.release()

    def run_due(self, now: float | None = None) -> list[str]:
        """Start every job whose turn has come; returns their names (for tests and logs)."""
        moment = time.monotonic() if now is None else now
        leading: bool | None = None  # asked once per tick, and only when a cluster job is due
        started = []
        for name, (job, seconds) in self.jobs.items():
            if moment < self._next.get(name, 0.0):
                continue
            if job.scope is Scope.CLUSTER:
                if leading is None:
                    leading = self._leads()
                if not leading:
                    continue
            self._next[name] = moment + seconds
            self._start(job)
            started.append(name)
        return started

    def _leads(self) -> bool:
        try:
            return self.lock.held()
        except Exception:
            log.exception("could not take the scheduler's leader lock; trying again")
            return False

    def _start(self, job: Job) -> None:
        try:
            if job.scope is Scope.NODE:
                perform(self.platform, self.queue, job.name, None)
            else:
                self.queue.submit(job.name)
        except Exception:
            log.exception("job %s failed; it runs again at its next turn", job.name)

    def _loop(self) -> None:
        while not self._stop.wait(TICK_SECONDS):
            self.run_due()
