"""``EventStore``: distinct events linked across articles, in the store's database (reach it
with ``EventStore.alongside(store)``). Written by the article writes; read here."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy.engine import Connection, Engine

from worldbrief.domain.linked_events import EventCursor, EventFilter, EventReport, LinkedEvent
from worldbrief.store import event_reads
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

    @contextmanager
    def _connection(self, operation: str) -> Iterator[Connection]:
        with store_connection(self.engine, self.url, operation) as conn:
            yield conn
