"""Topic profiles of articles (what connected content compares), kept per article version.

An article page scores about fifty candidates, and reading their profiles (two JSON columns
and two child tables each) cost a quarter of the page's time; the same candidates recur on
the pages of articles near in time and place. A profile is kept under ``(article id, seq)``,
``seq`` being the change-log sequence of the article's last write, which every write of its
row, children and stage rows moves: a changed article is never scored from an old profile.
"""

from __future__ import annotations

from collections.abc import Sequence

from worldbrief.domain.topic_profile import TopicProfile
from worldbrief.services.bounded_cache import BoundedCache, PerStore
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.site_reads import SiteReads

CAPACITY = 50_000  # profiles per process, a few hundred bytes each

Key = tuple[str, int]


class KeptProfiles:
    """Profiles by article version, the least recently used dropped past ``capacity``; safe to
    use from several threads."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        if capacity < 0:
            raise ValueError(f"capacity must be 0 or more, got {capacity}")
        self._kept: BoundedCache[Key, TopicProfile] = BoundedCache(capacity)

    def get(self, article_id: str, seq: int) -> TopicProfile | None:
        return self._kept.get((article_id, seq))

    def put(self, seq: int, profile: TopicProfile) -> None:
        key = (profile.article_id, seq)
        if not self._kept.put(key, profile):
            self._kept.get(key)  # the same version already kept: now the most recently used

    def __len__(self) -> int:
        return len(self._kept)


def profiles_of(reads: SiteReads, ids: Sequence[str], kept: KeptProfiles) -> list[TopicProfile]:
    """The profiles of the stored articles among ``ids``, in that order: one read of their
    versions, and the profiles of those not kept at that version."""
    versions = reads.article_versions(ids)
    found: dict[str, TopicProfile] = {}
    for article_id, seq in versions.items():
        profile = kept.get(article_id, seq)
        if profile is not None:
            found[article_id] = profile
    missing = [i for i in versions if i not in found]
    for seq, profile in reads.topic_profiles(missing) if missing else ():
        kept.put(seq, profile)  # under the version it was read at, which may be newer
        found[profile.article_id] = profile
    return [found[i] for i in ids if i in found]


_BY_STORE: PerStore[ArticleStore, KeptProfiles] = PerStore()


def kept_profiles_of(store: ArticleStore) -> KeptProfiles:
    """The profiles kept for articles read from ``store`` (sequences are a store's own);
    gone with the store."""
    return _BY_STORE.of(store, KeptProfiles)
