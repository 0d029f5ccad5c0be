"""The reader's side of watchlists on both stores: ``/account/watchlists`` (create, edit,
delete, the private feed; a problem named beside its field), the Follow box of a country page
from the anonymous Atom link to a signed-in reader's watchlist, ``/account/notifications``
with its read state and the header's unread count, and ``PATCH /api/watchlists/{id}``. Every
form refuses a POST without its CSRF token; another reader's watchlist is a 404."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from alerts.conftest import NOW, article, protest
from worldbrief.config import Settings
from worldbrief.services import accounts as service
from worldbrief.services.alerts import run_alert_pass
from worldbrief.services.platform import Platform, open_platform
from worldbrief.services.watchlists import list_watchlists
from worldbrief.web.app import create_app

PASSWORD = "correct horse battery staple"
ANN, BOB = "ann@example.org", "bob@example.org"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_UNREAD = re.compile(r'data-testid="unread-count">.*?(\d+\+?)</span>', re.S)


@pytest.fixture
def platform(tmp_path: Path, store_url: str) -> Iterator[Platform]:
    opened = open_platform(Settings(data_dir=tmp_path / "data", database_url=store_url))
    accounts = service.accounts_of(opened)
    for email in (ANN, BOB):
        service.create_account(accounts, email, PASSWORD, "registered", actor="test")
    yield opened
    opened.close()


@pytest.fixture
def site(platform: Platform) -> Iterator[TestClient]:
    with TestClient(create_app(platform.settings, platform)) as client:
        yield client


def sign_in(client: TestClient, email: str) -> None:
    token = csrf_of(client.get("/login").text)
    form = {"csrf_token": token, "email": email, "password": PASSWORD, "next": "/"}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "the page has no form"
    return found[1]


def submit(client: TestClient, page: str, action: str, **fields: str) -> httpx.Response:
    token = csrf_of(client.get(page).text)
    answer: httpx.Response = client.post(
        action, data={"csrf_token": token, **fields}, follow_redirects=False
    )
    return answer


def unread(client: TestClient) -> str | None:
    found = _UNREAD.search(client.get("/regions").text)
    return found[1] if found else None


def test_every_form_refuses_a_post_without_its_token(platform: Platform, site: TestClient) -> None:
    sign_in(site, ANN)
    made = submit(site, "/account/watchlists", "/account/watchlists", name="KZ", countries="KZ")
    assert made.status_code == 303
    (watchlist,) = list_watchlists(platform, ANN)
    for action, fields in [
        ("/account/watchlists", {"name": "x", "countries": "KZ"}),
        (f"/account/watchlists/{watchlist.id}", {"name": "x", "countries": "UZ"}),
        (f"/account/watchlists/{watchlist.id}/delete", {}),
        (f"/account/watchlists/{watchlist.id}/feed", {}),
        (f"/account/watchlists/{watchlist.id}/feed/revoke", {}),
        (f"/account/watchlists/{watchlist.id}/webhook-enable", {}),
        ("/follow", {"kind": "country", "value": "UZ", "label": "Uzbekistan"}),
        ("/unfollow", {"kind": "country", "value": "KZ", "label": "KZ"}),
        ("/account/notifications/read", {}),
        ("/account/notifications/1/read", {}),
    ]:
        for token in (None, "forged"):
            data = fields if token is None else {**fields, "csrf_token": token}
            answer = site.post(action, data=data, follow_redirects=False)
            assert answer.status_code == 403, (action, token)
    (kept,) = list_watchlists(platform, ANN)
    assert kept.criteria.countries == ("KZ",) and kept.name == "KZ"


def test_create_edit_and_delete_with_problems_beside_their_fields(
    platform: Platform, site: TestClient
) -> None:
    assert site.get("/account/watchlists", follow_redirects=False).headers["location"] == (
        "/login?next=%2Faccount%2Fwatchlists"
    )
    sign_in(site, ANN)
    bad = submit(
        site, "/account/watchlists", "/account/watchlists",
        name="Caspian <b>gas</b>", countries="KZ, XX", event_types="Parades",
        webhook="http://127.0.0.1/hook",
    )  # fmt: skip
    assert bad.status_code == 400
    page = bad.text
    assert re.search(r'id="error-countries"[^>]*>[^<]*unknown country: give an ISO', page)
    assert re.search(r'id="error-event_types"[^>]*>[^<]*unknown event type', page)
    assert re.search(r'id="error-webhook"[^>]*>[^<]*loopback', page)
    assert 'value="Caspian &lt;b&gt;gas&lt;/b&gt;"' in page and "<b>gas" not in page
    assert list_watchlists(platform, ANN) == []

    made = submit(
        site, "/account/watchlists", "/account/watchlists",
        name="Caspian <b>gas</b>", countries="kz, tm", query='"gas prices"', email="weekly",
    )  # fmt: skip
    assert made.status_code == 303
    (watchlist,) = list_watchlists(platform, ANN)
    listed = site.get("/account/watchlists").text
    assert "Caspian &lt;b&gt;gas&lt;/b&gt;" in listed and "<b>gas" not in listed
    assert "Turkmenistan" in listed and "weekly digest" in listed

    edit = f"/account/watchlists/{watchlist.id}"
    form = site.get(edit).text
    assert 'value="KZ, TM"' in form and '<option value="weekly" selected>' in form
    nothing = submit(site, edit, edit, name="Caspian", email="off")
    assert nothing.status_code == 400
    assert "needs something to follow" in nothing.text
    saved = submit(
        site, edit, edit, name="Mangystau", divisions="KZ/Mangystau", event_types="Protests",
        email="immediate",
    )  # fmt: skip
    assert saved.status_code == 303
    (changed,) = list_watchlists(platform, ANN)
    assert changed.id == watchlist.id and changed.name == "Mangystau"
    assert changed.criteria.countries == () and changed.criteria.event_types == ("Protests",)
    assert changed.criteria.follows_events and changed.delivery.email.value == "immediate"

    issued = submit(site, "/account/watchlists", f"{edit}/feed")
    assert issued.headers["cache-control"] == "no-store"
    feed = re.search(r'href="http[^"]*(/feeds/watchlists/[^"]+\.atom)"', issued.text)
    assert feed and site.get(feed[1]).status_code == 200
    submit(site, "/account/watchlists", f"{edit}/feed/revoke")
    assert site.get(feed[1]).status_code == 404
    assert submit(site, "/account/watchlists", f"{edit}/delete").status_code == 303
    assert list_watchlists(platform, ANN) == []


def test_another_readers_watchlist_is_not_found(platform: Platform, site: TestClient) -> None:
    sign_in(site, ANN)
    submit(site, "/account/watchlists", "/account/watchlists", name="KZ", countries="KZ")
    (ours,) = list_watchlists(platform, ANN)
    site.cookies.clear()
    sign_in(site, BOB)
    path = f"/account/watchlists/{ours.id}"
    assert site.get(path).status_code == 404
    assert "KZ" not in site.get("/account/watchlists").text.split("New watchlist")[0]
    for action, fields in [
        (path, {"name": "mine now", "countries": "UZ"}),
        (f"{path}/delete", {}),
        (f"{path}/feed", {}),
        (f"{path}/feed/revoke", {}),
        ("/follow", {"kind": "country", "value": "UZ", "label": "UZ", "into": str(ours.id)}),
    ]:
        answer = submit(site, "/account/watchlists", action, **fields)
        assert answer.status_code in (400, 404), action
    (kept,) = list_watchlists(platform, ANN)
    assert kept == ours


def test_following_a_country_from_its_page(platform: Platform, site: TestClient) -> None:
    anonymous = site.get("/countries/kz")
    assert anonymous.status_code == 200
    assert "set-cookie" not in anonymous.headers  # still one answer for every anonymous reader
    assert anonymous.headers["cache-control"].startswith("public")
    box = anonymous.text.split('id="follow"', 1)[1].split("</div>", 1)[0]
    assert 'href="/feeds/countries/kz.atom"' in box and "/login?next=%2Fcountries%2Fkz" in box
    assert 'action="/follow"' not in box

    sign_in(site, ANN)
    followed = submit(
        site, "/countries/kz", "/follow",
        kind="country", value="KZ", label="Kazakhstan", next="/countries/kz",
    )  # fmt: skip
    assert followed.status_code == 303
    back = followed.headers["location"]
    assert back.startswith("/countries/kz?followed=") and back.endswith("#follow")
    page = site.get(back)
    assert page.headers["cache-control"] == "private, no-store"
    assert "Followed in" in page.text and "You follow" not in page.text
    (watchlist,) = list_watchlists(platform, ANN)
    assert watchlist.name == "Kazakhstan" and watchlist.criteria.countries == ("KZ",)
    assert "You follow this in" in site.get("/countries/kz").text

    # From a region page, into the watchlist chosen in the select.
    region = site.get("/regions/central-asia").text
    assert f'<option value="{watchlist.id}">Add to Kazakhstan</option>' in region
    joined = submit(
        site, "/regions/central-asia", "/follow", kind="region", value="central-asia",
        label="Central Asia", next="/regions/central-asia", into=str(watchlist.id),
    )  # fmt: skip
    assert joined.status_code == 303
    (watchlist,) = list_watchlists(platform, ANN)
    assert watchlist.criteria.regions == ("central-asia",)
    # An author page (a search for one author) and a search follow as watchlists of their own.
    author = site.get("/search", params={"author": "Dana Analyst"}).text
    assert 'name="kind" value="author"' in author
    searched = submit(
        site, "/search?q=gas", "/follow", kind="search", label="Search: gas", q="gas",
        next="/search?q=gas",
    )  # fmt: skip
    assert searched.status_code == 303
    assert [
        w.criteria.search.text for w in list_watchlists(platform, ANN)[1:] if w.criteria.search
    ] == ["gas"]
    refused = submit(
        site, "/countries/kz", "/follow", kind="country", value="XX", label="X", next="/"
    )
    assert refused.status_code == 400


def test_notifications_and_the_unread_count(platform: Platform, site: TestClient) -> None:
    sign_in(site, ANN)
    assert unread(site) is None and 'data-testid="alerts-link"' in site.get("/regions").text
    submit(
        site, "/countries/kz", "/follow", kind="country", value="KZ", label="Kazakhstan",
        next="/countries/kz",
    )  # fmt: skip
    submit(site, "/account/watchlists", "/account/watchlists", name="Protests",
           event_types="Protests")  # fmt: skip
    platform.store.upsert_articles(
        [article("first", protest()), article("second"), article("elsewhere", country="UZ")]
    )
    run_alert_pass(platform, now=NOW)
    assert unread(site) == "3"  # two articles of Kazakhstan, one protest
    page = site.get("/account/notifications")
    assert page.headers["cache-control"] == "private, no-store"
    items = page.text.count('data-testid="notification"')
    assert items == 3 and page.text.count("is-unread") == 3
    assert "Why: country KZ" in page.text and "Why: event type Protests" in page.text
    assert (
        "Peaceful protest in Mangystau, KZ" in page.text and "Title of elsewhere" not in page.text
    )
    first_id = re.findall(r'id="notification-(\d+)"', page.text)[-1]

    read = submit(site, "/account/notifications", f"/account/notifications/{first_id}/read")
    assert read.status_code == 303 and unread(site) == "2"
    assert submit(site, "/account/notifications", "/account/notifications/read").status_code == 303
    assert unread(site) is None
    assert "is-unread" not in site.get("/account/notifications").text
    platform.store.upsert_articles([article("third")])
    run_alert_pass(platform, now=NOW)
    assert unread(site) == "1"

    # Another reader neither sees nor marks them.
    site.cookies.clear()
    sign_in(site, BOB)
    assert "Title of" not in site.get("/account/notifications").text
    refused = submit(site, "/account/watchlists", f"/account/notifications/{first_id}/read")
    assert refused.status_code == 404


def test_a_watchlist_changed_through_the_api(platform: Platform, site: TestClient) -> None:
    accounts = service.accounts_of(platform)
    ann = {"Authorization": f"Bearer {service.create_api_token(accounts, ANN, 't', actor='t')[1]}"}
    bob = {"Authorization": f"Bearer {service.create_api_token(accounts, BOB, 't', actor='t')[1]}"}
    made = site.post("/api/watchlists", json={"name": "KZ", "countries": ["KZ"]}, headers=ann)
    path = f"/api/watchlists/{made.json()['id']}"
    changed = site.patch(
        path, json={"name": "Central Asia protests", "regions": ["central-asia"],
                    "countries": [], "event_types": ["Protests"], "query": "gas"}, headers=ann,
    )  # fmt: skip
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["countries"] == [] and body["regions"] == ["central-asia"]
    assert body["follows"] == "event" and body["query"] == "gas" and body["email"] == "daily"
    assert site.patch(path, json={"query": None}, headers=ann).json()["query"] is None
    bad = site.patch(path, json={"regions": ["atlantis"]}, headers=ann)
    assert bad.status_code == 400 and "unknown region" in bad.json()["detail"]
    empty = site.patch(path, json={"regions": [], "event_types": []}, headers=ann)
    assert empty.status_code == 400 and "something to follow" in empty.json()["detail"]
    assert site.patch(path, json={"name": None}, headers=ann).status_code == 400
    assert site.patch(path, json={"countries": "KZ"}, headers=ann).status_code == 422
    assert site.patch(path, json={"name": "x"}, headers=bob).status_code == 404
    assert site.patch(path, json={"name": "x"}).status_code == 401
    assert site.get("/api/watchlists", headers=ann).json()[0]["name"] == "Central Asia protests"


def test_follow_twice_makes_one_watchlist_and_unfollow_undoes_it(
    platform: Platform, site: TestClient
) -> None:
    sign_in(site, ANN)
    kz = {"kind": "country", "value": "KZ", "label": "Kazakhstan", "next": "/countries/kz"}
    token = csrf_of(site.get("/countries/kz").text)
    # Both presses from the same page, as a double click or the back button sends them.
    for _ in range(2):
        pressed = site.post("/follow", data={"csrf_token": token, **kz}, follow_redirects=False)
        assert pressed.status_code == 303
    (watchlist,) = list_watchlists(platform, ANN)
    assert pressed.headers["location"] == f"/countries/kz?followed={watchlist.id}#follow"
    box = site.get("/countries/kz").text.split('id="follow"', 1)[1].split("</div>", 1)[0]
    assert "Following ✓" in box and 'action="/unfollow"' in box
    assert 'action="/follow"' not in box

    # A search with the same words and filters is the same search; other filters are not.
    plain = {"kind": "search", "label": "Search: gas", "q": "gas"}
    gas = {**plain, "country": "KZ"}
    for _ in range(2):
        assert submit(site, "/search?q=gas&country=KZ", "/follow", **gas).status_code == 303
    assert submit(site, "/search?q=gas", "/follow", **plain).status_code == 303
    searches = [w.criteria for w in list_watchlists(platform, ANN) if w.criteria.search]
    assert sorted(c.countries for c in searches) == [(), ("KZ",)]

    # Unfollow takes the value out; a watchlist left with no value goes; a search narrowed to
    # the country does not follow the country itself and stays as it is.
    added = submit(
        site, "/countries/uz", "/follow", kind="country", value="UZ", label="Uzbekistan",
        into=str(watchlist.id), next="/countries/uz",
    )  # fmt: skip
    assert added.status_code == 303
    gone = submit(site, "/countries/kz", "/unfollow", **kz)
    assert gone.headers["location"] == "/countries/kz?unfollowed=1#follow"
    (kept,) = [w for w in list_watchlists(platform, ANN) if w.id == watchlist.id]
    assert kept.criteria.countries == ("UZ",)
    page = site.get(gone.headers["location"]).text
    assert "No longer followed" in page and 'action="/follow"' in page
    assert "Following ✓" in site.get("/countries/uz").text
    uz = {"kind": "country", "value": "UZ", "label": "Uzbekistan"}
    assert submit(site, "/countries/uz", "/unfollow", **uz).status_code == 303
    assert submit(site, "/search?q=gas", "/unfollow", **plain).status_code == 303
    (left,) = list_watchlists(platform, ANN)
    assert left.criteria.countries == ("KZ",) and left.criteria.search is not None

    # Without its token, Unfollow changes nothing.
    refused = site.post("/unfollow", data=gas, follow_redirects=False)
    assert refused.status_code == 403
    assert list_watchlists(platform, ANN) == [left]
