"""The API's article lists read only what they show, and show what the whole article says."""

from __future__ import annotations

from dataclasses import replace

from contract.conftest import build_article
from worldbrief.domain import Author, Source
from worldbrief.domain.listing import ListingQuery
from worldbrief.membership.entitlements import Entitlement
from worldbrief.services.browse import latest_articles
from worldbrief.services.platform import Platform
from worldbrief.services.reading import servable, servable_listed
from worldbrief.web.api_models import ArticleSummary, listed_summary_of, public_of

SITE = "https://brief.example"


def test_a_listed_article_says_what_the_whole_article_says(platform: Platform) -> None:
    hostile = replace(
        build_article("b", focus={"UZ": 0.7, "KZ": 0.2}, mentioned={"RU": 0.4}),
        title="Escaped\x1b title",
        authors=(Author("Dana Analyst", None), Author("Wire desk", "Desk\x1b")),
        source=Source("Wire\x1b", "javascript:alert(1)", "https://example.org/feed"),
        updated_at=build_article("x").published_at,
    )
    outcomes = platform.store.upsert_articles(
        [build_article("a", focus={"KZ": 0.9}, regions=("central-asia",)), hostile]
    )
    assert [o.error for o in outcomes] == [None, None]
    page, listed = latest_articles(platform, ListingQuery(limit=10))
    assert [a.id for a in listed] == list(page.ids) and len(listed) == 2
    withheld = Entitlement(full_text=False, reason="test")
    for item in listed:
        whole = platform.store.get(item.id)
        assert whole is not None
        public = public_of(servable(whole), withheld, "", SITE)
        expected = ArticleSummary(**public.model_dump(include=set(ArticleSummary.model_fields)))
        summary = listed_summary_of(servable_listed(item), SITE)
        assert summary.model_dump_json() == expected.model_dump_json()
    (b,) = [a for a in listed if a.id == "b"]
    assert [(c.code, c.focus, c.primary) for c in b.countries] == [
        ("UZ", True, True),
        ("KZ", True, False),
        ("RU", False, False),
    ]
