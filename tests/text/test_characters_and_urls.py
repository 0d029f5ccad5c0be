"""Text every serialisation can carry, and the URLs we agree to link to."""

from __future__ import annotations

import pytest

from worldbrief.text.characters import clean_text, clean_value, has_forbidden_characters
from worldbrief.text.urls import UnsafeUrlError, checked_http_url, safe_http_url


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x1b", "\ufffe", "\uffff", "\ud800"])
def test_characters_xml_forbids_are_removed(bad: str) -> None:
    assert has_forbidden_characters(f"a{bad}b")
    assert clean_text(f"a{bad}b") == "ab"


def test_tabs_newlines_and_ordinary_unicode_are_kept() -> None:
    text = "Almaty\tAktau\r\nМангистау 🌍 \u2028"
    assert clean_text(text) == text


def test_clean_value_cleans_keys_and_nested_strings() -> None:
    assert clean_value({"k\x00": ["v\x1b", {"x": "\uffffy"}], "n": 3}) == {
        "k": ["v", {"x": "y"}],
        "n": 3,
    }


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "\x01javascript:alert(1)",
        " \tJaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//example.org/no-scheme",
        "ftp://example.org/file",
        "http://" + "a" * 64 + ".example/",
        "https://exa mple.org/",
        "http://example.org:99999/",
        "http:///path-only",
    ],
)
def test_unsafe_urls_are_refused(url: str) -> None:
    assert safe_http_url(url) is None
    with pytest.raises(UnsafeUrlError):
        checked_http_url(url)


@pytest.mark.parametrize(
    "url",
    ["https://example.org/a?b=c#d", "http://[2001:db8::1]:8080/x", "https://bücher.example/ä"],
)
def test_http_urls_pass(url: str) -> None:
    assert checked_http_url(f"  {url}\n") == url


def test_a_stored_body_nested_too_deep_renders_as_text_quickly() -> None:
    from worldbrief.domain import BodyFormat
    from worldbrief.text.markup import body_to_html
    from worldbrief.text.nesting import MAX_MARKUP_DEPTH, markup_depth

    deep = "<div>" * 5000 + "Aktau clashes" + "</div>" * 5000
    assert markup_depth(deep) > MAX_MARKUP_DEPTH
    rendered = body_to_html(deep, BodyFormat.HTML)
    # Shown as plain text, without handing the nesting to the sanitiser.
    assert rendered == "<p>Aktau clashes</p>"
    shallow = "<p>Aktau <em>clashes</em></p>"
    assert body_to_html(shallow, BodyFormat.HTML) == shallow
