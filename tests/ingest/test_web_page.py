"""Fetched pages to documents: main text, metadata and the page's charset."""

from __future__ import annotations

import pytest

from support.local_http_server import LocalServer, Reply
from worldbrief.config import Settings
from worldbrief.domain import Author, BodyFormat
from worldbrief.ingest import ExtractionError, FetchResult, SafeFetcher, document_from_page

ARTICLE = (
    "<html><head><title>{title} | Steppe News</title>{meta}"
    '<meta name="author" content="Aigerim Sadykova">'
    '<meta property="og:site_name" content="Steppe News">'
    '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
    '<link rel="canonical" href="https://news.example.org/grain"></head>'
    "<body><nav>Home | World | Markets</nav><article><h1>{title}</h1>"
    "<p>{text} officials said on Tuesday in the capital.</p>"
    "<p>The ministry expects further growth as new rail links open and shipping through the "
    "Middle Corridor expands over the coming years.</p></article></body></html>"
)


def page_result(body: bytes, charset: str | None = None) -> FetchResult:
    return FetchResult(
        requested_url="https://news.example.org/g",
        final_url="https://news.example.org/grain?ref=rss",
        status=200,
        content_type="text/html",
        charset=charset,
        body=body,
        etag=None,
        last_modified=None,
    )


def test_fetched_page_becomes_a_document(server: LocalServer, local_settings: Settings) -> None:
    html = ARTICLE.format(title="Grain exports rise", meta="", text="Kazakhstan exported more")
    url = server.reply("/grain", Reply(html.encode("utf-8")))
    doc = document_from_page(SafeFetcher(local_settings).fetch(url))
    assert doc.title == "Grain exports rise"
    assert doc.body_format is BodyFormat.TEXT
    assert doc.body.startswith("Kazakhstan exported more officials said")
    assert "Home | World" not in doc.body
    assert doc.authors == (Author("Aigerim Sadykova"),)
    assert doc.source_name == "Steppe News"
    assert doc.url == "https://news.example.org/grain"
    assert doc.location == url
    assert doc.published_at is not None and doc.published_at.isoformat().startswith("2024-03-05")


def test_charset_from_header_then_meta_then_fallback() -> None:
    text = "Казахстан увеличил экспорт зерна, "
    html = ARTICLE.format(title="Зерно", meta="", text=text)
    from_header = document_from_page(page_result(html.encode("koi8_r"), charset="KOI8-R"))
    assert from_header.body.startswith(text)
    assert from_header.metadata == {"encoding": "koi8-r"}

    with_meta = ARTICLE.format(title="Зерно", meta='<meta charset="windows-1251">', text=text)
    from_meta = document_from_page(page_result(with_meta.encode("cp1251")))
    assert from_meta.body.startswith(text) and from_meta.title == "Зерно"

    latin = ARTICLE.format(title="Café", meta="", text="Les négociations à Genève, ")
    undeclared = document_from_page(page_result(latin.encode("cp1252")))
    assert undeclared.title == "Café" and undeclared.metadata == {"encoding": "cp1252"}


def test_page_without_article_text_is_an_extraction_error() -> None:
    empty = b"<html><head><title>Login</title></head><body><script>x()</script></body></html>"
    with pytest.raises(ExtractionError, match="no article text"):
        document_from_page(page_result(empty))
    with pytest.raises(ExtractionError, match="binary"):
        document_from_page(page_result(b"\x00\x01\x02" * 100))
