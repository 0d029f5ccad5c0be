"""Input that could make event extraction slow: huge texts, texts without sentences. The work
must stay linear in the text (checked by counting what is done, never by timing)."""

from __future__ import annotations

from worldbrief.events.extract import MAX_CANDIDATES, MAX_EVENTS, EventExtractor
from worldbrief.events.sentences import MAX_SENTENCE_CHARS, sentence_spans


def test_a_text_without_sentence_ends_is_cut_into_bounded_pieces() -> None:
    text = "word " * 100_000
    spans = sentence_spans(text)
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in spans)
    assert len(spans) <= len(text) // (MAX_SENTENCE_CHARS // 2)


def test_one_long_run_without_spaces_is_cut_too() -> None:
    spans = sentence_spans("x" * 50_000)
    assert len(spans) == 50 and all(s.end - s.start == MAX_SENTENCE_CHARS for s in spans)


def test_a_huge_text_of_events_gives_a_bounded_answer() -> None:
    text = "Rebels attacked the army base and clashed with troops. " * 20_000
    events = EventExtractor().extract(text)
    assert 0 < len(events) <= MAX_EVENTS
    assert sum(len(e.evidence) for e in events) <= MAX_CANDIDATES


def test_punctuation_and_whitespace_only_give_nothing() -> None:
    extractor = EventExtractor()
    for text in ("", " ", "\n\n\n", "....!!!???", "\u200b" * 1000):
        assert extractor.extract(text) == ()
