"""Terminal output shared by the commands: one console, progress bars, reports."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from worldbrief.services.ingest import IngestReport

console = Console()
errors = Console(stderr=True)


@contextmanager
def progress_bar(label: str, total: int | None) -> Iterator[Progress]:
    columns = [SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn()]
    columns += [TimeElapsedColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=errors, transient=False) as progress:
        progress.add_task(label, total=total)
        yield progress


def advance(progress: Progress, amount: int) -> None:
    progress.advance(progress.task_ids[0], amount)


def print_ingest_report(report: IngestReport, max_rejects: int = 50) -> None:
    console.print(
        f"[bold]{report.created}[/] created, [bold]{report.updated}[/] updated, "
        f"{report.unchanged} unchanged, {report.duplicates} duplicates, "
        f"{report.near_duplicates} linked as near-duplicates, "
        f"[{'red' if report.rejected else 'green'}]{len(report.rejected)} rejected[/]"
    )
    for rejected in report.rejected[:max_rejects]:
        errors.print(f"  [red]skipped[/] {rejected.location}: {rejected.reason}", highlight=False)
    if len(report.rejected) > max_rejects:
        errors.print(f"  … and {len(report.rejected) - max_rejects} more")
