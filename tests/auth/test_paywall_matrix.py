"""The paywall on every surface: a members-only body past its teaser reaches members and staff
only; free articles reach everyone. Pages are read with session cookies, the API and feeds with
bearer tokens."""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from pathlib import Path
from urllib.parse import quote, quote_plus

import lxml.etree  # type: ignore[import-untyped]  # lxml ships no type stubs
import lxml.html  # type: ignore[import-untyped]
import pytest
from fastapi.testclient import TestClient

from support.local_http_server import LocalServer, Reply
from support.mailbox import running_mailbox
from worldbrief.config import Settings
from worldbrief.domain import AccessLevel, Article, Author, BodyFormat, RawDocument
from worldbrief.events.typology import typology
from worldbrief.services import accounts as service
from worldbrief.services.alert_delivery import run_alert_delivery
from worldbrief.services.alerts import run_alert_pass
from worldbrief.services.demo import load_demo_if_empty
from worldbrief.services.ingest import ingest_records
from worldbrief.services.platform import Platform, open_platform
from worldbrief.services.sessions import now_utc, sessions_of, start_session
from worldbrief.services.watchlists import WatchlistRequest, add_watchlist, issue_atom_token
from worldbrief.store import ArticleFilter
from worldbrief.web.app import create_app
from worldbrief.web.views import article_url

from .conftest import ADMIN, PASSWORD

BODY_WORD = "Toktogul"  # in the Fergana analysis's body, never in its teaser
FULL = {"member", "analyst", "editor", "admin"}
# Where search surfaces repeat the query itself, which is no leak of the body.
_QUERY_ECHO = re.compile(
    rf"(value=\"|\"query-echo\">|<q>|Search: |q=|q%3D|\"q\": ?\"|search for |: ){BODY_WORD}", re.I
)
ROLES = ["reader", "registered", "member", "expired", "analyst", "editor", "admin"]

# Words that stand only in the members-only body of the Tengrivale analysis; its title, teaser
# and metadata say nothing of them. A free article's body holds the Brindlemoss accord.
SECRET_PHRASE = '"agreed on the quasarvelt protocol"'
SECRET_WORDS = ("quasarvelt", "Marrowby")
_SEARCH_ARTICLES = [
    RawDocument(
        location="matrix:locked",
        external_id="matrix-locked",
        title="Tengrivale shelf talks resume",
        teaser="Negotiators from Kestrelholm met again in Aktau, Kazakhstan.",
        body=(
            "Negotiators from Kestrelholm met again in Aktau, Kazakhstan.\n\n"
            "Behind closed doors the delegations agreed on the quasarvelt protocol at Marrowby "
            "Point, a text that neither side has published.\n\n"
            "Both capitals will present it as a technical arrangement."
        ),
        body_format=BodyFormat.TEXT,
        authors=(Author("Mira Quell"),),
        published_at=datetime(2010, 3, 1, tzinfo=UTC),
        access=AccessLevel.MEMBERS,
    ),
    RawDocument(
        location="matrix:free",
        external_id="matrix-free",
        title="Ferry timetables change",
        teaser="Ports publish new schedules.",
        body=(
            "Ports publish new schedules.\n\n"
            "The harbour masters signed the brindlemoss accord on berth sharing.\n\n"
            "Crossings resume next week."
        ),
        body_format=BodyFormat.TEXT,
        published_at=datetime(2010, 2, 1, tzinfo=UTC),
        access=AccessLevel.FREE,
    ),
]

# One clash reported by a members-only article (a word of its body, past the teaser, names the
# mill) and by a free one: one event, two sources (docs/events.md).
EVENT_BODY_WORD = "Zorvath"
_EVENT_ARTICLES = [
    RawDocument(
        location="matrix:locked-clash",
        external_id="matrix-locked-clash",
        title="Night of gunfire in Rangpur",
        teaser="A security report from northern Bangladesh.",
        body=(
            "A security report from northern Bangladesh.\n\n"
            f"Police and gunmen clashed in Rangpur on Sunday beside the {EVENT_BODY_WORD} jute "
            "mill, killing three people.\n\nThe mill stayed shut on Monday."
        ),
        body_format=BodyFormat.TEXT,
        published_at=datetime(2024, 8, 5, 8, tzinfo=UTC),
        access=AccessLevel.MEMBERS,
    ),
    RawDocument(
        location="matrix:free-clash",
        external_id="matrix-free-clash",
        title="Shots exchanged in Rangpur",
        teaser="Residents describe the night.",
        body=(
            "Police and gunmen exchanged fire in Rangpur on Sunday, and three people were killed "
            "in the clash.\n\nResidents said the shooting lasted an hour."
        ),
        body_format=BodyFormat.TEXT,
        published_at=datetime(2024, 8, 5, 10, tzinfo=UTC),
        access=AccessLevel.FREE,
    ),
]


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    data_dir: Path = tmp_path_factory.mktemp("matrix") / "data"
    opened = open_platform(Settings(data_dir=data_dir))
    report = load_demo_if_empty(opened)
    assert report is not None and not report.rejected
    extra = ingest_records(opened, _SEARCH_ARTICLES)
    assert extra.created == len(_SEARCH_ARTICLES) and not extra.rejected
    clashes = ingest_records(opened, _EVENT_ARTICLES)
    assert clashes.created == len(_EVENT_ARTICLES) and not clashes.rejected
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def credentials(platform: Platform) -> dict[str, tuple[str, str]]:
    """(session cookie, bearer token) by role; empty strings for the anonymous reader."""
    accounts = service.accounts_of(platform)
    service.add_plan(accounts, "monthly", "Monthly", price="9.00", currency="USD",
                     period="month", actor=ADMIN)  # fmt: skip
    held = {"reader": ("", "")}
    for role in ROLES[1:]:
        email = f"{role}@example.org"
        stored = "registered" if role in ("member", "expired") else role
        account = service.create_account(accounts, email, PASSWORD, stored, actor=ADMIN)
        _, token = service.create_api_token(accounts, email, "matrix", actor=ADMIN)
        session = start_session(sessions_of(platform), account, timedelta(days=1), client="test")
        held[role] = (session, token)
    service.grant_subscription(accounts, "member@example.org", "monthly", 30, actor=ADMIN)
    ended = now_utc() - timedelta(days=10)
    service.StoreSubscriptionProvider(accounts, "test").grant(
        "expired@example.org", "monthly", ended - timedelta(days=30), ended, "old-1"
    )
    return held


@pytest.fixture(scope="module")
def client(platform: Platform) -> Iterator[TestClient]:
    with TestClient(create_app(platform.settings, platform)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def fergana(platform: Platform) -> Article:
    _, locked = platform.store.list_articles(ArticleFilter(access="members", limit=100))
    article = next(a for a in locked if "Fergana" in a.title)
    assert BODY_WORD in article.body and BODY_WORD not in article.teaser
    return article


def _surfaces(client: TestClient, article: Article, cookie: str, token: str) -> dict[str, str]:
    page_headers = {"Cookie": f"wb_session={cookie}"} if cookie else {}
    api_headers = {"Authorization": f"Bearer {token}"} if token else {}
    query = {"q": BODY_WORD}
    return {
        "article page": client.get(
            article_url(article.id, article.title), headers=page_headers
        ).text,
        "api article": client.get(f"/api/articles/{article.id}", headers=api_headers).text,
        "api search": client.get("/api/search", params=query, headers=api_headers).text,
        "search page": client.get("/search", params=query, headers=page_headers).text,
        "feed": client.get("/feeds/search.atom", params=query, headers=api_headers).text,
        "region feed": client.get("/feeds/regions/central-asia.atom", headers=api_headers).text,
        "export": client.get("/api/export", params=query, headers=api_headers).text,
        "csv export": client.get(
            "/api/export", params={**query, "format": "csv"}, headers=api_headers
        ).text,
    }


@pytest.mark.parametrize("role", ROLES)
def test_a_members_only_body_reaches_members_and_staff_only(
    client: TestClient, credentials: dict[str, tuple[str, str]], fergana: Article, role: str
) -> None:
    cookie, token = credentials[role]
    for surface, text in _surfaces(client, fergana, cookie, token).items():
        shown = BODY_WORD.lower() in _QUERY_ECHO.sub("", text).lower()
        assert shown is (role in FULL), f"{role} on {surface}"


@pytest.mark.parametrize("role", ["reader", "registered", "expired", "member"])
def test_signed_in_readers_see_who_they_are(
    client: TestClient, credentials: dict[str, tuple[str, str]], fergana: Article, role: str
) -> None:
    cookie, _ = credentials[role]
    headers = {"Cookie": f"wb_session={cookie}"} if cookie else {}
    page = client.get(article_url(fergana.id, fergana.title), headers=headers).text
    assert (f"{role}@example.org" in page) is (role != "reader")


@pytest.mark.parametrize("role", ROLES)
def test_a_free_body_reaches_everyone(
    client: TestClient, credentials: dict[str, tuple[str, str]], platform: Platform, role: str
) -> None:
    cookie, token = credentials[role]
    _, free = platform.store.list_articles(ArticleFilter(access="free", limit=1))
    sentence = free[0].plain_text.split("\n\n")[2][:60]  # from the body, past the teaser
    page = client.get(
        article_url(free[0].id, free[0].title),
        headers={"Cookie": f"wb_session={cookie}"} if cookie else {},
    ).text
    api = client.get(
        f"/api/articles/{free[0].id}", headers={"Authorization": f"Bearer {token}"} if token else {}
    ).json()
    assert 'data-testid="paywall"' not in page
    assert sentence.split()[0] in page and api["locked"] is False


@pytest.mark.parametrize("role", ["reader", "registered", "expired", "member"])
def test_connected_content_never_carries_another_articles_body(
    client: TestClient,
    credentials: dict[str, tuple[str, str]],
    platform: Platform,
    fergana: Article,
    role: str,
) -> None:
    """Pages that list the Fergana analysis as connected show its card, never its body."""
    cookie, _ = credentials[role]
    headers = {"Cookie": f"wb_session={cookie}"} if cookie else {}
    _, nearby = platform.store.list_articles(ArticleFilter(regions=("central-asia",), limit=50))
    listed = 0
    for other in nearby:
        if other.id == fergana.id or BODY_WORD in other.plain_text:
            continue
        page = client.get(article_url(other.id, other.title), headers=headers).text
        listed += fergana.title.replace("'", "&#39;") in page
        assert BODY_WORD not in page, f"{role} reading {other.title}"
    assert listed >= 1  # the analysis is connected content somewhere, so the check means something


def _search_surfaces(
    client: TestClient, q: str, cookie: str, token: str
) -> dict[str, tuple[int, str]]:
    """(number of matches, text served) on every surface that searches, for the query ``q``."""
    page_headers = {"Cookie": f"wb_session={cookie}"} if cookie else {}
    api_headers = {"Authorization": f"Bearer {token}"} if token else {}
    params = {"q": q}
    api = client.get("/api/search", params=params, headers=api_headers)
    page = client.get("/search", params=params, headers=page_headers)
    feed = client.get("/feeds/search.atom", params=params, headers=api_headers)
    jsonl = client.get("/api/export", params=params, headers=api_headers)
    table = client.get("/api/export", params={**params, "format": "csv"}, headers=api_headers)
    assert {r.status_code for r in (api, page, feed, jsonl, table)} == {200}
    facets = api.json()["facets"]
    hits_on_page = lxml.html.fromstring(page.text).xpath("//li[@data-testid='search-hit']")
    entries = lxml.etree.fromstring(feed.content).findall("{http://www.w3.org/2005/Atom}entry")
    return {
        "api search": (api.json()["total"], api.text),
        "api facets": (sum(c["count"] for c in facets["type"]), api.text),  # one type each
        "search page": (len(hits_on_page), page.text),
        "search feed": (len(entries), feed.text),
        "export": (len(jsonl.text.splitlines()), jsonl.text),
        "csv export": (len(list(csv.DictReader(io.StringIO(table.text)))), table.text),
    }


@pytest.mark.parametrize(
    "q",
    [SECRET_PHRASE, "quasarvelt", "body:quasarvelt", "Marrowby country:KZ", "protocol Marrowby"],
)
@pytest.mark.parametrize("role", ROLES)
def test_searches_match_a_members_only_body_for_members_and_staff_only(
    client: TestClient, credentials: dict[str, tuple[str, str]], role: str, q: str
) -> None:
    """No total, facet count, feed entry or export row confirms a word of a locked body."""
    cookie, token = credentials[role]
    for surface, (count, _) in _search_surfaces(client, q, cookie, token).items():
        assert count == (1 if role in FULL else 0), f"{role} on {surface} for {q}"


@pytest.mark.parametrize("role", ROLES)
def test_excluding_a_members_only_body_word_reveals_nothing_either(
    client: TestClient, credentials: dict[str, tuple[str, str]], role: str
) -> None:
    """A non-member's exclusion looks at what they may search, so totals stay the same."""
    cookie, token = credentials[role]
    for surface, (count, _) in _search_surfaces(
        client, "tengrivale -quasarvelt", cookie, token
    ).items():
        assert count == (0 if role in FULL else 1), f"{role} on {surface}"


@pytest.mark.parametrize(
    "q",
    ["tengrivale", "Kestrelholm", 'author:"Mira Quell"', "brindlemoss", "tengrivale OR quasarvelt"],
)
@pytest.mark.parametrize("role", ROLES)
def test_titles_teasers_metadata_and_free_bodies_are_searched_for_everyone(
    client: TestClient, credentials: dict[str, tuple[str, str]], role: str, q: str
) -> None:
    """And what is shown for a locked article (highlighted title, snippet) never quotes its body,
    not even when the query names a word of it."""
    cookie, token = credentials[role]
    for surface, (count, text) in _search_surfaces(client, q, cookie, token).items():
        assert count == 1, f"{role} on {surface} for {q}"
        if role not in FULL and "brindlemoss" not in q:
            assert "marrowby" not in text.lower(), f"{role} on {surface} for {q}"
            assert "quasarvelt" not in _without_echo(text, q), f"{role} on {surface} for {q}"


def _without_echo(text: str, q: str) -> str:
    """``text`` without the places where the page repeats the query (links, form, titles)."""
    # The last: the sign-in link of the Follow box, back to this search.
    for echo in (q, quote_plus(q), quote(q), html.escape(q), quote_plus(quote_plus(q))):
        text = text.replace(echo, "")
    return text.lower()


@pytest.mark.parametrize("role", ROLES)
def test_highlights_of_a_locked_article_come_from_what_the_viewer_may_read(
    client: TestClient, credentials: dict[str, tuple[str, str]], role: str
) -> None:
    _, token = credentials[role]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    found = client.get("/api/search", params={"q": "tengrivale OR quasarvelt"}, headers=headers)
    [hit] = found.json()["hits"]
    assert "<mark>Tengrivale</mark>" in hit["snippet_html"] or hit["title"].startswith("Tengrivale")
    assert ("<mark>quasarvelt</mark>" in hit["snippet_html"]) is (role in FULL)


@pytest.mark.parametrize("role", ROLES)
def test_maps_and_timelines_carry_places_and_counts_never_a_body(
    client: TestClient, credentials: dict[str, tuple[str, str]], fergana: Article, role: str
) -> None:
    """Places, counts and headlines are metadata, the same for every reader (docs/
    country-intelligence.md): a place named only past a members-only teaser is on the map, its
    article listed by title; no sentence of that body travels with it."""
    cookie, token = credentials[role]
    page_headers = {"Cookie": f"wb_session={cookie}"} if cookie else {}
    api_headers = {"Authorization": f"Bearer {token}"} if token else {}
    places = client.get("/api/countries/kg/places", headers=api_headers).json()["places"]
    toktogul = next(p for p in places if p["name"] == BODY_WORD)
    listed = client.get(toktogul["articles_url"], headers=api_headers).json()["articles"]
    assert [a["title"] for a in listed] == [fergana.title]
    texts = [
        client.get("/countries/kg", headers=page_headers).text,
        client.get("/regions/central-asia", headers=page_headers).text,
        client.get("/api/countries/kg/places", headers=api_headers).text,
        client.get(toktogul["articles_url"], headers=api_headers).text,
        client.get("/api/countries/kg/timeline", headers=api_headers).text,
    ]
    body_sentence = "stored water in winter and released it in summer"
    assert body_sentence in fergana.body
    for text in texts:
        assert body_sentence not in html.unescape(text), role
    for text in texts[2:]:  # the JSON: no body or teaser field at all
        assert '"teaser"' not in text and '"body"' not in text


@pytest.mark.parametrize("role", ROLES)
def test_events_are_for_everyone_their_evidence_only_where_the_body_is(
    client: TestClient, credentials: dict[str, tuple[str, str]], role: str
) -> None:
    """An event's fields are metadata, the same for every reader; the evidence sentences of
    a members-only source reach members and staff only, a free source's reach everyone."""
    _, token = credentials[role]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    listed = client.get(
        "/api/events", params={"country": "bd", "subtype": "Armed clash"}, headers=headers
    )
    [event] = listed.json()["events"]
    assert (event["source_count"], event["fatalities"], event["admin1"]) == (
        2,
        3,
        "Rangpur Division",
    )
    detail = client.get(event["url"], headers=headers)
    assert detail.status_code == 200
    sources = {s["title"]: s for s in detail.json()["sources"]}
    locked, free = sources["Night of gunfire in Rangpur"], sources["Shots exchanged in Rangpur"]
    assert free["locked"] is False and "exchanged fire in Rangpur" in free["sentences"][0]
    assert locked["locked"] is (role not in FULL)
    assert (locked["sentences"] is None) is (role not in FULL)
    assert (locked["evidence"] is None) is (role not in FULL)
    assert (EVENT_BODY_WORD in detail.text) is (role in FULL)
    assert EVENT_BODY_WORD not in listed.text


@pytest.mark.parametrize("role", ROLES)
def test_event_exports_and_feeds_give_notes_only_where_the_body_is(
    client: TestClient, credentials: dict[str, tuple[str, str]], role: str
) -> None:
    """Every event surface (exports, feeds, counts, the text filter) shows the clash to all;
    the members-only source's sentence only to members and staff, the free one's to all."""
    _, token = credentials[role]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    params = {"country": "bd", "subtype": "Armed clash"}
    answers = {
        path: client.get(path, params=params, headers=headers)
        for path in ("/api/events.csv", "/api/events.geojson", "/api/events.jsonl")
    }
    feed = client.get("/feeds/countries/bd/events.atom", headers=headers)
    answers["feed"] = feed
    for surface, answer in answers.items():
        assert answer.status_code == 200, surface
        assert (EVENT_BODY_WORD in answer.text) is (role in FULL), (surface, role)
        assert "Rangpur" in answer.text
    [row] = list(csv.DictReader(io.StringIO(answers["/api/events.csv"].text)))
    assert row["fatalities"] == "3" and row["source"].count("/articles/") == 2
    if role not in FULL:  # the free source's sentence stands in for the locked one
        assert row["notes"].startswith("Police and gunmen exchanged fire in Rangpur")
    # The text filter reads event fields only: a word of a locked body finds nothing, for
    # anyone, so neither a page nor a count can confirm it.
    found = client.get("/api/events", params={"q": EVENT_BODY_WORD}, headers=headers).json()
    assert found["events"] == [] and found["counted"] == 0


@pytest.mark.parametrize("role", ROLES)
def test_country_and_region_pages_show_a_locked_sources_evidence_only_where_the_body_is(
    client: TestClient, credentials: dict[str, tuple[str, str]], role: str
) -> None:
    """The latest events of a country's and a region's page show the clash to everyone,
    with the members-only source's sentence for members and staff only; the map's points
    and the stacked timelines carry no evidence for anyone."""
    cookie, token = credentials[role]
    api_headers = {"Authorization": f"Bearer {token}"} if token else {}
    for path in ("/countries/bd", "/regions/south-asia?to=2024-08-11"):
        page = client.get(path, headers=_page_headers(cookie))
        assert page.status_code == 200, path
        doc = lxml.html.fromstring(page.text)
        [item] = [
            li
            for li in doc.xpath("//ol[@class='event-list']/li")
            if "Armed clash" in li.text_content() and "Rangpur" in li.text_content()
        ]
        text = item.text_content()
        assert "Night of gunfire in Rangpur" in text, (path, role)  # its first source
        assert (EVENT_BODY_WORD in text) is (role in FULL), (path, role)
        assert ("members-only article" in text) is (role not in FULL), (path, role)
        assert (EVENT_BODY_WORD in html.unescape(page.text)) is (role in FULL), (path, role)
    for path in (
        "/api/countries/bd/events",
        "/api/countries/bd/timeline",
        "/api/regions/south-asia/timeline?to=2024-08-11",
    ):
        answer = client.get(path, headers=api_headers)
        assert answer.status_code == 200, path
        assert EVENT_BODY_WORD not in answer.text, (path, role)
        assert '"evidence"' not in answer.text and '"sentences"' not in answer.text
    points = client.get("/api/countries/bd/events", headers=api_headers).json()["events"]
    assert any(p["subtype"] == "Armed clash" and p["source_count"] == 2 for p in points)


def _page_headers(cookie: str) -> dict[str, str]:
    return {"Cookie": f"wb_session={cookie}"} if cookie else {}


def _rangpur_clash(client: TestClient) -> dict[str, object]:
    listed = client.get("/api/events", params={"country": "bd", "subtype": "Armed clash"})
    [event] = listed.json()["events"]
    return dict(event)


@pytest.mark.parametrize("role", ROLES)
def test_an_event_page_shows_a_locked_sources_evidence_only_where_the_body_is(
    client: TestClient, credentials: dict[str, tuple[str, str]], role: str
) -> None:
    """The event page: type, date, place, toll and both sources for everyone; the sentence
    of the members-only source for members and staff, the free source's for all."""
    cookie, _ = credentials[role]
    event = _rangpur_clash(client)
    page = client.get(f"/events/{event['id']}", headers=_page_headers(cookie))
    assert page.status_code == 200
    text = html.unescape(page.text)
    for shown in ("Armed clash", "Rangpur", "3 killed", "Night of gunfire in Rangpur",
                  "Police and gunmen exchanged fire in Rangpur"):  # fmt: skip
        assert shown in text, (shown, role)
    assert (EVENT_BODY_WORD in text) is (role in FULL), role
    assert ('data-testid="evidence-locked"' in page.text) is (role not in FULL), role


@pytest.mark.parametrize("role", ROLES)
def test_what_happened_marks_evidence_only_for_readers_of_the_body(
    client: TestClient, credentials: dict[str, tuple[str, str]], platform: Platform, role: str
) -> None:
    """Under a members-only article, "What happened" lists its events for everyone, linked
    to their pages; the sentences to highlight travel with them only where the body does."""
    cookie, _ = credentials[role]
    _, locked = platform.store.list_articles(ArticleFilter(access="members", limit=200))
    for article in [a for a in locked if a.enrichment.events]:
        page = client.get(article_url(article.id, article.title), headers=_page_headers(cookie))
        doc = lxml.html.fromstring(page.text)
        items = doc.xpath("//li[@data-testid='article-event']")
        assert len(items) == len(article.enrichment.events), article.title
        assert all(i.xpath(".//a[starts-with(@href, '/events/')]") for i in items)
        with_evidence = [i for i in items if i.get("data-evidence")]
        assert bool(with_evidence) is (role in FULL), (role, article.title)
    rangpur = client.get("/events/" + str(_rangpur_clash(client)["id"])).text
    night = lxml.html.fromstring(rangpur).xpath("//a[text()='Night of gunfire in Rangpur']/@href")
    page = client.get(night[0], headers=_page_headers(cookie)).text
    assert (EVENT_BODY_WORD in page) is (role in FULL), role


@pytest.mark.parametrize("role", ROLES)
def test_an_actor_page_lists_members_only_articles_by_title_never_their_body(
    client: TestClient, credentials: dict[str, tuple[str, str]], platform: Platform, role: str
) -> None:
    """An actor's page shows its events and the titles of the articles naming it, the same
    for every reader: no sentence of a members-only body, whoever asks."""
    cookie, _ = credentials[role]
    _, locked = platform.store.list_articles(ArticleFilter(access="members", limit=200))
    checked = 0
    for article in locked:
        for mention in article.enrichment.events:
            for actor in (a for a in mention.actors if a.entity_id):
                page = client.get(f"/actors/{actor.entity_id}", headers=_page_headers(cookie))
                assert page.status_code == 200
                text = html.unescape(page.text)
                for span in mention.evidence:
                    sentence = article.plain_text[span.start : span.end].strip()
                    if sentence and sentence not in article.teaser:
                        assert sentence not in text, (role, actor.entity_id)
                        checked += 1
    assert checked >= 1  # some members-only event names a known actor, so this means something


DELIVERY_ROLES = ["registered", "expired", "member", "analyst", "editor", "admin"]


def test_alert_mail_webhooks_and_feeds_carry_a_locked_body_or_its_evidence_to_no_non_member(
    tmp_path: Path,
) -> None:
    """Every delivery channel of alerts, for every role with an account: mail and webhooks
    never carry a body (members get the full-text link), the watchlist's Atom feed carries a
    members-only body and its evidence only to members and staff."""
    receiver = LocalServer()
    receiver.start()
    with running_mailbox() as (box, port):
        settings = Settings(
            data_dir=tmp_path / "data", smtp_host="127.0.0.1", smtp_port=port,
            smtp_starttls=False, fetch_allow_private=True,
        )  # fmt: skip
        opened = open_platform(settings)
        accounts = service.accounts_of(opened)
        service.add_plan(accounts, "monthly", "Monthly", price="9.00", currency="USD",
                         period="month", actor=ADMIN)  # fmt: skip
        feeds: dict[str, str] = {}
        event_types = list(dict.fromkeys(k.type for k in typology()))
        for role in DELIVERY_ROLES:
            email = f"{role}@example.org"
            stored = "registered" if role in ("member", "expired") else role
            service.create_account(accounts, email, PASSWORD, stored, actor=ADMIN)
            hook = receiver.reply(f"/{role}", Reply(b"", 204, None))
            for name, types in (("articles", []), ("events", event_types)):
                request = WatchlistRequest(
                    name=f"{role} {name}", countries=["BD"], event_types=types,
                    email="immediate", webhook=hook,
                )  # fmt: skip
                watchlist = add_watchlist(opened, email, request)
                feeds[f"{role} {name}"] = f"{issue_atom_token(opened, watchlist.id)}"
        service.grant_subscription(accounts, "member@example.org", "monthly", 30, actor=ADMIN)
        ended = now_utc() - timedelta(days=10)
        service.StoreSubscriptionProvider(accounts, "test").grant(
            "expired@example.org", "monthly", ended - timedelta(days=30), ended, "old-1"
        )
        recent = [
            dataclasses.replace(raw, published_at=now_utc() - timedelta(hours=1))
            for raw in _EVENT_ARTICLES
        ]
        assert ingest_records(opened, recent).created == 2
        run_alert_pass(opened)
        report = run_alert_delivery(opened)
        assert report.webhooks.delivered > 0 and report.mail.mails > 0
        with TestClient(create_app(opened.settings, opened)) as client:
            feed_text = {
                k: client.get(f"/feeds/watchlists/{t}.atom").text for k, t in feeds.items()
            }
        mails = [message_from_bytes(m.as_bytes()) for m in box.messages]
        opened.close()
    receiver.stop()

    for role in DELIVERY_ROLES:
        full = role in FULL
        mail_text = "".join(
            str(part.get_payload(decode=True), "utf-8")
            for m in mails if m["To"] == f"{role}@example.org"
            for part in m.walk() if part.get_content_maintype() == "text"
        )  # fmt: skip
        hooks = [r.body.decode() for r in receiver.requests if r.path == f"/{role}"]
        assert mail_text and hooks, role
        assert EVENT_BODY_WORD not in mail_text, f"{role} mail"
        assert all(EVENT_BODY_WORD not in body for body in hooks), f"{role} webhook"
        locked = [b for b in hooks if '"members_only": true' in b]
        assert locked, role
        assert all(('"full_text_url": null' not in b) is full for b in locked), f"{role} webhook"
        # The free report's full text is everyone's; the locked one's only members' and staff's.
        assert ("Become a member to read the full article" in mail_text) is not full, role
        for name in ("articles", "events"):
            shown = EVENT_BODY_WORD in html.unescape(feed_text[f"{role} {name}"])
            assert shown is (full and name == "articles"), f"{role} {name} feed"


def test_the_notification_list_shows_a_locked_body_or_its_evidence_to_members_and_staff_only(
    tmp_path: Path,
) -> None:
    """``/account/notifications`` of every role with an account, after an alert pass over a
    members-only report of the Rangpur clash and a free one: titles, teasers and why each
    alert fired for all; a body excerpt or evidence sentence of the locked report only for
    members and staff; nothing for an anonymous reader, who is sent to sign in."""
    opened = open_platform(Settings(data_dir=tmp_path / "data"))
    accounts = service.accounts_of(opened)
    service.add_plan(accounts, "monthly", "Monthly", price="9.00", currency="USD",
                     period="month", actor=ADMIN)  # fmt: skip
    sessions: dict[str, str] = {}
    event_types = list(dict.fromkeys(k.type for k in typology()))
    for role in DELIVERY_ROLES:
        email = f"{role}@example.org"
        stored = "registered" if role in ("member", "expired") else role
        account = service.create_account(accounts, email, PASSWORD, stored, actor=ADMIN)
        sessions[role] = start_session(sessions_of(opened), account, timedelta(days=1), client="t")
        for name, types in (("articles", []), ("events", event_types)):
            request = WatchlistRequest(
                name=f"{role} {name}", countries=["BD"], event_types=types, email="off"
            )
            add_watchlist(opened, email, request)
    service.grant_subscription(accounts, "member@example.org", "monthly", 30, actor=ADMIN)
    ended = now_utc() - timedelta(days=10)
    service.StoreSubscriptionProvider(accounts, "test").grant(
        "expired@example.org", "monthly", ended - timedelta(days=30), ended, "old-1"
    )
    recent = [
        dataclasses.replace(raw, published_at=now_utc() - timedelta(hours=1))
        for raw in _EVENT_ARTICLES
    ]
    assert ingest_records(opened, recent).created == 2
    run_alert_pass(opened)
    with TestClient(create_app(opened.settings, opened)) as client:
        pages = {
            role: client.get("/account/notifications", headers=_page_headers(cookie))
            for role, cookie in sessions.items()
        }
        anonymous = client.get("/account/notifications", follow_redirects=False)
    opened.close()

    assert anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
    for role, page in pages.items():
        assert page.status_code == 200, role
        text = html.unescape(page.text)
        assert text.count('data-testid="notification"') >= 3, role  # two articles, events
        assert "Night of gunfire in Rangpur" in text and "A security report" in text, role
        assert "Why: country BD" in text, role
        assert (EVENT_BODY_WORD in text) is (role in FULL), role
        assert ("Members-only:" in text) is (role not in FULL), role


def _locked_sentences(platform: Platform) -> set[str]:
    """The start of each sentence of a members-only body that its teaser does not hold."""
    _, locked = platform.store.list_articles(ArticleFilter(access="members", limit=500))
    found = set()
    for article in locked:
        for sentence in re.split(r"(?<=[.!?])\s+", article.body.replace(article.teaser, "")):
            if len(sentence.strip()) > 50 and sentence.strip() not in article.teaser:
                found.add(sentence.strip()[:60])
    return found


@pytest.mark.parametrize("role", ["reader", "registered", "expired", "member"])
def test_no_event_or_actor_surface_quotes_a_locked_body_to_a_non_member(
    client: TestClient, platform: Platform, credentials: dict[str, tuple[str, str]], role: str
) -> None:
    """Every actor with events (its page, API and feed, its events' CSV), every country with
    events (page, event feed, trend), every event (page and API) and the whole exports, read
    as a reader without the members' right: no sentence of a members-only body past its
    teaser appears on any of them. A member, who may read them, is shown some: the check sees
    what it looks for."""
    cookie, token = credentials[role]
    headers = {**_page_headers(cookie), **({"Authorization": f"Bearer {token}"} if token else {})}
    sentences = _locked_sentences(platform)
    assert len(sentences) > 100, "the demo holds members-only analyses with events"
    actors, cursor = [], None
    while True:
        page = client.get("/api/actors", params={"limit": 100, "cursor": cursor or ""}).json()
        actors += [a["id"] for a in page["actors"] if a["event_count"]]
        if not (cursor := page["next_cursor"]):
            break
    events = client.get("/api/events", params={"limit": 100}, headers=headers).json()["events"]
    codes = {e["country"].lower() for e in events if e["country"]}
    assert actors and events and codes
    paths = ["/api/events.csv", "/api/events.geojson", "/api/events.jsonl"]
    for actor in actors:
        key = quote(actor, safe="")
        paths += [f"/api/actors/{key}", f"/actors/{key}", f"/feeds/actors/{key}.atom",
                  f"/api/events.csv?actor={key}"]  # fmt: skip
    for code in sorted(codes):
        paths += [f"/countries/{code}", f"/feeds/countries/{code}/events.atom",
                  f"/api/countries/{code}/trend", f"/api/countries/{code}/events"]  # fmt: skip
    for event in events:
        paths += [f"/events/{event['id']}", f"/api/events/{event['id']}"]
    quoted = {}
    for path in paths:
        answer = client.get(path, headers=headers)
        assert answer.status_code == 200, path
        text = html.unescape(answer.text).replace('\\"', '"').replace('""', '"')
        if found := [s for s in sentences if s in text]:
            quoted[path] = found[:2]
    assert bool(quoted) is (role in FULL), quoted
