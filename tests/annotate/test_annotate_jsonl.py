"""`worldbrief annotate --jsonl` as outside tools call it: the exact output contract."""

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from worldbrief.cli.main import app

runner = CliRunner()

TEXT = (
    "Protests spread from Zhanaozen to Aktau in western Kazakhstan on Friday. "
    "Officials in Russia said the unrest would not touch Caspian oil exports."
)
TOP_KEYS = {"id", "places", "countries", "regions", "entities", "events"}
PLACE_KEYS = {
    "start", "end", "text", "name", "geonameid", "lat", "lon", "country", "admin1", "feature"
}  # fmt: skip
COUNTRY_KEYS = {"code", "name", "score", "focus", "evidence", "primary"}


def run_jsonl(lines: list[str | bytes], *args: str) -> list[dict[str, Any]]:
    payload = b"".join((x if isinstance(x, bytes) else x.encode("utf-8")) + b"\n" for x in lines)
    result = runner.invoke(app, ["annotate", "--jsonl", *args], input=payload)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def doc(doc_id: str, text: str = TEXT, **extra: Any) -> str:
    return json.dumps({"id": doc_id, "text": text, **extra}, ensure_ascii=False)


def test_output_has_exactly_the_contract_fields_and_types() -> None:
    (free,) = run_jsonl([doc("kz-1", title="Unrest in the west")], "--workers", "1")
    assert set(free) == TOP_KEYS
    assert free["id"] == "kz-1" and free["entities"] == []
    assert [e["type"] for e in free["events"]] == ["Protests"]  # docs/events.md
    codes = {c["code"]: c for c in free["countries"]}
    assert "KZ" in codes and codes["KZ"]["focus"] is True and codes["KZ"]["name"] == "Kazakhstan"
    assert [c["code"] for c in free["countries"] if c["primary"]] == ["KZ"]
    for country in free["countries"]:
        assert set(country) == COUNTRY_KEYS
        assert isinstance(country["primary"], bool) and (country["focus"] or not country["primary"])
        assert isinstance(country["score"], float) and 0 <= country["score"] <= 1
        assert isinstance(country["focus"], bool)
        for start, end in country["evidence"]:
            assert isinstance(start, int) and isinstance(end, int)
            assert 0 <= start < end <= len(TEXT)
    # Offsets point into `text`, not into a composition of title and text.
    assert "Kazakhstan" in {TEXT[start:end] for start, end in codes["KZ"]["evidence"]}
    assert free["regions"] and all(set(r) == {"id", "name"} for r in free["regions"])
    assert "central-asia" in {r["id"] for r in free["regions"]}
    for place in free["places"]:
        assert set(place) == PLACE_KEYS
        assert TEXT[place["start"] : place["end"]] == place["text"]


def test_gold_spans_give_one_place_per_span_with_the_same_offsets() -> None:
    spans = [[TEXT.index(w), TEXT.index(w) + len(w)] for w in ("Aktau", "Kazakhstan", "Russia")]
    (gold,) = run_jsonl([doc("gold", spans=spans)], "--workers", "1")
    assert [[p["start"], p["end"]] for p in gold["places"]] == spans
    for place, (start, end) in zip(gold["places"], spans, strict=True):
        assert set(place) == PLACE_KEYS
        assert place["text"] == TEXT[start:end]
        assert place["geonameid"] is None or isinstance(place["geonameid"], int)
        assert place["lat"] is None or -90 <= place["lat"] <= 90
        assert place["lon"] is None or -180 <= place["lon"] <= 180
    # Nothing beyond the given spans is recognised: "Zhanaozen" is not among them.
    evidence = {tuple(s) for c in gold["countries"] for s in c["evidence"]}
    assert evidence <= {tuple(s) for s in spans}
    assert gold["places"][1]["country"] == "KZ" and gold["places"][2]["country"] == "RU"


def test_bad_lines_are_reported_in_place_and_the_run_goes_on() -> None:
    lines: list[str | bytes] = [
        doc("ok-1"),
        "{not json",
        json.dumps({"text": "no id here"}),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": 7, "text": "id is a number"}),
        json.dumps({"id": "text-type", "text": ["a", "list"]}),
        doc("span-out", "short", spans=[[0, 99]]),
        doc("span-reversed", TEXT, spans=[[10, 5]]),
        doc("span-shape", TEXT, spans=[[1, 2, 3]]),
        doc("span-float", TEXT, spans=[[1.5, 4]]),
        doc("bad-date", TEXT, published_at="last Tuesday"),
        b'{"id": "latin1", "text": "caf\xe9"}',
        json.dumps(["an", "array"]),
        doc("ok-2", "Talks in Tashkent with Uzbekistan.", published_at="2024-05-01T10:00:00Z"),
    ]
    out = run_jsonl(lines, "--workers", "1")
    assert len(out) == len(lines)
    assert out[0]["id"] == "ok-1" and "error" not in out[0]
    assert out[-1]["id"] == "ok-2" and "UZ" in {c["code"] for c in out[-1]["countries"]}
    expected_ids = [None, None, "no-text", None, "text-type", "span-out", "span-reversed",
                    "span-shape", "span-float", "bad-date", None, None]  # fmt: skip
    for number, (record, expected_id) in enumerate(zip(out[1:-1], expected_ids, strict=True), 2):
        assert set(record) == {"id", "error"}, record
        assert record["id"] == expected_id
        assert record["error"].startswith(f"line {number}: "), record
    reasons = [r["error"] for r in out[1:-1]]
    assert "invalid JSON" in reasons[0]
    assert "id: missing" in reasons[1] and "text: missing" in reasons[2]
    assert "spans[0]" in reasons[5] and "inside the text" in reasons[5]
    assert "published_at" in reasons[9] and "UTF-8" in reasons[10]


def test_order_is_kept_across_chunks_and_blank_lines_are_skipped() -> None:
    lines: list[str | bytes] = []
    for i in range(150):
        lines.append(doc(f"d{i}", f"Document {i} about Kenya.") if i % 7 else "broken")
        if i % 50 == 0:
            lines.append("   ")
    out = run_jsonl(lines, "--workers", "1")
    assert len(out) == 150
    for i, record in enumerate(out):
        if i % 7:
            assert record["id"] == f"d{i}" and record["countries"][0]["code"] == "KE"
        else:
            assert "error" in record


def test_two_workers_give_identical_output_to_one(tmp_path: Path) -> None:
    texts = [TEXT, "Talks in Tashkent with Uzbekistan and Tajikistan.", "Nothing here.", "{bad"]
    lines = [doc(f"n{i}", texts[i % 3]) if i % 41 else texts[3] for i in range(300)]
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = runner.invoke(app, ["annotate", "--jsonl", "--workers", "1", str(source)])
    two = runner.invoke(app, ["annotate", "--jsonl", "--workers", "2", str(source)])
    assert one.exit_code == 0 and two.exit_code == 0, two.output
    assert one.stdout == two.stdout
    assert len(two.stdout.splitlines()) == 300


def test_standard_input_by_dash_and_unicode_kept_as_is() -> None:
    text = "Переговоры в Душанбе: Tajikistan and Kyrgyzstan agreed on Batken."
    result = runner.invoke(
        app, ["annotate", "--jsonl", "--workers", "1", "-"], input=doc("u", text)
    )
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert {"TJ", "KG"} <= {c["code"] for c in record["countries"]}
    # Without FILE, standard input is read; non-ASCII output is written as UTF-8, not escaped.
    implicit = runner.invoke(
        app, ["annotate", "--jsonl", "--workers", "1"], input=doc("ü-id", "Kenya.")
    )
    assert implicit.exit_code == 0 and '"id": "ü-id"' in implicit.stdout


def test_unreadable_input_fails_with_a_clear_message(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.jsonl"
    result = runner.invoke(app, ["annotate", "--jsonl", str(missing)])
    assert result.exit_code == 1
    assert "Cannot read" in result.output and "nowhere.jsonl" in result.output


@pytest.mark.parametrize("as_jsonl", [False, True])
def test_readable_summary_without_jsonl(tmp_path: Path, as_jsonl: bool) -> None:
    source = tmp_path / ("in.jsonl" if as_jsonl else "in.txt")
    source.write_text(doc("first-doc") if as_jsonl else TEXT, encoding="utf-8")
    result = runner.invoke(app, ["annotate", "--workers", "1", str(source)])
    assert result.exit_code == 0, result.output
    assert ("first-doc" if as_jsonl else "in.txt") in result.stdout
    assert "Kazakhstan" in result.stdout and "focus" in result.stdout
    assert "Central Asia" in result.stdout
