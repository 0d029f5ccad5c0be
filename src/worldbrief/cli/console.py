"""Terminal output shared by the commands: one console, progress bars, reports.

Output rules: a message, a path or a URL is never broken across lines, whatever the terminal's
width or whether output is piped (soft wrapping; tables grow to the width of their widest row
instead of folding cells); errors and progress go to stderr, results to stdout; text from
outside (paths, reasons quoting a record) is printed literally, never read as markup, with
control characters shown as escapes so it cannot move the cursor or split a line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderHook, RenderResult
from rich.measure import Measurement
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from worldbrief.domain import RejectedRecord

if TYPE_CHECKING:  # only a type here; importing ingest would load the store for every command
    from worldbrief.services.ingest import IngestReport

MAX_REJECTS_SHOWN = 50
_UNBOUNDED = 100_000
# C0 and C1 controls, lone surrogates (file names that are not UTF-8), and the bidirectional
# overrides that can make a name read differently from what it is.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def natural_width(table: Table) -> int:
    """The columns ``table`` needs to show every cell without folding it."""
    return Measurement.get(console, console.options.update_width(_UNBOUNDED), table).maximum


class _NaturalWidth:
    """A table rendered as wide as its widest row needs, so no cell is folded."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        wide = options.update_width(_UNBOUNDED)
        needed = Measurement.get(console, wide, self.table).maximum
        yield from console.render(self.table, options.update_width(max(needed, 1)))


class _TablesAtNaturalWidth(RenderHook):
    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [_NaturalWidth(r) if isinstance(r, Table) else r for r in renderables]


def _console(**options: Any) -> Console:
    made = Console(soft_wrap=True, **options)
    made.push_render_hook(_TablesAtNaturalWidth())
    return made


console = _console()
errors = _console(stderr=True)


def printable(text: str) -> str:
    """``text`` with control characters, lone surrogates and bidi overrides as visible escapes."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def literal(*parts: str | tuple[str, str]) -> Text:
    """Outside text (paths, reasons) as a ``Text`` that is never parsed as markup."""
    pieces = [(printable(p), "") if isinstance(p, str) else (printable(p[0]), p[1]) for p in parts]
    return Text.assemble(*pieces)


@contextmanager
def progress_bar(label: str, total: int | None) -> Iterator[Progress]:
    columns = [SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn()]
    columns += [TimeElapsedColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=errors, transient=False) as progress:
        progress.add_task(label, total=total)
        yield progress
        task = progress.tasks[0]
        progress.update(task.id, total=task.completed)  # the estimate gives way to the count


def advance(progress: Progress, amount: int) -> None:
    """Count ``amount`` more; an estimate that proves short grows with the count."""
    task = progress.tasks[0]
    completed = task.completed + amount
    total = task.total if task.total is None else max(task.total, completed)
    progress.update(task.id, completed=completed, total=total)


def noun_for(count: int, noun: str, plural: str | None = None) -> str:
    """``noun`` in the singular for one, else in the plural (``plural``, or ``noun`` + "s")."""
    return noun if count == 1 else plural or f"{noun}s"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` with its noun: "1 article", "2 articles", "0 articles"."""
    return f"{count} {noun_for(count, noun, plural)}"


def print_ingest_report(report: IngestReport, max_rejects: int = MAX_REJECTS_SHOWN) -> None:
    console.print(
        f"[bold]{report.created}[/] created, [bold]{report.updated}[/] updated, "
        f"{report.unchanged} unchanged, {counted(report.duplicates, 'duplicate')}, "
        f"{report.near_duplicates} linked as "
        f"{noun_for(report.near_duplicates, 'a near-duplicate', 'near-duplicates')}, "
        f"[{'red' if report.rejected else 'green'}]{len(report.rejected)} rejected[/]"
    )
    print_rejections(report.rejected, max_rejects)


def print_rejections(rejected: Sequence[RejectedRecord], limit: int = MAX_REJECTS_SHOWN) -> None:
    for record in rejected[:limit]:
        errors.print(literal(("  skipped ", "red"), record.location, ": ", record.reason))
    if len(rejected) > limit:
        errors.print(
            f"  … and {len(rejected) - limit} more; `--report FILE` or `--json` lists every one"
        )


def report_json(report: IngestReport) -> dict[str, Any]:
    """The report as JSON values: counts, article ids and every rejection."""
    return {
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "duplicates": report.duplicates,
        "near_duplicates": report.near_duplicates,
        "rejected_count": len(report.rejected),
        "article_ids": report.article_ids,
        "rejected": [rejection_json(r) for r in report.rejected],
    }


def rejection_json(record: RejectedRecord) -> dict[str, str]:
    return {"location": record.location, "reason": record.reason}


def print_json(value: Any) -> None:
    """One JSON document on stdout, ASCII-escaped: any file name survives any terminal."""
    console.file.write(json.dumps(value, ensure_ascii=True, indent=2) + "\n")


def write_rejections(out: TextIO, rejected: Sequence[RejectedRecord]) -> None:
    """Every rejection as JSON Lines, one ``{"location", "reason"}`` object a line."""
    for record in rejected:
        out.write(json.dumps(rejection_json(record), ensure_ascii=True) + "\n")
