"""`worldbrief annotate` on hostile input: every bad line is reported with its number and the
run goes on; a huge line is skipped without being held; a worker that dies costs one line."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from worldbrief.cli.main import app
from worldbrief.geo.geoparser import Geoparser, GeoparseRequest, GeoparseResult
from worldbrief.services.annotate import MAX_JSON_DEPTH, MAX_SPANS, load_geoparser
from worldbrief.services.annotate_batch import OversizedLine, annotate_stream, read_lines

runner = CliRunner()


def _doc(doc_id: str, text: str = "Talks in Paris.", **extra: Any) -> str:
    return json.dumps({"id": doc_id, "text": text, **extra})


HOSTILE_LINES: list[tuple[str, str | None, str]] = [
    # (line, the id echoed in its error record, a phrase of the reason)
    ("[" * 100_000 + "]" * 100_000, None, "nested more than"),
    ("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1), None, "nested more than"),
    ('{"id": "n", "text": "x", "spans": [[0, ' + "9" * 5000 + "]]}", None, "too many digits"),
    ('{"id": "n", "text": "Paris", "spans": [[NaN, 1]]}', None, "NaN is not a JSON value"),
    ('{"id": "inf", "text": "Paris", "title": Infinity}', None, "Infinity is not a JSON value"),
    ('{"id": "raw-nul", "text": "Paris\x00"}', None, "invalid JSON"),
    ("\x00\x00\x00", None, "invalid JSON"),
    (_doc("date-number", published_at=0), "date-number", "published_at: expected an ISO-8601"),
    (
        _doc("date-range", published_at="0001-01-01T00:00:00+14:00"),
        "date-range",
        "published_at: 0001-01-01T00:00:00+14:00 is out of range",
    ),
    (_doc("long-span", "x" * 400, spans=[[0, 300]]), "long-span", "300 characters long"),
    (
        _doc("many-spans", "Paris", spans=[[0, 5]] * (MAX_SPANS + 1)),
        "many-spans",
        f"at most {MAX_SPANS:,}",
    ),
    ('{"id": "huge-number", "text": "ab", "spans": [[0, 1e999]]}', None, "too large a number"),
]


def _run(lines: list[str], *args: str) -> tuple[list[dict[str, Any]], str]:
    payload = "".join(line + "\n" for line in lines).encode("utf-8", "surrogatepass")
    result = runner.invoke(app, ["annotate", "--jsonl", *args], input=payload)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()], result.stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_each_hostile_line_is_reported_with_its_number_and_the_run_goes_on(workers: str) -> None:
    lines = [_doc("first"), *(line for line, _, _ in HOSTILE_LINES), _doc("last", "Berlin.")]
    out, _ = _run(lines, "--workers", workers)
    assert len(out) == len(lines)
    assert out[0]["id"] == "first" and out[0]["places"][0]["text"] == "Paris"
    assert out[-1]["id"] == "last" and out[-1]["places"][0]["text"] == "Berlin"
    for number, (record, (_, echoed, reason)) in enumerate(
        zip(out[1:-1], HOSTILE_LINES, strict=True), 2
    ):
        assert set(record) == {"id", "error"}, record
        assert record["id"] == echoed
        assert record["error"].startswith(f"line {number}: "), record
        assert reason in record["error"], record


def test_nul_characters_inside_the_text_are_text() -> None:
    text = "Paris\x00London\x00"
    (record,), _ = _run([_doc("nul", text)], "--workers", "1")
    assert [(p["text"], p["start"]) for p in record["places"]] == [("Paris", 0), ("London", 6)]


def test_a_lone_surrogate_is_reported_not_a_crash() -> None:
    line = '{"id": "odd\\udc00", "text": "\\ud800 Paris"}'
    out, _ = _run([line, _doc("next")], "--workers", "1")
    assert out[0] == {"id": None, "error": "line 1: invalid JSON (a string holds a lone "
                      "surrogate, which is no character)"}  # fmt: skip
    assert out[1]["id"] == "next"


def test_a_line_longer_than_allowed_is_skipped_and_reported(tmp_path: Path) -> None:
    source = tmp_path / "big.jsonl"
    big = _doc("big", "Paris " + "x" * 50_000)
    source.write_text("\n".join([_doc("a"), big, _doc("b")]) + "\n", encoding="utf-8")
    result = runner.invoke(
        app, ["annotate", "--jsonl", "--workers", "1", "--max-line-bytes", "10000", str(source)]
    )
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in out] == ["a", None, "b"]
    assert out[1]["error"] == f"line 2: {len(big):,} bytes long; at most 10,000 (skipped)"


def test_a_huge_line_is_annotated_within_the_default_limit(tmp_path: Path) -> None:
    source = tmp_path / "line.jsonl"
    source.write_text(_doc("mb", "Paris " + "of the and " * 100_000) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["annotate", "--jsonl", "--workers", "1", str(source)])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert [p["text"] for p in record["places"]] == ["Paris"]


def test_plain_text_with_a_line_over_the_limit_fails_naming_it(tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text("Talks in Paris.\n\n" + "x" * 5_000 + "\n", encoding="utf-8")
    result = runner.invoke(app, ["annotate", "--max-line-bytes", "1000", str(source)])
    assert result.exit_code == 1
    assert "line 3 is 5,000 bytes long, more than --max-line-bytes (1,000)" in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"abcd\nefgh\n", [b"abcd\n", b"efgh\n"]),
        (b"abcd", [b"abcd"]),
        (b"abcde\nab\n", [OversizedLine(5, 4), b"ab\n"]),
        (b"abcde", [OversizedLine(5, 4)]),
        (b"abc\n" + b"z" * 3_000_000 + b"\nok\n", [b"abc\n", OversizedLine(3_000_000, 4), b"ok\n"]),
    ],
)
def test_lines_are_read_at_most_the_limit_at_a_time(
    content: bytes, expected: list[bytes | OversizedLine]
) -> None:
    assert list(read_lines(io.BytesIO(content), 4)) == expected


class _DiesOnCue:
    """The standard geoparser, in a worker process that dies (as if killed for memory) when a
    text says so."""

    def __init__(self) -> None:
        self._geoparser = load_geoparser()

    def geoparse(self, request: GeoparseRequest) -> GeoparseResult:
        if request.text == "die":
            os._exit(1)
        return self._geoparser.geoparse(request)


def _dies_on_cue() -> Geoparser:
    return _DiesOnCue()


def test_a_worker_that_dies_costs_only_the_line_it_was_annotating() -> None:
    lines = [_doc(f"d{i}", "Talks in Paris." if i != 5 else "die") for i in range(12)]
    out = list(annotate_stream(lines, workers=2, chunk_lines=3, geoparser_factory=_dies_on_cue))
    assert [r["id"] for r in out] == [f"d{i}" if i != 5 else None for i in range(12)]
    assert out[5]["error"].startswith("line 6: the worker annotating it stopped")
    assert all(r["places"][0]["text"] == "Paris" for i, r in enumerate(out) if i != 5)
