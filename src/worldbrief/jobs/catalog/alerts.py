"""Match what is new in the store against the watchlists and record the alerts.

A cluster job, started by the leader only. Run twice at once (a second runner, or
`worldbrief alerts run` beside the worker), both record through the same unique key and move
the cursor forward only, so nothing is recorded twice.
"""

from __future__ import annotations

from worldbrief.jobs.job import Job, JobArgs, JobContext, register_job
from worldbrief.services.alerts import run_alert_pass


def _run(context: JobContext, _args: JobArgs) -> int:
    return run_alert_pass(context.platform).alerts


JOB = register_job(
    Job(
        name="alerts",
        run=_run,
        description="Match new articles and events against the watchlists; record the alerts.",
        every_seconds=60,
    )
)
