"""`worldbrief plans add|list`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from worldbrief.cli.console import console
from worldbrief.cli.membership import cli_actor, membership_errors
from worldbrief.membership.values import format_price
from worldbrief.services import accounts as service

app = typer.Typer(help="Membership plans (prices and periods).", no_args_is_help=True)


@app.command("add")
def add(
    plan_id: Annotated[str, typer.Argument(metavar="ID", help="Short id, e.g. monthly")],
    name: Annotated[str, typer.Argument(help="Display name")],
    price: Annotated[str, typer.Option(help="Price, e.g. 9.00")],
    currency: Annotated[str, typer.Option(help="ISO 4217 code")] = "USD",
    period: Annotated[str, typer.Option(help="month or year")] = "month",
) -> None:
    """Add a plan."""
    with membership_errors(), service.opened_accounts() as accounts:
        plan = service.add_plan(
            accounts, plan_id, name, price=price, currency=currency, period=period,
            actor=cli_actor(),
        )  # fmt: skip
    console.print(
        f"Added plan {plan.id}: {escape(plan.name)}, "
        f"{format_price(plan.price_cents, plan.currency)} per {plan.period.value}",
        highlight=False,
    )


@app.command("list")
def list_plans() -> None:
    """Show the plans."""
    with membership_errors(), service.opened_accounts() as accounts:
        plans = accounts.list_plans()
    if not plans:
        console.print("No plans. Add one with `worldbrief plans add ID NAME --price 9.00`.")
        return
    table = Table("Id", "Name", "Price", "Period")
    for plan in plans:
        table.add_row(
            plan.id,
            escape(plan.name),
            format_price(plan.price_cents, plan.currency),
            plan.period.value,
        )
    console.print(table)
