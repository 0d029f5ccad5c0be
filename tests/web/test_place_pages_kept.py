"""Country and region pages keep their rendered bodies per store version, on each store: a new
article or event shows on the next request, and what the paywall hides stays hidden."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import count
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import Markup

from support.stored_events import AKTAU, WORKERS, event_article, report
from worldbrief.config import Settings
from worldbrief.domain import AccessLevel, Article
from worldbrief.domain.events import ActorRole, ActorType, EventActor
from worldbrief.services import accounts as service
from worldbrief.services.kept_place_bodies import KeptPlaceBodies, PlaceBody, place_bodies_of
from worldbrief.services.platform import Platform, open_platform
from worldbrief.services.sessions import sessions_of, start_session
from worldbrief.web.app import create_app

SECRET = "quillwort"  # only in the evidence sentence of a members-only article
PAGES = ("/countries/kz", "/regions/central-asia")
_serial = count()


@pytest.fixture
def platform(store_url: str, tmp_path: Path) -> Iterator[Platform]:
    opened = open_platform(Settings(data_dir=tmp_path / "data", database_url=store_url))
    yield opened
    opened.close()


@pytest.fixture
def client(platform: Platform) -> Iterator[TestClient]:
    with TestClient(create_app(platform.settings, platform)) as test_client:
        yield test_client


def _article(
    article_id: str, days_ago: int, actor: EventActor, access: AccessLevel = AccessLevel.FREE
) -> Article:
    """An article about Kazakhstan reporting a strike in Aktau by ``actor``; its evidence
    (characters 7 to 47 of its text) names the secret word."""
    published = datetime.now(UTC) - timedelta(days=days_ago)
    return event_article(
        article_id,
        published,
        report(published.date() - timedelta(days=1), AKTAU, (actor,), "Strike", "Protests"),
        focus={"KZ": 0.9},
        regions=("central-asia",),
        title=f"Strike in Aktau, part {article_id}",
        plain_text=f"Title\n\nStrikers {SECRET} marched in Aktau over their pay again.",
        access=access,
    )


def _fresh(client: TestClient, path: str, cookie: str | None = None) -> str:
    """The page as rendered for this request (a query of its own: no shared answer is kept
    for it, so only the kept bodies could answer from memory)."""
    headers = {"Cookie": f"wb_session={cookie}"} if cookie else {}
    answer = client.get(f"{path}?n={next(_serial)}", headers=headers)
    assert answer.status_code == 200, answer.text[:200]
    return answer.text


def _member_session(platform: Platform) -> str:
    accounts = service.accounts_of(platform)
    account = service.create_account(
        accounts, "mo@example.org", "correct horse battery", "registered", actor="t"
    )
    service.add_plan(accounts, "m", "M", price="1.00", currency="EUR", period="month", actor="t")
    service.grant_subscription(accounts, "mo@example.org", "m", 30, actor="t")
    return start_session(sessions_of(platform), account, timedelta(days=1), client="test")


def test_a_new_article_and_its_event_show_on_the_next_request(
    client: TestClient, platform: Platform
) -> None:
    platform.store.upsert_articles([_article("first", 3, WORKERS)])
    for path in PAGES:
        page = _fresh(client, path)
        assert "part first" in page and "part second" not in page
        assert "part first" in _fresh(client, path)  # the same body, now kept
    assert len(place_bodies_of(platform).kept) == len(PAGES)
    dockers = EventActor("Aktau dockers", ActorRole.ACTOR1, ActorType.PROTESTERS)
    platform.store.upsert_articles([_article("second", 2, dockers)])
    for path in PAGES:
        page = _fresh(client, path)
        assert "part second" in page and "Aktau dockers" in page, path
    # An article changed in place (a new title) shows as well.
    renamed = dataclasses.replace(_article("second", 2, dockers), title="Port strike ends")
    platform.store.upsert_articles([renamed])
    for path in PAGES:
        page = _fresh(client, path)
        assert "Port strike ends" in page and "part second" not in page, path


def test_the_paywall_decides_for_each_reader_whoever_came_first(
    client: TestClient, platform: Platform
) -> None:
    platform.store.upsert_articles([_article("locked", 3, WORKERS, AccessLevel.MEMBERS)])
    session = _member_session(platform)
    for path in PAGES:
        assert SECRET in _fresh(client, path, session), path  # the member's body is kept first
        for _ in range(2):
            anonymous = _fresh(client, path)
            assert SECRET not in anonymous and "members-only article" in anonymous, path
        assert SECRET in _fresh(client, path, session), path
    # The article opened to everyone: its evidence shows to anonymous readers at once.
    opened = _article("locked", 3, WORKERS, AccessLevel.FREE)
    platform.store.upsert_articles([opened])
    for path in PAGES:
        assert SECRET in _fresh(client, path), path


def _body(size: int) -> PlaceBody:
    return PlaceBody(Markup("x" * size), None)  # a test's own text


def test_kept_bodies_are_bounded_and_dropped_once_the_store_moves_on() -> None:
    kept = KeptPlaceBodies(capacity_chars=250)
    for name in ("a", "b", "c"):
        kept.put((name,), 7, _body(100))
    assert len(kept) == 2 and kept.get(("a",), 7) is None  # the least recently used went
    assert kept.get(("c",), 7) is not None
    kept.put(("big",), 7, _body(251))
    assert kept.get(("big",), 7) is None  # larger than the whole bound: never kept
    assert kept.get(("c",), 8) is None and len(kept) == 0  # a newer version drops them all
    kept.put(("c",), 7, _body(10))  # rendered at an older version than already seen
    assert kept.get(("c",), 8) is None and len(kept) == 0
    with pytest.raises(ValueError):
        KeptPlaceBodies(capacity_chars=-1)


def test_bodies_are_kept_per_day_and_query(client: TestClient, platform: Platform) -> None:
    platform.store.upsert_articles([_article("first", 3, WORKERS)])
    today = date.today()
    _fresh(client, "/countries/kz")
    client.get(f"/countries/kz?from={today - timedelta(days=60)}&to={today}")
    client.get(f"/regions/central-asia?to={today - timedelta(days=30)}")
    _fresh(client, "/regions/central-asia")
    assert len(place_bodies_of(platform).kept) == 4


def test_a_worker_told_to_keep_nothing_renders_every_request(
    store_url: str, tmp_path: Path
) -> None:
    settings = Settings(
        data_dir=tmp_path / "data", database_url=store_url, place_body_cache_chars=0
    )
    platform = open_platform(settings)
    try:
        platform.store.upsert_articles([_article("first", 3, WORKERS)])
        with TestClient(create_app(settings, platform)) as client:
            for path in PAGES:
                assert "part first" in _fresh(client, path)
                assert "part first" in _fresh(client, path)
        assert len(place_bodies_of(platform).kept) == 0
    finally:
        platform.close()
