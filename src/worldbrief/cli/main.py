"""The `worldbrief` command."""

from __future__ import annotations

import sys

import typer
from pydantic import ValidationError
from rich.markup import escape

from worldbrief.cli import (
    alert_delivery,
    annotate,
    desk,
    enrich,
    events,
    feeds,
    ingest,
    jobs,
    plans,
    search,
    serve,
    tokens,
    users,
    watchlists,
)
from worldbrief.cli.console import errors
from worldbrief.store import StoreError

app = typer.Typer(
    name="worldbrief",
    help="Self-hostable geopolitical intelligence: ingest, geotag, search and publish.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("serve")(serve.serve)
app.command("ingest")(ingest.ingest)
app.command("reindex")(ingest.reindex)
app.command("enrich")(enrich.enrich)
app.command("search")(search.search)
app.command("annotate")(annotate.annotate)
app.add_typer(feeds.app, name="feeds")
app.add_typer(events.app, name="events")
app.add_typer(users.app, name="users")
app.add_typer(plans.app, name="plans")
app.add_typer(tokens.app, name="tokens")
app.add_typer(desk.app, name="desk")
app.command("worker")(jobs.worker)
app.add_typer(jobs.app, name="jobs")
app.add_typer(watchlists.app, name="watchlists")
app.add_typer(watchlists.alerts_app, name="alerts")
alert_delivery.register(watchlists.app, watchlists.alerts_app)


def run() -> None:
    """The console entry point: a bad setting or an unreachable store is one line on stderr
    (exit code 2), not a traceback."""
    try:
        app()
    except ValidationError as error:
        for problem in error.errors():
            name = "WORLDBRIEF_" + "_".join(str(part) for part in problem["loc"]).upper()
            errors.print(f"[red]error:[/] {name}: {escape(problem['msg'])}", highlight=False)
        sys.exit(2)
    except StoreError as error:
        errors.print(f"[red]error:[/] {escape(str(error))}", highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    run()
