"""An ingested article's text opens with its headline: the body's sentences are the evidence
first, and the headline's report joins the body's report of the same event."""

from __future__ import annotations

from datetime import UTC, datetime

from worldbrief.domain import Article, ArticleType, BodyFormat
from worldbrief.enrich.events import EventTagger

TITLE = "Police clash with protesters in capital"
BODY = (
    "Police fired tear gas and rubber bullets on Sunday to break up a march of thousands of "
    "students demanding the minister's resignation. Several protesters were hurt, witnesses said."
)


def _article(title: str, body: str) -> Article:
    return Article(
        id="a1",
        type=ArticleType.NEWS,
        title=title,
        body=body,
        body_format=BodyFormat.TEXT,
        plain_text=f"{title}\n\n{body}" if title else body,
        published_at=datetime(2024, 8, 6, 9, tzinfo=UTC),
    )


def test_the_body_reports_the_event_before_the_headline() -> None:
    article = _article(TITLE, BODY)
    events = EventTagger()(article).enrichment.events
    body_start = len(TITLE) + 2
    main = events[0]
    assert (main.type, main.subtype) == ("Protests", "Protest with intervention")
    assert main.evidence[0].start >= body_start
    assert any(span.start < body_start for span in main.evidence)  # the headline joins it
    assert all(event.evidence[0].start >= body_start for event in events)


def test_a_text_without_a_headline_is_read_as_before() -> None:
    plain = EventTagger()(_article("", BODY)).enrichment.events
    assert plain and plain[0].evidence[0].start == 0
