"""`worldbrief ingest` and `worldbrief reindex`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from worldbrief.cli.console import advance, console, print_ingest_report, progress_bar
from worldbrief.services.indexing import rebuild
from worldbrief.services.ingest import ingest_sources
from worldbrief.services.platform import open_platform


def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, directories or http(s) URLs.")],
) -> None:
    """Ingest Markdown, HTML, JSON, JSONL and text files, web pages and feed URLs."""
    platform = open_platform()
    try:
        with progress_bar("Ingesting", _estimate_records(sources)) as bar:
            report = ingest_sources(platform, sources, progress=lambda n: advance(bar, n))
    finally:
        platform.close()
    print_ingest_report(report)
    if report.rejected and not report.accepted:
        raise typer.Exit(code=1)


def reindex() -> None:
    """Rebuild the search index from the store."""
    platform = open_platform()
    try:
        with progress_bar("Indexing", platform.store.count()) as bar:
            total = rebuild(platform.store, platform.index, progress=lambda n: advance(bar, n))
    finally:
        platform.close()
    console.print(f"Indexed {total} articles.")


def _estimate_records(sources: list[str]) -> int | None:
    """Count records cheaply (lines of JSONL, one per other file) so the bar can show a total."""
    total = 0
    for source in sources:
        if "://" in source:
            total += 1
            continue
        path = Path(source)
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for file in files:
            if file.suffix.lower() in {".jsonl", ".ndjson"}:
                with file.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total or None
