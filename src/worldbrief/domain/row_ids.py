"""Row ids as the databases hold them: SQLite's INTEGER and PostgreSQL's BIGINT are signed
64-bit, so an id outside 1..2**63-1 names no row (and would overflow the driver)."""

from __future__ import annotations

MAX_ROW_ID = 2**63 - 1


def is_row_id(value: int) -> bool:
    return 1 <= value <= MAX_ROW_ID
