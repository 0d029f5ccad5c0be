"""`worldbrief enrich`: run enrichment stages again over the stored articles."""

from __future__ import annotations

from typing import Annotated

import typer

from worldbrief.cli.console import advance, console, errors, literal, print_rejections, progress_bar
from worldbrief.enrich.pipeline import PipelineDefinitionError, PipelineOrderError
from worldbrief.services.platform import open_platform
from worldbrief.services.re_enrichment import re_enrich


def enrich(
    stage: Annotated[
        list[str] | None,
        typer.Option(
            "--stage",
            help="A stage to run again (repeatable); default: every stage of "
            "WORLDBRIEF_ENRICH_STAGES.",
        ),
    ] = None,
    restart: Annotated[
        bool,
        typer.Option(
            help="Start from the first article, ignoring the checkpoint of a stopped run."
        ),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes (default: WORLDBRIEF_INGEST_WORKERS)."),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Enrich at most this many articles, then stop; the next run continues "
            "after the last one.",
        ),
    ] = None,
) -> None:
    """Enrich the stored articles again; changed ones are stored and re-indexed.

    A stopped run, or one that reached --limit, continues where it stopped when started
    again with the same stages.
    """
    platform = open_platform()
    try:
        total = platform.store.count()
        with progress_bar("Enriching", total if limit is None else min(total, limit)) as bar:
            report = re_enrich(
                platform,
                stage,
                restart=restart,
                workers=workers,
                progress=lambda n: advance(bar, n),
                limit=limit,
            )
    except (PipelineDefinitionError, PipelineOrderError) as error:
        errors.print(literal(("cannot enrich: ", "red"), str(error)))
        raise typer.Exit(code=2) from None
    finally:
        platform.close()
    if report.resumed_after is not None:
        console.print(literal("Continued after article ", report.resumed_after, "."))
    console.print(
        f"[bold]{report.changed}[/] changed, {report.unchanged} unchanged, "
        f"[{'red' if report.failed else 'green'}]{len(report.failed)} failed[/]"
    )
    if report.stopped_after is not None:
        console.print(
            literal(
                "Stopped at the limit after article ",
                report.stopped_after,
                "; run again to continue after it.",
            )
        )
    print_rejections(report.failed)
    if report.failed and not report.changed and not report.unchanged:
        raise typer.Exit(code=1)
