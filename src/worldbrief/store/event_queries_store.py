"""``EventQueryStore``: the reads behind the events API, its exports, the actors API and the
division trends, in the store's database (``EventQueryStore.alongside(store)``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy.engine import Connection, Engine

from worldbrief.domain.entities import KnownEntity
from worldbrief.domain.event_query import EventFacets, EventQuery
from worldbrief.domain.linked_events import EventCursor, LinkedEvent
from worldbrief.store import actor_reads, entity_tables, event_search
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.division_counts import division_weekly_counts
from worldbrief.store.engine import store_connection
from worldbrief.store.errors import redact_url

BATCH = event_search.EXPORT_BATCH


class EventQueryStore:
    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def alongside(cls, store: ArticleStore) -> EventQueryStore:
        return cls(store.engine, store.url)

    def __repr__(self) -> str:
        return f"EventQueryStore({redact_url(self.url)!r})"

    def matching(
        self, where: EventQuery, limit: int, after: EventCursor | None = None, offset: int = 0
    ) -> list[LinkedEvent]:
        with self._connection("matching_events") as conn:
            return event_search.matching_events(conn, where, limit, after, offset)

    def bounded_page(
        self,
        where: EventQuery,
        limit: int,
        after: EventCursor | None,
        offset: int,
        scan: int,
    ) -> tuple[list[LinkedEvent], EventCursor | None]:
        with self._connection("bounded_page") as conn:
            return event_search.bounded_page(conn, where, limit, after, offset, scan)

    def facets(self, where: EventQuery, window: int) -> EventFacets:
        with self._connection("event_facets") as conn:
            return event_search.event_facets(conn, where, window)

    def stream(self, where: EventQuery, limit: int | None = None) -> Iterator[list[LinkedEvent]]:
        """Batches of matching events, newest first; each batch is read in a connection of
        its own, so a slow consumer holds none between batches."""
        after: EventCursor | None = None
        left = limit
        while left is None or left > 0:
            size = (
                event_search.EXPORT_BATCH if left is None else min(event_search.EXPORT_BATCH, left)
            )
            batch = self.matching(where, size, after)
            if not batch:
                return
            yield batch
            if left is not None:
                left -= len(batch)
            last = batch[-1]
            assert last.date is not None  # only dated events match
            after = EventCursor(last.date, last.id)
            if len(batch) < size:
                return

    def first_reports(
        self, event_ids: Sequence[str], per_event: int
    ) -> dict[str, list[dict[str, Any]]]:
        with self._connection("first_reports") as conn:
            return event_search.first_reports(conn, event_ids, per_event)

    def actors(
        self,
        *,
        after: str | None,
        entity_type: str | None,
        name_prefix: str | None,
        country: str | None,
        scan: int,
    ) -> tuple[list[KnownEntity], str | None]:
        with self._connection("actors") as conn:
            return actor_reads.actor_rows(
                conn,
                after=after,
                entity_type=entity_type,
                name_prefix=name_prefix,
                country=country,
                scan=scan,
            )

    def actor(self, entity_id: str) -> KnownEntity | None:
        with self._connection("actor") as conn:
            return entity_tables.known_entity(conn, entity_id)

    def actor_names(self, entity_ids: Sequence[str]) -> dict[str, str]:
        with self._connection("actor_names") as conn:
            return actor_reads.actor_names(conn, entity_ids)

    def actor_event_counts(self, entity_ids: Sequence[str]) -> dict[str, int]:
        with self._connection("actor_event_counts") as conn:
            return actor_reads.event_counts(conn, entity_ids)

    def division_weekly_counts(
        self, country: str, first_week: date, last_week: date
    ) -> dict[str, dict[date, int]]:
        with self._connection("division_weekly_counts") as conn:
            return division_weekly_counts(conn, country, first_week, last_week)

    @contextmanager
    def _connection(self, operation: str) -> Iterator[Connection]:
        with store_connection(self.engine, self.url, operation) as conn:
            yield conn
