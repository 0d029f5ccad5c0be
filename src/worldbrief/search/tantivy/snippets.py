"""Tantivy's snippets (a fragment and its match ranges) as the snippet HTML all backends share."""

from __future__ import annotations

import tantivy

from worldbrief.search.highlight import marked_fragment


def marked_html(snippet: tantivy.Snippet, source: str) -> str | None:
    """The snippet's fragment with its matches marked; None when nothing in ``source`` matched.

    Tantivy reports highlight ranges in UTF-8 bytes of the fragment, hence the byte slicing.
    """
    ranges = sorted((r.start, r.end) for r in snippet.highlighted())
    if not ranges:
        return None
    raw = snippet.fragment().encode()
    pieces: list[tuple[str, bool]] = []
    cursor = 0
    for start, end in ranges:
        start = max(start, cursor)
        if end <= start:
            continue
        pieces.append((raw[cursor:start].decode(errors="replace"), False))
        pieces.append((raw[start:end].decode(errors="replace"), True))
        cursor = end
    pieces.append((raw[cursor:].decode(errors="replace"), False))
    fragment = snippet.fragment_range()
    encoded = source.encode()
    before = encoded[: fragment.start].decode(errors="replace")
    after = encoded[fragment.end :].decode(errors="replace")
    return marked_fragment(pieces, before, after)
