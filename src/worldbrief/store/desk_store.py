"""``DeskStore``: the editorial desk's drafts and revisions, in the same database as the articles.

Every save writes the draft and appends its revision in one transaction, so the history never
misses a change nor records one that did not happen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from worldbrief.domain.draft import Draft, DraftStatus, Revision, draft_snapshot
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.desk_rows import draft_of, draft_values, revision_of
from worldbrief.store.engine import store_connection
from worldbrief.store.errors import StoreError, redact_url
from worldbrief.store.row_ids import is_row_id
from worldbrief.store.schema import desk_drafts, desk_revisions


class DraftNotFoundError(StoreError, LookupError):
    def __init__(self, draft_id: int) -> None:
        super().__init__(f"no draft with id {draft_id}")
        self.draft_id = draft_id


class DeskStore:
    """Drafts and their revisions. Thread-safe; shares the engine of the article store."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def alongside(cls, store: ArticleStore) -> DeskStore:
        return cls(store.engine, store.url)

    def __repr__(self) -> str:
        return f"DeskStore({redact_url(self.url)!r})"

    def create(self, draft: Draft, saved_by: str, note: str = "") -> Draft:
        """Store a new draft (its ``id`` is ignored and assigned) with revision 1."""
        values = draft_values(draft) | {
            "created_by": draft.created_by,
            "created_at": draft.created_at,
        }
        with self._connection("create_draft", write=True) as conn:
            new_id = conn.execute(
                sa.insert(desk_drafts).values(values).returning(desk_drafts.c.id)
            ).scalar_one()
            stored = dataclasses.replace(draft, id=int(new_id))
            _append_revision(conn, stored, saved_by, note)
        return stored

    def save(self, draft: Draft, saved_by: str, note: str = "") -> Draft:
        """Overwrite a stored draft and append a revision; DraftNotFoundError if it is gone."""
        if not is_row_id(draft.id):
            raise DraftNotFoundError(draft.id)
        with self._connection("save_draft", write=True) as conn:
            result = conn.execute(
                sa.update(desk_drafts)
                .where(desk_drafts.c.id == draft.id)
                .values(draft_values(draft))
            )
            if result.rowcount == 0:
                raise DraftNotFoundError(draft.id)
            _append_revision(conn, draft, saved_by, note)
        return draft

    def get(self, draft_id: int) -> Draft:
        if not is_row_id(draft_id):
            raise DraftNotFoundError(draft_id)
        with self._connection("get_draft") as conn:
            row = (
                conn.execute(sa.select(desk_drafts).where(desk_drafts.c.id == draft_id))
                .mappings()
                .first()
            )
        if row is None:
            raise DraftNotFoundError(draft_id)
        return draft_of(row)

    def drafts(
        self,
        status: DraftStatus | None = None,
        created_by: str | None = None,
        limit: int = 200,
    ) -> list[Draft]:
        """Drafts, most recently updated first."""
        query = sa.select(desk_drafts)
        if status is not None:
            query = query.where(desk_drafts.c.status == status.value)
        if created_by is not None:
            query = query.where(desk_drafts.c.created_by == created_by)
        query = query.order_by(desk_drafts.c.updated_at.desc(), desk_drafts.c.id.desc())
        with self._connection("list_drafts") as conn:
            rows = conn.execute(query.limit(limit)).mappings().all()
        return [draft_of(row) for row in rows]

    def due(self, now: datetime) -> list[Draft]:
        """Scheduled drafts whose time has come, earliest first."""
        query = (
            sa.select(desk_drafts)
            .where(
                desk_drafts.c.status == DraftStatus.SCHEDULED.value,
                desk_drafts.c.publish_at <= now,
            )
            .order_by(desk_drafts.c.publish_at, desk_drafts.c.id)
        )
        with self._connection("due_drafts") as conn:
            rows = conn.execute(query).mappings().all()
        return [draft_of(row) for row in rows]

    def revisions(self, draft_id: int) -> list[Revision]:
        """A draft's revisions, oldest first."""
        if not is_row_id(draft_id):
            return []
        query = (
            sa.select(desk_revisions)
            .where(desk_revisions.c.draft_id == draft_id)
            .order_by(desk_revisions.c.number)
        )
        with self._connection("draft_revisions") as conn:
            rows = conn.execute(query).mappings().all()
        return [revision_of(row) for row in rows]

    @contextmanager
    def _connection(self, operation: str, *, write: bool = False) -> Iterator[Connection]:
        with store_connection(self.engine, self.url, operation, write=write) as conn:
            yield conn


def _append_revision(conn: Connection, draft: Draft, saved_by: str, note: str) -> None:
    last = conn.execute(
        sa.select(sa.func.max(desk_revisions.c.number)).where(desk_revisions.c.draft_id == draft.id)
    ).scalar_one_or_none()
    conn.execute(
        sa.insert(desk_revisions).values(
            draft_id=draft.id,
            number=int(last or 0) + 1,
            saved_by=saved_by,
            saved_at=draft.updated_at,
            snapshot=draft_snapshot(draft),
            note=note,
        )
    )
