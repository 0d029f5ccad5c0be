"""``EventSiteReads``: the event side of the reader surfaces' reads (``SiteReads.events``).

Event, actor and event-search pages, their APIs, feeds and exports, and the event parts of the
country and region pages read the linked events, their tallies and the entity catalog through
these stores, built over the same store as the rest of ``SiteReads`` (the process's replica,
or the primary when none). Each store here is read-only: events and entities are written with
their article, in its write transaction, so a replica that has an article has its events too.
The alerts pass, watchlists and notifications read the same tables fresh, from stores built
``alongside`` the primary. Why and what may lag: docs/decisions/0017-read-replicas.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from worldbrief.store.article_store import ArticleStore
from worldbrief.store.entity_store import EntityStore
from worldbrief.store.event_queries_store import EventQueryStore
from worldbrief.store.event_store import EventStore
from worldbrief.store.event_tallies import EventTallies


@dataclass(frozen=True, slots=True)
class EventSiteReads:
    store: EventStore  # one event, its reports, an entity's or a division's events
    queries: EventQueryStore  # the events search, its counts, exports and the actors API
    tallies: EventTallies  # the kept weekly counts and latest events of country pages
    entities: EntityStore  # the actor page's entity and the articles naming it

    @classmethod
    def over(cls, store: ArticleStore) -> EventSiteReads:
        return cls(
            EventStore.alongside(store),
            EventQueryStore.alongside(store),
            EventTallies.alongside(store),
            EntityStore.alongside(store),
        )
