"""The platform for a command on watchlists or alert settings, whose refusals end it with the
exit codes every such command shares: 1 no such account or watchlist, 2 bad input."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from worldbrief.cli.console import errors, literal
from worldbrief.services.platform import Platform, open_platform
from worldbrief.services.watchlists import WatchlistInputError, WatchlistOwnerError


@contextmanager
def watchlist_platform() -> Iterator[Platform]:
    """The opened platform, closed after the block; a refusal is printed, then exits."""
    platform = open_platform()
    try:
        yield platform
    except WatchlistInputError as error:
        errors.print(literal(("error: ", "red"), str(error)))
        raise typer.Exit(code=2) from None
    except WatchlistOwnerError as error:
        errors.print(literal(("error: ", "red"), str(error)))
        raise typer.Exit(code=1) from None
    finally:
        platform.close()
