"""`worldbrief feeds add|list|poll|remove`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from worldbrief.cli.console import (
    console,
    errors,
    literal,
    natural_width,
    print_ingest_report,
    print_json,
    report_json,
)
from worldbrief.domain import Feed
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
        errors.print(literal((str(error), "red")))
        raise typer.Exit(code=2) from None
    finally:
        platform.close()
    console.print(literal("Subscribed to ", feed.url))


@app.command("remove")
def remove(url: Annotated[str, typer.Argument(help="Feed URL")]) -> None:
    """Unsubscribe from a feed (its articles stay)."""
    platform = open_platform()
    try:
        removed = platform.store.remove_feed(url)
    finally:
        platform.close()
    if not removed:
        errors.print(literal(("not subscribed: ", "red"), url))
        raise typer.Exit(code=1)
    console.print(literal("Unsubscribed from ", url))


@app.command("list")
def list_feeds(
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print every feed as JSON on stdout: its status, polls, articles and last error.",
        ),
    ] = False,
) -> None:
    """Show subscribed feeds with their last poll, last success and last error."""
    platform = open_platform()
    try:
        feeds = platform.store.list_feeds()
    finally:
        platform.close()
    if as_json:
        print_json({"feeds": [_feed_json(feed) for feed in feeds]})
        return
    if not feeds:
        console.print("No feeds. Add one with `worldbrief feeds add URL`.")
        return
    table = _feeds_table(feeds)
    if natural_width(table) <= console.width:
        console.print(table)
    else:  # a table wider than the terminal would be folded by it: one block per feed instead
        for index, feed in enumerate(feeds):
            _print_feed_block(feed, first=index == 0)


_COLUMNS = ("Status", "Last polled", "Last success", "Articles", "Last error")


def _feeds_table(feeds: Sequence[Feed]) -> Table:
    table = Table("Feed", *_COLUMNS)
    for feed in feeds:
        name = Text("\n").join(
            [literal(feed.title), literal(feed.url)] if feed.title else [literal(feed.url)]
        )
        table.add_row(name, *_feed_cells(feed))
    return table


def _print_feed_block(feed: Feed, *, first: bool) -> None:
    """The feed's fields one to a line, each whole: ``URL``, then every table column."""
    if not first:
        console.print()
    console.print(literal((feed.title or feed.url, "bold")))
    labels = ("URL", *_COLUMNS)
    width = max(len(label) for label in labels)
    values: tuple[Text | str, ...] = (literal(feed.url), *_feed_cells(feed))
    for label, value in zip(labels, values, strict=True):
        console.print(Text.assemble(f"  {label:<{width}}  ", value or "-"))


def _feed_cells(feed: Feed) -> tuple[Text, str, str, str, Text]:
    if feed.last_polled_at is None:
        status = Text("never polled", "yellow")
    elif feed.last_error:
        status = Text(f"failing ({feed.consecutive_failures}×)", "red")
    else:
        status = Text("ok", "green")
    return (
        status,
        _when(feed.last_polled_at),
        _when(feed.last_success_at),
        str(feed.entries_ingested),
        literal(feed.last_error or ""),
    )


def _feed_json(feed: Feed) -> dict[str, Any]:
    if feed.last_polled_at is None:
        status = "never_polled"
    elif feed.last_error:
        status = "failing"
    else:
        status = "ok"
    return {
        "url": feed.url,
        "title": feed.title,
        "status": status,
        "consecutive_failures": feed.consecutive_failures,
        "added_at": _iso(feed.added_at),
        "last_polled_at": _iso(feed.last_polled_at),
        "last_success_at": _iso(feed.last_success_at),
        "articles": feed.entries_ingested,
        "last_error": feed.last_error,
    }


@app.command("poll")
def poll(
    urls: Annotated[list[str] | None, typer.Argument(help="Feeds to poll (default: all)")] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="Print one JSON report on stdout: each feed's outcome and rejections."
        ),
    ] = False,
) -> None:
    """Fetch feeds (conditional GET) and ingest their new entries; every feed is polled even
    when another fails."""
    platform = open_platform()

    def report(outcome: FeedPollOutcome) -> None:
        if as_json:
            return
        if outcome.error:
            errors.print(literal(("failed ", "red"), outcome.url, ": ", outcome.error))
        elif outcome.not_modified:
            console.print(literal(("not modified ", "dim"), outcome.url))
        else:
            console.print(literal(("polled ", "green"), outcome.url))
            print_ingest_report(outcome.report)

    try:
        outcomes = poll_feeds(platform, urls or None, on_done=report)
    except FeedUrlError as error:
        errors.print(literal((str(error), "red")))
        raise typer.Exit(code=2) from None
    finally:
        platform.close()
    if as_json:
        print_json({"feeds": [_outcome_json(o) for o in outcomes]})
    if outcomes and all(o.error for o in outcomes):
        raise typer.Exit(code=1)


def _outcome_json(outcome: FeedPollOutcome) -> dict[str, Any]:
    status = "failed" if outcome.error else "not_modified" if outcome.not_modified else "polled"
    return {"url": outcome.url, "status": status, "error": outcome.error} | report_json(
        outcome.report
    )


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "-"


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
