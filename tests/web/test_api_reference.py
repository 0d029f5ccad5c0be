"""The API as documented: every input described, every answer declared, Markdown rendered in
/docs, and answers a program can use as they come (absolute URLs, named facets, plain snippets)."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.services.platform import Platform
from worldbrief.store import ArticleFilter

ERROR_SCHEMAS = {"#/components/schemas/ApiError", "#/components/schemas/ApiValidationError"}


def _operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, methods in schema["paths"].items()
        if path.startswith("/api/")
        for method, operation in methods.items()
    ]


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else node


def test_every_parameter_and_body_field_is_described(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    undescribed = []
    for method, path, operation in _operations(schema):
        for parameter in operation.get("parameters", []):
            if not parameter.get("description"):
                undescribed.append(f"{method} {path} {parameter['name']}")
        content = operation.get("requestBody", {}).get("content", {})
        body = content.get("application/json", {}).get("schema", {})
        for shape in body.get("anyOf", [body]):
            for name, field in _resolve(schema, shape).get("properties", {}).items():
                if not field.get("description"):
                    undescribed.append(f"{method} {path} body.{name}")
    assert undescribed == []


def test_every_error_is_declared_with_the_json_error_schema(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for method, path, operation in _operations(schema):
        responses = operation["responses"]
        # The host check answers 400 before any route runs.
        assert "400" in responses, f"{method} {path}"
        assert "Host" in responses["400"]["description"], f"{method} {path}"
        for status, answer in responses.items():
            if status.startswith(("4", "5")):
                ref = answer["content"]["application/json"]["schema"]["$ref"]
                assert ref in ERROR_SCHEMAS, f"{method} {path} {status}"
    declared = {
        status
        for _, _, operation in _operations(schema)
        for status in operation["responses"]
        if status.startswith("4")
    }
    assert {"400", "401", "403", "404", "409", "413", "415", "422"} <= declared


def test_a_refused_host_gets_the_declared_json_error(demo_platform: Platform) -> None:
    from worldbrief.web.app import create_app

    settings = demo_platform.settings.model_copy(update={"allowed_hosts": "news.example"})
    app = create_app(settings, demo_platform)
    answer = TestClient(app, base_url="http://elsewhere.example").get("/api/regions")
    assert answer.status_code == 400 and answer.json()["detail"]


def test_the_reference_renders_markdown_and_lists_bodies_and_answers(client: TestClient) -> None:
    page = client.get("/docs").text
    # `next_cursor` in a parameter's description is code, not back-ticked text.
    assert "<code>next_cursor</code>" in page
    assert "`next_cursor`" not in page and "`application/json`" not in page
    assert "<script" not in page.split("</header>", 1)[-1].split("<footer", 1)[0]
    # The body of POST /api/articles and its answers, each in its own table.
    assert "<code>body_format</code>" in page and "How <code>body</code> is written" in page
    assert re.search(r"<td><code>415</code></td><td><p>Body not sent as", page)
    assert re.search(r"<td><code>404</code></td><td><p>No article with that id", page)


def test_article_urls_are_absolute_under_the_base_url(
    client: TestClient, demo_settings: Settings
) -> None:
    base = demo_settings.base_url.rstrip("/")
    listed = client.get("/api/articles", params={"limit": 3}).json()["articles"]
    found = client.get("/api/search", params={"q": "water"}).json()["hits"]
    one = client.get(f"/api/articles/{listed[0]['id']}").json()
    country = client.get("/api/countries/kz").json()["latest"]
    for url in [a["url"] for a in listed + found + country] + [one["url"]]:
        assert url.startswith(base + "/articles/"), url
        assert client.get(url.removeprefix(base)).status_code == 200


def test_facets_carry_names_as_well_as_codes(client: TestClient) -> None:
    facets = client.get("/api/search", params={"q": "", "country": "KZ"}).json()["facets"]
    countries = {f["value"]: f["name"] for f in facets["country"]}
    assert countries["KZ"] == "Kazakhstan"
    regions = {f["value"]: f["name"] for f in facets["region"]}
    assert regions["central-asia"] == "Central Asia"
    types = {f["value"]: f["name"] for f in facets["type"]}
    assert all(name and name[0].isupper() for name in types.values())
    years = facets["year"]
    assert all(f["name"] == f["value"] for f in years)


def test_snippets_are_plain_text_with_highlight_offsets(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "water"}).json()["hits"]
    assert hits
    for hit in hits:
        text, highlights = hit["snippet"]["text"], hit["snippet"]["highlights"]
        assert "<" not in text and not re.search(r"&(#\d+|\w+);", text)
        for start, end in highlights:
            assert text[start:end].lower().startswith("water"), (text, start, end)
        assert "<mark>" in hit["snippet_html"] or not highlights
    assert any(hit["snippet"]["highlights"] for hit in hits)


def test_a_locked_articles_snippet_comes_from_its_teaser_only(
    client: TestClient, demo_platform: Platform
) -> None:
    _, articles = demo_platform.store.list_articles(ArticleFilter(access="members", limit=100))
    assert articles
    for locked in articles:
        title_words = " ".join(re.findall(r"\w{4,}", locked.title))
        titled = client.get("/api/search", params={"q": title_words}).json()["hits"]
        mine = [h for h in titled if h["id"] == locked.id]
        assert mine, locked.title
        shown = mine[0]["snippet"]["text"].removesuffix(" …").removeprefix("… ")
        assert shown.replace(" ", "") in " ".join(locked.teaser.split()).replace(" ", "")
