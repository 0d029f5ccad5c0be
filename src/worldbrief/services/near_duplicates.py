"""Which earlier article a new one repeats: LSH candidates, verified on the text.

Candidates are stored articles and earlier articles of the same batch that share a
near-duplicate key; one is confirmed when the ``resemblance`` of the two bodies, and the
agreement of their numbers, reach the threshold. A copy links to the oldest confirmed original,
never to another copy.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from worldbrief.domain import Article
from worldbrief.enrich.fingerprint import (
    comparison_text,
    number_agreement,
    number_tokens,
    set_resemblance,
    shingle_hashes,
)
from worldbrief.store import ArticleStore

CANDIDATE_LIMIT = 20


@dataclass(frozen=True, slots=True)
class _Profile:
    """What two bodies are compared on."""

    shingles: frozenset[int]
    numbers: frozenset[str]

    @classmethod
    def of(cls, article: Article) -> _Profile:
        text = comparison_text(article)
        return cls(shingle_hashes(text), number_tokens(text))

    def repeats(self, other: _Profile, threshold: float) -> bool:
        return (
            set_resemblance(self.shingles, other.shingles) >= threshold
            and number_agreement(self.numbers, other.numbers) >= threshold
        )


class OriginalFinder:
    """Finds originals for the articles of one batch, in order; ``remember`` each article once
    its link is decided, so later articles of the batch can find it."""

    def __init__(self, store: ArticleStore, threshold: float) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be between 0 and 1, got {threshold}")
        self.store = store
        self.threshold = threshold
        self._batch: dict[str, Article] = {}
        self._batch_by_key: defaultdict[int, list[str]] = defaultdict(list)
        self._profiles: dict[str, _Profile] = {}

    def original_of(self, article: Article) -> str | None:
        """The id of the oldest original ``article`` repeats, or None."""
        keys = article.enrichment.near_duplicate_keys
        if not keys:
            return None
        candidates = self._candidates(article)
        if not candidates:
            return None
        mine = _Profile.of(article)
        confirmed = [c for c in candidates if mine.repeats(self._profile_of(c), self.threshold)]
        if not confirmed:
            return None
        return min(confirmed, key=lambda c: (c.published_at, c.id)).id

    def remember(self, article: Article) -> None:
        """Make ``article`` a candidate for the rest of the batch (unless it is itself a copy)."""
        self._forget(article.id)
        if article.duplicate_of is not None or not article.enrichment.near_duplicate_keys:
            return
        self._batch[article.id] = article
        for key in article.enrichment.near_duplicate_keys:
            self._batch_by_key[key].append(article.id)

    def _candidates(self, article: Article) -> list[Article]:
        keys = article.enrichment.near_duplicate_keys
        in_batch = {i for key in keys for i in self._batch_by_key.get(key, ())} - {article.id}
        stored_ids = self.store.near_duplicate_candidates(keys, article.id, CANDIDATE_LIMIT)
        # The batch holds the newer version of an article that is also stored.
        stored = self.store.get_many([i for i in stored_ids if i not in self._batch])
        # A copy stands for its original, which may have fallen outside the candidate limit.
        wanted = {a.duplicate_of for a in stored if a.duplicate_of is not None}
        wanted -= {a.id for a in stored} | self._batch.keys() | {article.id}
        stored.extend(self.store.get_many(sorted(wanted)))
        found = [self._batch[i] for i in sorted(in_batch)] + stored
        return [a for a in found if a.duplicate_of is None]

    def _profile_of(self, article: Article) -> _Profile:
        if article.id not in self._profiles:
            self._profiles[article.id] = _Profile.of(article)
        return self._profiles[article.id]

    def _forget(self, article_id: str) -> None:
        previous = self._batch.pop(article_id, None)
        self._profiles.pop(article_id, None)
        if previous is None:
            return
        for key in previous.enrichment.near_duplicate_keys:
            self._batch_by_key[key].remove(article_id)
