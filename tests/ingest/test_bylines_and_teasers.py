"""Bylines are names, never e-mail addresses; teasers are the first sentences, not the body."""

from __future__ import annotations

import pytest

from support.feed_samples import FEED_URL
from worldbrief.domain import Author, RawDocument
from worldbrief.ingest import FetchResult, document_from_page, parse_feed
from worldbrief.ingest.bylines import byline_name
from worldbrief.services.article_builder import build_article

LONG_TEXT = (
    "Herders in the Liptako-Gourma moved south early this year. Wells near Dori ran dry by "
    "March, and the price of fodder doubled in the markets of the region. Officials in Niamey "
    "said that convoys would resume within weeks. Traders in Gao were less sure, and many kept "
    "their trucks at home while the rains held off and the roads stayed closed to all but "
    "armed escorts."
)
FIRST_SENTENCES = (
    "Herders in the Liptako-Gourma moved south early this year. Wells near Dori ran dry by "
    "March, and the price of fodder doubled in the markets of the region. Officials in Niamey "
    "said that convoys would resume within weeks."
)


def rss_item(inner: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Sahel Watch</title><item><title>Herders move south</title>{inner}"
        "</item></channel></rss>"
    ).encode()


def only_document(data: bytes) -> RawDocument:
    (entry,) = parse_feed(data, FEED_URL).entries
    assert isinstance(entry, RawDocument), entry
    return entry


@pytest.mark.parametrize(
    ("author_field", "expected"),
    [
        ("<author>desk@sahelwatch.example (Ines Diallo)</author>", (Author("Ines Diallo"),)),
        ("<author>Ines Diallo &lt;desk@sahelwatch.example&gt;</author>", (Author("Ines Diallo"),)),
        ("<author>Ines Diallo (desk@sahelwatch.example)</author>", (Author("Ines Diallo"),)),
        ("<author>desk@sahelwatch.example</author>", ()),
        ("<author>mailto:desk@sahelwatch.example</author>", ()),
        ("<author>noreply@blogger.example (Unknown)</author>", ()),
        ("<dc:creator>Ines Diallo</dc:creator>", (Author("Ines Diallo"),)),
        (
            "<dc:creator>Ines Diallo</dc:creator><dc:creator>Amadou Sy</dc:creator>",
            (Author("Ines Diallo"), Author("Amadou Sy")),
        ),
        (  # the same person in two fields is one byline
            "<author>desk@sahelwatch.example (Ines Diallo)</author><dc:creator>Ines Diallo"
            "</dc:creator>",
            (Author("Ines Diallo"),),
        ),
    ],
)
def test_rss_author_fields_give_the_name(author_field: str, expected: tuple[Author, ...]) -> None:
    doc = only_document(rss_item(f"{author_field}<description>Wells ran dry.</description>"))
    assert doc.authors == expected


def test_atom_authors_are_their_names_and_an_address_alone_is_no_author() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>Sahel Watch</title><id>urn:f</id>
      <author><name>Sahel Watch desk</name></author>
      <entry><title>Herders</title><id>urn:1</id><summary>Wells ran dry.</summary>
        <author><name>Ines Diallo</name><email>desk@sahelwatch.example</email></author>
        <author><name>Amadou Sy</name></author>
        <author><email>tips@sahelwatch.example</email></author>
        <author><name>archive@sahelwatch.example</name></author>
      </entry>
      <entry><title>Markets</title><id>urn:2</id><summary>Prices doubled.</summary></entry>
    </feed>"""
    first, second = parse_feed(atom, FEED_URL).entries
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.authors == (Author("Ines Diallo"), Author("Amadou Sy"))
    assert second.authors == (Author("Sahel Watch desk"),)  # an entry inherits the feed's


def test_a_feed_that_is_not_well_formed_still_gives_the_name() -> None:
    """feedparser reads it leniently; the author field is then taken from what it kept."""
    broken = rss_item(
        "<author>desk@sahelwatch.example (Ines Diallo)</author>"
        "<description>Wells ran dry &amp; prices rose &nbsp; again.</description>"
    )
    feed = parse_feed(broken, FEED_URL)
    (doc,) = feed.entries
    assert isinstance(doc, RawDocument)
    assert doc.authors == (Author("Ines Diallo"),)


@pytest.mark.parametrize(
    "raw",
    ["desk@sahelwatch.example", "<desk@sahelwatch.example>", "(desk@sahelwatch.example)", ""],
)
def test_an_address_alone_is_no_byline(raw: str) -> None:
    assert byline_name(raw) is None


def test_a_name_with_brackets_of_its_own_is_kept() -> None:
    assert byline_name("Ines Diallo (Sahel Watch)") == "Ines Diallo (Sahel Watch)"
    assert byline_name("(Ines) Diallo (Sahel)") == "(Ines) Diallo (Sahel)"


def test_an_item_with_only_a_description_gets_its_first_sentences_as_teaser() -> None:
    doc = only_document(rss_item(f"<description>&lt;p&gt;{LONG_TEXT}&lt;/p&gt;</description>"))
    assert doc.body == LONG_TEXT
    assert doc.teaser == FIRST_SENTENCES
    assert build_article(doc).teaser == FIRST_SENTENCES


def test_a_description_that_repeats_the_content_is_not_the_teaser_whole() -> None:
    """Full-text feeds put the whole article in the description as well as in the content."""
    doc = only_document(
        rss_item(
            f"<description>{LONG_TEXT}</description>"
            f"<content:encoded><![CDATA[<p>{LONG_TEXT}</p>]]></content:encoded>"
        )
    )
    assert doc.body == LONG_TEXT
    assert doc.teaser == FIRST_SENTENCES


def test_a_short_description_beside_the_content_is_the_teaser() -> None:
    doc = only_document(
        rss_item(
            "<description>Wells run dry in the Liptako-Gourma.</description>"
            f"<content:encoded><![CDATA[<p>{LONG_TEXT}</p>]]></content:encoded>"
        )
    )
    assert doc.teaser == "Wells run dry in the Liptako-Gourma."


def page(meta: str) -> FetchResult:
    html = (
        f"<html><head><title>Herders move south</title>{meta}</head><body><article>"
        f"<h1>Herders move south</h1><p>{LONG_TEXT}</p><p>{LONG_TEXT}</p></article></body></html>"
    )
    return FetchResult(
        requested_url="https://sahelwatch.example/herders",
        final_url="https://sahelwatch.example/herders",
        status=200,
        content_type="text/html",
        charset="utf-8",
        body=html.encode(),
        etag=None,
        last_modified=None,
    )


def test_a_page_author_meta_with_an_address_gives_the_name() -> None:
    doc = document_from_page(
        page('<meta name="author" content="Ines Diallo <desk@sahelwatch.example>">')
    )
    assert doc.authors == (Author("Ines Diallo"),)
    bare = document_from_page(page('<meta name="author" content="desk@sahelwatch.example">'))
    assert bare.authors == ()


def test_a_long_page_description_becomes_its_first_sentences() -> None:
    doc = document_from_page(page(f'<meta name="description" content="{LONG_TEXT}">'))
    assert doc.teaser == FIRST_SENTENCES
