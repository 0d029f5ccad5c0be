"""The `worldbrief` command."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import ClassVar

import typer
from pydantic import ValidationError
from rich.markup import escape

from worldbrief.cli.console import errors
from worldbrief.cli.lazy_commands import CommandAt, LazyGroup
from worldbrief.store.errors import StoreError


class _Commands(LazyGroup):
    # In the order `--help` lists them (commands first, then groups of commands), with where
    # each lives and the summary `--help` shows.
    commands_at: ClassVar[Mapping[str, CommandAt]] = {
        "serve": (
            "worldbrief.cli.serve:serve",
            "Serve the site, the JSON API (/docs) and the Atom feeds.",
        ),
        "ingest": (
            "worldbrief.cli.ingest:ingest",
            "Ingest Markdown, HTML, JSON, JSONL and text files, web pages and feed URLs.",
        ),
        "reindex": ("worldbrief.cli.ingest:reindex", "Rebuild the search index from the store."),
        "enrich": (
            "worldbrief.cli.enrich:enrich",
            "Enrich the stored articles again; changed ones are stored and re-indexed.",
        ),
        "search": (
            "worldbrief.cli.search:search",
            "Search the articles and print the best matches.",
        ),
        "annotate": (
            "worldbrief.cli.annotate:annotate",
            "Geoparse documents: places with coordinates, countries with evidence, and regions.",
        ),
        "worker": (
            "worldbrief.cli.jobs:worker",
            "Run queued jobs from WORLDBRIEF_BROKER_URL until stopped (SIGTERM or Ctrl-C).",
        ),
        "feeds": ("worldbrief.cli.feeds:app", "Subscribe to RSS/Atom feeds and poll them."),
        "events": ("worldbrief.cli.events:app", "Distinct events: export them."),
        "users": ("worldbrief.cli.users:app", "Manage accounts, their roles and subscriptions."),
        "plans": ("worldbrief.cli.plans:app", "Membership plans (prices and periods)."),
        "tokens": ("worldbrief.cli.tokens:app", "API tokens of accounts."),
        "desk": ("worldbrief.cli.desk:app", "The editorial desk."),
        "jobs": ("worldbrief.cli.jobs:app", "Scheduled and queued jobs."),
        "watchlists": (
            "worldbrief.cli.watchlist_commands:app",
            "What readers follow, and how they are told.",
        ),
        "alerts": (
            "worldbrief.cli.watchlist_commands:alerts_app",
            "The alert pass over new articles and events.",
        ),
    }


app = typer.Typer(
    name="worldbrief",
    cls=_Commands,
    help="Self-hostable geopolitical intelligence: ingest, geotag, search and publish.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    # Typer builds a group only for an app with a callback or registered commands; the commands
    # here come from `_Commands`.
    pass


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
