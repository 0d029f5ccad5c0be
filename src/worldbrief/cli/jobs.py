"""`worldbrief worker` and `worldbrief jobs`: the job runner from the command line."""

from __future__ import annotations

import json
import logging
from typing import Annotated

import typer
from rich.table import Table

from worldbrief.cli.console import console, errors, literal
from worldbrief.config import Settings
from worldbrief.jobs.job import UnknownJobError, registered_jobs
from worldbrief.jobs.queue import perform, work_queue
from worldbrief.jobs.schedule import schedule
from worldbrief.jobs.worker import WorkerStarted, run_worker
from worldbrief.services.platform import open_platform
from worldbrief.store.errors import redact_url

app = typer.Typer(help="Scheduled and queued jobs.", no_args_is_help=True)


def worker(
    threads: Annotated[
        int, typer.Option(min=1, max=64, help="Jobs run at once in this process.")
    ] = 1,
    schedule_jobs: Annotated[
        bool,
        typer.Option(
            "--schedule/--no-schedule",
            help="Also run the schedule (only the process holding the leader lock starts "
            "the scheduled jobs).",
        ),
    ] = True,
) -> None:
    """Run queued jobs from WORLDBRIEF_BROKER_URL until stopped (SIGTERM or Ctrl-C).

    Start as many as you like, on any machine that reaches the broker and the database.
    """
    settings = Settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")

    def started(state: WorkerStarted) -> None:
        broker = redact_url(settings.broker_url) if settings.broker_url else "none (in process)"
        console.print(
            literal(
                f"Worker ready; broker: {broker}; queues: {', '.join(state.queues) or 'none'}; "
                f"scheduled jobs: {', '.join(state.scheduled) or 'none'}"
            ),
            soft_wrap=True,
        )

    run_worker(settings, threads, schedule=schedule_jobs, on_start=started)


@app.command("list")
def list_jobs() -> None:
    """List the jobs, how often each runs and where."""
    settings = Settings()
    try:
        intervals = {name: seconds for name, (_, seconds) in schedule(settings).items()}
    except UnknownJobError as error:
        errors.print(literal(("error: ", "red"), str(error)))
        raise typer.Exit(code=2) from None
    table = Table("job", "every", "runs", "what it does")
    queued = "on the broker" if settings.broker_url else "in process"
    for name, job in registered_jobs().items():
        every = f"{intervals[name]} s" if name in intervals else "on demand"
        where = "each app node" if job.scope == "node" else (queued if job.queue else "leader")
        table.add_row(name, every, where, job.description)
    console.print(table)


@app.command("run")
def run_job(
    name: Annotated[str, typer.Argument(help="The job's name (see `worldbrief jobs list`).")],
    args: Annotated[
        str, typer.Option("--args", help="The job's arguments as a JSON object.")
    ] = "{}",
) -> None:
    """Run one job now, in this process (whatever the broker setting)."""
    try:
        arguments = json.loads(args)
    except ValueError as error:
        errors.print(literal(("error: ", "red"), f"--args is not JSON: {error}"))
        raise typer.Exit(code=2) from None
    if not isinstance(arguments, dict):
        errors.print(literal(("error: ", "red"), "--args must be a JSON object"))
        raise typer.Exit(code=2)
    platform = open_platform()
    queue = work_queue(platform)
    try:
        result = perform(platform, queue, name, arguments)
    except UnknownJobError as error:
        errors.print(literal(("error: ", "red"), str(error)))
        raise typer.Exit(code=2) from None
    finally:
        queue.close()
        platform.close()
    console.print(literal(f"{name}: {result}"))
