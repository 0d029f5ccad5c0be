"""Sign-up requests, reset requests for any address, and desk publications in progress.

Revision ID: 0006
Revises: 0005
Create Date: 2025-03-22

``signup_requests`` keeps a sign-up until its emailed link confirms it. ``password_resets``
gains ``email`` and takes a row for every request, with no account when the address has none,
so every request does the same work. ``desk_publications`` records a publication before it
starts, so one interrupted by a crash is completed later.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "signup_requests",
        sa.Column("token_hash", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("expires_at", _utc(), nullable=False),
        sa.Column("used_at", _utc()),
        sa.PrimaryKeyConstraint("token_hash", name="pk_signup_requests"),
    )
    op.create_index("ix_signup_requests_email", "signup_requests", ["email"])
    with op.batch_alter_table("password_resets", naming_convention=NAMING_CONVENTION) as batch:
        batch.add_column(sa.Column("email", sa.Text))
        batch.alter_column("account_id", existing_type=sa.BigInteger, nullable=True)
    op.create_table(
        "desk_publications",
        sa.Column("draft_id", sa.BigInteger, nullable=False),
        sa.Column("article_id", sa.Text, nullable=False),
        sa.Column("requested_by", sa.Text, nullable=False),
        sa.Column("requested_at", _utc(), nullable=False),
        sa.Column("claim", sa.Text, nullable=False),
        sa.Column("claimed_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("draft_id", name="pk_desk_publications"),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["desk_drafts.id"],
            name="fk_desk_publications_draft_id_desk_drafts",
            ondelete="CASCADE",
        ),
    )


def downgrade() -> None:
    op.drop_table("desk_publications")
    op.execute("DELETE FROM password_resets WHERE account_id IS NULL")
    with op.batch_alter_table("password_resets", naming_convention=NAMING_CONVENTION) as batch:
        batch.alter_column("account_id", existing_type=sa.BigInteger, nullable=False)
        batch.drop_column("email")
    op.drop_index("ix_signup_requests_email", "signup_requests")
    op.drop_table("signup_requests")
