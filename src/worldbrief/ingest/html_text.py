"""HTML fragments (feed entry content, summaries) to readable plain text.

Parsed with lxml (libxml2's tolerant HTML parser), which takes time in proportion to the input
whatever its shape; Python's ``html.parser`` needs minutes for a few hundred kilobytes of unclosed
comments (``<!--<!--<!--``), which a hostile feed can send.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from worldbrief.text.characters import clean_text
from worldbrief.text.nesting import markup_depth

__all__ = ["html_to_text", "markup_depth"]

_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
})  # fmt: skip
_DROPPED_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_TAG = re.compile(r"<[^<>]*>")  # no nested quantifier: linear on any input


def html_to_text(fragment: str) -> str:
    """Text of ``fragment``: block elements become paragraphs, scripts and styles are dropped."""
    fragment = clean_text(fragment)
    if not fragment.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):  # nothing parseable, or an encoding declaration
        return _tidy(_TAG.sub(" ", fragment).replace("\n", " "))
    return _tidy("".join(_text_parts(root)))


def _text_parts(root: etree._Element) -> list[str]:
    """Walked without recursion: nesting depth is the input's choice."""
    parts: list[str] = []
    dropped = 0  # depth inside script, style and the like
    pre = 0  # depth inside <pre>, where line breaks are content
    for event, element in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        tag = element.tag if isinstance(element.tag, str) else None
        if tag is None:  # a comment or processing instruction: only the text after it counts
            parts.append("" if dropped else _data(element.tail, pre))
            continue
        if event == "start":
            if tag in _DROPPED_TAGS:
                dropped += 1
            elif not dropped:
                pre += tag == "pre"
                parts.append(_opening(tag))
                parts.append(_data(element.text, pre))
            continue
        if tag in _DROPPED_TAGS:
            dropped -= 1
        elif not dropped:
            parts.append("\n\n" if tag in _BLOCK_TAGS else "")
            pre -= tag == "pre"
        if not dropped and element is not root:
            parts.append(_data(element.tail, pre))
    return parts


def _opening(tag: str) -> str:
    if tag == "br":
        return "\n"
    return "\n\n" if tag in _BLOCK_TAGS else ""


def _data(text: str | None, pre: int) -> str:
    if not text:
        return ""
    return text if pre else text.replace("\n", " ")


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
