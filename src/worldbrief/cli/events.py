"""`worldbrief events export`: the events of ``/api/events`` filters as CSV, GeoJSON or JSON
Lines, to a file or stdout, streamed. By default notes are what an anonymous reader may see
(free sources only); ``--full`` exports members-only notes too, as the operator may read
everything: share such a file only with members."""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Annotated, TextIO

import typer

from worldbrief.cli.console import errors, literal
from worldbrief.membership.roles import Role, Viewer
from worldbrief.services.event_exports import (
    csv_chunks,
    exported_events,
    geojson_chunks,
    plover_chunks,
)
from worldbrief.services.event_queries import event_query
from worldbrief.services.events import EventQueryError
from worldbrief.services.platform import open_platform

app = typer.Typer(help="Distinct events: export them.", no_args_is_help=True)


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    GEOJSON = "geojson"
    JSONL = "jsonl"


_WRITERS = {
    ExportFormat.CSV: csv_chunks,
    ExportFormat.GEOJSON: geojson_chunks,
    ExportFormat.JSONL: plover_chunks,
}


def _day(text: str | None, name: str) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise typer.BadParameter(f"{name} must be a date as YYYY-MM-DD") from None


@app.command("export")
def export(
    format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="csv (ACLED), geojson or jsonl (PLOVER)"),
    ] = ExportFormat.CSV,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout)")
    ] = None,
    country: Annotated[str | None, typer.Option(help="ISO alpha-2 code")] = None,
    admin1: Annotated[str | None, typer.Option(help="First-level division")] = None,
    region: Annotated[str | None, typer.Option(help="Region id, e.g. central-asia")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="Event type")] = None,
    subtype: Annotated[str | None, typer.Option(help="Event subtype")] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name or entity id")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="YYYY-MM-DD")] = None,
    bbox: Annotated[str | None, typer.Option(help="west,south,east,north")] = None,
    q: Annotated[str | None, typer.Option("--q", help="Words in the event's fields")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many events")] = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Include notes from members-only sources (as staff reads them); by default "
            "only what an anonymous reader may read.",
        ),
    ] = False,
) -> None:
    """Export the events matching the filters, newest first."""
    since, until = _day(date_from, "--from"), _day(date_to, "--to")
    platform = open_platform()
    try:
        try:
            where = event_query(
                platform,
                country=country,
                admin1=admin1,
                region=region,
                event_type=type_,
                subtype=subtype,
                actor=actor,
                since=since.date() if since else None,
                until=until.date() if until else None,
                bbox=bbox,
                q=q,
            )
        except EventQueryError as error:
            errors.print(literal(("error: ", "red"), str(error)))
            raise typer.Exit(code=2) from None
        viewer = Viewer(role=Role.ADMIN) if full else Viewer()
        rows = exported_events(platform, where, viewer, limit=limit)
        if output is None:
            _write(_WRITERS[format](rows), sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as handle:
                _write(_WRITERS[format](rows), handle)
    finally:
        platform.close()


def _write(chunks: Iterator[str], handle: TextIO) -> None:
    for chunk in chunks:
        handle.write(chunk)
