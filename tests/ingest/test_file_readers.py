"""Reading Markdown, HTML, JSON, JSONL and text files, and walking directories."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from worldbrief.domain import (
    AccessLevel,
    ArticleType,
    Author,
    BodyFormat,
    RawDocument,
    RejectedRecord,
)
from worldbrief.ingest import read_path
from worldbrief.ingest.limits import ReadLimits

LIMIT = 1_000_000


def read_all(path: Path, limit: int = LIMIT) -> list[RawDocument | RejectedRecord]:
    return list(read_path(path, ReadLimits(max_file_bytes=limit, max_document_bytes=limit)))


def only_document(path: Path) -> RawDocument:
    (record,) = read_all(path)
    assert isinstance(record, RawDocument), record
    return record


def only_rejection(path: Path) -> RejectedRecord:
    (record,) = read_all(path)
    assert isinstance(record, RejectedRecord), record
    return record


def test_markdown_front_matter_fields(tmp_path: Path) -> None:
    note = tmp_path / "aktau.md"
    note.write_text(
        "---\n"
        "title: Caspian shipping grows\n"
        "type: Situation Report\n"
        "authors:\n"
        "  - name: Aigerim Sadykova\n"
        "    role: Central Asia Analyst\n"
        "  - Tom Reed\n"
        "published_at: 2024-05-01\n"
        "updated_at: 2024-05-02T09:30:00+02:00\n"
        "access: members-only\n"
        "teaser: Aktau handles more grain.\n"
        "video: https://video.example.org/aktau.mp4\n"
        "url: https://example.org/aktau\n"
        "id: wb-0042\n"
        "source: Field notes\n"
        "language: en\n"
        "region: central-asia\n"
        "tags: [shipping, grain]\n"
        "---\n"
        "Aktau port on the **Caspian Sea** shipped more grain.\n",
        encoding="utf-8",
    )
    doc = only_document(note)
    assert doc.title == "Caspian shipping grows"
    assert doc.type is ArticleType.SITUATION_REPORT
    assert doc.authors == (Author("Aigerim Sadykova", "Central Asia Analyst"), Author("Tom Reed"))
    assert doc.published_at == datetime(2024, 5, 1, tzinfo=UTC)
    assert doc.updated_at == datetime(2024, 5, 2, 7, 30, tzinfo=UTC)
    assert doc.access is AccessLevel.MEMBERS
    assert doc.teaser == "Aktau handles more grain."
    assert doc.media_url == "https://video.example.org/aktau.mp4"
    assert doc.url == "https://example.org/aktau"
    assert doc.external_id == "wb-0042"
    assert doc.source_name == "Field notes"
    assert doc.language == "en"
    assert doc.body == "Aktau port on the **Caspian Sea** shipped more grain."
    assert doc.body_format is BodyFormat.MARKDOWN
    assert doc.metadata == {"region": "central-asia", "tags": ["shipping", "grain"]}
    assert doc.location == str(note)


def test_markdown_single_author_with_role_and_naive_date(tmp_path: Path) -> None:
    note = tmp_path / "n.md"
    note.write_text(
        "---\ntitle: T\nauthor: Jane Roe\nrole: Editor\ndate: 2024-03-05 14:00:00\n---\nBody.\n"
    )
    doc = only_document(note)
    assert doc.authors == (Author("Jane Roe", "Editor"),)
    assert doc.published_at == datetime(2024, 3, 5, 14, 0, tzinfo=UTC)


def test_markdown_title_from_heading_outside_code(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_text("```\n# not a heading\n```\n\n# Border talks resume\n\nOfficials met.\n")
    doc = only_document(note)
    assert doc.title == "Border talks resume"
    assert "Border talks resume" not in doc.body
    assert "# not a heading" in doc.body
    assert doc.metadata == {}


def test_markdown_title_from_file_name(tmp_path: Path) -> None:
    note = tmp_path / "grain_exports-2024.md"
    note.write_text("Kazakhstan exported more grain.\n")
    doc = only_document(note)
    assert doc.title == "grain exports 2024"


def test_markdown_bad_front_matter_is_rejected_with_reason(tmp_path: Path) -> None:
    cases = {
        "yaml.md": ("---\ntitle: [unclosed\n---\nBody\n", "not valid YAML"),
        "open.md": ("---\ntitle: T\nBody without a closing line\n", "no closing '---'"),
        "list.md": ("---\n- a\n- b\n---\nBody\n", "front matter must be"),
        "date.md": ("---\ntitle: T\npublished_at: last tuesday\n---\nB\n", "'published_at'"),
        "type.md": (
            "---\ntitle: T\ntype: rumour\n---\nB\n",
            "unknown article type; expected one of",
        ),
        "empty.md": ("---\ntitle: T\n---\n\n", "no body text"),
        "authors.md": ("---\ntitle: T\nauthors: [{role: x}]\n---\nB\n", "needs a 'name'"),
    }
    for name, (text, reason) in cases.items():
        (tmp_path / name).write_text(text)
        rejected = only_rejection(tmp_path / name)
        assert reason in rejected.reason, (name, rejected.reason)
        assert rejected.location == str(tmp_path / name)


def test_html_file_main_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Grain | Steppe News</title>"
        '<meta name="author" content="Jane Roe; John Doe">'
        '<meta name="description" content="Exports rise.">'
        '<meta property="og:site_name" content="Steppe News">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00+05:00">'
        "</head><body><nav>Home | About | Contact</nav><article><h1>Kazakh grain exports rise</h1>"
        "<p>Kazakhstan exported more grain this year through the port of Aktau on the Caspian "
        "Sea, officials said on Tuesday.</p><p>The ministry expects further growth as new rail "
        "links to China open and shipping through the Middle Corridor expands.</p></article>"
        "<footer>Copyright Steppe News</footer></body></html>"
    )
    doc = only_document(page)
    assert doc.title == "Kazakh grain exports rise"
    assert doc.body_format is BodyFormat.TEXT
    assert doc.body.startswith("Kazakhstan exported more grain")
    assert "\n\nThe ministry expects" in doc.body
    assert "Home | About" not in doc.body and "Copyright" not in doc.body
    assert doc.authors == (Author("Jane Roe"), Author("John Doe"))
    assert doc.source_name == "Steppe News"
    assert doc.teaser == "Exports rise."
    assert doc.published_at is not None and doc.published_at.date().isoformat() == "2024-03-05"


def test_html_file_without_text_is_rejected(tmp_path: Path) -> None:
    page = tmp_path / "blank.htm"
    page.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    assert "no article text" in only_rejection(page).reason


def test_json_object_and_list_with_a_bad_item(tmp_path: Path) -> None:
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"title": "T", "text": "Body", "id": 7, "desk": "Asia"}))
    doc = only_document(single)
    assert (doc.body, doc.external_id, doc.metadata) == ("Body", "7", {"desk": "Asia"})

    many = tmp_path / "many.json"
    items = [{"title": "A", "body": "a"}, {"title": "B"}, "just text", {"title": "C", "body": "c"}]
    many.write_text(json.dumps(items))
    records = read_all(many)
    assert [r.location for r in records] == [f"{many}[{i}]" for i in range(4)]
    assert isinstance(records[0], RawDocument) and isinstance(records[3], RawDocument)
    assert isinstance(records[1], RejectedRecord) and "missing field 'body'" in records[1].reason
    assert isinstance(records[2], RejectedRecord) and "expected an object" in records[2].reason


def test_json_not_parseable_is_one_rejection(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "T", ')
    assert "not valid JSON" in only_rejection(broken).reason


def test_jsonl_bad_lines_do_not_stop_the_file(tmp_path: Path) -> None:
    lines = [
        {"title": "Good one", "body": "Text", "authors": [{"name": "A", "role": "R"}, "B"]},
        "{not json",
        {"title": "No body"},
        {"title": 42, "body": "x"},
        {"title": "Bad date", "body": "x", "published_at": "31/02/2024"},
        "",
        {"title": "Good two", "text": "Text", "date": "2024-01-02T03:04:05", "body_format": "html"},
        {"title": "Bad format", "body": "x", "body_format": "pdf"},
        {"title": "Bad authors", "body": "x", "authors": [3]},
    ]
    feed = tmp_path / "items.jsonl"
    feed.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines))
    records = read_all(feed)
    outcome = {r.location.rsplit(":", 1)[1]: r for r in records}
    assert sorted(outcome, key=int) == ["1", "2", "3", "4", "5", "7", "8", "9"]
    good_one, good_two = outcome["1"], outcome["7"]
    assert isinstance(good_one, RawDocument) and isinstance(good_two, RawDocument)
    assert good_one.authors == (Author("A", "R"), Author("B"))
    assert good_two.published_at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert good_two.body_format is BodyFormat.HTML
    reasons = {k: r.reason for k, r in outcome.items() if isinstance(r, RejectedRecord)}
    assert "not valid JSON" in reasons["2"]
    assert "missing field 'body' or 'text'" in reasons["3"]
    assert "'title' must be text, got a number" in reasons["4"]
    assert "'published_at'" in reasons["5"] and "31/02/2024" in reasons["5"]
    assert "'body_format'" in reasons["8"]
    assert "'authors'" in reasons["9"]


def test_text_file_first_line_is_title(tmp_path: Path) -> None:
    text = tmp_path / "brief.txt"
    text.write_text("\n\n  Talks in Astana  \nDelegations met.\n\nA second paragraph.\n")
    doc = only_document(text)
    assert doc.title == "Talks in Astana"
    assert doc.body == "Delegations met.\n\nA second paragraph."
    assert doc.body_format is BodyFormat.TEXT
    (tmp_path / "title-only.txt").write_text("Only a title\n")
    assert "no body text" in only_rejection(tmp_path / "title-only.txt").reason


def test_directory_walk_sorted_hidden_skipped_problems_reported(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Two\nbody")
    (tmp_path / "a.md").write_text("# One\n\nbody")
    (tmp_path / "c.txt").write_text("Three\nbody")
    (tmp_path / ".hidden.txt").write_text("Hidden\nbody")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Hidden\nbody")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n ")
    (tmp_path / "huge.txt").write_text("Big\n" + "x" * 2000)

    records = read_all(tmp_path, limit=1000)
    titles = [r.title for r in records if isinstance(r, RawDocument)]
    assert titles == ["One", "Two", "Three"]
    rejected = {Path(r.location).name: r.reason for r in records if isinstance(r, RejectedRecord)}
    assert set(rejected) == {"report.pdf", "empty.txt", "blank.txt", "huge.txt"}
    assert "unsupported file type '.pdf'" in rejected["report.pdf"]
    assert "empty" in rejected["empty.txt"]
    assert "white space" in rejected["blank.txt"]
    assert "over the limit of 1,000 bytes" in rejected["huge.txt"]


def test_missing_path_is_rejected(tmp_path: Path) -> None:
    assert "no such file" in only_rejection(tmp_path / "nowhere").reason


def test_an_email_address_in_an_author_field_is_never_a_byline(tmp_path: Path) -> None:
    source = tmp_path / "wire.jsonl"
    source.write_text(
        '{"title": "A", "body": "Text.", "author": "desk@sahelwatch.example (Ines Diallo)"}\n'
        '{"title": "B", "body": "Text.", "authors": ["desk@sahelwatch.example", "Omar Haddad"]}\n'
        '{"title": "C", "body": "Text.", "authors": [{"name": "Ana <ana@example.org>"}]}\n',
        encoding="utf-8",
    )
    docs = list(read_path(source, limits=ReadLimits()))
    assert [[a.name for a in d.authors] for d in docs] == [
        ["Ines Diallo"],
        ["Omar Haddad"],
        ["Ana"],
    ]
