"""Which earlier article a new one repeats: LSH candidates, verified on the text.

Candidates are stored articles and earlier articles of the same batch that share a
near-duplicate key; one is confirmed when the ``resemblance`` of the two bodies, and the
agreement of their numbers, reach the threshold. A copy links to the oldest confirmed original,
never to another copy.

The cost per article stays flat as the store grows: the stored candidates of a whole batch come
from one lookup that reads at most ``KEY_FANOUT`` originals per key, and a key shared by that
many is skipped as boilerplate (a stock sentence, a template), since a real copy shares most of
its sixteen keys with its original and is found through the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from worldbrief.domain import Article
from worldbrief.enrich.fingerprint import (
    comparison_text,
    number_agreement,
    number_tokens,
    set_resemblance,
)
from worldbrief.enrich.shingles import shingle_set
from worldbrief.store import ArticleStore

CANDIDATE_LIMIT = 20
KEY_FANOUT = 64


class _Profile:
    """What two bodies are compared on: their shingles, then their numbers. Nearly every
    candidate fails on the shingles, so a text's numbers are read only when a comparison
    gets that far (reading them cost more than the shingles, for every candidate)."""

    __slots__ = ("_numbers", "_text", "shingles")

    def __init__(self, text: str) -> None:
        self._text = text
        self.shingles = shingle_set(text)
        self._numbers: frozenset[str] | None = None

    @property
    def numbers(self) -> frozenset[str]:
        if self._numbers is None:
            self._numbers = number_tokens(self._text)
        return self._numbers

    def repeats(self, other: _Profile, threshold: float) -> bool:
        return (
            set_resemblance(self.shingles, other.shingles) >= threshold
            and number_agreement(self.numbers, other.numbers) >= threshold
        )


@dataclass(frozen=True, slots=True)
class _Candidate:
    id: str
    published_at: datetime
    text: str  # the body without the title, as ``comparison_text`` gives it


class OriginalFinder:
    """Finds originals for the articles of one batch, in order: ``prepare`` the batch once,
    then ask ``original_of`` and ``remember`` each article once its link is decided, so later
    articles of the batch can find it."""

    def __init__(self, store: ArticleStore, threshold: float) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be between 0 and 1, got {threshold}")
        self.store = store
        self.threshold = threshold
        self._stored_by_key: dict[int, list[tuple[str, datetime]]] = {}
        self._common: set[int] = set()
        self._stored: dict[str, _Candidate] = {}
        self._ranked: dict[str, list[str]] = {}
        self._batch_ids: set[str] = set()
        self._batch: dict[str, _Candidate] = {}
        self._batch_by_key: defaultdict[int, list[str]] = defaultdict(list)
        self._profiles: dict[str, _Profile] = {}

    def prepare(self, articles: Sequence[Article]) -> None:
        """Look up the stored candidates of every article of the batch at once."""
        self._batch_ids = {a.id for a in articles}
        keys = {k for a in articles for k in a.enrichment.near_duplicate_keys}
        found = self.store.originals_by_key(sorted(keys), KEY_FANOUT + 1)
        self._common = {key for key, rows in found.items() if len(rows) > KEY_FANOUT}
        self._stored_by_key = {k: rows for k, rows in found.items() if k not in self._common}
        # The batch holds the newer version of an article that is also stored.
        self._ranked = {a.id: self._stored_ranked(a) for a in articles}
        wanted = {i for ranked in self._ranked.values() for i in ranked}
        texts = self.store.stored_texts(sorted(wanted))
        self._stored = {
            i: _Candidate(i, t.published_at, t.plain_text[len(t.title) :])
            for i, t in texts.items()
            if t.duplicate_of is None
        }

    def original_of(self, article: Article) -> str | None:
        """The id of the oldest original ``article`` repeats, or None."""
        keys = article.enrichment.near_duplicate_keys
        if not keys:
            return None
        ranked = self._ranked.get(article.id) or self._stored_ranked(article)
        candidates = [self._stored[i] for i in ranked if i in self._stored]
        candidates += [self._batch[i] for i in self._batch_ranked(article)]
        if not candidates:
            return None
        mine = _Profile(comparison_text(article))
        confirmed = [c for c in candidates if mine.repeats(self._profile_of(c), self.threshold)]
        if not confirmed:
            return None
        return min(confirmed, key=lambda c: (c.published_at, c.id)).id

    def remember(self, article: Article) -> None:
        """Make ``article`` a candidate for the rest of the batch (unless it is itself a copy)."""
        keys = article.enrichment.near_duplicate_keys
        if article.duplicate_of is not None or not keys:
            return
        self._batch[article.id] = _Candidate(
            article.id, article.published_at, comparison_text(article)
        )
        for key in keys:
            if key not in self._common:
                self._batch_by_key[key].append(article.id)

    def _stored_ranked(self, article: Article) -> list[str]:
        # Plain dictionaries: most keys find nothing, and a Counter's update per key cost
        # more than the counting. The order is total (ids are distinct), so it is the same.
        shared: dict[str, int] = {}
        published: dict[str, datetime] = {}
        for key in article.enrichment.near_duplicate_keys:
            for article_id, published_at in self._stored_by_key.get(key, ()):
                if article_id not in self._batch_ids:
                    shared[article_id] = shared.get(article_id, 0) + 1
                    published[article_id] = published_at
        if not shared:
            return []
        ranked = sorted(shared, key=lambda i: (-shared[i], published[i], i))
        return ranked[:CANDIDATE_LIMIT]

    def _batch_ranked(self, article: Article) -> list[str]:
        shared: dict[str, int] = {}
        for key in article.enrichment.near_duplicate_keys:
            ids = self._batch_by_key.get(key)
            if ids and len(ids) <= KEY_FANOUT:
                for i in ids:
                    if i != article.id:
                        shared[i] = shared.get(i, 0) + 1
        if not shared:
            return []
        ranked = sorted(shared, key=lambda i: (-shared[i], self._batch[i].published_at, i))
        return ranked[:CANDIDATE_LIMIT]

    def _profile_of(self, candidate: _Candidate) -> _Profile:
        profile = self._profiles.get(candidate.id)
        if profile is None:
            profile = self._profiles[candidate.id] = _Profile(candidate.text)
        return profile
