"""Alerts of two more kinds: a trend signal of a followed place, a rise of a saved search.

Revision ID: 0023
Revises: 0021
Create Date: 2026-11-30

``alerts.kind`` may be ``trend`` as well as ``article`` and ``event``: a large increase, a
surge or a monthly deterioration of a place a watchlist follows, once per watchlist, place,
week and signal (``item_id`` is ``country|KZ|2026-11-23|large_increase``); and
``search_rise``: a saved search's articles of the last day above its baseline, once per
watchlist and day (``item_id`` is the day). SQLite cannot
change a CHECK constraint in place, so the table is copied (batch mode) there.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0023"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _kinds(kinds: str) -> None:
    # The copy SQLite makes keeps AUTOINCREMENT: alert ids are never reused.
    with op.batch_alter_table("alerts", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_constraint("ck_alerts_kind", type_="check")
        batch.create_check_constraint("ck_alerts_kind", f"kind IN {kinds}")


def upgrade() -> None:
    _kinds("('article', 'event', 'trend', 'search_rise')")


def downgrade() -> None:
    op.execute("DELETE FROM alerts WHERE kind IN ('trend', 'search_rise')")
    _kinds("('article', 'event')")
