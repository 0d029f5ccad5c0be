"""Publish the desk's scheduled drafts whose time has come, and finish interrupted ones."""

from __future__ import annotations

from worldbrief.jobs.job import Job, JobArgs, JobContext, register_job
from worldbrief.services import desk


def _run(context: JobContext, _args: JobArgs) -> int:
    # Each draft is claimed in the store before it is published, so a second runner is harmless.
    return len(desk.publish_due(context.platform))


JOB = register_job(
    Job(
        name="publish_due",
        run=_run,
        description="Publish scheduled desk drafts whose time has come.",
        every_seconds=5,
    )
)
