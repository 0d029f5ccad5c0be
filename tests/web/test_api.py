"""The JSON API and Atom feeds, as a client program uses them."""

import json
from xml.etree import ElementTree as ET

from fastapi.testclient import TestClient

from worldbrief.services.platform import Platform
from worldbrief.store import ArticleFilter

ATOM = "{http://www.w3.org/2005/Atom}"


def test_openapi_and_docs_are_served(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/regions",
        "/api/countries/{code}",
    ):
        assert path in schema["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/search" in docs.text


def test_list_articles_filters_by_country_and_type(client: TestClient) -> None:
    body = client.get("/api/articles", params={"country": "KZ", "limit": 5}).json()
    assert body["total"] >= 1
    assert all(
        any(c["code"] == "KZ" and c["focus"] for c in a["countries"]) for a in body["articles"]
    )
    dispatches = client.get("/api/articles", params={"type": "dispatch"}).json()
    assert dispatches["total"] >= 1 and {a["type"] for a in dispatches["articles"]} == {"dispatch"}
    assert client.get("/api/articles", params={"type": "poem"}).status_code == 400
    for unassigned in ("uk", "ZZ", "Kazakh"):  # no country's code: said, not an empty list
        refused = client.get("/api/articles", params={"country": unassigned})
        assert refused.status_code == 400 and "country" in refused.json()["detail"]
    assert client.get("/api/articles", params={"country": " kz "}).json()["total"] >= 1


def test_search_returns_hits_facets_and_total(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "water", "sort": "newest"}).json()
    assert body["total"] >= 1
    hit = body["hits"][0]
    assert {"id", "title", "snippet", "published_at", "countries"} <= hit.keys()
    assert {"country", "region", "type", "author", "year"} <= body["facets"].keys()
    dates = [h["published_at"] for h in body["hits"]]
    assert dates == sorted(dates, reverse=True)


def test_search_filters_and_bad_input(client: TestClient) -> None:
    kz = client.get("/api/search", params={"q": "", "country": "KZ"}).json()
    assert kz["total"] >= 1 and all("KZ" in h["countries"] for h in kz["hits"])
    bad = client.get("/api/search", params={"q": "oil OR"})
    assert bad.status_code == 400 and bad.json()["detail"]
    assert client.get("/api/search", params={"sort": "sideways"}).status_code == 400
    assert client.get("/api/search", params={"page": 0}).status_code == 422


def test_regions_and_country(client: TestClient) -> None:
    regions = client.get("/api/regions").json()
    eurasia = next(r for r in regions if r["id"] == "eurasia")
    central = next(c for c in eurasia["children"] if c["id"] == "central-asia")
    assert any(c["code"] == "KZ" and c["article_count"] >= 1 for c in central["countries"])
    kz = client.get("/api/countries/kz").json()
    assert kz["name"] == "Kazakhstan" and [r["id"] for r in kz["regions"]] == [
        "eurasia",
        "central-asia",
    ]
    assert client.get("/api/countries/zz").status_code == 404


def test_members_body_appears_on_no_surface_for_an_anonymous_reader(
    client: TestClient, demo_platform: Platform
) -> None:
    _, articles = demo_platform.store.list_articles(ArticleFilter(access="members", limit=100))
    assert articles
    for locked in articles:
        secret = locked.plain_text[len(locked.title) :].strip()
        probes = [
            p for p in (secret[200:260], secret[-60:]) if len(p) > 30 and p not in locked.teaser
        ]
        one = client.get(f"/api/articles/{locked.id}").json()
        assert one["locked"] is True and one["body"] is None and one["text"] is None
        surfaces = [
            client.get(f"/api/articles/{locked.id}").text,
            client.get(f"/articles/{locked.id}", follow_redirects=True).text,
            client.get("/feeds/latest.atom").text,
            client.get(f"/feeds/search.atom?q={locked.title.split()[0]}").text,
            client.get("/api/search", params={"q": locked.title}).text,
            client.get("/search", params={"q": locked.title}).text,
        ]
        for probe in probes:
            for surface in surfaces:
                assert probe not in surface


def test_free_article_is_complete_in_the_api(client: TestClient, demo_platform: Platform) -> None:
    _, articles = demo_platform.store.list_articles(ArticleFilter(access="free", limit=1))
    one = client.get(f"/api/articles/{articles[0].id}").json()
    assert one["locked"] is False and one["body"] and one["body_html"]
    kz_like = [c for c in one["countries"] if c["evidence"]]
    assert kz_like
    start, end = kz_like[0]["evidence"][0]
    assert one["text"][start:end]


def test_atom_feeds_parse_and_link_back(client: TestClient) -> None:
    for url in (
        "/feeds/latest.atom",
        "/feeds/regions/eurasia.atom",
        "/feeds/countries/kz.atom",
        "/feeds/search.atom?q=water",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["content-type"].startswith("application/atom+xml")
        feed = ET.fromstring(response.content)
        entries = feed.findall(f"{ATOM}entry")
        assert entries, url
        assert entries[0].find(f"{ATOM}link").get("href", "").startswith("http")
    assert client.get("/feeds/countries/zz.atom").status_code == 404


def test_posting_an_article_needs_the_token_and_runs_the_pipeline(client: TestClient) -> None:
    payload = {
        "title": "Kyrgyz border talks resume in Osh",
        "body": "Negotiators from Kyrgyzstan and Tajikistan met in Osh "
        "to discuss the border near Batken.",
        "type": "news",
        "authors": [{"name": "Dana Whitfield", "role": "Eurasia Analyst"}],
        "access": "free",
        "id": "desk-1",
    }
    assert client.post("/api/articles", json=payload).status_code == 401
    assert (
        client.post(
            "/api/articles", json=payload, headers={"Authorization": "Bearer wrong"}
        ).status_code
        == 401
    )
    created = client.post(
        "/api/articles", json=payload, headers={"Authorization": "Bearer s3cret-token"}
    )
    assert created.status_code == 201, created.text
    article = client.get(f"/api/articles/{created.json()['id']}").json()
    assert "KG" in {c["code"] for c in article["countries"] if c["focus"]}
    hits = client.get("/api/search", params={"q": "negotiators Batken"}).json()
    assert created.json()["id"] in [h["id"] for h in hits["hits"]]
    again = client.post(
        "/api/articles", json=payload, headers={"Authorization": "Bearer s3cret-token"}
    )
    assert again.json()["status"] == "unchanged"
    invalid = client.post(
        "/api/articles", json={"title": ""}, headers={"Authorization": "Bearer s3cret-token"}
    )
    assert invalid.status_code == 422


def test_export_gives_matching_articles_as_jsonl_and_csv(client: TestClient) -> None:
    lines = client.get("/api/export", params={"q": "water"}).text.splitlines()
    rows = [json.loads(line) for line in lines]
    total = client.get("/api/search", params={"q": "water"}).json()["total"]
    assert len(rows) == total
    assert all(r["text"] == "" for r in rows if r["locked"])
    assert any(r["text"] for r in rows if not r["locked"])
    table = client.get("/api/export", params={"q": "water", "format": "csv"})
    assert table.headers["content-type"].startswith("text/csv")
    assert table.text.splitlines()[0].startswith("id,type,title,published_at")
    assert client.get("/api/export", params={"q": '"open'}).status_code == 400
