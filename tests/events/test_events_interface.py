"""The events of `annotate`, through the CLI and `POST /api/annotate`, in the issue's shape; and
stored with their article."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from worldbrief.cli.main import app
from worldbrief.config import Settings
from worldbrief.services.platform import open_platform
from worldbrief.web.app import create_app

TEXT = (
    "Police fired tear gas at students marching in Dhaka on Sunday. At least 12 people were "
    "killed in the clashes that followed, hospital officials said."
)
EVENT_KEYS = {
    "type",
    "subtype",
    "confidence",
    "date",
    "date_precision",
    "date_text",
    "place",
    "actors",
    "fatalities",
    "fatalities_approximate",
    "evidence",
}
PLACE_KEYS = {
    "start",
    "end",
    "text",
    "name",
    "geonameid",
    "lat",
    "lon",
    "country",
    "admin1",
    "feature",
}


def _check_shape(answer: dict[str, object]) -> None:
    events = answer["events"]
    assert isinstance(events, list) and events
    for event in events:
        assert set(event) == EVENT_KEYS
        assert 0 <= event["confidence"] <= 1
        assert event["date_precision"] in ("day", "week", "month", "year", None)
        assert all(isinstance(s, list) and len(s) == 2 for s in event["evidence"])
        for actor in event["actors"]:
            assert set(actor) == {"name", "role", "type", "entity_id"}
            assert actor["role"] in ("actor1", "actor2", "associated")
    main = events[0]
    assert main["type"] == "Protests"
    assert (main["date"], main["date_precision"], main["date_text"]) == (
        "2024-08-04",
        "day",
        "Sunday",
    )
    assert set(main["place"]) == PLACE_KEYS and main["place"]["text"] == "Dhaka"
    assert main["place"] in answer["places"]  # exactly a place object of "places"
    start, end = main["evidence"][0]
    assert TEXT[start:end].startswith("Police fired tear gas")


def test_the_cli_answers_events_in_the_issue_shape(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    document = {"id": "d1", "text": TEXT, "published_at": "2024-08-06T08:00:00Z"}
    source.write_text(json.dumps(document) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["annotate", "--jsonl", str(source)])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout.strip().splitlines()[0])
    _check_shape(answer)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(data_dir=Path(tmp_path_factory.mktemp("events-api")) / "data")
    platform = open_platform(settings)
    with TestClient(create_app(settings, platform)) as client:
        yield client
    platform.close()


def test_the_api_answers_events_in_the_issue_shape(api: TestClient) -> None:
    answer = api.post(
        "/api/annotate", json={"id": "d1", "text": TEXT, "published_at": "2024-08-06"}
    )
    assert answer.status_code == 200, answer.text
    _check_shape(answer.json())


def test_without_a_publication_time_relative_dates_are_not_guessed(api: TestClient) -> None:
    answer = api.post("/api/annotate", json={"id": "d1", "text": TEXT}).json()
    assert answer["events"][0]["date"] is None


def test_a_text_without_events_answers_an_empty_list(api: TestClient) -> None:
    text = "The museum in Samarkand displays old manuscripts and ceramics."
    answer = api.post("/api/annotate", json={"id": "d1", "text": text}).json()
    assert answer["events"] == []
