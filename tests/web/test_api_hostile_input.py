"""Bad input to the JSON API is a 4xx with a JSON error naming the problem, never a 500, and
never an echo of what was sent; every integer parameter has an upper bound."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.services.platform import Platform, open_platform
from worldbrief.web.app import create_app

TOKEN = "hostile-input-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
JSON = {"content-type": "application/json", **AUTH}
BODY = "Kazakhstan plans to raise oil output from fields near Aktau on the Caspian coast."
HUGE = str(2**64 + 1)
_SEARCH_PAGE_ERROR = re.compile(r"We couldn’t read that search\.</strong>(.*?)</p>", re.DOTALL)


@pytest.fixture
def api(tmp_path: Path, store_url: str) -> Iterator[tuple[TestClient, Platform]]:
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=store_url,
        api_write_token=TOKEN,
        api_max_body_bytes=4_000,
        payment_webhook_secret="webhook-secret",
    )
    platform = open_platform(settings)
    with TestClient(create_app(settings, platform), raise_server_exceptions=False) as client:
        yield client, platform
    platform.close()


def _json_error(answer: httpx.Response, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = answer.json()
    assert isinstance(body["detail"], str) and body["detail"]
    return body


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b'{"title": NaN, "body": "x"}', "NaN"),
        (b'{"title": "\\ud800 lone", "body": "x"}', "surrogate"),
        (b'{"title": "x", "body": "x", "\\udc80": 1}', "surrogate"),
        (b"[" * 1_500 + b"]" * 1_500, "nested"),
        (b'{"title": "x", "body": ', "invalid JSON"),
        (b'{"title": "caf\xe9", "body": "x"}', "UTF-8"),
    ],
)
def test_malformed_json_is_a_422_naming_the_problem(
    api: tuple[TestClient, Platform], raw: bytes, problem: str
) -> None:
    client, platform = api
    error = _json_error(client.post("/api/articles", content=raw, headers=JSON), 422)
    assert problem in str(error["detail"])
    assert platform.store.count() == 0


def test_a_body_that_is_not_json_is_a_415(api: tuple[TestClient, Platform]) -> None:
    client, _ = api
    payload = json.dumps({"title": "Caspian", "body": BODY})
    for content_type in ("text/plain", "multipart/form-data; boundary=x", None):
        headers = {**AUTH, **({"content-type": content_type} if content_type else {})}
        error = _json_error(client.post("/api/articles", content=payload, headers=headers), 415)
        assert "application/json" in str(error["detail"])
    # The desk API reads its bodies the same way.
    answer = client.post(
        "/api/desk/drafts", content=payload, headers={"content-type": "text/plain"}
    )
    assert answer.status_code in (401, 415)


def test_a_body_over_the_limit_is_a_413_naming_the_setting(
    api: tuple[TestClient, Platform],
) -> None:
    client, platform = api
    payload = {"title": "Caspian", "body": BODY * 100}
    error = _json_error(client.post("/api/articles", json=payload, headers=AUTH), 413)
    assert "WORLDBRIEF_API_MAX_BODY_BYTES" in str(error["detail"])
    assert platform.store.count() == 0


def test_a_rejected_field_is_named_and_its_value_never_echoed(
    api: tuple[TestClient, Platform],
) -> None:
    client, _ = api
    secret = "do-not-echo-" + "x" * 50
    answer = client.post(
        "/api/articles", json={"title": 12, "body": BODY, "teaser": [secret]}, headers=AUTH
    )
    error = _json_error(answer, 422)
    assert "title" in str(error["detail"]) and "teaser" in str(error["detail"])
    assert secret not in answer.text
    problems = error["errors"]
    assert isinstance(problems, list)
    assert all(set(p) == {"loc", "msg", "type"} for p in problems)
    assert ["body", "title"] in [p["loc"] for p in problems]


@pytest.mark.parametrize(
    "value", [0, "0", 1700000000, "yesterday", "2024-05-01T25:00:00Z"], ids=repr
)
def test_published_at_must_be_iso_8601_text(
    api: tuple[TestClient, Platform], value: object
) -> None:
    client, platform = api
    payload = {"title": "Caspian", "body": BODY, "published_at": value}
    error = _json_error(client.post("/api/articles", json=payload, headers=AUTH), 422)
    assert "published_at" in str(error["detail"])
    assert platform.store.count() == 0


@pytest.mark.parametrize("field", ["url", "media_url"])
def test_links_must_be_http_urls(api: tuple[TestClient, Platform], field: str) -> None:
    client, _ = api
    for value in ("", "javascript:alert(1)", "ftp://example.org/a", "https://" + "a" * 2050):
        payload = {"title": "Caspian", "body": BODY, field: value}
        answer = client.post("/api/articles", json=payload, headers=AUTH)
        assert field in str(_json_error(answer, 422)["detail"])


def test_a_valid_article_is_still_created(api: tuple[TestClient, Platform]) -> None:
    client, platform = api
    payload = {
        "title": "Caspian",
        "body": BODY,
        "published_at": "2024-05-01",
        "url": "HTTPS://example.org/caspian",
    }
    answer = client.post("/api/articles", json=payload, headers=AUTH)
    assert answer.status_code == 201, answer.text
    assert answer.json()["status"] == "created"
    assert platform.store.count() == 1


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/articles", {"offset": "-1"}),
        ("/api/articles", {"cursor": "x" * 1025}),
        ("/api/articles", {"limit": HUGE}),
        ("/api/articles", {"to": "0"}),
        ("/api/articles", {"from": "2024-05-01T00:00:00"}),
        ("/api/search", {"page": HUGE}),
        ("/api/search", {"per_page": HUGE}),
        ("/api/search", {"q": "oil " * 300}),
        ("/api/export", {"page": HUGE}),
        ("/feeds/search.atom", {"page": HUGE}),
    ],
)
def test_out_of_bounds_parameters_are_a_422(
    api: tuple[TestClient, Platform], path: str, params: dict[str, str]
) -> None:
    client, _ = api
    error = _json_error(client.get(path, params=params), 422)
    name = next(iter(params))
    assert name in str(error["detail"])


@pytest.mark.parametrize("params", [{"offset": HUGE}, {"offset": "20"}, {"cursor": "Zm9yZ2Vk"}])
def test_offsets_and_forged_cursors_are_a_400_naming_the_cursor(
    api: tuple[TestClient, Platform], params: dict[str, str]
) -> None:
    client, _ = api
    error = _json_error(client.get("/api/articles", params=params), 400)
    assert "cursor" in str(error["detail"])


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"year": "2021\n"}, "year"),
        ({"year": "1799"}, "year"),
        ({"year": " 2021"}, "year"),
        ({"from": "2024-02-30"}, "from"),
        ({"from": "0001-01-01"}, "from"),
        ({"to": "9999-12-31"}, "to"),
        ({"to": "2024-05-01T10:00"}, "to"),
        ({"sort": "sideways"}, "sort"),
        ({"type": ""}, "type"),
        ({"country": "ZZ"}, "country"),  # two letters that no country has: no silent nothing
        ({"country": "uk"}, "country"),
    ],
)
def test_search_filters_outside_their_documented_form_are_a_400(
    api: tuple[TestClient, Platform], params: dict[str, str], named: str
) -> None:
    client, _ = api
    for path in ("/api/search", "/api/export", "/feeds/search.atom"):
        error = _json_error(client.get(path, params=params), 400)
        assert named in str(error["detail"]), path


@pytest.mark.parametrize("name", ["from", "to"])
def test_article_listing_days_are_bounded_as_every_day_in_a_query(
    api: tuple[TestClient, Platform], name: str
) -> None:
    client, _ = api
    for day in ("0001-01-01", "1799-12-31", "2201-01-01", "9999-12-31"):
        error = _json_error(client.get("/api/articles", params={name: day}), 422)
        assert name in error["detail"] and "1800 to 2200" in error["detail"], day
        assert day not in answer_text(error)
    impossible = _json_error(client.get("/api/articles", params={name: "2024-02-30"}), 422)
    assert name in impossible["detail"] and "2024-02-30" not in answer_text(impossible)
    for day in ("1800-01-01", "2200-12-31"):
        assert client.get("/api/articles", params={name: day}).status_code == 200, day
    schema = _query_parameter(client, "/api/articles", name)["schema"]["anyOf"][0]
    assert (
        schema["pattern"]
        == _query_parameter(client, "/api/events", name)["schema"]["anyOf"][0]["pattern"]
    )


@pytest.mark.parametrize(
    "params",
    [
        {"from": "<script>alert(1)</script>"},
        {"to": "<script>"},
        {"from": "2024-02-30<script>"},
        {"year": "<script>"},
        {"sort": "<script>"},
    ],
)
def test_search_filter_errors_name_the_parameter_without_repeating_the_value(
    api: tuple[TestClient, Platform], params: dict[str, str]
) -> None:
    client, _ = api
    ((name, value),) = params.items()
    for path in ("/api/search", "/api/export", "/feeds/search.atom"):
        error = _json_error(client.get(path, params=params), 400)
        assert name in error["detail"], path
        assert "script" not in answer_text(error) and value not in answer_text(error), path
    page = client.get("/search", params=params)
    assert page.status_code == 400
    message = _SEARCH_PAGE_ERROR.search(page.text)
    assert message and name in message[1], page.text
    assert "script" not in message[1]  # the form keeps what was typed; the message does not


def answer_text(error: dict[str, Any]) -> str:
    return json.dumps(error)


def _query_parameter(client: TestClient, path: str, name: str) -> dict[str, Any]:
    operation = client.get("/openapi.json").json()["paths"][path]["get"]
    found: dict[str, Any] = next(p for p in operation["parameters"] if p["name"] == name)
    return found


@pytest.mark.parametrize("path", ["/regions/eurasia", "/countries/kz"])
def test_pages_refuse_page_links_they_did_not_issue(
    api: tuple[TestClient, Platform], path: str
) -> None:
    client, _ = api
    for cursor in ("Zm9yZ2Vk", "%%%", HUGE):
        answer = client.get(path, params={"cursor": cursor})
        assert answer.status_code == 400, (cursor, answer.status_code)
        assert "page link" in answer.text
    assert client.get(path, params={"cursor": "x" * 1025}).status_code == 400
    assert client.get(path, params={"page": HUGE}).status_code == 200  # no longer read


def test_feeds_answer_atom_and_their_errors_json(api: tuple[TestClient, Platform]) -> None:
    client, _ = api
    feed = client.get("/feeds/latest.atom")
    assert feed.headers["content-type"].startswith("application/atom+xml")
    _json_error(client.get("/feeds/regions/atlantis.atom"), 404)
    _json_error(client.get("/feeds/search.atom", params={"q": '"open'}), 400)


def test_webhook_shape_errors_are_listed_without_the_input(
    api: tuple[TestClient, Platform],
) -> None:
    client, _ = api
    body = b'{"reference": "\\ud800", "email": 5, "plan": "monthly"}'
    signature = "sha256=" + hmac.new(b"webhook-secret", body, hashlib.sha256).hexdigest()
    answer = client.post(
        "/api/subscriptions/events", content=body, headers={"X-Worldbrief-Signature": signature}
    )
    error = _json_error(answer, 422)
    assert isinstance(error["errors"], list) and error["errors"]
    assert all("input" not in problem for problem in error["errors"])


# A value from the request, in a path or a query, reaches no error message: neither in an API
# answer nor on a page. Paths carry it without "/", which would choose another route.
_HOSTILE = (
    "<script>alert(1)</script>",
    "\u202e" + "ʻ☃𝔘\u0301" * 20 + "'<>&;%",  # within every path parameter's length bound
)
_ERROR_PAGE_MESSAGE = re.compile(r'<p class="error-message">(.*?)</p>', re.DOTALL)


@pytest.mark.parametrize(
    ("path", "params", "named"),
    [
        ("/api/articles/{v}", {}, "no such article"),
        ("/api/articles", {"type": "{v}"}, "article type"),
        ("/api/countries/{v}", {}, "code"),
        ("/api/countries/{v}/trend", {}, "code"),
        ("/api/countries/{v}/events", {}, "code"),
        ("/api/regions/{v}/timeline", {}, "no such region"),
        ("/api/events/{v}", {}, "no such event"),
        ("/api/events", {"country": "{v}"}, "country"),
        ("/api/events", {"region": "{v}"}, "region"),
        ("/api/events", {"bbox": "{v}"}, "bbox"),
        ("/api/events", {"cursor": "{v}"}, "cursor"),
        ("/api/actors/{v}", {}, "no such actor"),
        ("/api/actors", {"type": "{v}"}, "type"),
        ("/api/search", {"q": "oil country:{v}"}, "the country: filter in the 2nd term"),
        ("/api/search", {"q": "gas OR oil region:{v}"}, "the region: filter in the 3rd term"),
        ("/api/search", {"q": "year:{v}"}, "the year: filter in the 1st term"),
        ("/api/search", {"q": "oil nosuchfield:{v}"}, "2nd term (at position 5)"),
        ("/api/search", {"country": "{v}"}, "country filter"),
        ("/api/search", {"region": "{v}"}, "region filter"),
        ("/api/search", {"type": "{v}"}, "type filter"),
        ("/api/export", {"q": "access:{v}"}, "the access: filter"),
        ("/feeds/search.atom", {"author": "{v}", "q": "type:{v}"}, "the type: filter"),
        ("/feeds/regions/{v}.atom", {}, "no such region"),
        ("/feeds/countries/{v}.atom", {}, "code"),
        ("/feeds/actors/{v}.atom", {}, "no such actor"),
        ("/search", {"q": "oil country:{v}"}, "the country: filter in the 2nd term"),
        ("/search", {"country": "{v}"}, "country filter"),
        ("/events/{v}", {}, "find that event"),
        ("/actors/{v}", {}, "find that actor"),
        ("/regions/{v}", {}, "region"),
        ("/countries/{v}", {}, "country"),
    ],
)
def test_errors_name_what_was_wrong_without_repeating_the_value(
    api: tuple[TestClient, Platform], path: str, params: dict[str, str], named: str
) -> None:
    client, _ = api
    for value in _HOSTILE:
        url = path.replace("{v}", value.replace("/", ""))
        answer = client.get(url, params={k: v.replace("{v}", value) for k, v in params.items()})
        assert 400 <= answer.status_code < 500, (url, answer.status_code)
        if answer.headers["content-type"].startswith("application/json"):
            message = answer_text(_json_error(answer, answer.status_code))
        else:
            found = _SEARCH_PAGE_ERROR.search(answer.text) or _ERROR_PAGE_MESSAGE.search(
                answer.text
            )
            assert found, answer.text
            message = found[1]
            assert "<script>alert" not in answer.text
        assert named in message, (url, message)
        for fragment in ("script", "alert", "☃", "𝔘", "\\u2603", "\\ud835"):
            assert fragment not in message, (url, message)
