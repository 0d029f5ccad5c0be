"""More like this: articles sharing the telling words of a given one."""

from __future__ import annotations

from collections.abc import Callable

from worldbrief.domain import Article
from worldbrief.search.index import SearchIndex

Factory = Callable[..., Article]


def test_similar_articles_share_topic_words_best_first(
    article: Factory, indexed: Callable[..., SearchIndex]
) -> None:
    dams = article(
        "dams",
        "Syr Darya dams strain water sharing",
        "Kazakhstan accuses Uzbekistan of holding back Syr Darya water behind new dams.",
    )
    index = indexed(
        dams,
        article(
            "rogun",
            "Rogun dam and the Amu Darya",
            "Tajikistan fills the Rogun dam; downstream Uzbekistan fears for its water.",
        ),
        article(
            "quota",
            "Syr Darya water quotas agreed",
            "Kazakhstan and Uzbekistan agree Syr Darya water quotas for the summer and new dams.",
        ),
        article("football", "Cup final tonight", "The two clubs meet in the final in Almaty."),
    )
    similar = index.similar(dams, limit=5)
    ranked = [article_id for article_id, _ in similar]
    assert ranked[:2] == ["quota", "rogun"]
    assert "dams" not in ranked and "football" not in ranked
    assert similar[0][1] > similar[1][1] > 0


def test_an_article_not_yet_indexed_can_ask_for_similar_ones(
    article: Factory, indexed: Callable[..., SearchIndex]
) -> None:
    index = indexed(
        article("wheat", "Wheat exports from the Black Sea", "Grain corridor shipments resume."),
        article("chips", "Chip export controls", "Semiconductor rules tighten."),
    )
    draft = article("draft", "Black Sea grain corridor", "Wheat shipments and the corridor deal.")
    assert [article_id for article_id, _ in index.similar(draft)] == ["wheat"]


def test_limits_and_empty_articles(article: Factory, indexed: Callable[..., SearchIndex]) -> None:
    index = indexed(article("a", "Wheat exports", "Grain corridor."))
    assert index.similar(article("b", "Wheat exports", "Grain."), limit=0) == []
    assert index.similar(article("c", "", "")) == []


def test_words_tied_at_the_cut_give_the_same_answer_every_time(
    article: Factory, indexed: Callable[..., SearchIndex]
) -> None:
    """More telling words than a query keeps, all scoring alike (each once in the article
    and in one other): which are kept, and so what is found and how alike, never varies."""
    words = [f"zed{i:03d}q" for i in range(90)]
    focus = article("focus", "Ledger", " ".join(words))
    others = [
        article(f"o{i:03d}", "Notes", f"{word} and filler text") for i, word in enumerate(words)
    ]
    index = indexed(focus, *others)
    first = index.similar(focus, limit=24)
    assert len(first) == 24
    for _ in range(8):  # each query once built its own hash map, ordered anew
        assert index.similar(focus, limit=24) == first
