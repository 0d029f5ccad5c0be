"""The event page, the actor page and the article's "What happened" on SQLite and PostgreSQL:
what each shows of stored events and entities, related events within 30 days, keyset pages
of an actor's articles, and plain 404 and 400 pages for what does not exist."""

from __future__ import annotations

import dataclasses
import html
import re
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import lxml.html  # type: ignore[import-untyped]  # lxml ships no type stubs
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

import worldbrief.enrich.entities  # registers the stages and their tables
import worldbrief.enrich.events  # noqa: F401
from contract.conftest import build_article
from worldbrief.config import Settings
from worldbrief.domain import AccessLevel, Article, EntityType, NamedEntity, PlaceMention, Span
from worldbrief.domain.events import ActorRole, ActorType, DatePrecision, EventActor, EventMention
from worldbrief.jobs.runner import JOB_THREAD_NAME
from worldbrief.services import actor_pages
from worldbrief.services.platform import open_platform
from worldbrief.store.schema import metadata
from worldbrief.web.app import create_app
from worldbrief.web.views import article_url

TEXT = "Title\n\nTroops and M23 rebels clashed near Goma. Two soldiers died."
CLASH = Span(7, 47)
GOMA = PlaceMention(42, 46, "Goma", "Goma", 215605, -1.68, 29.22, "CD", "North Kivu", "P.PPLA")
KINSHASA = PlaceMention(42, 46, "Kinshasa", "Kinshasa", 2314302, -4.32, 15.31, "CD", "Kinshasa",
                        "P.PPLC")  # fmt: skip
M23 = NamedEntity(
    "m23", "M23", EntityType.ARMED_GROUP, (Span(18, 21),), ("March 23 Movement",), ("CD",)
)
FARDC = NamedEntity("cd-fardc", "FARDC", EntityType.STATE_FORCES, (Span(7, 13),), (), ("CD",))


def _report(
    day: date,
    place: PlaceMention = GOMA,
    subtype: str = "Armed clash",
    kind: str = "Battles",
    precision: DatePrecision = DatePrecision.DAY,
    fatalities: int | None = 2,
    approximate: bool = False,
) -> EventMention:
    return EventMention(
        type=kind,
        subtype=subtype,
        confidence=0.7,
        evidence=(CLASH,),
        date=day,
        date_precision=precision,
        place=place,
        actors=(
            EventActor("troops", ActorRole.ACTOR1, ActorType.STATE_FORCES, "cd-fardc"),
            EventActor("M23", ActorRole.ACTOR2, ActorType.REBEL_GROUP, "m23"),
        ),
        fatalities=fatalities,
        fatalities_approximate=approximate,
    )


def _article(
    article_id: str,
    published: datetime,
    *reports: EventMention,
    access: AccessLevel = AccessLevel.FREE,
) -> Article:
    article = build_article(
        article_id,
        published=published,
        title="Title",
        body=TEXT.split("\n\n", 1)[1],
        plain_text=TEXT,
        access=access,
    )
    enrichment = dataclasses.replace(article.enrichment, events=reports, entities=(FARDC, M23))
    return dataclasses.replace(article, enrichment=enrichment)


MARCH = datetime(2024, 3, 20, tzinfo=UTC)


@pytest.fixture
def client(store_url: str, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "data", database_url=store_url)
    platform = open_platform(settings)
    articles = [
        _article("a", MARCH, _report(date(2024, 3, 2), approximate=True, fatalities=24)),
        _article("b", MARCH + timedelta(hours=1), _report(date(2024, 3, 2))),  # the same clash
        _article("c", MARCH, _report(date(2024, 3, 20))),  # 18 days later, same division
        _article("d", MARCH, _report(date(2024, 5, 20))),  # too late to be related
        _article(
            "e",
            MARCH,
            _report(date(2024, 3, 10), KINSHASA, "Peaceful protest", "Protests", fatalities=None),
        ),  # elsewhere, but the same actors
        # More articles naming M23 than one page of the actor page lists.
        *(
            _article(f"n{i:02d}", datetime(2023, 1, 1, tzinfo=UTC) + timedelta(days=i))
            for i in range(actor_pages.ARTICLES_PER_PAGE)
        ),
    ]
    platform.store.upsert_articles(articles)
    try:
        with TestClient(create_app(settings, platform)) as test_client:
            yield test_client
    finally:
        platform.close()


def _event_url(client: TestClient, article_id: str) -> str:
    page = client.get(article_url(article_id, "Title"))
    assert page.status_code == 200
    links = lxml.html.fromstring(page.text).xpath(
        "//li[@data-testid='article-event']//a[starts-with(@href, '/events/')]/@href"
    )
    assert len(links) == 1
    return str(links[0])


def _text(page: str) -> str:
    return " ".join(lxml.html.fromstring(page).text_content().split())


def test_an_event_page_says_what_when_where_who_and_from_which_articles(
    client: TestClient,
) -> None:
    url = _event_url(client, "a")
    assert _event_url(client, "b") == url  # both reports are one event
    page = client.get(url)
    assert page.status_code == 200
    doc = lxml.html.fromstring(page.text)
    text = _text(page.text)
    assert doc.findtext(".//title").startswith("Armed clash: Goma, North Kivu")
    assert doc.xpath("//link[@rel='canonical']/@href")[0].endswith(url)
    assert doc.xpath("//*[@data-testid='evp-type']")[0].text_content() == "Battles"
    assert doc.xpath("//*[@data-testid='event-date']")[0].text_content() == "2 March 2024"
    assert doc.xpath("//*[@data-testid='event-precision']")[0].text_content() == "To the day"
    assert "At least 24 killed (approximate)" in text
    actors = {
        a.text_content(): a.get("href") for a in doc.xpath("//ul[@data-testid='event-actors']//a")
    }
    assert actors == {"troops": "/actors/cd-fardc", "M23": "/actors/m23"}
    sources = doc.xpath("//li[@data-testid='event-source']")
    assert len(sources) == 2
    quotes = doc.xpath("//blockquote[@data-testid='evidence']/text()")
    assert quotes == ["Troops and M23 rebels clashed near Goma."] * 2
    assert doc.xpath("//div[@id='event-map']/@data-point")  # the map's place
    [feed] = doc.xpath("//link[@rel='alternate']/@href")
    assert feed == "/feeds/countries/cd/events.atom" and client.get(feed).status_code == 200
    assert page.headers["content-type"].startswith("text/html")


def test_related_events_share_the_place_or_an_actor_within_30_days(client: TestClient) -> None:
    page = client.get(_event_url(client, "a")).text
    related = lxml.html.fromstring(page).xpath("//ol[@data-testid='related-events']/li")
    notes = [" ".join(li.text_content().split()) for li in related]
    assert len(notes) == 2, notes
    assert (
        "Peaceful protest" in notes[0] and "Also names" in notes[0] and "8 days later" in notes[0]
    )
    assert "Armed clash" in notes[1] and "Same place" in notes[1] and "18 days later" in notes[1]
    assert "20 May 2024" not in page


def test_an_article_lists_what_happened_with_links_and_evidence(client: TestClient) -> None:
    page = client.get(article_url("e", "Title")).text
    doc = lxml.html.fromstring(page)
    [item] = doc.xpath("//section[@data-testid='what-happened']//li[@data-testid='article-event']")
    assert item.xpath(".//a/@href")[0].startswith("/events/")
    assert "10 March 2024" in item.text_content() and "Kinshasa" in item.text_content()
    assert item.get("data-evidence") == '["Troops and M23 rebels clashed near Goma."]'
    assert set(item.xpath(".//a[@data-testid='actor-link']/@href")) == {
        "/actors/cd-fardc",
        "/actors/m23",
    }
    chips = doc.xpath("//a[@data-testid='actor-chip']/@href")
    assert chips == ["/actors/cd-fardc", "/actors/m23"]


def test_an_actor_page_shows_its_profile_events_partners_and_articles(
    client: TestClient,
) -> None:
    page = client.get("/actors/m23")
    assert page.status_code == 200
    doc = lxml.html.fromstring(page.text)
    text = _text(page.text)
    assert doc.findtext(".//title").startswith("M23 ·")
    assert doc.xpath("//link[@rel='canonical']/@href")[0].endswith("/actors/m23")
    [feed] = doc.xpath("//link[@rel='alternate']/@href")
    assert feed == "/feeds/actors/m23.atom" and client.get(feed).status_code == 200
    assert "Also called March 23 Movement" in text and "Armed group" in text
    assert doc.xpath("//ul[contains(@class, 'actor-countries')]//a/@href") == ["/countries/cd"]
    facts = {d.xpath("string(dt)"): d.xpath("string(dd)") for d in doc.xpath("//dl/div")}
    assert facts == {
        "Type": "Armed group",
        "First named": "1 January 2023",
        "Last named": "20 March 2024",
    }
    events = doc.xpath("//ol[@data-testid='actor-events']/li")
    assert len(events) == 4  # the linked clash once, the later clashes and the protest
    assert [a.text_content() for a in doc.xpath("//ul[@data-testid='co-actors']//a")] == ["FARDC"]
    months = {r.xpath("string(th)"): r.xpath("string(td)") for r in doc.xpath("//details//tr[td]")}
    assert months == {"May 2024": "1", "March 2024": "3"}
    assert (
        len(
            re.findall(r'"lat"', html.unescape(doc.xpath("//div[@id='actor-map']/@data-points")[0]))
        )
        == 4
    )


def test_an_actors_articles_are_paged_newest_first(client: TestClient) -> None:
    first = lxml.html.fromstring(client.get("/actors/m23").text)
    listed = first.xpath("//ol[@data-testid='actor-articles']//h3/a/@href")
    assert len(listed) == actor_pages.ARTICLES_PER_PAGE
    older = first.xpath("//nav[@class='pagination']//a[@rel='next']/@href")[0]
    rest = lxml.html.fromstring(client.get(older).text)
    more = rest.xpath("//ol[@data-testid='actor-articles']//h3/a/@href")
    assert len(more) == 5 and not set(more) & set(listed)  # 25 articles name M23
    assert not rest.xpath("//nav[@class='pagination']//a[@rel='next']")
    assert rest.xpath("//nav[@class='pagination']//a[text()='Latest']/@href") == ["/actors/m23"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/events/ev-unknown", 404),
        ("/actors/nobody", 404),
        ("/actors/m23?cursor=yesterday", 400),
        ("/actors/m23?cursor=2024-03-01~", 400),
        ("/events/" + "x" * 300, 400),
    ],
)
def test_unknown_ids_and_foreign_cursors_get_a_page_that_says_so(
    client: TestClient, url: str, status: int
) -> None:
    page = client.get(url)
    assert page.status_code == status
    assert page.headers["content-type"].startswith("text/html")


def test_anonymous_readers_share_the_pages_and_get_them_compressed(client: TestClient) -> None:
    """Event and actor pages are public surfaces (caching policy): kept for anonymous
    readers, validated by ETag and sent in gzip; a signed-in reader's answer stays theirs."""
    for url in (_event_url(client, "a"), "/actors/m23"):
        client.get(url)  # kept by the first answer
        page = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert page.headers["cache-control"].startswith("public")
        assert page.headers["content-encoding"] == "gzip" and page.headers["etag"]
        again = client.get(url, headers={"If-None-Match": page.headers["etag"]})
        assert again.status_code == 304
        personal = client.get(url, headers={"Cookie": "wb_session=nobody"})
        assert personal.headers["cache-control"] == "private, no-store"


def test_stored_names_are_shown_as_text(store_url: str, tmp_path: Path) -> None:
    """An entity or actor name is stored text: the pages escape it wherever it appears."""
    hostile = '<img src=x onerror="alert(1)">'
    odd = NamedEntity("odd", hostile, EntityType.PERSON, (Span(7, 13),), (hostile,), ("CD",))
    report = dataclasses.replace(
        _report(date(2024, 3, 2)),
        actors=(EventActor(hostile, ActorRole.ACTOR1, ActorType.CIVILIANS, "odd"),),
    )
    article = _article("h", MARCH, report)
    article = dataclasses.replace(
        article, enrichment=dataclasses.replace(article.enrichment, entities=(odd,))
    )
    settings = Settings(data_dir=tmp_path / "data", database_url=store_url)
    platform = open_platform(settings)
    platform.store.upsert_articles([article])
    try:
        with TestClient(create_app(settings, platform)) as client:
            pages = [
                client.get(article_url("h", "Title")).text,
                client.get(_event_url(client, "h")).text,
                client.get("/actors/odd").text,
            ]
    finally:
        platform.close()
    for page in pages:
        assert hostile not in page and "<img" not in page
        assert "&lt;img src=x" in page


def _statements(client: TestClient, url: str) -> list[str]:
    """The SQL statements one request of ``url`` runs (the page cache bypassed)."""
    engine = client.app.state.platform.store.engine  # type: ignore[attr-defined]
    seen: list[str] = []

    def record(*args: object) -> None:
        if threading.current_thread().name == JOB_THREAD_NAME:  # the index catching up
            return
        statement = str(args[2])
        table = re.search(r"\bFROM\s+(\w+)", statement)
        if table and table.group(1) in metadata.tables:  # not a driver's own set-up query
            seen.append(statement)

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(url, headers={"Cookie": "wb_session=none"}).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    return seen


def test_the_pages_run_the_same_statements_however_many_events_are_stored(
    client: TestClient,
) -> None:
    """Each read is one bounded range: more events of the same division and actors add no
    statement, and every read of the event tables is limited or by key."""
    urls = [_event_url(client, "a"), "/actors/m23", article_url("a", "Title")]
    for url in urls:  # once, for what a process reads on first use only
        _statements(client, url)
    before = [len(_statements(client, u)) for u in urls]
    platform = client.app.state.platform  # type: ignore[attr-defined]
    platform.store.upsert_articles(
        [
            _article(f"more{i:02d}", MARCH, _report(date(2024, 3, 3) + timedelta(days=i % 25)))
            for i in range(40)
        ]
    )
    after = [_statements(client, u) for u in urls]
    assert [len(s) for s in after] == before
    for statement in (s for page in after for s in page):
        if re.search(r"FROM (events|event_entities|article_entities)\b", statement):
            assert re.search(r"LIMIT|\.id = |\.id IN |article_id (=|IN) ", statement), statement
