"""``EntityStore``: the catalog of known entities and the articles naming each, in the store's
database (reach it with ``EntityStore.alongside(store)``). Written with the article rows
(``store.entity_tables``); read here."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy.engine import Connection, Engine

from worldbrief.domain.entities import KnownEntity
from worldbrief.store import entity_tables
from worldbrief.store.actor_reads import actor_names
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.engine import store_connection
from worldbrief.store.errors import redact_url


class EntityStore:
    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def alongside(cls, store: ArticleStore) -> EntityStore:
        return cls(store.engine, store.url)

    def __repr__(self) -> str:
        return f"EntityStore({redact_url(self.url)!r})"

    def get(self, entity_id: str) -> KnownEntity | None:
        with self._connection("get_entity") as conn:
            return entity_tables.known_entity(conn, entity_id)

    def names(self, entity_ids: Sequence[str]) -> dict[str, str]:
        """Canonical names of the known ``entity_ids`` (a few: one page's worth)."""
        with self._connection("entity_names") as conn:
            return actor_names(conn, entity_ids)

    def article_ids(
        self, entity_id: str, limit: int, before: tuple[datetime, str] | None = None
    ) -> list[tuple[str, datetime]]:
        """Articles naming the entity, newest first, after the keyset ``before``."""
        with self._connection("entity_article_ids") as conn:
            return entity_tables.entity_article_ids(conn, entity_id, limit, before)

    @contextmanager
    def _connection(self, operation: str) -> Iterator[Connection]:
        with store_connection(self.engine, self.url, operation) as conn:
            yield conn
