"""`worldbrief tokens create|list|revoke`: API tokens for `Authorization: Bearer ...`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from worldbrief.cli.console import console, errors
from worldbrief.cli.membership import cli_actor, membership_errors, when
from worldbrief.services import accounts as service

app = typer.Typer(help="API tokens of accounts.", no_args_is_help=True)


@app.command("create")
def create(
    email: Annotated[str, typer.Argument(help="Email of the account the token acts for")],
    name: Annotated[str, typer.Option(help="What the token is for")] = "api",
) -> None:
    """Create a token and print it once; only its hash is kept."""
    with membership_errors(), service.opened_accounts() as accounts:
        token, plaintext = service.create_api_token(accounts, email, name, actor=cli_actor())
    errors.print(
        f"Token {token.id} ({escape(token.name)}) created. Store it now: it cannot be shown again.",
        highlight=False,
    )
    print(plaintext)  # plain stdout, so scripts can capture it


@app.command("list")
def list_tokens(email: Annotated[str, typer.Argument(help="Email of the account")]) -> None:
    """An account's tokens (never their secrets)."""
    with membership_errors(), service.opened_accounts() as accounts:
        tokens = accounts.tokens_of(email.strip().lower())
    if not tokens:
        console.print(f"No tokens. Create one with `worldbrief tokens create {email}`.")
        return
    table = Table("Id", "Name", "Prefix", "Created", "Last used", "Status")
    for token in tokens:
        status = f"[red]revoked {when(token.revoked_at)}[/]" if token.revoked else "active"
        table.add_row(
            str(token.id),
            escape(token.name),
            f"wb_{token.prefix}_…",
            when(token.created_at),
            when(token.last_used_at),
            status,
        )
    console.print(table)


@app.command("revoke")
def revoke(token_id: Annotated[int, typer.Argument(help="Token id (see `tokens list`)")]) -> None:
    """Revoke a token: requests with it are refused from now on."""
    with membership_errors(), service.opened_accounts() as accounts:
        token = service.revoke_api_token(accounts, token_id, actor=cli_actor())
    console.print(f"Revoked token {token.id} ({escape(token.name)})", highlight=False)
