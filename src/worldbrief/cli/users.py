"""`worldbrief users add|list|set-role|disable|enable|grant|audit`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from worldbrief.cli.console import console, errors
from worldbrief.cli.membership import cli_actor, membership_errors, when
from worldbrief.membership.passwords import MIN_PASSWORD_LENGTH
from worldbrief.services import accounts as service

app = typer.Typer(help="Manage accounts, their roles and subscriptions.", no_args_is_help=True)


@app.command("add")
def add(
    email: Annotated[str, typer.Argument(help="Email address (the login)")],
    role: Annotated[str, typer.Option(help="registered, analyst, editor or admin")] = "registered",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input")
    ] = False,
) -> None:
    """Create an account. Without --password-stdin, asks for the password twice (hidden)."""
    password = _read_password(password_stdin)
    with membership_errors(), service.opened_accounts() as accounts:
        account = service.create_account(accounts, email, password, role, actor=cli_actor())
    console.print(f"Created {account.email} ({account.role.value})", highlight=False)


@app.command("list")
def list_users() -> None:
    """Accounts with their stored and effective role, status and subscription end."""
    with membership_errors(), service.opened_accounts() as accounts:
        overviews = service.account_overviews(accounts)
    if not overviews:
        console.print("No accounts. Add one with `worldbrief users add EMAIL`.")
        return
    table = Table("Email", "Role", "Effective role", "Status", "Subscription end")
    for item in overviews:
        table.add_row(
            item.account.email,
            item.account.role.value,
            item.effective_role.value,
            "[red]disabled[/]" if item.account.disabled else "active",
            when(item.member_until),
        )
    console.print(table)


@app.command("set-role")
def set_role(
    email: Annotated[str, typer.Argument(help="Email of the account")],
    role: Annotated[str, typer.Argument(help="registered, analyst, editor or admin")],
) -> None:
    """Change an account's role."""
    with membership_errors(), service.opened_accounts() as accounts:
        account = service.set_role(accounts, email, role, actor=cli_actor())
    console.print(f"{account.email} is now {account.role.value}", highlight=False)


@app.command("disable")
def disable(email: Annotated[str, typer.Argument(help="Email of the account")]) -> None:
    """Disable an account: its sessions end, its API tokens are revoked, it cannot sign in."""
    with membership_errors(), service.opened_accounts() as accounts:
        account = service.set_disabled(accounts, email, True, actor=cli_actor())
    console.print(f"Disabled {account.email}", highlight=False)


@app.command("enable")
def enable(email: Annotated[str, typer.Argument(help="Email of the account")]) -> None:
    """Enable a disabled account again."""
    with membership_errors(), service.opened_accounts() as accounts:
        account = service.set_disabled(accounts, email, False, actor=cli_actor())
    console.print(f"Enabled {account.email}", highlight=False)


@app.command("grant")
def grant(
    email: Annotated[str, typer.Argument(help="Email of the account")],
    plan: Annotated[str, typer.Option(help="Plan id (see `worldbrief plans list`)")],
    days: Annotated[int, typer.Option(help="Length of the subscription in days")],
) -> None:
    """Grant a subscription; it starts when the current one ends, or now."""
    with membership_errors(), service.opened_accounts() as accounts:
        granted = service.grant_subscription(accounts, email, plan, days, actor=cli_actor())
    console.print(
        f"Granted {granted.plan_id} to {email.strip().lower()} from {when(granted.starts_at)} "
        f"until {when(granted.ends_at)}",
        highlight=False,
    )


@app.command("audit")
def audit(
    email: Annotated[str | None, typer.Argument(help="Only events about this subject")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many of the newest events")] = 50,
) -> None:
    """The audit log: account, role, token and subscription changes, oldest first."""
    with membership_errors(), service.opened_accounts() as accounts:
        events = accounts.audit_events(email.strip().lower() if email else None, limit)
    table = Table("#", "When", "Actor", "Action", "Subject", "Detail")
    for event in events:
        table.add_row(
            str(event.seq),
            when(event.at),
            escape(event.actor),
            event.action,
            escape(event.subject),
            escape(event.detail),
        )
    console.print(table)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if sys.stdin.isatty():
        password: str = typer.prompt(
            f"Password (at least {MIN_PASSWORD_LENGTH} characters)",
            hide_input=True,
            confirmation_prompt=True,
        )
        return password
    errors.print(
        "[red]error:[/] no password: pipe it with --password-stdin, or run in a terminal to be "
        "asked for it",
        highlight=False,
    )
    raise typer.Exit(code=2)
