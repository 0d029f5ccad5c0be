"""The store's own last check of the ingest rules: an article built around ``build_article`` with a
date the index cannot hold or a NUL character is refused alone, and the rest of the batch stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

from worldbrief.domain import Article, Author
from worldbrief.store import ArticleStore

MakeArticle = Callable[..., Article]


def test_dates_outside_the_supported_range_and_nul_are_refused_alone(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    far = datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5)))
    batch = [
        make_article("good-1"),
        make_article("early", published=datetime(1600, 1, 1, tzinfo=UTC)),
        make_article("far", published=far),
        make_article("late-update", updated_at=datetime(2300, 1, 1, tzinfo=UTC)),
        make_article("nul-title", title="Grain\x00"),
        make_article("nul-author", authors=(Author("Dana\x00"),)),
        make_article("nul-metadata", metadata={"k": ["v\x00"]}),
        make_article("good-2", published=datetime(1700, 1, 1, tzinfo=UTC)),
    ]
    outcomes = store.upsert_articles(batch)
    assert [o.status for o in outcomes] == ["created", *["rejected"] * 6, "created"]
    reasons = [o.error or "" for o in outcomes[1:7]]
    assert all("supported range" in r for r in reasons[:3])
    assert [r.split(" ")[0] for r in reasons[3:]] == ["title", "authors[0]", "metadata"]
    assert store.count() == 2
