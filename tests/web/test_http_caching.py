"""HTTP caching of the public surfaces, on each store backend: validators and 304 answers,
answers kept for anonymous readers and never after a change, nothing personal kept or shared."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.datastructures import Headers
from starlette.types import Receive, Scope, Send

from worldbrief.config import Settings
from worldbrief.domain import AccessLevel, Author, BodyFormat, RawDocument
from worldbrief.services import accounts as service
from worldbrief.services.content_version import ContentVersion
from worldbrief.services.indexing import catch_up_if_free
from worldbrief.services.ingest import ingest_records
from worldbrief.services.platform import Platform, open_platform
from worldbrief.services.sessions import sessions_of, start_session
from worldbrief.store import ArticleFilter
from worldbrief.web.app import create_app
from worldbrief.web.caching import SharedPageCache
from worldbrief.web.caching.encoding import accepts_gzip
from worldbrief.web.caching.middleware import KeptAnswer
from worldbrief.web.caching.policy import has_credentials
from worldbrief.web.caching.validators import Validators
from worldbrief.web.caching.watch import Observation
from worldbrief.web.views import article_url

SECRET = "quillwort"  # only in the members-only body
INDEX_WAIT_SECONDS = 60.0  # a bound on waiting for the search index, never a speed check


def _document(key: str, title: str, body: str, access: AccessLevel) -> RawDocument:
    return RawDocument(
        location=f"cache:{key}",
        external_id=f"cache-{key}",
        title=title,
        teaser=f"{title}: the teaser.",
        body=f"{title}: the teaser.\n\n{body}",
        body_format=BodyFormat.TEXT,
        authors=(Author("Ada Vance"),),
        published_at=datetime(2012, 5, 1, tzinfo=UTC),
        access=access,
    )


FREE = _document("free", "Harbour dues rise in Aktau", "Port fees climb again.", AccessLevel.FREE)
LOCKED = _document(
    "locked",
    "Pipeline talks in Astana",
    f"The delegations agreed on the {SECRET} clause behind closed doors.",
    AccessLevel.MEMBERS,
)


def _settings(tmp_path: Path, store_url: str, page_cache_bytes: int = 64_000_000) -> Settings:
    return Settings(
        data_dir=tmp_path / "data", database_url=store_url, page_cache_bytes=page_cache_bytes
    )


def _open(settings: Settings) -> Platform:
    platform = open_platform(settings)
    report = ingest_records(platform, [FREE, LOCKED])
    assert report.created == 2 and not report.rejected
    _index_caught_up(platform)
    return platform


@pytest.fixture
def platform(tmp_path: Path, store_url: str) -> Iterator[Platform]:
    opened = _open(_settings(tmp_path, store_url))
    yield opened
    opened.close()


@pytest.fixture
def client(platform: Platform) -> Iterator[TestClient]:
    with TestClient(create_app(platform.settings, platform)) as test_client:
        yield test_client


def _index_caught_up(platform: Platform) -> None:
    """Wait until the index reflects every stored change (the app's own thread may hold the
    write lock for a moment)."""
    deadline = time.monotonic() + INDEX_WAIT_SECONDS
    while platform.index.applied_seq() < platform.store.max_seq():
        assert time.monotonic() < deadline, "the search index never caught up"
        if not catch_up_if_free(platform.store, platform.index):
            time.sleep(0.05)


def _url_of(platform: Platform, title: str) -> str:
    _, found = platform.store.list_articles(ArticleFilter(limit=100))
    article = next(a for a in found if a.title == title)
    return article_url(article.id, article.title)


def _public_paths(platform: Platform) -> list[str]:
    free_url = _url_of(platform, FREE.title)
    article_id = free_url.split("/")[2]
    return [
        "/",
        free_url,
        "/regions",
        "/search?q=harbour",
        "/api/search?q=harbour",
        f"/api/articles/{article_id}",
        "/api/articles",
        "/feeds/latest.atom",
    ]


def test_anonymous_answers_are_kept_and_revalidated(client: TestClient, platform: Platform) -> None:
    for path in _public_paths(platform):
        first = client.get(path)
        again = client.get(path)
        assert first.status_code == again.status_code == 200, path
        assert (first.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit"), path
        assert again.content == first.content, path
        assert again.headers["etag"] == first.headers["etag"]
        assert first.headers["etag"].startswith('W/"')
        assert first.headers["cache-control"] == "public, max-age=0, must-revalidate"
        assert {"Cookie", "Authorization"} <= set(first.headers["vary"].replace(" ", "").split(","))
        # Kept answers still carry the site's security headers.
        assert again.headers["x-content-type-options"] == "nosniff"
        current = client.get(path, headers={"If-None-Match": first.headers["etag"]})
        assert current.status_code == 304 and current.content == b"", path
        assert current.headers["etag"] == first.headers["etag"]
        listed = client.get(path, headers={"If-None-Match": f'"x", {first.headers["etag"]}'})
        assert listed.status_code == 304
        other = client.get(path, headers={"If-None-Match": 'W/"something-else"'})
        assert other.status_code == 200 and other.content == first.content


def test_a_head_request_is_answered_from_the_kept_answer(client: TestClient) -> None:
    plain = {"Accept-Encoding": "identity"}
    full = client.get("/", headers=plain)
    head = client.head("/", headers=plain)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["x-cache"] == "hit"
    assert head.headers["content-length"] == str(len(full.content))


def test_kept_answers_go_out_in_gzip_to_clients_that_accept_it(client: TestClient) -> None:
    plain = client.get("/", headers={"Accept-Encoding": "identity"})
    packed = client.get("/", headers={"Accept-Encoding": "br, gzip;q=0.5"})
    refused = client.get("/", headers={"Accept-Encoding": "*, gzip;q=0"})
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == "gzip" and packed.headers["x-cache"] == "hit"
    assert packed.content == plain.content  # decoded by the client
    assert int(packed.headers["content-length"]) < len(plain.content)
    assert "content-encoding" not in refused.headers and refused.content == plain.content
    for answer in (plain, packed, refused):
        assert "Accept-Encoding" in answer.headers["vary"]
    assert packed.headers["etag"] == plain.headers["etag"]


def test_a_new_article_shows_on_the_next_request(client: TestClient, platform: Platform) -> None:
    before = client.get("/")
    assert client.get("/").headers["x-cache"] == "hit"
    added = _document("new", "Caspian ferry line opens", "Boats sail weekly.", AccessLevel.FREE)
    assert ingest_records(platform, [added]).created == 1
    after = client.get("/", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["x-cache"] == "miss"
    assert added.title in after.text and added.title not in before.text
    assert after.headers["etag"] != before.headers["etag"]


def test_a_deleted_article_is_gone_on_the_next_request(
    client: TestClient, platform: Platform
) -> None:
    url = _url_of(platform, FREE.title)
    assert client.get(url).status_code == 200
    assert client.get(url).headers["x-cache"] == "hit"
    assert platform.store.delete(url.split("/")[2])
    assert client.get(url).status_code == 404
    assert FREE.title not in client.get("/").text


def test_an_article_made_members_only_locks_for_anonymous_readers_at_once(
    client: TestClient, platform: Platform
) -> None:
    url = _url_of(platform, FREE.title)
    api = f"/api/articles/{url.split('/')[2]}"
    assert "Port fees climb again" in client.get(url).text
    assert client.get(api).json()["locked"] is False
    assert client.get(url).headers["x-cache"] == "hit"
    locked_now = _document("free", FREE.title, "Port fees climb again.", AccessLevel.MEMBERS)
    assert ingest_records(platform, [locked_now]).updated == 1
    page = client.get(url)
    assert 'data-testid="paywall"' in page.text and "Port fees climb again" not in page.text
    assert client.get(api).json()["locked"] is True


def test_search_answers_follow_the_index(client: TestClient, platform: Platform) -> None:
    assert client.get("/api/search", params={"q": "saiga"}).json()["total"] == 0
    assert client.get("/api/search", params={"q": "saiga"}).headers["x-cache"] == "hit"
    added = _document(
        "saiga", "Saiga herds recover", "Counts rise on the steppe.", AccessLevel.FREE
    )
    assert ingest_records(platform, [added]).created == 1
    _index_caught_up(platform)
    found = client.get("/api/search", params={"q": "saiga"})
    assert found.json()["total"] == 1 and found.headers["x-cache"] == "miss"
    page = client.get("/search", params={"q": "saiga"})
    assert "herds recover" in page.text  # the title, its query word highlighted


def _signed_in(platform: Platform, email: str, role: str, member: bool = False) -> str:
    accounts = service.accounts_of(platform)
    account = service.create_account(accounts, email, "correct horse battery", role, actor="t")
    if member:
        service.add_plan(
            accounts, "m", "M", price="1.00", currency="EUR", period="month", actor="t"
        )
        service.grant_subscription(accounts, email, "m", 30, actor="t")
    return start_session(sessions_of(platform), account, timedelta(days=1), client="test")


def test_a_signed_in_page_is_never_kept_nor_shown_to_anyone_else(
    client: TestClient, platform: Platform
) -> None:
    session = _signed_in(platform, "ivy@example.org", "registered")
    url = _url_of(platform, FREE.title)
    anonymous_first = client.get(url)
    theirs = client.get(url, headers={"Cookie": f"wb_session={session}"})
    assert "ivy@example.org" in theirs.text and "ivy@example.org" not in anonymous_first.text
    assert "x-cache" not in theirs.headers and "etag" not in theirs.headers
    assert theirs.headers["cache-control"] == "private, no-store"
    assert "Cookie" in theirs.headers["vary"]
    # Their copy's validators from the anonymous answer do not turn into a 304 for them.
    revalidated = client.get(
        url,
        headers={
            "Cookie": f"wb_session={session}",
            "If-None-Match": anonymous_first.headers["etag"],
        },
    )
    assert revalidated.status_code == 200 and "ivy@example.org" in revalidated.text
    anonymous_after = client.get(url)
    assert "ivy@example.org" not in anonymous_after.text
    assert anonymous_after.headers["x-cache"] == "hit"


def test_a_members_body_never_reaches_the_kept_anonymous_answers(
    client: TestClient, platform: Platform
) -> None:
    session = _signed_in(platform, "mo@example.org", "registered", member=True)
    accounts = service.accounts_of(platform)
    _, token = service.create_api_token(accounts, "mo@example.org", "t", actor="t")
    url = _url_of(platform, LOCKED.title)
    api = f"/api/articles/{url.split('/')[2]}"
    search = f"/api/search?q={SECRET}"
    # The member reads first, on every surface; anonymous readers come after.
    assert SECRET in client.get(url, headers={"Cookie": f"wb_session={session}"}).text
    assert SECRET in client.get(api, headers={"Authorization": f"Bearer {token}"}).text
    member_search = client.get(search, headers={"Authorization": f"Bearer {token}"}).json()
    assert member_search["total"] == 1
    for _ in range(2):
        assert SECRET not in client.get(url).text
        assert client.get(api).json()["locked"] is True
        assert client.get(search).json()["total"] == 0
    assert client.get(url).headers["x-cache"] == "hit"
    # And an anonymous answer kept first never reaches the member.
    assert SECRET in client.get(url, headers={"Cookie": f"wb_session={session}"}).text


def test_gzip_is_chosen_by_its_quality_in_accept_encoding() -> None:
    def accepts(value: str) -> bool:
        return accepts_gzip(Headers({"accept-encoding": value}))

    assert accepts("gzip, deflate, br") and accepts("*") and accepts("GZIP;q=0.1")
    assert not accepts("") and not accepts("identity") and not accepts("gzip;q=0")
    assert not accepts("*;q=1, gzip;q=0") and not accepts("gzip;q=nonsense")


def test_any_authorization_header_or_session_cookie_is_personal() -> None:
    assert has_credentials([(b"authorization", b"Basic dTpw")])
    assert has_credentials([(b"cookie", b"theme=dark; wb_session=abc")])
    assert has_credentials([(b"cookie", b"__Host-wb_session=")])
    assert not has_credentials([(b"cookie", b"theme=dark; wb_csrf=abc")])
    assert not has_credentials([(b"accept", b"text/html")])


def test_answers_that_set_a_cookie_or_fail_are_not_kept(client: TestClient) -> None:
    login = client.get("/login")
    assert "set-cookie" in login.headers
    assert login.headers["cache-control"] in ("no-store", "private, no-store")
    for _ in range(2):
        missing = client.get("/articles/no-such-article/x")
        assert missing.status_code == 404 and "x-cache" not in missing.headers
    for _ in range(2):
        bad = client.get("/api/search", params={"q": "oil", "page": "0"})
        assert bad.status_code == 422 and "etag" not in bad.headers


def test_without_memory_for_pages_answers_still_revalidate(tmp_path: Path, store_url: str) -> None:
    platform = _open(_settings(tmp_path, store_url, page_cache_bytes=0))
    try:
        with TestClient(create_app(platform.settings, platform)) as client:
            first, again = client.get("/"), client.get("/")
            assert first.headers["x-cache"] == again.headers["x-cache"] == "miss"
            assert first.headers["etag"] == again.headers["etag"]
            revalidated = client.get("/", headers={"If-None-Match": first.headers["etag"]})
            assert revalidated.status_code == 304
    finally:
        platform.close()


def test_many_readers_of_one_page_wait_for_a_single_rendering(tmp_path: Path) -> None:
    """Requests arriving while a page renders get that rendering, not one each."""
    platform = _open(Settings(data_dir=tmp_path / "data"))  # SQLite: versions read in the loop
    renders = 0
    release = asyncio.Event()

    async def slow_page(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal renders
        renders += 1
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"the page"})

    async def scenario() -> list[httpx.Response]:
        cache = SharedPageCache(slow_page, platform=platform)
        transport = httpx.ASGITransport(app=cache)
        async with httpx.AsyncClient(transport=transport, base_url="http://site") as http:
            readers = [asyncio.create_task(http.get("/regions")) for _ in range(5)]
            while renders == 0:
                await asyncio.sleep(0)
            for _ in range(100):  # no I/O is pending: every reader reaches its wait
                await asyncio.sleep(0)
            release.set()
            return list(await asyncio.gather(*readers))

    try:
        answers = asyncio.run(scenario())
    finally:
        platform.close()
    assert renders == 1
    assert [a.content for a in answers] == [b"the page"] * 5
    assert sorted(a.headers["x-cache"] for a in answers) == ["hit"] * 4 + ["miss"]


# --- validators and memory, without a site -------------------------------------------------------

_VERSION = ContentVersion(store_seq=7, index_seq=7, index_stamp=99)


def test_last_modified_is_sent_once_a_second_has_passed_since_the_version_was_seen() -> None:
    fresh = Validators.of(Observation(_VERSION, read_at=1000.5, first_seen=1000.2), "d")
    settled = Validators.of(Observation(_VERSION, read_at=1001.2, first_seen=1000.2), "d")
    assert fresh.last_modified is None
    assert settled.last_modified == 1000
    assert dict(settled.headers())[b"last-modified"] == b"Thu, 01 Jan 1970 00:16:40 GMT"
    assert settled.satisfied_by(None, "Thu, 01 Jan 1970 00:16:40 GMT")
    assert settled.satisfied_by(None, "Thu, 01 Jan 1970 00:20:00 GMT")
    assert not settled.satisfied_by(None, "Thu, 01 Jan 1970 00:16:39 GMT")
    assert not settled.satisfied_by(None, "not a date")
    assert not fresh.satisfied_by(None, "Thu, 01 Jan 1970 00:20:00 GMT")
    # An entity tag decides whenever one is sent, whatever the date says.
    assert not settled.satisfied_by('W/"other"', "Thu, 01 Jan 1970 00:20:00 GMT")
    assert not settled.satisfied_by("*", None)


def test_entity_tags_name_the_deployment_and_both_sequences() -> None:
    tag = _VERSION.tag("abc")
    assert tag == 'W/"abc-7-7-63"'
    assert Validators(tag, None).satisfied_by(tag.removeprefix("W/"), None)
    assert ContentVersion(8, 7, 99).tag("abc") != tag
    assert ContentVersion(7, 8, 99).tag("abc") != tag
    assert _VERSION.tag("abd") != tag


def test_kept_answers_stay_within_their_byte_budget(tmp_path: Path) -> None:
    platform = open_platform(Settings(data_dir=tmp_path / "data", page_cache_bytes=2_000))

    async def page(scope: Scope, receive: Receive, send: Send) -> None:
        raise AssertionError("never rendered here")

    try:
        kept = SharedPageCache(page, platform=platform).pages
    finally:
        platform.close()
    answer = KeptAnswer(200, ((b"content-type", b"text/html"),), b"x" * 500)
    assert answer.size == 500 + 21 + 400  # body, headers and the bookkeeping of an entry
    keys = [("http", "site", f"/{name}", b"") for name in "abcd"]
    assert kept.put(keys[0], answer) and kept.put(keys[1], answer)
    assert kept.get(keys[0]) is answer  # now the most recently used
    assert kept.put(keys[2], answer)
    assert [kept.get(k) for k in keys[:3]] == [answer, None, answer]
    assert kept.size == 2 * answer.size
    too_large = KeptAnswer(200, (), b"x" * 1_601)
    assert not kept.put(keys[3], too_large)
    assert kept.get(keys[3]) is None and kept.size == 2 * answer.size
