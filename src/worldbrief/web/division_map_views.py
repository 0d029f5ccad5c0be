"""The first-level divisions on a country page: which outline file the map loads, and the
table of the week's division readings that the map shades by and that reads without
JavaScript (the script takes each row's code and shade from its data attributes)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from worldbrief.services.division_trends import DivisionReading
from worldbrief.web.templating import static_dir

OUTLINES_DIR = "vendor/natural-earth-admin1"  # one TopoJSON per country, scripts/build_admin1_*

# The shades, strongest first, with the words the legend and the table use.
SHADES = (
    ("surge", "Surge"),
    ("large_increase", "Large increase"),
    ("moderate_increase", "Moderate increase"),
    ("limited_change", "Limited change"),
    ("large_decrease", "Large decrease"),
)
SHADE_WORDS = dict(SHADES)


@dataclass(frozen=True, slots=True)
class DivisionRow:
    name: str
    code: str  # GeoNames admin1 code, the outline's id; "" when GeoNames lacks the name
    shade: str  # one of SHADES
    label: str  # "Large increase"
    current: int  # events in the week judged
    average: str  # "1.5": the weekly average of the 4 weeks before
    percent: str  # "+167%", or "" against a month without events
    surge: bool


def division_outlines(country: str) -> str | None:
    """The static path of ``country``'s division outlines, or None when none is shipped."""
    name = f"{OUTLINES_DIR}/{country.upper()}.json"
    return name if name in _shipped() else None


def division_rows(readings: tuple[DivisionReading, ...]) -> list[DivisionRow]:
    return [
        DivisionRow(
            name=r.admin1,
            code=r.code or "",
            shade=r.shade,
            label=SHADE_WORDS[r.shade],
            current=r.change.current,
            average=f"{float(r.change.baseline_average):.1f}",
            percent=f"{float(r.change.percent):+.0f}%" if r.change.percent is not None else "",
            surge=r.surge.surge,
        )
        for r in readings
    ]


@cache
def _shipped() -> frozenset[str]:
    folder = static_dir() / OUTLINES_DIR
    return frozenset(f"{OUTLINES_DIR}/{p.name}" for p in folder.glob("??.json"))
