"""One alert pass over 1,000 new articles against 10,000 watchlists (issue 12's target: < 10 s).

Run: .venv/bin/python bench/alert_pass.py [--articles 1000] [--watchlists 10000]
         [--database-url URL] [--searches 0.1]
Builds a temporary store (SQLite, or the empty database named), 500 accounts and the watchlists
(a mix of countries, regions, divisions, actors, event types with a country, authors, and saved
searches, some with a country), then stores the new articles (~400 words, a focus country and
its regions, places with divisions, entities, two event reports each, a third re-telling an
event of another article) and times one pass, then a second pass with nothing new. Prints the
pass's figures; storing is not timed.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

import worldbrief.enrich.entities
import worldbrief.enrich.events  # noqa: F401
from worldbrief.actors.catalog import ActorCatalog
from worldbrief.alerts.terms import anchor_terms
from worldbrief.config import Settings
from worldbrief.domain import (
    AccessLevel,
    Article,
    ArticleType,
    Author,
    BodyFormat,
    CountryMention,
    Enrichment,
    NamedEntity,
    PlaceMention,
    RegionMention,
    Source,
    Span,
)
from worldbrief.domain.account import Role
from worldbrief.domain.events import ActorRole, DatePrecision, EntityType, EventActor, EventMention
from worldbrief.domain.watchlists import Division, SavedSearch, WatchCriteria
from worldbrief.events.typology import typology
from worldbrief.services.alerts import AlertPassReport, run_alert_pass
from worldbrief.services.indexing import catch_up
from worldbrief.services.platform import open_platform
from worldbrief.services.search_rises import record_search_rises
from worldbrief.services.trend_alerts import record_trend_alerts
from worldbrief.store import AccountStore, WatchlistStore
from worldbrief.store.alert_tables import watchlist_terms, watchlists
from worldbrief.store.watchlist_codec import criteria_json

WORDS = [
    "government",
    "minister",
    "officials",
    "said",
    "talks",
    "border",
    "security",
    "trade",
    "water",
    "energy",
    "oil",
    "gas",
    "prices",
    "protest",
    "police",
    "court",
    "election",
    "parliament",
    "president",
    "region",
    "city",
    "province",
    "agreement",
    "sanctions",
    "exports",
    "harvest",
    "drought",
    "flood",
    "railway",
    "pipeline",
    "investment",
    "bank",
    "currency",
    "inflation",
    "strike",
    "workers",
    "students",
    "army",
    "troops",
    "militants",
    "attack",
    "ceasefire",
]
QUERIES = ["gas prices", "pipeline", "drought OR flood", '"border security"', "sanctions -oil",
           "railway investment", "students strike", "ceasefire talks"]  # fmt: skip
AUTHORS = [f"Author {i}" for i in range(200)]


def _country_pool() -> list[str]:
    from worldbrief.geo.regions import RegionTaxonomy

    return [c.code for c in RegionTaxonomy.load_default().countries()]


def _divisions(country: str) -> list[str]:
    return [f"{country} Province {k}" for k in range(6)]


def _criteria(rng: random.Random, countries: list[str], regions: list[str],
              actors: list[str], kinds: list[tuple[str, str]]) -> WatchCriteria:  # fmt: skip
    roll = rng.random()
    country = rng.choice(countries)
    if roll < 0.35:
        return WatchCriteria(countries=tuple(rng.sample(countries, rng.randint(1, 3))))
    if roll < 0.45:
        return WatchCriteria(regions=(rng.choice(regions),))
    if roll < 0.55:
        return WatchCriteria(divisions=(Division(country, rng.choice(_divisions(country))),))
    if roll < 0.65:
        return WatchCriteria(actors=(rng.choice(actors),))
    if roll < 0.80:
        kind = rng.choice(kinds)
        return WatchCriteria(countries=(country,), event_types=(kind[0],))
    if roll < 0.85:
        return WatchCriteria(authors=(rng.choice(AUTHORS),))
    if roll < 0.92:
        return WatchCriteria(search=SavedSearch(rng.choice(QUERIES)))
    return WatchCriteria(countries=(country,), search=SavedSearch(rng.choice(QUERIES)))


def _articles(rng: random.Random, count: int, countries: list[str], actors: list[str],
              kinds: list[tuple[str, str]], now: datetime) -> list[Article]:  # fmt: skip
    from worldbrief.geo.regions import RegionTaxonomy

    taxonomy = RegionTaxonomy.load_default()
    told: list[EventMention] = []
    made = []
    for i in range(count):
        country = rng.choice(countries[:60])  # news clusters on fewer countries
        # Filler of a large vocabulary and three topical words: a query matches a few articles.
        words = [f"w{rng.randrange(5000)}" for _ in range(400)]
        for word in rng.sample(WORDS, 3):
            words[rng.randrange(400)] = word
        text = " ".join(words)
        division = rng.choice(_divisions(country))
        place = PlaceMention(0, 4, "Town", "Town", None, 10.0, 10.0, country, division, "P.PPL")
        reports: list[EventMention] = []
        for _ in range(2):
            if told and rng.random() < 1 / 3:
                reports.append(rng.choice(told))
                continue
            kind = rng.choice(kinds)
            reports.append(
                EventMention(
                    type=kind[0],
                    subtype=kind[1],
                    confidence=0.8,
                    evidence=(Span(0, 20),),
                    date=(now - timedelta(days=1)).date(),
                    date_precision=DatePrecision.DAY,
                    place=place,
                    actors=(EventActor("police", ActorRole.ACTOR1, None, rng.choice(actors)),),
                )
            )
            told.append(reports[-1])
        entity_ids = rng.sample(actors, 2)
        made.append(
            Article(
                id=f"bench-{i:05d}",
                type=rng.choice([ArticleType.NEWS, ArticleType.ANALYSIS]),
                title=f"Report {i}",
                body=text,
                body_format=BodyFormat.TEXT,
                plain_text=text,
                published_at=now - timedelta(minutes=count - i),
                authors=(Author(rng.choice(AUTHORS)),),
                source=Source(name="Bench Wire"),
                access=AccessLevel.FREE if i % 4 else AccessLevel.MEMBERS,
                content_hash=f"h{i}",
                enrichment=Enrichment(
                    language="en",
                    countries=(CountryMention(country, country, 0.9, True, (Span(0, 4),)),),
                    regions=tuple(
                        RegionMention(r.id, r.name) for r in taxonomy.regions_for(country)
                    ),
                    places=(place,),
                    entities=tuple(
                        NamedEntity(e, e, _entity_type(e), (Span(0, 4),)) for e in entity_ids
                    ),
                    events=tuple(reports),
                ),
            )
        )
    return made


def _entity_type(actor_id: str) -> EntityType:
    entry = ActorCatalog.load_default().get(actor_id)
    assert entry is not None
    return entry.type


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--watchlists", type=int, default=10_000)
    parser.add_argument("--database-url", help="an empty database; default: temporary SQLite")
    args = parser.parse_args()
    rng = random.Random(12)
    now = datetime.now(UTC)
    countries = _country_pool()
    kinds = [(k.type, k.subtype) for k in typology()]
    actors = [a.id for a in ActorCatalog.load_default().actors]
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        platform = open_platform(Settings(data_dir=Path(tmp) / "data", database_url=url))
        regions = [r.id for top in platform.taxonomy.top_regions()
                   for r in (top, *platform.taxonomy.children(top.id))]  # fmt: skip
        accounts = AccountStore.alongside(platform.store)
        owners = [
            accounts.create_account(f"reader{i}@example.org", "x", Role.REGISTERED,
                                    actor="bench", now=now).id
            for i in range(500)
        ]  # fmt: skip
        began = time.perf_counter()
        _store_watchlists(platform.store.engine, rng, args.watchlists, owners,
                          (countries, regions, actors, kinds), now)  # fmt: skip
        print(f"{args.watchlists:,} watchlists stored in {time.perf_counter() - began:.1f} s")
        articles = _articles(rng, args.articles, countries, actors, kinds, now)
        began = time.perf_counter()
        for start in range(0, len(articles), 500):
            platform.store.upsert_articles(articles[start : start + 500])
        print(f"{len(articles):,} articles stored in {time.perf_counter() - began:.1f} s")
        began = time.perf_counter()
        catch_up(platform.store, platform.index)  # the saved searches' rises ask the index
        print(f"indexed in {time.perf_counter() - began:.1f} s")

        batches: list[float] = []
        began = time.perf_counter()

        def tick(_report: AlertPassReport) -> None:
            batches.append(time.perf_counter())

        report = run_alert_pass(platform, now=now, on_batch=tick)
        took = time.perf_counter() - began
        print(
            f"alert pass: {took:.2f} s for {report.articles:,} articles and {report.events:,} "
            f"events ({report.changes:,} changes, {report.batches} batches of "
            f"{report.changes // max(report.batches, 1)}); {report.candidates:,} candidate "
            f"watchlists; {report.alerts:,} alerts recorded ({report.trend_alerts:,} trend "
            f"signals, {report.search_rises:,} search rises); "
            f"{report.articles / took:,.0f} articles/s"
        )
        began = time.perf_counter()
        again = run_alert_pass(platform, now=now)
        print(f"second pass, nothing new: {(time.perf_counter() - began) * 1000:.0f} ms, "
              f"{again.alerts} alerts")  # fmt: skip
        # Of that pass, the triggers that do not follow the change log, each alone.
        store = WatchlistStore.alongside(platform.store)
        began = time.perf_counter()
        record_trend_alerts(platform, store, now, again.cursor)
        print(f"  trend signals: {(time.perf_counter() - began) * 1000:.0f} ms")
        searching = [w.id for w in store.list_watchlists() if w.criteria.search is not None]
        began = time.perf_counter()
        record_search_rises(platform, store, now, again.cursor, searching)
        print(f"  rises of all {len(searching):,} saved searches, as if new articles matched "
              f"each: {(time.perf_counter() - began) * 1000:.0f} ms")  # fmt: skip
        platform.close()


def _store_watchlists(engine: sa.Engine, rng: random.Random, count: int, owners: list[int],
                      pools: tuple[list[str], list[str], list[str], list[tuple[str, str]]],
                      now: datetime) -> None:  # fmt: skip
    """Written straight to the tables (what ``WatchlistStore.create`` writes), in one go."""
    countries, regions, actors, kinds = pools
    rows: list[dict[str, object]] = []
    terms: list[dict[str, object]] = []
    for i in range(1, count + 1):
        criteria = _criteria(rng, countries, regions, actors, kinds)
        rows.append({"id": i, "account_id": rng.choice(owners), "name": f"Watchlist {i}",
                     "criteria": criteria_json(criteria), "email_mode": "daily",
                     "webhook_url": None, "atom_token_hash": None, "created_at": now,
                     "updated_at": now, "created_seq": 0})  # fmt: skip
        kind, anchors = anchor_terms(criteria)
        terms.extend({"kind": kind.value, "facet": f.value, "value": v, "watchlist_id": i}
                     for f, v in anchors)  # fmt: skip
    with engine.begin() as conn:
        conn.execute(sa.insert(watchlists), rows)
        conn.execute(sa.insert(watchlist_terms), terms)


if __name__ == "__main__":
    main()
