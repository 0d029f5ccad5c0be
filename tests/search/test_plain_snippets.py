"""Snippets for programs: the marked HTML read back as plain text and match offsets."""

from worldbrief.search.highlight import plain_snippet


def test_entities_are_decoded_and_offsets_point_at_the_matches() -> None:
    marked = "… AT&amp;T&#x27;s <mark>dams</mark> &lt;b&gt; on the <mark>Syr</mark> …"
    snippet = plain_snippet(marked)
    assert snippet.text == "… AT&T's dams <b> on the Syr …"
    assert [snippet.text[s:e] for s, e in snippet.highlights] == ["dams", "Syr"]


def test_a_snippet_without_matches_has_no_highlights() -> None:
    assert plain_snippet("Negotiators met again in Aktau.").highlights == ()
    assert plain_snippet("").text == ""
