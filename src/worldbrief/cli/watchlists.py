"""`worldbrief watchlists add|list|remove` and `worldbrief alerts run`.

Exit codes, as the membership commands: 0 done, 1 the store refused (no account with that
address, no watchlist with that id), 2 bad input (country, region, actor, URL...).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from worldbrief.cli.console import console, counted, errors, literal
from worldbrief.cli.watchlist_platform import watchlist_platform
from worldbrief.domain.watchlists import Watchlist
from worldbrief.services.alert_delivery import delivery_summary, run_alert_delivery
from worldbrief.services.alerts import CHANGES_PER_BATCH, AlertPassReport, run_alert_pass
from worldbrief.services.watchlists import (
    WatchlistRequest,
    add_watchlist,
    issue_atom_token,
    list_watchlists,
    remove_watchlist,
    revoke_atom_token,
)
from worldbrief.services.webhook_status import webhook_states

app = typer.Typer(help="What readers follow, and how they are told.", no_args_is_help=True)
alerts_app = typer.Typer(help="The alert pass over new articles and events.", no_args_is_help=True)


@app.command("add")
def add(
    email: Annotated[str, typer.Argument(help="Email of the account that follows it")],
    name: Annotated[str, typer.Argument(help="The watchlist's name")],
    country: Annotated[
        list[str] | None, typer.Option("--country", help="ISO code, e.g. KZ (repeatable)")
    ] = None,
    region: Annotated[
        list[str] | None, typer.Option("--region", help="Region id, e.g. central-asia")
    ] = None,
    division: Annotated[
        list[str] | None,
        typer.Option("--division", help="First-level division as CC/NAME, e.g. KZ/Mangystau"),
    ] = None,
    actor: Annotated[
        list[str] | None, typer.Option("--actor", help="Actor (entity) id, as on its page")
    ] = None,
    event_type: Annotated[
        list[str] | None,
        typer.Option(
            "--event-type",
            help="Event type, subtype or subtype id (e.g. Protests, armed-clash); with one, "
            "the watchlist follows distinct events rather than articles",
        ),
    ] = None,
    author: Annotated[list[str] | None, typer.Option("--author", help="Author's name")] = None,
    article_type: Annotated[
        list[str] | None, typer.Option("--type", help="Article type, e.g. analysis")
    ] = None,
    query: Annotated[
        str | None, typer.Option("--query", help="A saved search, in the search box syntax")
    ] = None,
    email_mode: Annotated[
        str, typer.Option("--email", help="immediate | daily | weekly | off")
    ] = "daily",
    webhook: Annotated[
        str | None, typer.Option("--webhook", help="URL to POST each alert to (http or https)")
    ] = None,
) -> None:
    """Follow countries, regions, divisions, actors, event types, authors or a search.

    Kinds combine with AND, values of one kind with OR: `--country KZ --country UZ
    --event-type Protests` follows protests in either country."""
    request = WatchlistRequest(
        name=name,
        countries=country or (),
        regions=region or (),
        divisions=division or (),
        actors=actor or (),
        event_types=event_type or (),
        authors=author or (),
        article_types=article_type or (),
        query=query,
        email=email_mode,
        webhook=webhook,
    )
    with watchlist_platform() as platform:
        watchlist = add_watchlist(platform, email, request)
    console.print(
        literal(
            f"Watchlist {watchlist.id} ",
            (watchlist.name, "bold"),
            f" created: {_follows(watchlist)}",
        )
    )


@app.command("list")
def list_command(
    email: Annotated[str | None, typer.Argument(help="Only this account's (default: all)")] = None,
) -> None:
    """Watchlists with what each follows and how it is delivered."""
    with watchlist_platform() as platform:
        found = list_watchlists(platform, email)
        health = webhook_states(platform, found)
    if not found:
        console.print("No watchlists. Add one with `worldbrief watchlists add EMAIL NAME ...`.")
        return
    table = Table("Id", "Owner", "Name", "Follows", "Email", "Webhook", "Webhook state")
    for watchlist in found:
        table.add_row(
            str(watchlist.id),
            literal(watchlist.owner_email or "anonymous (Atom)"),
            literal(watchlist.name),
            literal(_follows(watchlist)),
            watchlist.delivery.email.value,
            literal(watchlist.delivery.webhook_url or "-"),
            literal(health.get(watchlist.id, "-")),
        )
    console.print(table)


@app.command("remove")
def remove(watchlist_id: Annotated[int, typer.Argument(help="Watchlist id (see `list`)")]) -> None:
    """Delete a watchlist and its alerts."""
    with watchlist_platform() as platform:
        removed = remove_watchlist(platform, watchlist_id)
    if not removed:
        errors.print(literal(("error: ", "red"), f"no watchlist {watchlist_id}"))
        raise typer.Exit(code=1)
    console.print(f"Removed watchlist {watchlist_id}")


@app.command("feed")
def feed(
    watchlist_id: Annotated[int, typer.Argument(help="Watchlist id (see `list`)")],
    revoke: Annotated[
        bool, typer.Option("--revoke", help="Revoke the feed instead of issuing a new one")
    ] = False,
) -> None:
    """Print a new private Atom feed URL for the watchlist (the previous one stops working)."""
    with watchlist_platform() as platform:
        if revoke:
            done = revoke_atom_token(platform, watchlist_id)
            token = None
        else:
            token = issue_atom_token(platform, watchlist_id)
            done = token is not None
        base = platform.settings.base_url.rstrip("/")
    if not done:
        errors.print(literal(("error: ", "red"), f"no watchlist {watchlist_id}"))
        raise typer.Exit(code=1)
    if token is None:
        console.print(f"Revoked the feed of watchlist {watchlist_id}")
        return
    errors.print("Keep this URL private: whoever has it reads the watchlist's alerts.")
    print(f"{base}/feeds/watchlists/{token}.atom")  # plain stdout, so scripts can capture it


@alerts_app.command("run")
def run(
    batch: Annotated[
        int, typer.Option(min=1, max=10_000, help="Change-log entries matched per transaction")
    ] = CHANGES_PER_BATCH,
) -> None:
    """Run one alert pass now: new articles and events since the last pass, against every
    watchlist, then deliver what is due (mail, webhooks). Safe beside the scheduled job:
    nothing is recorded or sent twice."""

    def progress(report: AlertPassReport) -> None:
        errors.print(f"  read to change {report.cursor}: {counted(report.alerts, 'alert')} so far")

    with watchlist_platform() as platform:
        report = run_alert_pass(platform, batch_size=batch, on_batch=progress)
        delivered = run_alert_delivery(platform)
    console.print(
        f"{counted(report.changes, 'change')} read, {counted(report.articles, 'new article')}, "
        f"{counted(report.events, 'event')}; {counted(report.alerts, 'alert')} recorded; "
        f"at change {report.cursor}"
    )
    console.print(delivery_summary(delivered))


def _follows(watchlist: Watchlist) -> str:
    c = watchlist.criteria
    parts = [
        *(f"country {v}" for v in c.countries),
        *(f"region {v}" for v in c.regions),
        *(f"division {d.key}" for d in c.divisions),
        *(f"actor {v}" for v in c.actors),
        *(f"events {v}" for v in (*c.event_types, *c.event_subtypes)),
        *(f"author {v}" for v in c.authors),
        *(f"type {v}" for v in c.article_types),
        *([f'search "{c.search.text}"'] if c.search else []),
    ]
    return ", ".join(parts)
