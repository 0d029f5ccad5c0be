"""What Atom entries read of articles: only what they show, in the order asked, with the
sequence of each article's last write (which versions its rendered body)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from contract.conftest import MakeArticle
from worldbrief.domain import AccessLevel, ArticleType, Author, BodyFormat
from worldbrief.store import ArticleStore


def test_entries_carry_what_an_entry_shows_in_the_order_asked(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    updated = datetime(2024, 3, 2, 9, 30, tzinfo=UTC)
    first = make_article(
        "a1",
        focus={"KZ": 0.9, "UZ": 0.4},
        mentioned={"RU": 0.2},
        authors=(Author("Dana Analyst", "Eurasia Analyst"), Author("Wire desk", None)),
        teaser="Steppe wells.",
        body="# Wells\n\nSome *oil*.",
        updated_at=updated,
        access=AccessLevel.MEMBERS,
        type=ArticleType.DISPATCH,
    )
    second = make_article("a2", focus={"CN": 0.8}, body_format=BodyFormat.TEXT)
    outcomes = store.upsert_articles([first, second])

    entries = store.feed_articles(["a2", "missing", "a1"])

    assert [e.id for e in entries] == ["a2", "a1"]
    a2, a1 = entries
    assert (a1.title, a1.teaser, a1.body, a1.body_format) == (
        "Title of a1",
        "Steppe wells.",
        "# Wells\n\nSome *oil*.",
        BodyFormat.MARKDOWN,
    )
    assert (a1.type, a1.access, a1.updated_at) == (
        ArticleType.DISPATCH,
        AccessLevel.MEMBERS,
        updated,
    )
    assert a1.published_at == first.published_at and a1.published_at.tzinfo is not None
    assert a1.authors == first.authors
    # Focus countries only (a mention is no category), strongest first, as stored.
    assert [(c.code, c.name) for c in a1.focus_countries] == [
        ("KZ", "Kazakhstan"),
        ("UZ", "Uzbekistan"),
    ]
    assert [c.code for c in a1.focus_countries] == [
        c.code for c in first.enrichment.focus_countries
    ]
    assert (a2.body_format, a2.updated_at, a2.access) == (BodyFormat.TEXT, None, AccessLevel.FREE)
    assert {e.id: e.seq for e in entries} == {o.article_id: o.seq for o in outcomes}
    assert store.feed_articles([]) == []


def test_every_write_of_an_article_gives_it_a_new_sequence(
    store: ArticleStore, make_article: MakeArticle
) -> None:
    article = make_article("a1", focus={"KZ": 0.9})
    store.upsert_articles([article, make_article("a2")])
    (before,) = store.feed_articles(["a1"])

    store.upsert_articles([article])  # unchanged: not written, the same version
    assert store.feed_articles(["a1"])[0].seq == before.seq

    store.upsert_articles([replace(article, body="Body rewritten.")])
    (after,) = store.feed_articles(["a1"])
    assert after.body == "Body rewritten." and after.seq > before.seq

    store.delete("a1")
    assert store.feed_articles(["a1"]) == []
    store.upsert_articles([article])  # the same text again, after a delete: a new version
    assert store.feed_articles(["a1"])[0].seq > after.seq
