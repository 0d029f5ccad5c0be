"""`worldbrief ingest` and `worldbrief reindex`."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, TextIO

import typer

from worldbrief.cli.console import (
    advance,
    console,
    errors,
    literal,
    print_ingest_report,
    print_json,
    progress_bar,
    report_json,
    write_rejections,
)
from worldbrief.services.indexing import rebuild
from worldbrief.services.ingest import estimate_records, ingest_sources
from worldbrief.services.platform import open_platform


def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, directories or http(s) URLs.")],
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print the report as JSON on stdout: counts, article ids and every rejection.",
        ),
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="Write every rejection to this file as JSON Lines ({location, reason}).",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Ingest Markdown, HTML, JSON, JSONL and text files, web pages and feed URLs."""
    with ExitStack() as stack:
        report_file = _open_report(report, stack) if report is not None else None
        platform = open_platform()
        stack.callback(platform.close)
        with progress_bar("Ingesting", estimate_records(sources)) as bar:
            outcome = ingest_sources(platform, sources, progress=lambda n: advance(bar, n))
        if report_file is not None:
            write_rejections(report_file, outcome.rejected)
    if as_json:
        print_json(report_json(outcome))
    else:
        print_ingest_report(outcome)
    if outcome.rejected and not outcome.accepted:
        raise typer.Exit(code=1)


def _open_report(path: Path, stack: ExitStack) -> TextIO:
    """Opened before ingesting: a report that cannot be written stops the run before it starts."""
    try:
        return stack.enter_context(path.open("w", encoding="utf-8"))
    except OSError as error:
        reason = error.strerror or str(error)
        errors.print(literal(("cannot write the report ", "red"), str(path), f": {reason}"))
        raise typer.Exit(code=2) from None


def reindex() -> None:
    """Rebuild the search index from the store."""
    platform = open_platform()
    try:
        with progress_bar("Indexing", platform.store.count()) as bar:
            total = rebuild(platform.store, platform.index, progress=lambda n: advance(bar, n))
    finally:
        platform.close()
    console.print(f"Indexed {total} articles.")
