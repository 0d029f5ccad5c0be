"""What the membership commands share: who is acting, and errors turned into exit codes.

Exit codes: 0 done, 1 the store refused (unknown email, plan or token; already exists),
2 bad input (role, email, password, price...).
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import typer

from worldbrief.cli.console import errors
from worldbrief.membership.errors import MembershipInputError
from worldbrief.store import StoreError


def cli_actor() -> str:
    """The audit log's actor for a command run in a terminal: the operating-system user."""
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli"


@contextmanager
def membership_errors() -> Iterator[None]:
    try:
        yield
    except MembershipInputError as error:
        errors.print(f"[red]error:[/] {error}", highlight=False)
        raise typer.Exit(code=2) from None
    except StoreError as error:
        errors.print(f"[red]error:[/] {error}", highlight=False)
        raise typer.Exit(code=1) from None


def when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "-"
