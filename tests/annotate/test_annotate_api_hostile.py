"""`POST /api/annotate` against hostile bodies, with the size limits of anonymous callers and
accounts, and with its work kept in worker processes apart from the web process."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.geo.geoparser import Geoparser, GeoparseRequest, GeoparseResult
from worldbrief.services import accounts as service
from worldbrief.services.annotate import load_geoparser
from worldbrief.services.annotate_batch import AnnotateWorkers
from worldbrief.services.platform import Platform, open_platform
from worldbrief.web.app import create_app

ANONYMOUS_LIMIT = 8_000
ACCOUNT_LIMIT = 40_000
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    settings = Settings(
        data_dir=Path(tmp_path_factory.mktemp("annotate-hostile")) / "data",
        annotate_max_bytes_anonymous=ANONYMOUS_LIMIT,
        annotate_max_bytes_account=ACCOUNT_LIMIT,
    )
    opened = open_platform(settings)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def api(platform: Platform) -> Iterator[TestClient]:
    with TestClient(create_app(platform.settings, platform)) as client:
        yield client


@pytest.fixture(scope="module")
def token(platform: Platform) -> str:
    accounts = service.accounts_of(platform)
    service.create_account(accounts, "ann@example.org", "a long passphrase", "registered",
                           actor="test")  # fmt: skip
    _, secret = service.create_api_token(accounts, "ann@example.org", "script", actor="test")
    return str(secret)


def _document(**fields: Any) -> bytes:
    return json.dumps({"id": "d", "text": "Talks in Paris.", **fields}).encode()


BAD_BODIES: list[tuple[str, bytes, dict[str, str], int, str]] = [
    # (case, body, headers, status, a phrase of the detail)
    ("a form", b"hello", {"content-type": "application/x-www-form-urlencoded"}, 415, "JSON"),
    ("JSON sent as text", _document(), {"content-type": "text/plain"}, 415, "application/json"),
    ("no content type", _document(), {}, 415, "application/json"),
    ("truncated JSON", b'{"id": "x", "text": ', JSON, 422, "invalid JSON"),
    ("an empty body", b"", JSON, 422, "empty"),
    ("not UTF-8", b'{"id": "x", "text": "caf\xe9"}', JSON, 422, "UTF-8"),
    ("nested without end", b"[" * 900 + b"]" * 900, JSON, 422, "nested more than 16"),
    ("NaN", b'{"id": NaN, "text": "x"}', JSON, 422, "NaN is not a JSON value"),
    ("an infinite number", b'{"id": "x", "text": "x", "spans": [[0, 1e999]]}', JSON, 422,
     "too large a number"),
    ("a number of many digits", b'{"id": "x", "text": "x", "spans": [[0, ' + b"9" * 5000 + b"]]}",
     JSON, 422, "too many digits"),
    ("a lone surrogate", b'{"id": "x", "text": "\\ud800 Paris"}', JSON, 422, "lone surrogate"),
    ("a raw NUL in a string", b'{"id": "x", "text": "Paris\x00"}', JSON, 422, "invalid JSON"),
    ("a date as a number", _document(published_at=0), JSON, 422, "published_at"),
    ("a date past 9999 in UTC", _document(published_at="9999-12-31T23:59:59-23:59"), JSON, 422,
     "out of range"),
    ("a date before year 1 in UTC", _document(published_at="0001-01-01T00:00:00+14:00"), JSON,
     422, "out of range"),
    ("a date that is not one", _document(published_at="2024-13-45"), JSON, 422, "ISO-8601"),
    ("null", b"null", JSON, 422, "document"),
    ("a string", b'"hello"', JSON, 422, "document"),
    ("an array", b"[1, 2]", JSON, 422, "document"),
    ("a span longer than a name", _document(text="x" * 400, spans=[[0, 300]]), JSON, 422,
     "300 characters long"),
    ("documents that are not a list", b'{"documents": {"id": "x"}}', JSON, 422, "documents"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "headers", "status", "phrase"),
    [case[1:] for case in BAD_BODIES],
    ids=[case[0] for case in BAD_BODIES],
)
def test_a_bad_body_is_a_4xx_with_a_json_detail(
    api: TestClient, body: bytes, headers: dict[str, str], status: int, phrase: str
) -> None:
    answer = api.post("/api/annotate", content=body, headers=headers)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    detail = answer.json()["detail"]
    assert isinstance(detail, str) and phrase in detail, detail


def test_json_media_types_with_parameters_are_json(api: TestClient) -> None:
    for media_type in ("application/json; charset=utf-8", "application/vnd.example+json"):
        answer = api.post(
            "/api/annotate", content=_document(), headers={"content-type": media_type}
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["places"][0]["text"] == "Paris"


def test_nul_characters_inside_the_text_are_text(api: TestClient) -> None:
    answer = api.post("/api/annotate", json={"id": "n", "text": "Paris\x00London"})
    assert answer.status_code == 200, answer.text
    assert [p["text"] for p in answer.json()["places"]] == ["Paris", "London"]


def test_the_size_limit_is_the_callers(api: TestClient, token: str) -> None:
    between = _document(text="Talks in Paris. " * (ANONYMOUS_LIMIT // 16 + 10))
    assert ANONYMOUS_LIMIT < len(between) < ACCOUNT_LIMIT
    anonymous = api.post("/api/annotate", content=between, headers=JSON)
    assert anonymous.status_code == 413
    assert anonymous.json()["detail"] == (
        f"request body is larger than {ANONYMOUS_LIMIT:,} bytes, the limit set by "
        f"WORLDBRIEF_ANNOTATE_MAX_BYTES_ANONYMOUS (an API token may send up to {ACCOUNT_LIMIT:,})"
    )
    bearer = {**JSON, "Authorization": f"Bearer {token}"}
    with_token = api.post("/api/annotate", content=between, headers=bearer)
    assert with_token.status_code == 200, with_token.text
    assert with_token.json()["places"][0]["text"] == "Paris"

    beyond = _document(text="x" * ACCOUNT_LIMIT)
    over = api.post("/api/annotate", content=beyond, headers=bearer)
    assert over.status_code == 413
    assert "WORLDBRIEF_ANNOTATE_MAX_BYTES_ACCOUNT" in over.json()["detail"]


def test_an_oversized_body_without_a_length_is_cut_off_at_the_limit(api: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"id": "x", "text": "'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"}'

    answer = api.post("/api/annotate", content=chunks(), headers=JSON)
    assert answer.status_code == 413
    assert f"{ANONYMOUS_LIMIT:,} bytes" in answer.json()["detail"]


def test_an_unknown_token_is_a_401(api: TestClient) -> None:
    answer = api.post(
        "/api/annotate", content=_document(), headers={**JSON, "Authorization": "Bearer nope"}
    )
    assert answer.status_code == 401 and "token" in answer.json()["detail"]


def test_openapi_declares_the_body_and_every_error(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    operation = spec["paths"]["/api/annotate"]["post"]
    assert set(operation["requestBody"]["content"]) == {"application/json"}
    assert operation["requestBody"]["required"] is True
    schemas = spec["components"]["schemas"]
    published = schemas["AnnotateDocumentIn"]["properties"]["published_at"]
    assert published["anyOf"][0] == {"type": "string", "format": "date-time"}
    for status in ("401", "413", "415", "503"):
        schema = operation["responses"][status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ApiError"}
    invalid = operation["responses"]["422"]["content"]["application/json"]["schema"]
    assert invalid == {"$ref": "#/components/schemas/ApiValidationError"}
    assert schemas["ApiError"]["properties"]["detail"]["type"] == "string"
    assert schemas["ApiValidationError"]["properties"]["detail"]["type"] == "string"


# --- work apart from the web process ----------------------------------------------------------


class _Gated:
    """The standard geoparser behind a gate: it writes its process id to ``started`` and waits
    for a file ``go`` before it answers."""

    def __init__(self, directory: str) -> None:
        self._directory = Path(directory)
        self._geoparser = load_geoparser()

    def geoparse(self, request: GeoparseRequest) -> GeoparseResult:
        (self._directory / "started").write_text(str(os.getpid()))
        deadline = time.monotonic() + 120
        while not (self._directory / "go").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        return self._geoparser.geoparse(request)


def _gated(directory: str) -> Geoparser:
    return _Gated(directory)


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


def test_annotating_runs_apart_and_a_full_queue_answers_503(
    platform: Platform, tmp_path: Path
) -> None:
    app = create_app(platform.settings, platform)
    app.state.annotate_workers = AnnotateWorkers(1, 0, partial(_gated, str(tmp_path)))
    answers: dict[str, Any] = {}
    with TestClient(app) as client:

        def post() -> None:
            answers["first"] = client.post("/api/annotate", json={"id": "a", "text": "In Paris."})

        first = threading.Thread(target=post)
        first.start()
        _wait_for(tmp_path / "started")
        # The geoparser is busy in another process, and the site answers meanwhile.
        assert int((tmp_path / "started").read_text()) != os.getpid()
        assert client.get("/api/regions").status_code == 200
        busy = client.post("/api/annotate", json={"id": "b", "text": "In Lyon."})
        assert first.is_alive()
        assert busy.status_code == 503 and busy.headers["retry-after"] == "5"
        assert "busy" in busy.json()["detail"]
        (tmp_path / "go").touch()
        first.join()
        assert answers["first"].status_code == 200
        assert answers["first"].json()["places"][0]["text"] == "Paris"
        # The slot is free again once the first is answered.
        again = client.post("/api/annotate", json={"id": "c", "text": "In Lyon."})
        assert again.status_code == 200 and again.json()["places"][0]["text"] == "Lyon"
