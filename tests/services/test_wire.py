"""What crosses between the command and its enrichment workers comes back equal."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from multiprocessing.reduction import ForkingPickler

import pytest

from worldbrief.domain import (
    Article,
    ArticleType,
    Author,
    BodyFormat,
    CountryMention,
    Enrichment,
    EntityType,
    NamedEntity,
    PlaceMention,
    RawDocument,
    RegionMention,
    RejectedRecord,
    Source,
    Span,
)
from worldbrief.domain.events import ActorRole, ActorType, DatePrecision, EventActor, EventMention
from worldbrief.services.enrichment_runs import Built
from worldbrief.services.wire import send_compactly

TEXT = "Protesters marched in Osh on Monday; police said two people died."


def _article() -> Article:
    enrichment = Enrichment(
        language="en",
        reading_minutes=1,
        places=(PlaceMention(14, 17, "Osh", "Osh", 1527534, 40.53, 72.8, "KG", "10", "PPLA"),),
        countries=(CountryMention("KG", "Kyrgyzstan", 1.0, True, (Span(14, 17),), primary=True),),
        regions=(RegionMention("central-asia", "Central Asia"),),
        entities=(NamedEntity("org:police", "police", EntityType.ORGANIZATION, (Span(31, 37),)),),
        events=(
            EventMention(
                type="Protests",
                subtype="Peaceful protest",
                confidence=0.8,
                evidence=(Span(0, 22),),
                date=date(2024, 2, 5),
                date_precision=DatePrecision.DAY,
                date_text="on Monday",
                actors=(EventActor("Protesters", ActorRole.ACTOR1, ActorType.PROTESTERS),),
                fatalities=2,
            ),
        ),
        near_duplicate_keys=(11, 42),
    )
    return Article(
        id="a1",
        type=ArticleType.DISPATCH,
        title="March in Osh",
        body=TEXT,
        body_format=BodyFormat.TEXT,
        plain_text=TEXT,
        published_at=datetime(2024, 2, 6, 9, 30, tzinfo=UTC),
        authors=(Author("A. Writer"),),
        source=Source(name="Wire", url="https://example.org/a1"),
        metadata={"desk": ["asia"]},
        enrichment=enrichment,
    )


def test_an_enriched_article_and_a_record_come_back_equal_through_the_pool_pickler() -> None:
    sent = [
        Built(_article(), "corpus.jsonl:1", undated=False),
        RejectedRecord("corpus.jsonl:2", "not JSON"),
        RawDocument("corpus.jsonl:3", "March", TEXT, authors=(Author("A. Writer"),)),
    ]
    received = pickle.loads(ForkingPickler.dumps(sent))
    assert received == sent
    assert [type(r) for r in received] == [type(s) for s in sent]


def test_a_class_with_a_field_its_constructor_does_not_take_is_refused() -> None:
    @dataclass(frozen=True, slots=True)
    class Derived:
        value: int
        twice: int = field(init=False, default=0)

    with pytest.raises(TypeError, match="constructor does not take"):
        send_compactly([Derived])
