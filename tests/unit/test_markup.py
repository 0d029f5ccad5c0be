import pytest

from worldbrief.domain import BodyFormat
from worldbrief.text.characters import has_forbidden_characters
from worldbrief.text.markup import body_to_html, body_to_text, first_sentences


def test_markdown_is_rendered_and_scripts_are_dropped() -> None:
    html = body_to_html(
        "## Outlook\n\nWater *matters*.<script>alert(1)</script> [x](javascript:alert(1))",
        BodyFormat.MARKDOWN,
    )
    assert "<h2>Outlook</h2>" in html
    assert "<em>matters</em>" in html
    assert "<script" not in html
    assert 'href="javascript' not in html


def test_html_bodies_lose_handlers_and_styles() -> None:
    html = body_to_html(
        '<p onclick="steal()" style="color:red">Hi <a href="https://a.example/x">a</a></p>'
        "<iframe src=//evil></iframe>",
        BodyFormat.HTML,
    )
    assert "onclick" not in html and "style" not in html and "iframe" not in html
    assert 'href="https://a.example/x"' in html


def test_plain_text_bodies_are_escaped_paragraphs() -> None:
    assert body_to_html("a < b\n\nsecond", BodyFormat.TEXT) == "<p>a &lt; b</p>\n<p>second</p>"


def test_text_of_markdown_keeps_paragraph_breaks_and_decodes_entities() -> None:
    text = body_to_text("# Title\n\nOne &amp; two.\n\n- item", BodyFormat.MARKDOWN)
    assert text == "Title\n\nOne & two.\n\nitem"
    assert "<h2>Title</h2>" in body_to_html("# Title", BodyFormat.MARKDOWN)


def test_teaser_ends_on_a_sentence() -> None:
    text = "Kazakhstan raised output. " * 30
    teaser = first_sentences(text, 100)
    assert teaser.endswith(".") and len(teaser) <= 100


@pytest.mark.parametrize("body_format", list(BodyFormat))
def test_rendered_bodies_carry_no_character_xml_forbids(body_format: BodyFormat) -> None:
    html = body_to_html("Tankers\x1b[31m\x01 left port\uffff.\n\nTwo\x0b days later.", body_format)
    assert "Tankers[31m left port." in html and "Two days later." in html
    assert not has_forbidden_characters(html)
