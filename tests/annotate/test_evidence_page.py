"""Country chips on the article page carry their evidence sentences, only for entitled readers."""

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import html  # type: ignore[import-untyped]  # lxml ships no type stubs

from worldbrief.config import Settings
from worldbrief.domain import AccessLevel, BodyFormat, RawDocument, Span
from worldbrief.services.ingest import ingest_records
from worldbrief.services.platform import open_platform
from worldbrief.web.app import create_app
from worldbrief.web.views import evidence_sentences

BODY = (
    "Kyrgyzstan closed its crossing near Batken again this week.\n\n"
    "Farmers say the canal is the real dispute. Guards were reinforced on the Kyrgyz side, "
    "and Kyrgyzstan moved armour to the valley.\n\n"
    "Nobody expects a settlement soon."
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, str]]]:
    settings = Settings(data_dir=Path(tmp_path_factory.mktemp("evidence")) / "data")
    platform = open_platform(settings)
    published = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
    documents = [
        RawDocument(
            location=f"test:{access.value}",
            title=f"Batken border ({access.value})",
            body=BODY,
            body_format=BodyFormat.MARKDOWN,
            external_id=f"batken-{access.value}",
            published_at=published,
            access=access,
            teaser="The valley border closed again.",
        )
        for access in (AccessLevel.FREE, AccessLevel.MEMBERS)
    ]
    report = ingest_records(platform, documents)
    assert not report.rejected, report.rejected
    urls = {}
    for article_id in report.article_ids:
        found = platform.store.get(article_id)
        assert found is not None
        urls[found.access.value] = f"/articles/{found.id}"
    with TestClient(create_app(settings, platform)) as client:
        yield client, urls
    platform.close()


def chips(client: TestClient, url: str) -> list[html.HtmlElement]:
    page = client.get(url)
    assert page.status_code == 200
    found: list[html.HtmlElement] = html.fromstring(page.text).xpath(
        "//a[@data-testid='country-chip']"
    )
    return found


def test_free_article_chips_list_the_sentences_that_name_the_country(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    client, urls = site
    by_name = {chip.text_content().strip(): chip for chip in chips(client, urls["free"])}
    kyrgyzstan = json.loads(by_name["Kyrgyzstan"].get("data-evidence"))
    assert kyrgyzstan == [
        "Kyrgyzstan closed its crossing near Batken again this week.",
        "Guards were reinforced on the Kyrgyz side, and Kyrgyzstan moved armour to the valley.",
    ]
    assert by_name["Kyrgyzstan"].get("href") == "/countries/kg"  # still a plain link
    page = client.get(urls["free"]).text
    assert "evidence.js" in page


def test_members_article_chips_carry_no_evidence_for_an_anonymous_reader(
    site: tuple[TestClient, dict[str, str]],
) -> None:
    client, urls = site
    locked = chips(client, urls["members"])
    assert locked, "the members-only article still shows its countries"
    assert all(chip.get("data-evidence") is None for chip in locked)
    page = client.get(urls["members"]).text
    assert "moved armour" not in page and "evidence.js" not in page


def test_sentences_are_whole_ordered_and_distinct() -> None:
    text = 'Title\n\nFirst about Chad. "Second about Chad?" he asked. Third.\nChad again'
    chad = [Span(m, m + 4) for m in (text.index("Chad"), text.index("Chad?"), text.rindex("Chad"))]
    spans = [chad[1], chad[0], chad[0], chad[2], Span(0, 5)]
    assert evidence_sentences(text, spans, body_start=5) == (
        "First about Chad.",
        '"Second about Chad?',
        "Chad again",
    )
    assert evidence_sentences(text, [Span(0, 99)]) == ()
