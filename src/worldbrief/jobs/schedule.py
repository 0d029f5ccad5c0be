"""How often each job runs: the jobs' defaults, and ``WORLDBRIEF_JOB_INTERVALS`` over them."""

from __future__ import annotations

from worldbrief.config import Settings
from worldbrief.jobs.job import Job, UnknownJobError, registered_jobs


def overrides(settings: Settings) -> dict[str, int]:
    """The ``name=seconds`` pairs of the setting (its format is checked by Settings)."""
    pairs: dict[str, int] = {}
    for item in (part.strip() for part in settings.job_intervals.split(",")):
        if item:
            name, _, seconds = item.partition("=")
            pairs[name.strip()] = int(seconds)
    return pairs


def schedule(settings: Settings) -> dict[str, tuple[Job, int]]:
    """Every job that runs on a schedule, with its interval in seconds; raises
    ``UnknownJobError`` naming a job the setting mentions that does not exist."""
    jobs = registered_jobs()
    chosen = overrides(settings)
    unknown = sorted(set(chosen) - set(jobs))
    if unknown:
        raise UnknownJobError(
            f"WORLDBRIEF_JOB_INTERVALS names no job {', '.join(map(repr, unknown))} "
            f"(jobs: {', '.join(jobs)})"
        )
    intervals = {name: chosen.get(name, job.every_seconds) for name, job in jobs.items()}
    return {name: (jobs[name], seconds) for name, seconds in intervals.items() if seconds > 0}
