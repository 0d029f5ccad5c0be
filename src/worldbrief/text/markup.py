"""Article bodies as sanitised HTML and as plain text.

Every body that reaches a page goes through ``nh3`` (an allow-list sanitiser), whatever its format:
Markdown may embed raw HTML, and ingested HTML is untrusted.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

from worldbrief.domain import BodyFormat
from worldbrief.text.characters import clean_text
from worldbrief.text.nesting import too_deep

_ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan"},
    "th": {"colspan"},
}
_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|pre|tr|div|section|article)>|<br\s*/?>", re.I)
_H1 = re.compile(r"<(/?)h1\b", re.I)  # the page title is the only h1; body headings step down
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n\s*\n\s*")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")


def sanitize_html(raw: str) -> str:
    """Keep structural and inline formatting; drop scripts, styles, handlers and foreign schemes."""
    return nh3.clean(
        _H1.sub(r"<\1h2", raw),
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def body_to_html(body: str, body_format: BodyFormat) -> str:
    """Sanitised HTML for display, without the characters XML 1.0 forbids (feeds carry it).

    Markup nested too deep to sanitise quickly is shown as its plain text instead."""
    body = clean_text(body)
    if body_format is not BodyFormat.TEXT:
        rendered = _markdown().render(body) if body_format is BodyFormat.MARKDOWN else body
        if not too_deep(rendered):
            return sanitize_html(rendered)
        body = html_to_text(_TAG.sub(" ", rendered))
    paragraphs = [p.strip() for p in _BLANKS.split(body.strip()) if p.strip()]
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def html_to_text(raw: str) -> str:
    """Readable plain text: block elements become paragraph breaks, entities are decoded."""
    text = _BLOCK_END.sub("\n\n", raw)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def body_to_text(body: str, body_format: BodyFormat) -> str:
    """The body's plain text, the basis of every enrichment offset."""
    if body_format is BodyFormat.TEXT:
        return body.strip()
    rendered = _markdown().render(body) if body_format is BodyFormat.MARKDOWN else body
    return html_to_text(sanitize_html(rendered))


def compose_plain_text(title: str, body_text: str) -> str:
    """Title, a blank line, then the body: the one text that annotation offsets point into."""
    return f"{title.strip()}\n\n{body_text}"


def first_sentences(text: str, limit: int = 280) -> str:
    """A teaser from the body when the source gives none: whole sentences up to ``limit`` chars."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    if end >= limit // 3:
        return cut[: end + 1]
    return cut[: cut.rfind(" ")].rstrip(",;:") + "…"
