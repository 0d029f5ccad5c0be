"""How deeply the elements of an HTML fragment nest.

Sanitisers take time in the square of the nesting depth, so a body nested thousands deep would
cost minutes each time it is rendered. Ingest refuses such bodies; rendering checks again, for
anything stored before the rule or by a path that skipped it.
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from worldbrief.text.characters import clean_text

# No article needs more; far below where sanitising gets slow (seconds at a few thousand).
MAX_MARKUP_DEPTH = 200


def markup_depth(fragment: str) -> int:
    """The deepest nesting of elements in ``fragment`` (libxml2 stops counting at 255).

    Parsed with lxml, whose time grows in proportion to the input whatever its shape."""
    try:
        root = lxml_html.fragment_fromstring(clean_text(fragment), create_parent="div")
    except (etree.ParserError, ValueError):
        return 0
    depth = deepest = 0
    for event, _element in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest - 1  # without the wrapper


def too_deep(fragment: str) -> bool:
    return "<" in fragment and markup_depth(fragment) > MAX_MARKUP_DEPTH
