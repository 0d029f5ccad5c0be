"""Reads on a real streaming replica: reader pages come from it once it has replayed a publish,
while sign-in, the paywall's membership check and every write go to the primary. Event, actor
and event-search pages, their APIs, feeds and exports read it too.

The replica's replay is paused to make its lag as long as a test needs: then what a page shows
tells which server answered. A replica refuses writes, so a write sent to it would fail loudly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime

import httpx
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlalchemy.exc import DBAPIError

from contract.conftest import build_article
from support.streaming_replica import ReplicaUnavailableError, StreamingPair, streaming_pair
from worldbrief.config import Settings
from worldbrief.domain import (
    AccessLevel,
    Article,
    EntityType,
    NamedEntity,
    PlaceMention,
    RawDocument,
    Span,
)
from worldbrief.domain.events import ActorRole, ActorType, DatePrecision, EventActor, EventMention
from worldbrief.domain.linked_events import EventFilter
from worldbrief.services import accounts as service
from worldbrief.services.ingest import ingest_records
from worldbrief.services.platform import Platform, open_platform
from worldbrief.store.event_store import EventStore
from worldbrief.web.app import create_app
from worldbrief.web.views import article_url

PASSWORD = "correct horse battery staple"
ADMIN = "cli:root"
WRITE_TOKEN = "replica-test-write-token"
SECRET = "zanzibarite"  # only in the members-only body
# Events of made-up actors in Rwanda, a country no other test here places an event in.
EVENT_TEXT = "Title\n\nGuards and militia fighters clashed near Kigali. Two guards died."
CLASH = Span(7, 55)
KIGALI = PlaceMention(48, 54, "Kigali", "Kigali", 202061, -1.95, 30.06, "RW", "Kigali", "P.PPLC")
HUYE = PlaceMention(48, 54, "Huye", "Huye", 201865, -2.6, 29.74, "RW", "Southern Province",
                    "P.PPLA")  # fmt: skip
GUARD = NamedEntity("rw-replica-guard", "Replica Guard", EntityType.STATE_FORCES, (Span(7, 13),),
                    (), ("RW",))  # fmt: skip
MILITIA = NamedEntity("rw-replica-militia", "Replica Militia", EntityType.ARMED_GROUP,
                      (Span(18, 25),), (), ("RW",))  # fmt: skip


def _document(key: str, title: str, access: AccessLevel = AccessLevel.FREE) -> RawDocument:
    return RawDocument(
        location=f"replica:{key}",
        external_id=f"replica-{key}",
        title=title,
        teaser=f"{title}.",
        body=f"{title}.\n\nThe council met on Tuesday.\n\nBehind closed doors the {SECRET} "
        "protocol was agreed.",
        published_at=datetime(2024, 5, 6, 9, tzinfo=UTC),
        access=access,
    )


@pytest.fixture(scope="session")
def pair() -> Iterator[StreamingPair]:
    try:
        with streaming_pair() as made:
            yield made
    except ReplicaUnavailableError as reason:
        pytest.skip(f"no streaming replica on this machine: {reason}")


@pytest.fixture(scope="module")
def platform(pair: StreamingPair, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("replica") / "data",
        database_url=pair.primary_url,
        read_database_url=pair.replica_url,
        api_write_token=WRITE_TOKEN,
        enrich_stages="reading_time,language,fingerprint",  # no gazetteer: the store is tested
    )
    opened = open_platform(settings)  # migrates the primary; the replica replays the schema
    pair.wait_for_replay()
    yield opened
    opened.close()


@pytest.fixture
def client(platform: Platform) -> Iterator[TestClient]:
    with TestClient(create_app(platform.settings, platform)) as test_client:
        yield test_client


def _publish(
    platform: Platform, key: str, title: str, access: AccessLevel = AccessLevel.FREE
) -> str:
    """Ingest one article through the platform: its writes and duplicate lookups are the
    primary's (a replica would refuse the write)."""
    report = ingest_records(platform, [_document(key, title, access)])
    assert report.created == 1, report
    [article_id] = report.article_ids
    return article_id


def test_the_site_reads_a_replica_and_writes_the_primary(
    pair: StreamingPair, platform: Platform
) -> None:
    assert platform.site_reads.on_replica
    assert f":{pair.replica_port}/" in platform.site_reads.lagging.url
    assert f":{pair.primary_port}/" in platform.store.url


def test_a_published_article_reaches_the_reader_page_once_replayed(
    pair: StreamingPair, platform: Platform, client: TestClient
) -> None:
    article_id = _publish(platform, "replayed", "Harbour talks open in Tallinn")
    pair.wait_for_replay()
    page = client.get(article_url(article_id, "Harbour talks open in Tallinn"))
    assert page.status_code == 200 and "Harbour talks open in Tallinn" in page.text
    assert "Harbour talks open in Tallinn" in client.get("/").text


def test_listings_lag_with_the_replica_and_their_tag_never_runs_ahead(
    pair: StreamingPair, platform: Platform, client: TestClient
) -> None:
    before = client.get("/")
    with pair.replay_paused():
        article_id = _publish(platform, "lagging", "Grain convoy reaches Odesa")
        lagging = client.get("/")
        # The home listing and its version come from the replica, which has not replayed it.
        assert "Grain convoy reaches Odesa" not in lagging.text
        assert _store_seq(lagging) == _store_seq(before)
        # The page a writer is sent to exists at once: a miss on the replica asks the primary.
        page = client.get(article_url(article_id, "Grain convoy reaches Odesa"))
        assert page.status_code == 200 and "Grain convoy reaches Odesa" in page.text
    pair.wait_for_replay()
    caught_up = client.get("/")
    assert "Grain convoy reaches Odesa" in caught_up.text
    assert _store_seq(caught_up) > _store_seq(before)


def test_sign_in_and_the_paywall_read_the_primary(
    pair: StreamingPair, platform: Platform, client: TestClient
) -> None:
    title = "Reef survey counts the losses"
    article_id = _publish(platform, "locked", title, AccessLevel.MEMBERS)
    pair.wait_for_replay()
    accounts = service.accounts_of(platform)
    with pair.replay_paused():
        # Account, plan and membership exist on the primary only while replay is paused.
        service.add_plan(accounts, "monthly", "Monthly", price="9.00", currency="USD",
                         period="month", actor=ADMIN)  # fmt: skip
        service.create_account(accounts, "reef@example.org", PASSWORD, "registered", actor=ADMIN)
        service.grant_subscription(accounts, "reef@example.org", "monthly", 30, actor=ADMIN)
        assert pair.replica_sql("SELECT count(*) FROM accounts") == 0
        anonymous = client.get(article_url(article_id, title))
        assert anonymous.status_code == 200 and SECRET not in anonymous.text
        signed = _sign_in(client, "reef@example.org")
        assert signed.status_code == 303, "sign-in found no account: it read the replica"
        member = client.get(article_url(article_id, title))
        assert member.status_code == 200 and SECRET in member.text


def test_writes_never_reach_the_replica(
    pair: StreamingPair, platform: Platform, client: TestClient
) -> None:
    # The reads the site may serve from a replica offer no write at all...
    event_side = platform.site_reads.events
    for reads in (platform.site_reads, event_side.store, event_side.queries, event_side.tallies,
                  event_side.entities):  # fmt: skip
        assert not any(
            name.startswith(("upsert", "delete", "add_", "remove", "record", "write", "insert"))
            for name in dir(reads)
        ), reads
        assert reads is platform.site_reads or reads.engine is platform.site_reads.lagging.engine
    # ...and the replica itself refuses one, so a misrouted write could not pass unnoticed.
    replica = platform.site_reads.lagging.engine
    with pytest.raises(DBAPIError, match="read-only transaction"), replica.begin() as conn:
        conn.execute(sa.text("DELETE FROM articles"))
    created = client.post(
        "/api/articles",
        headers={"Authorization": f"Bearer {WRITE_TOKEN}"},
        json={"title": "Ferry line reopens to Gotland", "body": "The ferry line reopened today."},
    )
    assert created.status_code == 201, created.text
    pair.wait_for_replay()
    assert (
        pair.replica_sql(
            "SELECT count(*) FROM articles WHERE title = 'Ferry line reopens to Gotland'"
        )
        == 1
    )


def test_event_actor_and_event_search_reads_lag_with_the_replica(
    pair: StreamingPair, platform: Platform, client: TestClient
) -> None:
    platform.store.upsert_articles([_event_article("ev-first", date(2024, 3, 2), KIGALI, GUARD)])
    pair.wait_for_replay()
    [first] = _event_ids_on_primary(platform)
    before = client.get("/api/events", params={"country": "RW"})
    assert [e["id"] for e in before.json()["events"]] == [first]
    with pair.replay_paused():
        # A new event of a new actor, on the primary only: months later and elsewhere, so
        # linking keeps it apart from the first.
        second = _event_article("ev-second", date(2024, 6, 15), HUYE, MILITIA)
        platform.store.upsert_articles([second])
        [new] = set(_event_ids_on_primary(platform)) - {first}
        assert pair.replica_sql(f"SELECT count(*) FROM events WHERE id = '{new}'") == 0
        # Every event surface answers from the replica, which has neither event nor actor...
        for path in (f"/events/{new}", f"/api/events/{new}", f"/actors/{MILITIA.id}",
                     f"/api/actors/{MILITIA.id}", f"/feeds/actors/{MILITIA.id}.atom"):  # fmt: skip
            assert client.get(path).status_code == 404, path
        lagging = client.get("/api/events", params={"country": "RW"})
        assert [e["id"] for e in lagging.json()["events"]] == [first]
        assert lagging.json()["total"] == 1  # the kept counts too, keyed by the replica
        assert _store_seq(lagging) == _store_seq(before)
        assert new not in client.get("/api/events", params={"q": "militia"}).text
        assert new not in client.get("/api/events.csv", params={"country": "RW"}).text
        assert new not in client.get("/api/countries/rw/events").text
        assert "Replica Militia" not in client.get("/countries/rw").text
        assert "Replica Militia" not in client.get(f"/actors/{GUARD.id}").text
        # ...and none of them fails for it, nor does the article page the writer is sent to.
        _assert_no_server_error(client, [first, new])
        assert client.get(article_url("ev-second", second.title)).status_code == 200
    pair.wait_for_replay()
    caught_up = client.get("/api/events", params={"country": "RW"})
    assert [e["id"] for e in caught_up.json()["events"]] == [new, first]
    assert caught_up.json()["total"] == 2 and _store_seq(caught_up) > _store_seq(before)
    for path in (f"/events/{new}", f"/api/events/{new}", f"/actors/{MILITIA.id}",
                 f"/api/actors/{MILITIA.id}", f"/feeds/actors/{MILITIA.id}.atom"):  # fmt: skip
        assert client.get(path).status_code == 200, path
    assert new in client.get("/api/events.csv", params={"country": "RW"}).text
    assert new in client.get("/api/countries/rw/events").text
    assert "Replica Militia" in client.get("/countries/rw").text
    _assert_no_server_error(client, [first, new])


def _event_article(key: str, day: date, place: PlaceMention, actor: NamedEntity) -> Article:
    """An article reporting one clash of ``actor`` at ``place``, written as enrichment left it."""
    report = EventMention(
        type="Battles",
        subtype="Armed clash",
        confidence=0.7,
        evidence=(CLASH,),
        date=day,
        date_precision=DatePrecision.DAY,
        place=place,
        actors=(EventActor(actor.name, ActorRole.ACTOR1, ActorType.STATE_FORCES, actor.id),),
        fatalities=2,
        fatalities_approximate=False,
    )
    article = build_article(
        key,
        published=datetime(2024, 6, 20, tzinfo=UTC),
        title="Title",
        body=EVENT_TEXT.split("\n\n", 1)[1],
        plain_text=EVENT_TEXT,
    )
    enrichment = dataclasses.replace(article.enrichment, events=(report,), entities=(actor,))
    return dataclasses.replace(article, enrichment=enrichment)


def _event_ids_on_primary(platform: Platform) -> list[str]:
    return [e.id for e in EventStore.alongside(platform.store).latest(EventFilter("RW"), 10)]


def _assert_no_server_error(client: TestClient, event_ids: list[str]) -> None:
    paths = [
        *(f"/events/{i}" for i in event_ids),
        *(f"/api/events/{i}" for i in event_ids),
        f"/actors/{GUARD.id}", f"/actors/{MILITIA.id}", f"/api/actors/{GUARD.id}",
        "/api/actors?country=RW", "/api/events", "/api/events?q=militia&page=1",
        "/api/events.csv?country=RW", "/api/events.geojson?country=RW",
        "/api/events.jsonl?country=RW", "/feeds/countries/rw/events.atom",
        "/countries/rw", "/api/countries/rw/events", "/api/countries/rw/timeline",
        "/api/countries/rw/trend", "/regions/africa", "/api/regions/africa/timeline",
        article_url("ev-first", "Title"),
    ]  # fmt: skip
    for path in paths:
        assert client.get(path).status_code < 500, path


def _sign_in(client: TestClient, email: str) -> httpx.Response:
    form = client.get("/login").text
    token = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post(
        "/login",
        data={"csrf_token": token, "email": email, "password": PASSWORD, "next": "/"},
        follow_redirects=False,
    )
    assert isinstance(response, httpx.Response)
    return response


def _store_seq(answer: httpx.Response) -> int:
    """The store's change sequence in a shared answer's tag (``W/"deploy-store-index-stamp"``):
    the replica's, so it never names content newer than what the page was built from."""
    return int(answer.headers["etag"].strip('W/"').split("-")[1])
