"""The tables of alert delivery (migration 0019), on the store's metadata.

``alert_reader_settings``
    A reader's time zone (an IANA name) and quiet hours (minutes after local midnight, start
    and end; none: no quiet hours), read when their mail is due.
``alert_mailings``
    One row per alert mail sent to an account: immediate (with its watchlist), daily or weekly.
    The rate limit counts the last hour's immediate mails, the cooldown a watchlist's last one,
    the digest schedule the last digest of each kind.
``webhook_health``
    A watchlist's consecutive webhook failures, the last error, and when and why its webhook
    was disabled.
``alert_keys``
    Secrets made on first use (the key signing unsubscribe links and webhook secrets) when no
    key is configured.
"""

from __future__ import annotations

import sqlalchemy as sa

from worldbrief.store.alert_tables import watchlists
from worldbrief.store.dialect import UtcDateTime
from worldbrief.store.schema import SEQUENCE_TYPE, metadata

alert_reader_settings = sa.Table(
    "alert_reader_settings",
    metadata,
    sa.Column(
        "account_id",
        sa.BigInteger,
        sa.ForeignKey("accounts.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("time_zone", sa.Text, nullable=False),
    sa.Column("quiet_start", sa.Integer),
    sa.Column("quiet_end", sa.Integer),
    sa.Column("updated_at", UtcDateTime, nullable=False),
)

alert_mailings = sa.Table(
    "alert_mailings",
    metadata,
    sa.Column("id", SEQUENCE_TYPE, primary_key=True, autoincrement=True),
    sa.Column(
        "account_id",
        sa.BigInteger,
        sa.ForeignKey("accounts.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("watchlist_id", sa.BigInteger),  # immediate mail only; kept when it is deleted
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("alerts", sa.Integer, nullable=False),
    sa.Column("message_id", sa.Text, nullable=False),
    sa.Column("sent_at", UtcDateTime, nullable=False),
    sa.CheckConstraint("kind IN ('immediate', 'daily', 'weekly')", name="kind"),
    sa.Index(None, "account_id", "kind", "sent_at"),
    sa.Index(None, "watchlist_id", "sent_at"),
    sqlite_autoincrement=True,
)

webhook_health = sa.Table(
    "webhook_health",
    metadata,
    sa.Column(
        "watchlist_id",
        sa.BigInteger,
        sa.ForeignKey(watchlists.c.id, ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_error", sa.Text),
    sa.Column("disabled_at", UtcDateTime),
    sa.Column("disabled_reason", sa.Text),
    sa.Column("updated_at", UtcDateTime, nullable=False),
)

alert_keys = sa.Table(
    "alert_keys",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("secret", sa.Text, nullable=False),
)
