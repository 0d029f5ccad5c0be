"""`POST /api/annotate` against a real app on an empty SQLite store."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.services.platform import open_platform
from worldbrief.web.app import create_app

TEXT = "Water talks in Tashkent: Uzbekistan and Kyrgyzstan share the Naryn river."
TOP_KEYS = {"id", "places", "countries", "regions", "entities", "events"}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(data_dir=Path(tmp_path_factory.mktemp("annotate-api")) / "data")
    platform = open_platform(settings)
    with TestClient(create_app(settings, platform)) as client:
        yield client
    platform.close()


def test_one_document_in_one_annotation_out(api: TestClient) -> None:
    answer = api.post("/api/annotate", json={"id": "a1", "text": TEXT, "title": "Water"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert set(body) == TOP_KEYS and body["id"] == "a1"
    by_code = {c["code"]: c for c in body["countries"]}
    assert {"UZ", "KG"} <= set(by_code)
    assert "Uzbekistan" in {TEXT[start:end] for start, end in by_code["UZ"]["evidence"]}
    assert "central-asia" in {r["id"] for r in body["regions"]}


def test_a_batch_answers_in_the_same_order(api: TestClient) -> None:
    spans = [[TEXT.index("Kyrgyzstan"), TEXT.index("Kyrgyzstan") + len("Kyrgyzstan")]]
    documents = [
        {"id": "first", "text": "Kenya and Uganda."},
        {"id": "gold", "text": TEXT, "spans": spans},
        {"id": "last", "text": "Nothing to see.", "published_at": "2020-01-01T00:00:00Z"},
    ]
    answer = api.post("/api/annotate", json={"documents": documents})
    assert answer.status_code == 200, answer.text
    results = answer.json()["documents"]
    assert [r["id"] for r in results] == ["first", "gold", "last"]
    gold = results[1]
    assert [[p["start"], p["end"]] for p in gold["places"]] == spans
    assert gold["places"][0]["text"] == "Kyrgyzstan"
    assert {c["code"] for c in gold["countries"]} == {"KG"}
    assert results[2]["countries"] == [] and results[2]["places"] == []


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        ({"id": "x"}, "text"),
        ({"text": "no id"}, "id"),
        ({"id": 5, "text": "id must be a string"}, "id"),
        ({"id": "x", "text": "short", "spans": [[0, 50]]}, "spans[0]"),
        ({"id": "x", "text": "short", "spans": [["a", 2]]}, "spans"),
        ({"id": "x", "text": "t", "published_at": "someday"}, "published_at"),
        ({"documents": [{"id": "ok", "text": "fine"}, {"id": "bad"}]}, "documents.1.text"),
        ({"documents": [{"id": "b", "text": "ab", "spans": [[1, 9]]}]}, "documents[0]"),
        ([1, 2, 3], "document"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(api: TestClient, payload: object, named: str) -> None:
    answer = api.post("/api/annotate", json=payload)
    assert answer.status_code == 422, answer.text
    assert named in answer.json()["detail"]


def test_invalid_json_is_a_422(api: TestClient) -> None:
    answer = api.post(
        "/api/annotate",
        content=b'{"id": "x", "text": ',
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 422
    assert "JSON" in answer.json()["detail"]


def test_limits_on_documents_and_bytes(api: TestClient) -> None:
    too_many = {"documents": [{"id": str(i), "text": "Kenya"} for i in range(101)]}
    answer = api.post("/api/annotate", json=too_many)
    assert answer.status_code == 422 and "100" in answer.json()["detail"]

    at_limit = {"documents": [{"id": str(i), "text": "Kenya"} for i in range(100)]}
    assert api.post("/api/annotate", json=at_limit).status_code == 200

    huge = json.dumps({"id": "big", "text": "Kenya. " * 20_000})
    answer = api.post(
        "/api/annotate", content=huge.encode(), headers={"content-type": "application/json"}
    )
    assert answer.status_code == 413
    assert "100,000 bytes" in answer.json()["detail"]


def test_documented_in_openapi_and_open_to_everyone(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    operation = spec["paths"]["/api/annotate"]["post"]
    request_schemas = json.dumps(operation["requestBody"])
    assert "AnnotateDocumentIn" in request_schemas and "AnnotateBatchIn" in request_schemas
    assert {"AnnotationOut", "PlaceOut", "CountryOut"} <= set(spec["components"]["schemas"])
    assert "security" not in operation
