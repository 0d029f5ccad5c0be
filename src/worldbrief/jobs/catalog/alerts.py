"""Match what is new in the store against the watchlists and record the alerts.

A cluster job, started by the leader only. Run twice at once (a second runner, or
`worldbrief alerts run` beside the worker), both record through the same unique key and move
the cursor forward only, so nothing is recorded twice.
"""

from __future__ import annotations

from worldbrief.jobs.job import Job, JobArgs, JobContext, register_job
from worldbrief.services.alert_delivery import run_alert_delivery
from worldbrief.services.alerts import run_alert_pass


def _run(context: JobContext, _args: JobArgs) -> int:
    recorded = run_alert_pass(context.platform).alerts
    run_alert_delivery(context.platform)  # what is due now, the new alerts among it
    return recorded


JOB = register_job(
    Job(
        name="alerts",
        run=_run,
        description="Match new articles and events against the watchlists, record the "
        "alerts, and deliver what is due (mail, webhooks).",
        every_seconds=60,
    )
)
