"""`worldbrief feeds add|list|poll|remove`."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from worldbrief.cli.console import console, errors, print_ingest_report
from worldbrief.services.feeds import FeedPollOutcome, FeedUrlError, add_feed, poll_feeds
from worldbrief.services.platform import open_platform

app = typer.Typer(help="Subscribe to RSS/Atom feeds and poll them.", no_args_is_help=True)


@app.command("add")
def add(
    url: Annotated[str, typer.Argument(help="Feed URL (RSS or Atom)")],
    title: Annotated[str | None, typer.Option(help="Display name")] = None,
) -> None:
    """Subscribe to a feed (polled by `feeds poll`)."""
    platform = open_platform()
    try:
        feed = add_feed(platform, url, title)
    except FeedUrlError as error:
        errors.print(f"[red]{error}[/]", highlight=False)
        raise typer.Exit(code=2) from None
    finally:
        platform.close()
    console.print(f"Subscribed to {feed.url}")


@app.command("remove")
def remove(url: Annotated[str, typer.Argument(help="Feed URL")]) -> None:
    """Unsubscribe from a feed (its articles stay)."""
    platform = open_platform()
    try:
        removed = platform.store.remove_feed(url)
    finally:
        platform.close()
    if not removed:
        errors.print(f"[red]not subscribed:[/] {url}", highlight=False)
        raise typer.Exit(code=1)
    console.print(f"Unsubscribed from {url}")


@app.command("list")
def list_feeds() -> None:
    """Show subscribed feeds with their last poll, last success and last error."""
    platform = open_platform()
    try:
        feeds = platform.store.list_feeds()
    finally:
        platform.close()
    if not feeds:
        console.print("No feeds. Add one with `worldbrief feeds add URL`.")
        return
    table = Table("Feed", "Status", "Last polled", "Last success", "Articles", "Last error")
    for feed in feeds:
        if feed.last_polled_at is None:
            status = "[yellow]never polled[/]"
        elif feed.last_error:
            status = f"[red]failing ({feed.consecutive_failures}×)[/]"
        else:
            status = "[green]ok[/]"
        table.add_row(
            f"{feed.title or ''}\n{feed.url}" if feed.title else feed.url,
            status,
            _when(feed.last_polled_at),
            _when(feed.last_success_at),
            str(feed.entries_ingested),
            feed.last_error or "",
        )
    console.print(table)


@app.command("poll")
def poll(
    urls: Annotated[list[str] | None, typer.Argument(help="Feeds to poll (default: all)")] = None,
) -> None:
    """Fetch feeds (conditional GET) and ingest their new entries."""
    platform = open_platform()

    def report(outcome: FeedPollOutcome) -> None:
        if outcome.error:
            errors.print(f"[red]failed[/] {outcome.url}: {outcome.error}", highlight=False)
        elif outcome.not_modified:
            console.print(f"[dim]not modified[/] {outcome.url}")
        else:
            console.print(f"[green]polled[/] {outcome.url}")
            print_ingest_report(outcome.report)

    try:
        outcomes = poll_feeds(platform, urls or None, on_done=report)
    except FeedUrlError as error:
        errors.print(f"[red]{error}[/]", highlight=False)
        raise typer.Exit(code=2) from None
    finally:
        platform.close()
    if outcomes and all(o.error for o in outcomes):
        raise typer.Exit(code=1)


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "-"
