"""The `worldbrief` command."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import ClassVar

import typer
from pydantic import ValidationError
from rich.markup import escape

from worldbrief.cli.console import errors
from worldbrief.cli.lazy_commands import LazyGroup
from worldbrief.store.errors import StoreError


class _Commands(LazyGroup):
    # In the order `--help` lists them: commands first, then groups of commands.
    commands_at: ClassVar[Mapping[str, str]] = {
        "serve": "worldbrief.cli.serve:serve",
        "ingest": "worldbrief.cli.ingest:ingest",
        "reindex": "worldbrief.cli.ingest:reindex",
        "enrich": "worldbrief.cli.enrich:enrich",
        "search": "worldbrief.cli.search:search",
        "annotate": "worldbrief.cli.annotate:annotate",
        "worker": "worldbrief.cli.jobs:worker",
        "feeds": "worldbrief.cli.feeds:app",
        "events": "worldbrief.cli.events:app",
        "users": "worldbrief.cli.users:app",
        "plans": "worldbrief.cli.plans:app",
        "tokens": "worldbrief.cli.tokens:app",
        "desk": "worldbrief.cli.desk:app",
        "jobs": "worldbrief.cli.jobs:app",
        "watchlists": "worldbrief.cli.watchlist_commands:app",
        "alerts": "worldbrief.cli.watchlist_commands:alerts_app",
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
