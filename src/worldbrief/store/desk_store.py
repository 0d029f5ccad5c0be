"""``DeskStore``: the editorial desk's drafts and revisions, in the same database as the articles.

Every save writes the draft and appends its revision in one transaction, so the history never
misses a change nor records one that did not happen. A publication is recorded before it starts
(``desk_publications``) and completed in one transaction with the draft, its revision and the
audit event, so one interrupted by a crash is found and finished later.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from worldbrief.domain.draft import Draft, DraftStatus, Revision, draft_snapshot
from worldbrief.store.account_audit import append_event
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.desk_rows import draft_of, draft_values, revision_of
from worldbrief.store.engine import store_connection
from worldbrief.store.errors import StoreError, redact_url
from worldbrief.store.row_ids import is_row_id
from worldbrief.store.schema import desk_drafts, desk_publications, desk_revisions


class DraftNotFoundError(StoreError, LookupError):
    def __init__(self, draft_id: int) -> None:
        super().__init__(f"no draft with id {draft_id}")
        self.draft_id = draft_id


class DraftChangedError(StoreError):
    """The draft changed since it was read (someone else saved or published it)."""


class PublicationInProgressError(StoreError):
    """Another process is publishing the draft right now."""


@dataclass(frozen=True, slots=True)
class Publication:
    """A publication begun and not yet recorded on its draft."""

    draft_id: int
    article_id: str
    requested_by: str
    requested_at: datetime
    claim: str  # random; whoever holds it completes the publication
    claimed_at: datetime


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

    # Publications

    def begin_publication(
        self, draft: Draft, article_id: str, requested_by: str, now: datetime, lease: timedelta
    ) -> str:
        """Record that ``draft`` (as read) is being published; returns the claim that completes
        it. DraftChangedError when the stored draft differs from ``draft``;
        PublicationInProgressError when another claim on it is younger than ``lease``."""
        with self._connection("begin_publication", write=True) as conn:
            row = conn.execute(
                sa.select(desk_drafts).where(desk_drafts.c.id == draft.id)
            ).mappings().first()  # fmt: skip
            if row is None:
                raise DraftNotFoundError(draft.id)
            if draft_of(row) != draft:
                raise DraftChangedError(f"draft {draft.id} changed while it was being published")
            held = conn.execute(
                sa.select(desk_publications.c.claimed_at)
                .where(desk_publications.c.draft_id == draft.id)
            ).scalar_one_or_none()  # fmt: skip
            if held is not None and held > now - lease:
                raise PublicationInProgressError(f"draft {draft.id} is being published already")
            claim = secrets.token_hex(16)
            conn.execute(
                sa.delete(desk_publications).where(desk_publications.c.draft_id == draft.id)
            )
            conn.execute(
                sa.insert(desk_publications).values(
                    draft_id=draft.id, article_id=article_id, requested_by=requested_by,
                    requested_at=now, claim=claim, claimed_at=now,
                )
            )  # fmt: skip
            return claim

    def stalled_publications(self, claimed_before: datetime) -> list[Publication]:
        """Publications whose claim is older than ``claimed_before`` (their process died)."""
        query = (
            sa.select(desk_publications)
            .where(desk_publications.c.claimed_at <= claimed_before)
            .order_by(desk_publications.c.requested_at, desk_publications.c.draft_id)
        )
        with self._connection("stalled_publications") as conn:
            rows = conn.execute(query).mappings().all()
        return [Publication(**dict(row)) for row in rows]

    def take_over(self, publication: Publication, now: datetime) -> str | None:
        """A new claim on a stalled publication, or None when another process took it first."""
        claim = secrets.token_hex(16)
        with self._connection("take_over_publication", write=True) as conn:
            taken = conn.execute(
                sa.update(desk_publications)
                .where(
                    desk_publications.c.draft_id == publication.draft_id,
                    desk_publications.c.claim == publication.claim,
                )
                .values(claim=claim, claimed_at=now)
            ).rowcount
        return claim if taken == 1 else None

    def complete_publication(
        self, published: Draft, claim: str, saved_by: str, audit: tuple[str, str, str]
    ) -> bool:
        """Save the published draft with its revision and the audit event (actor, subject,
        detail) in one transaction, if ``claim`` still holds the publication; else False (the
        process that took it over completes it)."""
        with self._connection("complete_publication", write=True) as conn:
            held = conn.execute(
                sa.delete(desk_publications).where(
                    desk_publications.c.draft_id == published.id,
                    desk_publications.c.claim == claim,
                )
            ).rowcount
            if held != 1:
                return False
            conn.execute(
                sa.update(desk_drafts)
                .where(desk_drafts.c.id == published.id)
                .values(draft_values(published))
            )
            _append_revision(conn, published, saved_by, "published")
            actor, subject, detail = audit
            append_event(
                conn, at=published.updated_at, actor=actor, action="desk.published",
                subject=subject, detail=detail,
            )  # fmt: skip
            return True

    def abandon_publication(self, draft_id: int, claim: str) -> None:
        """Forget a publication that cannot go ahead (its draft was refused)."""
        with self._connection("abandon_publication", write=True) as conn:
            conn.execute(
                sa.delete(desk_publications).where(
                    desk_publications.c.draft_id == draft_id, desk_publications.c.claim == claim
                )
            )

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
