"""Hostile values in every parameter of the event, actor, country and region data routes, and of
the Follow box, on SQLite and PostgreSQL: each is refused with a 4xx (a JSON error naming no
more than the parameter from the API and feeds, a page from the site) or read as harmless text,
never a 500; and the API reference bounds every one of those parameters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

import worldbrief.enrich.entities
import worldbrief.enrich.events  # noqa: F401
from support.stored_events import AKTAU, GOMA, M23, REBELS, TROOPS, event_article, report
from worldbrief.config import Settings
from worldbrief.services import accounts as service
from worldbrief.services.platform import Platform, open_platform
from worldbrief.services.watchlists import list_watchlists
from worldbrief.web.app import create_app

PASSWORD = "correct horse battery staple"
READER = "ann@example.org"
HUGE = str(2**64 + 1)
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')

# Values no parameter of these routes may turn into a 500, whatever it means.
HOSTILE = [
    "-1", "0", HUGE, "1e309", "NaN", "inf", "-inf", "x" * 5_000, "a\x00b", "\x00",
    "0001-01-01", "9999-12-31", "2024-02-30", "2024-13-01", "10000-01-01",
    "'; DROP TABLE events;--", '<script>alert(1)</script>', "%", "_", "\\", "",
    "200,100,-200,-100", "-181,-91,181,91", "10,20,5,10", "nan,nan,nan,nan", "1e400,0,0,0",
    "a,b,c,d", "1,2,3", "Battles\x00", "zz", "\u202e\ufeff", "\ud7ff",
]  # fmt: skip
# Each route with the query parameters it reads.
ROUTES: dict[str, tuple[str, ...]] = {
    "/api/events": ("limit", "cursor", "page", "country", "admin1", "region", "type",
                    "subtype", "actor", "from", "to", "bbox", "q"),
    "/api/events.csv": ("limit", "country", "admin1", "region", "type", "subtype", "actor",
                        "from", "to", "bbox", "q"),
    "/api/events.geojson": ("limit", "country", "actor", "from", "to", "bbox", "q"),
    "/api/events.jsonl": ("limit", "region", "type", "from", "to", "bbox", "q"),
    "/api/actors": ("type", "country", "name", "limit", "cursor"),
    "/api/countries/kz/places": ("limit",),
    "/api/countries/kz/places/aktau/articles": ("limit",),
    "/api/countries/kz/timeline": ("from", "to"),
    "/api/countries/kz/events": ("limit",),
    "/api/countries/kz/trend": ("week",),
    "/api/regions/central-asia/timeline": ("to",),
    "/feeds/countries/cd/events.atom": ("q", "page"),
    "/countries/kz": ("from", "to", "cursor"),
    "/regions/central-asia": ("to", "cursor"),
    "/account/notifications": ("before",),
}  # fmt: skip
# Path parameters: each template with values it must refuse or not find.
PATH_ROUTES = [
    "/api/events/{}", "/events/{}", "/api/actors/{}", "/actors/{}", "/feeds/actors/{}.atom",
    "/api/countries/{}/places", "/api/countries/{}/timeline", "/api/countries/{}/events",
    "/api/countries/{}/trend", "/feeds/countries/{}/events.atom", "/countries/{}",
    "/regions/{}", "/api/regions/{}/timeline", "/feeds/watchlists/{}.atom",
    "/api/countries/kz/places/{}/articles", "/account/watchlists/{}",
]  # fmt: skip
PATH_VALUES = [
    "-1", "0", HUGE, "NaN", "x" * 3_000, "%00", "%ff%fe", "..%2f..%2fetc", "'%20OR%201=1",
    "%3Cscript%3E", "zz", "1.5", "9223372036854775807", "9223372036854775808",
]  # fmt: skip
# Days the timelines and trend rules cannot count weeks from: refused, not a 500.
# The operations of the reference these rules hold for.
_AUDITED = re.compile(
    r"^/(api/events|api/actors|api/countries/\{code\}/|api/regions/\{region_id\}/|feeds/actors/"
    r"|feeds/countries/|api/watchlists|api/alert-settings)"
)
OUT_OF_RANGE_DAYS = ["0001-01-01", "1799-12-31", "2201-01-01", "9999-12-31"]


@pytest.fixture
def platform(tmp_path: Path, store_url: str) -> Iterator[Platform]:
    opened = open_platform(Settings(data_dir=tmp_path / "data", database_url=store_url))
    opened.store.upsert_articles(
        [
            event_article(
                "clash", datetime(2024, 3, 3, tzinfo=UTC),
                report(date(2024, 3, 2), GOMA, (TROOPS, REBELS), fatalities=2), entities=(M23,),
            ),
            event_article(
                "strike", datetime(2024, 2, 21, tzinfo=UTC),
                report(date(2024, 2, 20), AKTAU, (), "Peaceful protest", "Protests"),
            ),
        ]
    )  # fmt: skip
    service.create_account(service.accounts_of(opened), READER, PASSWORD, "registered", actor="t")
    yield opened
    opened.close()


@pytest.fixture
def site(platform: Platform) -> Iterator[TestClient]:
    with TestClient(create_app(platform.settings, platform), raise_server_exceptions=False) as c:
        token = _CSRF.search(c.get("/login").text)
        assert token
        form = {"csrf_token": token[1], "email": READER, "password": PASSWORD, "next": "/"}
        assert c.post("/login", data=form, follow_redirects=False).status_code == 303
        yield c


def _problem(path: str, params: Any, answer: httpx.Response) -> str | None:
    """What is wrong with ``answer`` to a hostile request, or None."""
    if answer.status_code >= 500:
        return f"{path} {params!r}: {answer.status_code}"
    if answer.status_code < 400:
        return None
    kind = answer.headers.get("content-type", "")
    if path.startswith(("/api/", "/feeds/")):
        if not kind.startswith("application/json") or not answer.json().get("detail"):
            return f"{path} {params!r}: {answer.status_code} without a JSON error"
    elif not kind.startswith("text/html"):
        return f"{path} {params!r}: {answer.status_code} answered {kind}, not a page"
    return None


@pytest.mark.parametrize("path", list(ROUTES))
def test_no_query_value_is_a_server_error(site: TestClient, path: str) -> None:
    problems = []
    for name in ROUTES[path]:
        tried: list[Any] = [{name: v} for v in HOSTILE]
        tried += [[(name, "1"), (name, "2")], f"{name}=%ff%fe%00", f"{name}=%C0%80"]
        for params in tried:
            if isinstance(params, str):
                answer = site.get(f"{path}?{params}")
            else:
                answer = site.get(path, params=params)
            problems.append(_problem(path, params, answer))
    assert [p for p in problems if p] == []


@pytest.mark.parametrize("template", PATH_ROUTES)
def test_no_path_value_is_a_server_error(site: TestClient, template: str) -> None:
    problems = []
    for value in PATH_VALUES:
        path = template.format(value)
        answer = site.get(path)
        problems.append(_problem(path, None, answer))
        # A place key is any text (a key with no articles lists none); the rest must not match.
        found = answer.status_code == 200 and value != "zz" and "/places/" not in template
        assert not found, (path, answer.status_code)
    assert [p for p in problems if p] == []


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/events", "from"),
        ("/api/events.csv", "to"),
        ("/api/countries/kz/timeline", "to"),
        ("/api/countries/kz/trend", "week"),
        ("/api/regions/central-asia/timeline", "to"),
        ("/countries/kz", "to"),
        ("/regions/central-asia", "to"),
    ],
)
def test_a_day_outside_the_years_kept_is_refused_by_name(
    site: TestClient, path: str, name: str
) -> None:
    for day in OUT_OF_RANGE_DAYS:
        answer = site.get(path, params={name: day})
        if path.startswith("/api/"):
            assert answer.status_code == 422, (day, answer.text)
            assert name in answer.json()["detail"] and "1800 to 2200" in answer.json()["detail"]
        else:
            assert answer.status_code == 400, (day, answer.status_code)
            assert "1800 to 2200" in answer.text
    for day in ("1800-01-01", "2200-12-31"):
        assert site.get(path, params={name: day}).status_code == 200, day


def _follow(site: TestClient, **fields: str) -> httpx.Response:
    token = _CSRF.search(site.get("/countries/uz").text)
    assert token, "the country page has no Follow form"
    form = {"csrf_token": token[1], "kind": "country", "value": "UZ", "label": "Uzbekistan"}
    return site.post("/follow", data={**form, "next": "/countries/uz", **fields},
                     follow_redirects=False)  # fmt: skip


@pytest.mark.parametrize("into", ["-1", "0", HUGE, "9223372036854775808", "1e3", "x", "\x00"])
def test_following_into_a_watchlist_no_row_can_be_is_a_400(
    platform: Platform, site: TestClient, into: str
) -> None:
    answer = _follow(site, into=into)
    assert answer.status_code == 400, answer.text
    assert "Choose a watchlist" in answer.text
    assert list_watchlists(platform, READER) == []


@pytest.mark.parametrize("field", ["kind", "label", "value", "next", "q", "country", "into"])
def test_follow_and_unfollow_refuse_or_read_any_field_without_a_500(
    site: TestClient, field: str
) -> None:
    for value in [*HOSTILE, "//evil.example", "https://evil.example/", "/\\evil.example"]:
        for action in ("/follow", "/unfollow"):
            token = _CSRF.search(site.get("/countries/uz").text)
            assert token
            form = {"csrf_token": token[1], "kind": "country", "value": "UZ", "label": "UZ",
                    "next": "/countries/uz", field: value}  # fmt: skip
            answer = site.post(action, data=form, follow_redirects=False)
            assert answer.status_code in (303, 400, 422), (action, value, answer.status_code)
            where = answer.headers.get("location", "/")
            assert where.startswith("/") and not where.startswith(("//", "/\\")), where


def test_the_reference_bounds_every_parameter_of_these_routes(site: TestClient) -> None:
    """A client generated from the reference refuses what the server refuses: every query and
    path parameter has a length, a range, a pattern or a format, and every operation lists
    the 422 a bad one gets."""
    paths = site.get("/openapi.json").json()["paths"]
    unbounded = []
    for template, item in paths.items():
        if not _AUDITED.match(template):
            continue
        for method, operation in item.items():
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in operation["responses"], (method, template)
            for parameter in operation.get("parameters", []):
                if parameter["in"] not in ("query", "path"):
                    continue
                schemas = parameter["schema"].get("anyOf", [parameter["schema"]])
                for schema in schemas:
                    if schema.get("type") == "null":
                        continue
                    bounded = {"maxLength", "maximum", "pattern", "enum"} & set(schema)
                    if not bounded:
                        unbounded.append(f"{method} {template} {parameter['name']}")
                    if schema.get("format") == "date":
                        assert "pattern" in schema, (template, parameter["name"])
    assert unbounded == []


@pytest.mark.parametrize(
    "path",
    ["/api/events?admin1=a%00b", "/api/events?q=Battles%00", "/api/actors?cursor=%00",
     "/api/events/ev-%00", "/api/actors/m23%00", "/feeds/actors/%00.atom", "/events/%00",
     "/actors/%00", "/api/countries/kz/places/%00/articles", "/countries/kz?cursor=%00"],
)  # fmt: skip
def test_a_nul_in_the_address_is_a_400_on_every_store(site: TestClient, path: str) -> None:
    answer = site.get(path)
    assert answer.status_code == 400, answer.text
    if path.startswith("/api/") or path.startswith("/feeds/"):
        assert "NUL" in answer.json()["detail"]
    else:
        assert answer.headers["content-type"].startswith("text/html") and "NUL" in answer.text


@pytest.mark.parametrize(
    ("field", "value"),
    [("actors", ["\x00"]), ("actors", ["m23\x00"]), ("query", "a\x00b"),
     ("divisions", ["KZ/Mang\x00ystau"])],
)  # fmt: skip
def test_a_watchlist_value_holding_a_nul_is_refused_or_cleaned_on_every_store(
    platform: Platform, site: TestClient, field: str, value: object
) -> None:
    token = service.create_api_token(
        service.accounts_of(platform), READER, "hostile", actor="test"
    )[1]
    headers = {"Authorization": f"Bearer {token}"}
    wanted = {"name": "Nul", "countries": ["KZ"], field: value}
    answer = site.post("/api/watchlists", json=wanted, headers=headers)
    assert answer.status_code in (201, 400, 422), answer.text
    assert answer.headers["content-type"].startswith("application/json")
    kept = list_watchlists(platform, READER)
    assert all("\x00" not in repr(w) for w in kept)
    assert (answer.status_code == 201) == bool(kept)
    # The account form and the Follow box read the same values the same way.
    page = site.get("/account/watchlists").text
    token_field = _CSRF.search(page)
    assert token_field
    typed = value if isinstance(value, str) else "\n".join(value)  # type: ignore[arg-type]
    form = {"csrf_token": token_field[1], "name": "Nul form", "countries": "KZ", field: typed}
    assert site.post("/account/watchlists", data=form, follow_redirects=False).status_code in (
        303,
        400,
    )
    if field == "actors":
        assert _follow(site, kind="actor", value=typed, label="x").status_code == 400
    assert all("\x00" not in repr(w) for w in list_watchlists(platform, READER))


@pytest.mark.parametrize(
    "path",
    ["/api/events", "/api/events.csv", "/api/events.geojson", "/api/events.jsonl", "/api/actors"],
)
def test_a_filter_given_twice_is_a_400_not_its_last_value(site: TestClient, path: str) -> None:
    """The articles API reads a repeated filter as "either"; the events API would have used
    the last value alone, silently. Each of its filters (and the actors API's) takes one value."""
    for name, first, second in [
        ("country", "KZ", "CD"),
        ("type", "Battles", "Protests"),
        ("from", "2024-01-01", "2024-03-01"),
        ("q", "Goma", "Aktau"),
    ]:
        name = "name" if path == "/api/actors" and name in ("q", "from") else name
        answer = site.get(path, params=[(name, first), (name, second)])
        assert answer.status_code == 400, (name, answer.status_code)
        assert f"{name} is given more than once" in answer.json()["detail"]
    assert site.get(path, params={"country": "CD"}).status_code == 200
