"""The country map and timeline read the same on SQLite and on PostgreSQL."""

from pathlib import Path

from fastapi.testclient import TestClient

from worldbrief.config import Settings
from worldbrief.services.demo import load_demo_if_empty
from worldbrief.services.platform import open_platform
from worldbrief.web.app import create_app


def test_kazakhstan_map_and_timeline(store_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url=store_url)
    platform = open_platform(settings)
    try:
        load_demo_if_empty(platform)
        with TestClient(create_app(settings, platform)) as client:
            places = client.get("/api/countries/kz/places").json()["places"]
            aktau = next(p for p in places if p["name"] == "Aktau")
            assert aktau["article_count"] == 8 and aktau["admin1"].startswith("Mangghyst")
            listed = client.get(aktau["articles_url"]).json()["articles"]
            years = [a["published_at"][:4] for a in listed]
            assert len(years) == 8 and years[0] == "2026" and years[-1] == "2011"
            weeks = client.get("/api/countries/kz/timeline?from=2011-12-01&to=2012-12-31").json()
            assert [w["week"] for w in weeks["weeks"] if w["article_count"]] == [
                "2011-12-19",
                "2012-07-09",
            ]
            assert "Aktau" in client.get("/countries/kz").text
            # Events: the map's points and the timeline's stacks read the same on each store.
            events = client.get("/api/countries/kz/events").json()["events"]
            assert len(events) >= 30 and events[0]["date"] == "2026-11-26"
            stacked = client.get("/api/countries/kz/timeline?from=2026-10-01&to=2026-11-29")
            by_type = {t["type"]: sum(t["counts"]) for t in stacked.json()["event_types"]}
            assert by_type["Protests"] >= 4 and by_type["Riots"] >= 3
            region = client.get("/regions/central-asia?to=2026-11-29").text
            assert (
                'data-name="Kazakhstan" data-url="/countries/kz" data-arrow="Deteriorated"'
                in region
            )
    finally:
        platform.close()
