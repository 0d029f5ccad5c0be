"""`worldbrief annotate`: places, countries and regions of your own text, as JSONL or tables."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import chain
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from worldbrief.cli.console import console, errors
from worldbrief.services.annotate import (
    AnnotateInputError,
    Annotation,
    AnnotationError,
    CountryAnnotation,
    annotate_document,
    decode_json,
    document_from_fields,
    encode_json,
    load_geoparser,
)
from worldbrief.services.annotate_batch import (
    MAX_LINE_BYTES,
    OversizedLine,
    annotate_stream,
    read_lines,
)


def annotate(
    source: Annotated[
        str, typer.Argument(help="A UTF-8 file, or - for standard input.", show_default=True)
    ] = "-",
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl",
            help='Read one {"id", "text", ...} object per line and write one annotation per '
            "line, in the same order.",
        ),
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes for JSONL input (default: all cores)."),
    ] = None,
    max_line_bytes: Annotated[
        int,
        typer.Option(
            min=1,
            help="Longest JSONL line read; a longer one is reported as an error line and skipped.",
        ),
    ] = MAX_LINE_BYTES,
) -> None:
    """Geoparse documents: places with coordinates, countries with evidence, and regions.

    Without --jsonl the input is one plain-text document (or JSONL, recognised by its first
    line) and the result is printed as tables.
    """
    with ExitStack() as stack:
        stream = _open(source, stack)
        if jsonl:
            out = typer.get_binary_stream("stdout")
            for outcome in annotate_stream(read_lines(stream, max_line_bytes), workers=workers):
                out.write(encode_json(outcome) + b"\n")
            out.flush()
            return
        lines = read_lines(stream, max_line_bytes)
        blank, first = _first_line(lines)
        read_again = chain(blank, [first], lines)  # line numbers as in the input
        if isinstance(first, bytes) and not _is_json_object(first):
            _print_plain_text(source, read_again)
            return
        for outcome in annotate_stream(read_again, workers=workers):
            _print_outcome(outcome)


def _open(source: str, stack: ExitStack) -> IO[bytes]:
    if source == "-":
        return typer.get_binary_stream("stdin")
    try:
        return stack.enter_context(Path(source).open("rb"))
    except OSError as error:
        errors.print(f"[red]Cannot read[/] {escape(source)}: {error.strerror}", highlight=False)
        raise typer.Exit(code=1) from None


def _first_line(
    lines: Iterator[bytes | OversizedLine],
) -> tuple[list[bytes], bytes | OversizedLine]:
    """The blank lines that open the input, and its first other line."""
    blank: list[bytes] = []
    for line in lines:
        if isinstance(line, OversizedLine) or line.strip():
            return blank, line
        blank.append(line)
    return blank, b""


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(decode_json(line.decode("utf-8").lstrip("\ufeff")), dict)
    except (UnicodeDecodeError, AnnotateInputError):
        return False


def _print_plain_text(source: str, lines: Iterable[bytes | OversizedLine]) -> None:
    """The whole input as one document."""
    parts: list[bytes] = []
    for number, line in enumerate(lines, start=1):
        if isinstance(line, OversizedLine):
            errors.print(
                f"[red]Cannot read[/] {escape(source)}: line {number} is {line.length:,} bytes "
                f"long, more than --max-line-bytes ({line.limit:,})",
                highlight=False,
            )
            raise typer.Exit(code=1)
        parts.append(line)
    content = b"".join(parts)
    try:
        text = content.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as error:
        errors.print(f"[red]Cannot read[/] {escape(source)}: not valid UTF-8 ({error})")
        raise typer.Exit(code=1) from None
    name = "stdin" if source == "-" else Path(source).name
    document = document_from_fields(name, text)
    _print_outcome(annotate_document(load_geoparser(), document))


def _print_outcome(outcome: Annotation | AnnotationError) -> None:
    if "error" in outcome:
        errors.print(f"[red]skipped[/] {escape(str(outcome['error']))}", highlight=False)
        return
    annotation = outcome
    console.rule(f"[bold]{escape(annotation['id'])}[/]")
    if annotation["places"]:
        console.print(_places_table(annotation))
    if annotation["countries"]:
        console.print(_countries_table(annotation))
    regions = ", ".join(r["name"] for r in annotation["regions"]) or "none"
    console.print(f"[bold]Regions:[/] {escape(regions)}")


def _places_table(annotation: Annotation) -> Table:
    table = Table(title="Places", title_justify="left")
    for column in ("Mention", "Offsets", "Place", "Country", "Lat, lon", "Feature"):
        table.add_column(column)
    for place in annotation["places"]:
        where = "-" if place["lat"] is None else f"{place['lat']:.4f}, {place['lon']:.4f}"
        table.add_row(
            escape(place["text"]),
            f"{place['start']}-{place['end']}",
            escape(place["name"]),
            place["country"] or "-",
            where,
            place["feature"] or "-",
        )
    return table


def _countries_table(annotation: Annotation) -> Table:
    table = Table(title="Countries", title_justify="left")
    for column in ("Country", "Code", "Score", "Focus", "Mentions"):
        table.add_column(column)
    for country in _focus_first(annotation["countries"]):
        table.add_row(
            escape(country["name"]),
            country["code"],
            f"{country['score']:.2f}",
            "[bold green]focus[/]" if country["focus"] else "",
            str(len(country["evidence"])),
        )
    return table


def _focus_first(countries: Iterable[CountryAnnotation]) -> list[CountryAnnotation]:
    return sorted(countries, key=lambda c: not c["focus"])
