"""The events search on SQLite and PostgreSQL: every filter of ``/api/events`` with its totals
and facets, the CSV, GeoJSON and JSON Lines exports read back as a user's tool would, the
actors API, a country's trend, the event feeds, and clear refusals."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import lxml.etree  # type: ignore[import-untyped]  # lxml ships no type stubs
import pytest
from fastapi.testclient import TestClient

import worldbrief.enrich.entities
import worldbrief.enrich.events  # noqa: F401
from support.stored_events import AKTAU, FARDC, GOMA, KINSHASA, M23, event_article, report
from worldbrief.config import Settings
from worldbrief.domain import Article, PlaceMention
from worldbrief.domain.events import ActorRole, ActorType, EventActor, EventMention
from worldbrief.services.platform import open_platform
from worldbrief.web.app import create_app

ATOM = "{http://www.w3.org/2005/Atom}"
TEXT = "Title\n\nTroops and M23 rebels clashed near Goma. Two soldiers died."
SUVA = PlaceMention(0, 4, "Suva", "Suva", 2198148, -18.14, 178.44, "FJ", "Central", "P.PPLC")


def _actor(name: str, kind: ActorType, entity: str | None = None) -> EventActor:
    return EventActor(name, ActorRole.ACTOR1, kind, entity)


def _article(
    article_id: str, published: datetime, *reports: EventMention, **fields: Any
) -> Article:
    """An article of ``TEXT``, whose first sentence the reports' evidence spans."""
    return event_article(article_id, published, *reports, plain_text=TEXT, **fields)


CLASH = (
    _actor("troops", ActorType.STATE_FORCES, "fardc"),
    _actor("M23", ActorType.REBEL_GROUP, "m23"),
)
ARTICLES = [
    # One clash told by two articles, a protest whose crowd's name looks like a formula, a
    # strike in Kazakhstan, and a storm in Fiji across the antimeridian.
    _article("a", datetime(2024, 3, 3, tzinfo=UTC),
             report(date(2024, 3, 2), GOMA, CLASH, fatalities=2),
             entities=(M23, FARDC)),
    _article("b", datetime(2024, 3, 3, 6, tzinfo=UTC),
             report(date(2024, 3, 2), GOMA, CLASH[1:], fatalities=3),
             entities=(M23,)),
    _article("c", datetime(2024, 3, 11, tzinfo=UTC),
             report(date(2024, 3, 10), KINSHASA, (_actor("=HYPERLINK(1)", ActorType.PROTESTERS),),
                    "Peaceful protest", "Protests")),
    _article("d", datetime(2024, 2, 21, tzinfo=UTC),
             report(date(2024, 2, 20), AKTAU, (_actor("oil workers", ActorType.PROTESTERS),),
                    "Peaceful protest", "Protests")),
    _article("e", datetime(2023, 12, 6, tzinfo=UTC),
             report(date(2023, 12, 5), SUVA, (), "Natural disaster", "Disasters")),
]  # fmt: skip


@pytest.fixture
def client(store_url: str, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "data", database_url=store_url)
    platform = open_platform(settings)
    platform.store.upsert_articles(ARTICLES)
    try:
        with TestClient(create_app(settings, platform)) as test_client:
            yield test_client
    finally:
        platform.close()


def _dates(client: TestClient, **params: str) -> list[str]:
    answer = client.get("/api/events", params=params)
    assert answer.status_code == 200, answer.text
    return [e["date"] for e in answer.json()["events"]]


def test_every_filter_narrows_the_events(client: TestClient) -> None:
    assert _dates(client) == ["2024-03-10", "2024-03-02", "2024-02-20", "2023-12-05"]
    assert _dates(client, country="cd") == ["2024-03-10", "2024-03-02"]
    assert _dates(client, country="CD", admin1="North Kivu") == ["2024-03-02"]
    assert _dates(client, region="central-asia") == ["2024-02-20"]
    assert _dates(client, type="Protests") == ["2024-03-10", "2024-02-20"]
    assert _dates(client, subtype="Natural disaster") == ["2023-12-05"]
    assert _dates(client, actor="m23") == ["2024-03-02"]  # an entity id
    assert _dates(client, actor="OIL WORKERS") == ["2024-02-20"]  # a whole name, any case
    assert _dates(client, actor="oil") == []  # not a part of one
    assert _dates(client, **{"from": "2024-02-21", "to": "2024-03-09"}) == ["2024-03-02"]
    assert _dates(client, bbox="10,-10,30,0") == ["2024-03-10", "2024-03-02"]
    assert _dates(client, bbox="170,-20,-170,-10") == ["2023-12-05"]  # across 180°
    assert _dates(client, q="goma rebel") == ["2024-03-02"]
    assert _dates(client, q="protest kinshasa") == ["2024-03-10"]
    assert _dates(client, q="100%_") == []  # wildcards are words like any other
    assert _dates(client, region="central-asia", country="CD") == []


def test_totals_and_facets_count_each_event_once(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 1}).json()
    assert (body["total"], body["counted"], body["facets_complete"]) == (4, 4, True)
    facets = body["facets"]
    assert [(f["value"], f["count"]) for f in facets["type"]] == [
        ("Protests", 2), ("Battles", 1), ("Disasters", 1),
    ]  # fmt: skip
    assert facets["country"][0] == {"value": "CD", "name": "Congo (Kinshasa)", "count": 2} or (
        facets["country"][0]["value"] == "CD" and facets["country"][0]["count"] == 2
    )
    assert {f["value"]: f["count"] for f in facets["actor"]} == {"fardc": 1, "m23": 1}
    assert {f["value"]: f["name"] for f in facets["actor"]}["m23"] == "March 23 Movement"
    assert [(f["value"], f["count"]) for f in facets["month"]] == [
        ("2024-03", 2), ("2024-02", 1), ("2023-12", 1),
    ]  # fmt: skip
    narrowed = client.get("/api/events", params={"type": "Protests"}).json()
    assert narrowed["total"] == 2
    assert [f["value"] for f in narrowed["facets"]["country"]] == ["CD", "KZ"]


def test_pages_by_number_and_by_cursor_agree(client: TestClient) -> None:
    second = client.get("/api/events", params={"limit": 2, "page": 2}).json()
    first = client.get("/api/events", params={"limit": 2}).json()
    following = client.get(first["next_url"]).json()
    assert [e["id"] for e in second["events"]] == [e["id"] for e in following["events"]]
    assert second["page"] == 2 and following["next_cursor"] is None
    filtered = client.get("/api/events", params={"country": "cd", "limit": 1}).json()
    assert "country=CD" in filtered["next_url"]
    assert [e["date"] for e in client.get(filtered["next_url"]).json()["events"]] == ["2024-03-02"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"bbox": "1,2,3"}, 400),
        ({"bbox": "0,10,5,5"}, 400),
        ({"bbox": "nan,0,1,1"}, 400),
        ({"region": "atlantis"}, 400),
        ({"country": "uk"}, 400),  # two letters, but no country's code (the UK is GB)
        ({"from": "2024-03-02", "to": "2024-03-01"}, 400),
        ({"q": " ".join(["w"] * 11)}, 400),
        ({"page": "2", "cursor": "2024-03-02~ev-1"}, 400),
        ({"page": "2000", "limit": "10"}, 400),
        ({"page": "0"}, 422),
        ({"from": "March"}, 422),
        ({"country": "Congo"}, 422),
    ],
)
def test_bad_filters_are_refused_with_json(
    client: TestClient, params: dict[str, str], status: int
) -> None:
    for path in ("/api/events", "/api/events.csv"):
        if path.endswith(".csv") and ("page" in params or "cursor" in params):
            continue
        answer = client.get(path, params=params)
        assert answer.status_code == status, (path, params, answer.text)
        assert answer.headers["content-type"].startswith("application/json")
        assert answer.json()["detail"]


def test_the_csv_export_reads_back_with_acled_columns(client: TestClient) -> None:
    answer = client.get("/api/events.csv", params={"country": "cd"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(rows[0]) == [
        "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
        "actor2", "inter1", "inter2", "country", "admin1", "location", "latitude",
        "longitude", "geo_precision", "source", "notes", "fatalities",
    ]  # fmt: skip
    protest, clash = rows
    assert protest["actor1"] == "'=HYPERLINK(1)"  # a spreadsheet shows it, never runs it
    assert (clash["event_date"], clash["sub_event_type"], clash["admin1"]) == (
        "2024-03-02", "Armed clash", "North Kivu",
    )  # fmt: skip
    assert (clash["actor1"], clash["actor2"], clash["inter1"], clash["inter2"]) == (
        "troops", "M23", "1", "2",
    )  # fmt: skip
    assert (float(clash["latitude"]), float(clash["longitude"])) == (-1.68, 29.22)
    assert (clash["time_precision"], clash["geo_precision"], clash["fatalities"]) == (
        "1", "1", "3",
    )  # fmt: skip
    assert clash["source"].count("/articles/") == 2
    assert clash["notes"] == "Troops and M23 rebels clashed near Goma."


def test_the_geojson_export_is_a_feature_collection(client: TestClient) -> None:
    answer = client.get("/api/events.geojson", params={"type": "Protests"})
    collection = json.loads(answer.text)
    assert collection["type"] == "FeatureCollection"
    [kinshasa, aktau] = collection["features"]
    assert kinshasa["geometry"] == {"type": "Point", "coordinates": [15.31, -4.33]}
    assert aktau["properties"]["country"] == "KZ" and aktau["properties"]["location"] == "Aktau"
    assert aktau["properties"]["actors"][0]["name"] == "oil workers"
    empty = json.loads(client.get("/api/events.geojson", params={"country": "fr"}).text)
    assert empty == {"type": "FeatureCollection", "features": []}


def test_the_jsonl_export_follows_plover(client: TestClient) -> None:
    answer = client.get("/api/events.jsonl", params={"actor": "m23"})
    [record] = [json.loads(line) for line in answer.text.splitlines()]
    assert (record["event"], record["mode"], record["context"]) == (
        "FIGHT", "Armed clash", "Battles",
    )  # fmt: skip
    assert [a["actorText"] for a in record["source"]] == ["troops"]
    assert record["target"] == [
        {"actorText": "M23", "code": "CD", "sector": "REB", "entityId": "m23"}
    ]
    assert record["dead"] == 3 and record["sourceCount"] == 2
    assert record["geolocation"]["placeName"] == "Goma"
    assert record["text"] == "Troops and M23 rebels clashed near Goma."
    limited = client.get("/api/events.jsonl", params={"limit": 2}).text.splitlines()
    assert len(limited) == 2


def test_actors_are_listed_filtered_and_counted(client: TestClient) -> None:
    listed = client.get("/api/actors").json()
    assert [a["id"] for a in listed["actors"]] == ["fardc", "m23"]
    assert listed["next_cursor"] is None
    m23 = client.get("/api/actors/m23").json()
    assert (m23["name"], m23["type"], m23["countries"], m23["event_count"]) == (
        "March 23 Movement", "armed group", ["CD"], 1,
    )  # fmt: skip
    assert m23["first_seen"].startswith("2024-03-03T00:00")
    assert m23["last_seen"].startswith("2024-03-03T06:00")
    assert [a["id"] for a in client.get("/api/actors", params={"name": "m2"}).json()["actors"]] == [
        "m23"
    ]
    assert (
        client.get("/api/actors", params={"type": "state forces"}).json()["actors"][0]["id"]
        == "fardc"
    )
    assert client.get("/api/actors", params={"country": "kz"}).json()["actors"] == []
    paged = client.get("/api/actors", params={"limit": 1}).json()
    assert [a["id"] for a in client.get(paged["next_url"]).json()["actors"]] == ["m23"]
    assert client.get("/api/actors/nobody").status_code == 404
    assert client.get("/api/actors", params={"type": "wizard"}).status_code == 400
    unassigned = client.get("/api/actors", params={"country": "zz"})
    assert unassigned.status_code == 400 and "GB" in unassigned.json()["detail"]
    assert client.get(m23["events_url"]).json()["total"] == 1


def test_the_country_trend_counts_distinct_events(client: TestClient) -> None:
    trend = client.get("/api/countries/cd/trend", params={"week": "2024-03-13"}).json()
    assert trend["week"] == "2024-03-11" and trend["name"]
    # The week of the 11th has no event; the 4 before hold the clash (once) and the protest.
    month = trend["against_4_weeks"]
    assert (month["current"], month["baseline_average"]) == (0, 0.5)
    assert month["level"] == "limited_change" and month["low_activity"]
    assert trend["against_52_weeks"]["baseline_weeks"] == 52
    assert {d["admin1"]: d["month_average"] for d in trend["divisions"]} == {
        "Kinshasa": 0.25,
        "North Kivu": 0.25,
    }
    # "This week" moves with the clock: only a trend of a given week is kept and revalidated.
    assert "etag" in client.get("/api/countries/cd/trend", params={"week": "2024-03-13"}).headers
    current = client.get("/api/countries/cd/trend")
    assert current.status_code == 200 and "etag" not in current.headers
    assert client.get("/api/countries/xx/trend").status_code == 404
    assert client.get("/api/countries/cd/trend", params={"week": "soon"}).status_code == 422


def test_event_feeds_of_an_actor_and_a_country(client: TestClient) -> None:
    actor = client.get("/feeds/actors/m23.atom")
    assert actor.headers["content-type"].startswith("application/atom+xml")
    feed = lxml.etree.fromstring(actor.content)
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Armed clash in Goma, North Kivu (2024-03-02)"
    assert entry.findtext(f"{ATOM}content") == "Troops and M23 rebels clashed near Goma."
    assert "2 sources" in entry.findtext(f"{ATOM}summary")
    country = lxml.etree.fromstring(client.get("/feeds/countries/kz/events.atom").content)
    assert [e.findtext(f"{ATOM}title") for e in country.findall(f"{ATOM}entry")] == [
        "Peaceful protest in Aktau, Mangghystau (2024-02-20)"
    ]
    empty = lxml.etree.fromstring(client.get("/feeds/countries/fr/events.atom").content)
    assert empty.findall(f"{ATOM}entry") == []
    assert client.get("/feeds/actors/nobody.atom").status_code == 404
    assert client.get("/feeds/countries/xx/events.atom").status_code == 404


def test_event_feeds_are_kept_and_revalidated_like_the_others(client: TestClient) -> None:
    first = client.get("/feeds/countries/cd/events.atom")
    assert first.headers["cache-control"] == "public, max-age=0, must-revalidate"
    again = client.get(
        "/feeds/countries/cd/events.atom", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304
    listed = client.get("/api/actors")
    assert listed.headers["cache-control"] == "public, max-age=0, must-revalidate"


def test_a_rare_filter_reads_a_bounded_scan_a_page_and_goes_on(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With one event read a page, a filter matching the third newest gives short pages whose
    cursors go on until it is found, and nothing is skipped or repeated."""
    monkeypatch.setattr("worldbrief.services.event_queries.PAGE_SCAN", 1)
    found, url, pages = [], "/api/events?q=aktau&limit=5", 0
    while url is not None:
        page = client.get(url).json()
        found += [e["date"] for e in page["events"]]
        url, pages = page["next_url"], pages + 1
    assert found == ["2024-02-20"] and pages >= 3
    assert client.get("/api/events", params={"q": "aktau"}).json()["total"] == 1
