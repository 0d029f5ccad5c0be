"""Bring this node's search index up to the store's change log."""

from __future__ import annotations

from worldbrief.jobs.job import Job, JobArgs, JobContext, Scope, register_job
from worldbrief.services.indexing import catch_up_if_free


def _run(context: JobContext, _args: JobArgs) -> bool:
    # Another process of this node holding the index's write lock applies the same changes.
    return catch_up_if_free(context.platform.store, context.platform.index)


JOB = register_job(
    Job(
        name="index_catch_up",
        run=_run,
        description="Apply the store's new changes to this node's search index.",
        scope=Scope.NODE,
        every_seconds=5,
    )
)
