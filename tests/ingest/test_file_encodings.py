"""Real bytes in the encodings users send: BOMs, UTF-16, Windows code pages, and binary junk."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from worldbrief.domain import RawDocument, RejectedRecord
from worldbrief.ingest import read_path
from worldbrief.ingest.limits import ReadLimits

LIMIT = 1_000_000


def read_all(path: Path) -> list[RawDocument | RejectedRecord]:
    return list(read_path(path, ReadLimits(max_file_bytes=LIMIT, max_document_bytes=LIMIT)))


def test_utf8_bom_does_not_hide_front_matter(tmp_path: Path) -> None:
    note = tmp_path / "bom.md"
    note.write_bytes(codecs.BOM_UTF8 + "---\ntitle: Almaty\n---\nÄ body\n".encode())
    (doc,) = read_all(note)
    assert isinstance(doc, RawDocument)
    assert (doc.title, doc.body, doc.metadata) == ("Almaty", "Ä body", {})


def test_utf16_with_bom_both_byte_orders(tmp_path: Path) -> None:
    little = tmp_path / "le.txt"
    little.write_bytes("Qazaqstan — Қазақстан\nБейбітшілік.\n".encode("utf-16"))
    big = tmp_path / "be.jsonl"
    line = json.dumps({"title": "Bişkek", "body": "Кыргызстан"}, ensure_ascii=False)
    big.write_bytes(codecs.BOM_UTF16_BE + f"{line}\n{line}\n".encode("utf-16-be"))
    records = read_all(tmp_path)
    assert [r.title for r in records if isinstance(r, RawDocument)] == [
        "Bişkek",
        "Bişkek",
        "Qazaqstan — Қазақстан",
    ]
    assert all(isinstance(r, RawDocument) and r.metadata == {"encoding": "utf-16"} for r in records)
    assert [r.location for r in records][:2] == [f"{big}:1", f"{big}:2"]


def test_windows_1252_text_is_read_and_noted(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Café talks – “progress”\nThe envoy’s visit.\n".encode("cp1252"))
    (doc,) = read_all(legacy)
    assert isinstance(doc, RawDocument)
    assert doc.title == "Café talks – “progress”"
    assert doc.body == "The envoy’s visit."
    assert doc.metadata == {"encoding": "cp1252"}


def test_bytes_undefined_in_cp1252_are_read_as_latin1(tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    title = "Les négociations à Genève reprennent"
    body = "Le ministère a déclaré “des progrès”"
    odd.write_bytes(f"{title}\n{body}".encode("cp1252") + b" \x81 mercredi.\n")
    (doc,) = read_all(odd)
    assert isinstance(doc, RawDocument)
    assert doc.title == title
    assert doc.body == f"{body} \x81 mercredi."
    assert doc.metadata == {"encoding": "cp1252"}


def test_jsonl_notes_encoding_per_line(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.jsonl"
    good = json.dumps({"title": "Tbilisi", "body": "Grúzia"}, ensure_ascii=False).encode()
    legacy = '{"title": "Zürich", "body": "Schweiz – Genève"}'.encode("cp1252")
    mixed.write_bytes(good + b"\n" + legacy + b"\n")
    first, second = read_all(mixed)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.metadata == {}
    assert (second.title, second.body) == ("Zürich", "Schweiz – Genève")
    assert second.metadata == {"encoding": "cp1252"}


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = tmp_path / "ru.html"
    html = (
        '<html><head><meta charset="windows-1251"><title>Новости</title></head><body><article>'
        "<p>Казахстан увеличил экспорт зерна через порт Актау на Каспийском море, сообщили "
        "в министерстве во вторник.</p></article></body></html>"
    )
    page.write_bytes(html.encode("windows-1251"))
    (doc,) = read_all(page)
    assert isinstance(doc, RawDocument)
    assert doc.body.startswith("Казахстан увеличил экспорт зерна")
    assert doc.metadata == {"encoding": "cp1251"}


def test_binary_junk_is_rejected_never_crashes(tmp_path: Path) -> None:
    png = tmp_path / "image.md"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    control = tmp_path / "control.txt"
    control.write_bytes(bytes(range(1, 32)) * 40 + b"Title\nbody")
    no_bom = tmp_path / "nobom.jsonl"
    no_bom.write_bytes('{"title": "T", "body": "B"}\n'.encode("utf-16-le"))
    records = read_all(tmp_path)
    reasons = {Path(r.location).name: r.reason for r in records if isinstance(r, RejectedRecord)}
    assert len(reasons) == len(records) == 3
    assert "binary data" in reasons["image.md"]
    assert "binary data" in reasons["control.txt"]
    assert "byte-order mark" in reasons["nobom.jsonl"]
