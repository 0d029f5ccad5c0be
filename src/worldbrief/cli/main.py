"""The `worldbrief` command."""

from __future__ import annotations

import typer

from worldbrief.cli import annotate, desk, feeds, ingest, plans, search, serve, tokens, users

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
app.command("search")(search.search)
app.command("annotate")(annotate.annotate)
app.add_typer(feeds.app, name="feeds")
app.add_typer(users.app, name="users")
app.add_typer(plans.app, name="plans")
app.add_typer(tokens.app, name="tokens")
app.add_typer(desk.app, name="desk")


if __name__ == "__main__":
    app()
