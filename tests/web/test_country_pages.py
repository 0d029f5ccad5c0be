"""The country page and its data, as a reader and an API client see them on the demo:
the profile, the places the articles name, the weeks, the periods, and the empty states."""

from __future__ import annotations

from datetime import date

import lxml.html
from fastapi.testclient import TestClient


def test_kazakhstan_profile_places_and_weeks_read_without_javascript(client: TestClient) -> None:
    page = lxml.html.fromstring(client.get("/countries/kz").text)
    facts = {
        dt.text_content(): dd.text_content()
        for dt, dd in zip(page.iter("dt"), page.iter("dd"), strict=True)
    }
    assert facts["Region"] == "Eurasia › Central Asia"
    assert facts["Population"].replace(",", "").isdigit() and facts["Capital"]
    places = [li.text_content().split() for li in page.xpath("//ol[@class='place-counts']/li")]
    assert any(p[0] == "Aktau" for p in places)
    assert any(p[0].startswith("Mangghyst") for p in places)
    weeks = page.xpath("//details[@class='timeline-table']//tbody/tr")
    assert weeks[-1].xpath(".//time/@datetime") == ["2011-12-19"]  # newest first
    assert weeks[-1].xpath(".//time")[0].text == "19 Dec 2011"
    assert "GeoNames" in page.xpath("//p[@class='map-credit']")[0].text_content()
    assert "events" in page.xpath("//*[@id='trend-heading']")[0].getparent().text_content()


def test_the_map_data_lists_places_with_their_articles(client: TestClient) -> None:
    data = client.get("/api/countries/KZ/places").json()
    names = {p["name"]: p for p in data["places"]}
    assert {"Aktau", "Zhanaozen"} <= set(names) and "Kazakhstan" not in names
    counts = [p["article_count"] for p in data["places"]]
    assert counts == sorted(counts, reverse=True)
    listed = client.get(names["Zhanaozen"]["articles_url"]).json()["articles"]
    assert len(listed) == 9  # every article naming it, up to the newest ten
    assert listed[0]["title"] == "Government and Zhanaozen Workers Agree to Talks"
    published = [a["published_at"] for a in listed]
    assert published == sorted(published, reverse=True)
    assert set(listed[0]) == {"id", "url", "title", "type", "access", "published_at"}
    assert client.get("/api/countries/kz/places?limit=2").json()["places"] == data["places"][:2]
    assert client.get("/api/countries/kz/places/nowhere/articles").json()["articles"] == []


def test_members_articles_are_on_the_map_as_headlines_only(client: TestClient) -> None:
    for place in client.get("/api/countries/kz/places").json()["places"]:
        answer = client.get(place["articles_url"])
        assert "body" not in answer.text and "teaser" not in answer.text


def test_the_timeline_covers_every_week_of_the_period(client: TestClient) -> None:
    whole = client.get("/api/countries/kz/timeline").json()
    assert whole["first"] == "2011-12-19" == whole["available_first"]
    assert whole["article_count"] == sum(w["article_count"] for w in whole["weeks"]) == 12
    assert len(whole["weeks"]) == (
        (date.fromisoformat(whole["last"]) - date.fromisoformat(whole["first"])).days // 7 + 1
    )
    year = client.get("/api/countries/kz/timeline?from=2011-12-21&to=2012-12-31").json()
    assert year["first"] == "2011-12-19" and year["last"] == "2012-12-31"
    assert year["article_count"] == 2


def test_bad_periods_and_unknown_countries_are_refused_clearly(client: TestClient) -> None:
    backwards = client.get("/api/countries/kz/timeline?from=2020-01-01&to=2019-01-01")
    assert backwards.status_code == 400 and "after it ends" in backwards.json()["detail"]
    too_long = client.get("/api/countries/kz/timeline?from=1900-01-01&to=2020-01-01")
    assert too_long.status_code == 400 and "1044" in too_long.json()["detail"]
    assert client.get("/api/countries/zz/places").status_code == 404
    assert client.get("/countries/kz?from=yesterday").status_code == 400
    assert client.get("/countries/kz?from=2020-01-01&to=2019-01-01").status_code == 400


def test_a_country_without_articles_says_what_is_missing(client: TestClient) -> None:
    page = client.get("/countries/aq")
    assert page.status_code == 200
    assert "No place in Antarctica is named in a stored article yet" in page.text
    assert "no timeline to draw" in page.text
    assert client.get("/api/countries/aq/places").json()["places"] == []
    empty = client.get("/api/countries/aq/timeline").json()
    assert empty["article_count"] == 0 and empty["available_first"] is None


def test_a_period_without_articles_says_so(client: TestClient) -> None:
    page = client.get("/countries/kz?from=2016-01-01&to=2016-12-31")
    assert "No events or articles about Kazakhstan in this period" in page.text


def test_a_region_lists_its_countries_for_the_choropleth(client: TestClient) -> None:
    # As of the last week of November 2026, so the year counted is the same on any day.
    page = lxml.html.fromstring(client.get("/regions/central-asia?to=2026-11-29").text)
    rows = page.xpath("//table[@data-choropleth]//tr[@data-numeric]")
    shares = {r.get("data-name"): (r.get("data-numeric"), int(r.get("data-count"))) for r in rows}
    numeric, events = shares["Kazakhstan"]  # distinct events of the year to 29 November
    assert numeric == "398" and events >= 15
    assert events == max(n for _, n in shares.values())
    assert set(shares) == {"Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"}


def test_the_map_lists_a_countrys_events_newest_first(client: TestClient) -> None:
    data = client.get("/api/countries/kz/events").json()
    events = data["events"]
    assert len(events) >= 20 and data["limit"] == 500
    dates = [e["date"] for e in events]
    assert dates == sorted(dates, reverse=True)
    zhanaozen = [e for e in events if e["place"].startswith("Zhanaozen")]
    assert any(e["type"] == "Riots" for e in zhanaozen)
    first = events[0]
    assert first["url"] == f"/events/{first['id']}" and first["api_url"].endswith(first["id"])
    assert "evidence" not in data and "sentences" not in client.get("/api/countries/kz/events").text
    assert client.get("/api/countries/kz/events?limit=3").json()["events"] == events[:3]
    assert client.get("/api/countries/aq/events").json()["events"] == []


def test_the_timeline_stacks_events_by_type_over_the_same_weeks(client: TestClient) -> None:
    whole = client.get("/api/countries/kz/timeline").json()
    types = whole["event_types"]
    assert {"Protests", "Riots", "Strategic developments"} <= {t["type"] for t in types}
    assert all(len(t["counts"]) == len(whole["weeks"]) for t in types)
    assert whole["event_count"] == sum(sum(t["counts"]) for t in types)
    totals = [sum(t["counts"]) for t in types]
    assert totals == sorted(totals, reverse=True)


def test_the_country_page_shows_trend_actors_and_latest_events(client: TestClient) -> None:
    page = lxml.html.fromstring(client.get("/countries/kz").text)
    trend = page.get_element_by_id("trend-heading").getparent().text_content()
    assert "Week of 23 Nov 2026" in trend and "Monthly arrow" in trend
    assert "Mangghystaū" in trend  # a division averaging an event a week
    items = page.xpath("//ol[@class='event-list']/li")
    assert len(items) == 10
    assert all(i.xpath(".//a[starts-with(@href, '/events/ev-')]") for i in items)
    assert page.xpath("//section[@class='active-actors']//li")
    # The table of weeks is there without JavaScript.
    assert page.xpath("//details[@class='timeline-table']//tbody/tr")


def test_a_country_without_events_says_so(client: TestClient) -> None:
    text = client.get("/countries/aq").text
    assert "No event in Antarctica has been read from a stored article yet" in text
    assert "No actor is named in an event in Antarctica yet" in text


def test_a_region_shows_arrows_and_its_events(client: TestClient) -> None:
    page = lxml.html.fromstring(client.get("/regions/central-asia?to=2026-11-29").text)
    kz = page.xpath("//table[@data-choropleth]//tr[@data-name='Kazakhstan']")[0]
    assert kz.get("data-arrow") == "Deteriorated"
    assert page.xpath("//ol[@class='event-list']/li")
    timeline = client.get("/api/regions/central-asia/timeline?to=2026-11-29").json()
    assert timeline["last"] == "2026-11-23" and len(timeline["weeks"]) == 261
    assert timeline["event_count"] >= 30
    assert client.get("/api/regions/nowhere/timeline").status_code == 404
