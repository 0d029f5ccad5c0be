"""The tables of watchlists and alerts (migration 0017), on the store's metadata.

``watchlists``
    One row per watchlist: its owner (none for an anonymous reader's, followed by Atom only),
    name, criteria (JSON, the truth), delivery (``email_mode``, ``webhook_url``), the SHA-256
    of its Atom feed token (revocable: cleared or replaced), and ``created_seq``, the change
    sequence when it was made (only later changes alert it).
``watchlist_terms``
    The inverted index the alert pass reads: each watchlist under the values of one of its
    criteria (its most selective kind), by ``(kind, facet, value)``; rewritten with it.
``alerts``
    One row per (watchlist, kind, item), unique, so a pass run twice records nothing twice:
    why it fired (``reasons``), the article that fired it, and each channel's delivery state.
``alert_cursors``
    How far in the change log the alert pass has read, moved in the transaction that records
    the alerts of what it read.
"""

from __future__ import annotations

import sqlalchemy as sa

from worldbrief.store.dialect import UtcDateTime, json_document
from worldbrief.store.schema import SEQUENCE_TYPE, metadata

EMAIL_MODES = "('immediate', 'daily', 'weekly', 'off')"
DELIVERY_STATES = "('off', 'pending', 'sent', 'failed')"
ALERT_KINDS = "('article', 'event', 'trend', 'search_rise')"  # the last two: migration 0023


def _watchlist_fk() -> sa.ForeignKey:
    return sa.ForeignKey("watchlists.id", ondelete="CASCADE")


watchlists = sa.Table(
    "watchlists",
    metadata,
    sa.Column("id", SEQUENCE_TYPE, primary_key=True, autoincrement=True),
    sa.Column(
        "account_id",
        sa.BigInteger,
        sa.ForeignKey("accounts.id", ondelete="CASCADE"),
        nullable=True,
        index=True,
    ),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("criteria", json_document(), nullable=False),
    sa.Column("email_mode", sa.Text, nullable=False),
    sa.Column("webhook_url", sa.Text),
    sa.Column("atom_token_hash", sa.Text, unique=True),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
    sa.Column("created_seq", sa.BigInteger, nullable=False),
    sa.CheckConstraint(f"email_mode IN {EMAIL_MODES}", name="email_mode"),
    sqlite_autoincrement=True,
)

watchlist_terms = sa.Table(
    "watchlist_terms",
    metadata,
    sa.Column("kind", sa.Text, primary_key=True),  # what it follows: article or event
    sa.Column("facet", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, primary_key=True),
    sa.Column("watchlist_id", sa.BigInteger, _watchlist_fk(), primary_key=True),
    sa.Index(None, "watchlist_id"),
    sqlite_with_rowid=False,
)

alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("id", SEQUENCE_TYPE, primary_key=True, autoincrement=True),
    sa.Column("watchlist_id", sa.BigInteger, _watchlist_fk(), nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("item_id", sa.Text, nullable=False),
    sa.Column("article_id", sa.Text, nullable=False),  # not a key: alerts outlive articles
    sa.Column("reasons", json_document(), nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("email_state", sa.Text, nullable=False),
    sa.Column("email_at", UtcDateTime),
    sa.Column("webhook_state", sa.Text, nullable=False),
    sa.Column("webhook_attempts", sa.Integer, nullable=False),
    sa.Column("webhook_at", UtcDateTime),
    sa.Column("webhook_error", sa.Text),
    sa.Column("read_at", UtcDateTime),
    sa.UniqueConstraint("watchlist_id", "kind", "item_id"),
    sa.CheckConstraint(f"kind IN {ALERT_KINDS}", name="kind"),
    sa.CheckConstraint(f"email_state IN {DELIVERY_STATES}", name="email_state"),
    sa.CheckConstraint(f"webhook_state IN {DELIVERY_STATES}", name="webhook_state"),
    # A watchlist's alerts newest first (its feed, its notifications); each channel's queue.
    sa.Index(None, "watchlist_id", "id"),
    sa.Index(None, "email_state", "id"),
    sa.Index(None, "webhook_state", "id"),
    sqlite_autoincrement=True,
)

alert_cursors = sa.Table(
    "alert_cursors",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("seq", sa.BigInteger, nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
)
