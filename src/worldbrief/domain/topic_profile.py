"""What connected content compares of an article: the ground it is about and who it names."""

from __future__ import annotations

from dataclasses import dataclass

from worldbrief.domain.article import Article


@dataclass(frozen=True, slots=True)
class TopicProfile:
    """``focus``: (ISO code, primary) of each focus country, strongest first; ``places``:
    (GeoNames id, feature code) of each resolved place; ``actors``: entity ids."""

    article_id: str
    focus: tuple[tuple[str, bool], ...]
    places: tuple[tuple[int, str], ...]
    actors: tuple[str, ...] = ()
    duplicate_of: str | None = None

    @classmethod
    def of(cls, article: Article) -> TopicProfile:
        e = article.enrichment
        return cls(
            article_id=article.id,
            focus=tuple((c.code, c.primary) for c in e.focus_countries),
            places=tuple((p.geonameid, p.feature) for p in e.places if p.geonameid is not None),
            actors=tuple(entity.id for entity in e.entities),
            duplicate_of=article.duplicate_of,
        )
