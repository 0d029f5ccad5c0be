"""Use case: the connected content of an article page, few and relevant rather than many.

Candidates come from two bounded sources, so the cost stays flat as the store grows: the store's
neighbours in time of each focus country (one index range per country) and the search index's
more-like-this hits. Each candidate's topic profile (countries, places, actors; no body) is
scored by ``services.relatedness``; below the threshold nothing is shown, however few remain.
Profiles are kept per article version (``services.kept_profiles``).
"""

from __future__ import annotations

from worldbrief.domain import Article
from worldbrief.domain.topic_profile import TopicProfile
from worldbrief.services.kept_profiles import kept_profiles_of, profiles_of
from worldbrief.services.platform import Platform
from worldbrief.services.relatedness import best_related, relatedness
from worldbrief.store import ArticleHeadline

CANDIDATES_BY_COUNTRY = 24
CANDIDATES_BY_TEXT = 24


def connected_content(platform: Platform, article: Article, limit: int) -> list[ArticleHeadline]:
    """Up to ``limit`` related articles, best first; never the article, its original or copies."""
    by_country = platform.site_reads.related_by_countries(article, CANDIDATES_BY_COUNTRY)
    text_alike = dict(platform.index.similar(article, CANDIDATES_BY_TEXT))
    excluded = {article.id, article.duplicate_of}
    ids = [i for i in dict.fromkeys([i for i, _ in by_country] + list(text_alike))]
    reads = platform.site_reads
    kept = kept_profiles_of(reads.lagging)
    candidates = [
        other
        for other in profiles_of(reads, [i for i in ids if i not in excluded], kept)
        if not other.duplicate_of
    ]
    own = TopicProfile.of(article)
    scored = [
        (c.article_id, relatedness(own, c, text_alike.get(c.article_id, 0.0))) for c in candidates
    ]
    return platform.site_reads.headlines(best_related(scored, limit))
