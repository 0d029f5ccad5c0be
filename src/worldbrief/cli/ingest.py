"""`worldbrief ingest` and `worldbrief reindex`."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, TextIO

import typer

from worldbrief.cli.console import (
    advance,
    console,
    counted,
    errors,
    literal,
    print_ingest_report,
    print_json,
    print_rejections,
    progress_bar,
    report_json,
    write_rejections,
)
from worldbrief.config import Settings
from worldbrief.jobs.catalog.enrich_documents import submit_documents
from worldbrief.jobs.queue import work_queue
from worldbrief.services.indexing import rebuild
from worldbrief.services.ingest import estimate_records, ingest_sources, records_from_sources
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
    """Ingest Markdown, HTML, JSON, JSONL and text files, web pages and feed URLs.

    With WORLDBRIEF_BROKER_URL set, the documents read are queued for `worldbrief worker`
    processes, which enrich and store them.
    """
    if Settings().broker_url:
        _queue_sources(sources, as_json, report)
        return
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


def _queue_sources(sources: list[str], as_json: bool, report: Path | None) -> None:
    with ExitStack() as stack:
        report_file = _open_report(report, stack) if report is not None else None
        platform = open_platform()
        stack.callback(platform.close)
        queue = work_queue(platform)
        stack.callback(queue.close)
        with progress_bar("Queueing", estimate_records(sources)) as bar:
            queued = submit_documents(
                queue,
                records_from_sources(platform, sources),
                progress=lambda n: advance(bar, n),
            )
        if report_file is not None:
            write_rejections(report_file, queued.rejected)
    if as_json:
        rejected = [{"location": r.location, "reason": r.reason} for r in queued.rejected]
        print_json({"queued": queued.documents, "jobs": queued.jobs, "rejected": rejected})
    else:
        console.print(
            f"Queued [bold]{queued.documents}[/] document(s) in {queued.jobs} job(s) for the "
            f"workers; [{'red' if queued.rejected else 'green'}]{len(queued.rejected)} "
            "rejected[/]"
        )
        print_rejections(queued.rejected)
    if queued.rejected and not queued.documents:
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
    console.print(f"Indexed {counted(total, 'article')}.")
