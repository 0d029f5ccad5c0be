"""``EventStore``: distinct events linked across articles, in the store's database (reach it
with ``EventStore.alongside(store)``). Written by the article writes; read here."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date

from sqlalchemy.engine import Connection, Engine

from worldbrief.domain.linked_events import EventCursor, EventFilter, EventReport, LinkedEvent
from worldbrief.store import event_context_reads, event_reads
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.engine import store_connection
from worldbrief.store.errors import redact_url


class EventStore:
    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def alongside(cls, store: ArticleStore) -> EventStore:
        return cls(store.engine, store.url)

    def __repr__(self) -> str:
        return f"EventStore({redact_url(self.url)!r})"

    def get(self, event_id: str) -> LinkedEvent | None:
        with self._connection("get_event") as conn:
            return event_reads.event_by_id(conn, event_id)

    def reports(self, event_id: str, limit: int) -> list[EventReport]:
        with self._connection("event_reports") as conn:
            return event_reads.event_reports(conn, event_id, limit)

    def latest(
        self, where: EventFilter, limit: int, after: EventCursor | None = None
    ) -> list[LinkedEvent]:
        with self._connection("latest_events") as conn:
            return event_reads.latest_events(conn, where, limit, after)

    def weekly_counts(
        self,
        first_week: date,
        last_week: date,
        country: str | None,
        type_: str | None,
        admin1: str | None = None,
    ) -> dict[tuple[str, date], int]:
        with self._connection("weekly_event_counts") as conn:
            return event_reads.weekly_counts(conn, first_week, last_week, country, type_, admin1)

    def entity_events(
        self, entity_id: str, limit: int, after: EventCursor | None = None
    ) -> list[LinkedEvent]:
        with self._connection("entity_events") as conn:
            return event_reads.entity_events(conn, entity_id, limit, after)

    def article_event_ids(self, article_id: str) -> dict[int, str]:
        with self._connection("article_event_ids") as conn:
            return event_context_reads.article_event_ids(conn, article_id)

    def division_events(
        self, country: str, admin1: str | None, first: date, last: date, limit: int
    ) -> list[LinkedEvent]:
        with self._connection("division_events") as conn:
            return event_context_reads.division_events(conn, country, admin1, first, last, limit)

    def entity_events_between(
        self, entity_ids: Sequence[str], first: date, last: date, limit: int
    ) -> list[LinkedEvent]:
        """Events of any of ``entity_ids`` dated ``first`` to ``last``: ``limit`` at most of
        each entity, newest first within each."""
        with self._connection("entity_events_between") as conn:
            ids: list[str] = []
            for entity_id in entity_ids:
                found = event_context_reads.entity_event_ids_between(
                    conn, entity_id, first, last, limit
                )
                ids.extend(i for i in found if i not in ids)
            return event_context_reads.events_by_ids(conn, ids)

    def entity_event_dates(self, entity_id: str, limit: int) -> list[date]:
        with self._connection("entity_event_dates") as conn:
            return event_context_reads.entity_event_dates(conn, entity_id, limit)

    @contextmanager
    def _connection(self, operation: str) -> Iterator[Connection]:
        with store_connection(self.engine, self.url, operation) as conn:
            yield conn
