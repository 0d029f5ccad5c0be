"""The job queue on Redis or RabbitMQ, through Dramatiq.

One Dramatiq actor per queue carries ``(job name, JSON arguments)``; the worker runs the job
through the same ``perform`` as the embedded runner. Messages are acknowledged only after the
job returns (Dramatiq's default), so a worker killed mid-job leaves its message to another:
RabbitMQ hands it over when the connection drops, Redis once the worker has missed its
heartbeats for ``WORLDBRIEF_BROKER_HEARTBEAT_SECONDS``. Jobs are therefore written to be run
again safely (idempotent writes keyed by article id). Why Dramatiq:
``docs/decisions/0010-job-runner-and-broker.md``.
"""

from __future__ import annotations

import threading
from typing import Any

import dramatiq
from dramatiq.brokers.rabbitmq import RabbitmqBroker
from dramatiq.brokers.redis import RedisBroker

from worldbrief.config import Settings
from worldbrief.jobs.job import JobArgs, JobContext, Submitter, job_named, registered_jobs
from worldbrief.services.platform import Platform

MAX_RETRIES = 5  # a job that raises is tried again, with backoff, this many times
TIME_LIMIT_MS = 30 * 60 * 1000  # a job running longer is stopped (and retried)
# Out of a million Redis commands, how many also look for dead workers' unfinished messages;
# the look is one cheap script, and Dramatiq's default (1,000) leaves them waiting for minutes.
REDIS_MAINTENANCE_CHANCE = 100_000

_worker_lock = threading.Lock()
_worker_state: tuple[Platform, Submitter] | None = None


def make_broker(settings: Settings, url: str) -> dramatiq.Broker:
    if url.startswith(("redis://", "rediss://")):
        return RedisBroker(  # type: ignore[no-untyped-call]
            url=url,
            namespace=settings.broker_namespace,
            heartbeat_timeout=settings.broker_heartbeat_seconds * 1000,
            maintenance_chance=REDIS_MAINTENANCE_CHANCE,
        )
    return RabbitmqBroker(url=url, confirm_delivery=True)


def queue_names(settings: Settings) -> dict[str, str]:
    """Each job queue's name on the broker, prefixed with the site's namespace."""
    queues = {job.queue for job in registered_jobs().values() if job.queue is not None}
    return {queue: f"{settings.broker_namespace}.{queue}" for queue in sorted(queues)}


class Dispatcher:
    """The broker connection and its actors, for sending jobs and for consuming them."""

    def __init__(self, settings: Settings, url: str) -> None:
        self.broker = make_broker(settings, url)
        self.queues = queue_names(settings)
        self.actors: dict[str, dramatiq.Actor[Any, Any]] = {
            queue: dramatiq.actor(
                broker=self.broker,
                actor_name=f"{broker_name}.job",
                queue_name=broker_name,
                max_retries=MAX_RETRIES,
                time_limit=TIME_LIMIT_MS,
            )(_run_queued)
            for queue, broker_name in self.queues.items()
        }

    def send(self, name: str, queue: str, args: JobArgs) -> None:
        self.actors[queue].send(name, dict(args))

    def close(self) -> None:
        self.broker.close()


def serve_jobs_with(platform: Platform, queue: Submitter) -> None:
    """Make this process's queued jobs run against ``platform``, sending the jobs they start
    to ``queue`` (a worker calls it before consuming)."""
    global _worker_state
    with _worker_lock:
        _worker_state = (platform, queue)


def _run_queued(name: str, args: dict[str, Any]) -> None:
    state = _worker_state
    if state is None:
        raise RuntimeError(f"job {name!r} reached a process that is not a worldbrief worker")
    platform, queue = state
    job_named(name).run(JobContext(platform, queue, keeps_index=False), args)
