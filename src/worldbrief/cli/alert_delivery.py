"""`worldbrief alerts settings`, `worldbrief watchlists webhook-secret|webhook-enable`.

Exit codes as the watchlist commands: 1 no such account or watchlist, 2 bad input.
"""

from __future__ import annotations

from typing import Annotated

import typer

from worldbrief.alerts.reader_time import shown_quiet_hours
from worldbrief.cli.console import console, errors, literal
from worldbrief.cli.watchlist_platform import watchlist_platform
from worldbrief.services.alert_settings import reader_settings_of, set_reader_settings
from worldbrief.services.platform import open_platform
from worldbrief.services.webhook_status import enable_webhook, secret_of

WatchlistId = Annotated[int, typer.Argument(help="Watchlist id (see `watchlists list`)")]


def settings_command(
    email: Annotated[str, typer.Argument(help="Email of the account")],
    time_zone: Annotated[
        str | None, typer.Option("--time-zone", help="IANA name, e.g. Europe/Paris")
    ] = None,
    quiet_hours: Annotated[
        str | None,
        typer.Option("--quiet-hours", help="Local HH:MM-HH:MM with no immediate mail, or off"),
    ] = None,
) -> None:
    """Show, or change, when an account's alert mail may arrive (its time zone for digests and
    its quiet hours for immediate mail)."""
    with watchlist_platform() as platform:
        if time_zone is None and quiet_hours is None:
            found = reader_settings_of(platform, email)
        else:
            found = set_reader_settings(
                platform, email, time_zone=time_zone, quiet_hours=quiet_hours
            )
    console.print(literal(f"time zone {found.time_zone}; quiet hours {shown_quiet_hours(found)}"))


def webhook_secret_command(watchlist_id: WatchlistId) -> None:
    """Print the secret that signs the watchlist's webhook requests (for the receiver)."""
    platform = open_platform()
    try:
        secret = secret_of(platform, watchlist_id)
    finally:
        platform.close()
    if secret is None:
        errors.print(literal(("error: ", "red"), f"no watchlist {watchlist_id}"))
        raise typer.Exit(code=1)
    errors.print("Keep this secret private: whoever has it can sign requests as this site.")
    print(secret)  # plain stdout, so scripts can capture it


def webhook_enable_command(watchlist_id: WatchlistId) -> None:
    """Enable a webhook disabled after repeated failures; its waiting alerts go next pass."""
    platform = open_platform()
    try:
        done = enable_webhook(platform, watchlist_id)
    finally:
        platform.close()
    if not done:
        errors.print(literal(("error: ", "red"), f"no watchlist {watchlist_id}"))
        raise typer.Exit(code=1)
    console.print(f"Webhook of watchlist {watchlist_id} enabled")


def register(watchlists_app: typer.Typer, alerts_app: typer.Typer) -> None:
    alerts_app.command("settings")(settings_command)
    watchlists_app.command("webhook-secret")(webhook_secret_command)
    watchlists_app.command("webhook-enable")(webhook_enable_command)
