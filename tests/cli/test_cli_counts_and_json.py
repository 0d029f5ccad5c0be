"""Counts a user reads in the terminal add up and agree in number ("1 article", "2 articles"),
and `search` and `feeds list` give scripts JSON."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from support.feed_samples import RSS2
from support.local_http_server import LocalServer, Reply
from worldbrief.cli.main import app
from worldbrief.config import Settings
from worldbrief.web.app import create_app

runner = CliRunner()
PAGE = (
    b"<html><head><title>Grain exports rise</title></head><body><article>"
    b"<p>Kazakhstan exported more grain through the port of Aktau this spring, officials said "
    b"on Tuesday in the capital.</p><p>The ministry expects further growth as new rail links "
    b"open over the coming years.</p></article></body></html>"
)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WORLDBRIEF_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WORLDBRIEF_FETCH_ALLOW_PRIVATE", "true")
    monkeypatch.setenv("WORLDBRIEF_FETCH_TIMEOUT_SECONDS", "5")
    return tmp_path / "data"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    running = LocalServer()
    running.start()
    yield running
    running.stop()


def note(path: Path, title: str, body: str) -> Path:
    path.write_text(f"---\ntitle: {title}\n---\n{body}\n")
    return path


def progress_counts(stderr: str) -> set[str]:
    return set(re.findall(r"\b(\d+/\d+)\b", stderr))


def sources_of(kind: str, tmp_path: Path, server: LocalServer) -> tuple[list[str], int]:
    """Arguments of one kind for `ingest`, and how many records they hold."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    if kind == "files":
        a = note(tmp_path / "a.md", "Grain", "Kazakhstan ships grain through Aktau.")
        b = note(tmp_path / "b.md", "Water", "Uzbekistan and Kyrgyzstan met in Osh.")
        return [str(a), str(b)], 2
    if kind == "directory":
        folder = tmp_path / "wire"
        (folder / "deeper").mkdir(parents=True)
        note(folder / "a.md", "Grain", "Kazakhstan ships grain through Aktau.")
        note(folder / "deeper" / "b.md", "Water", "Uzbekistan and Kyrgyzstan met in Osh.")
        (folder / "scan.pdf").write_bytes(b"%PDF-1.4")  # one rejection
        (folder / ".hidden.md").write_text("# skipped unread\n\nbody")
        return [str(folder)], 3
    if kind == "json list":
        rows = [
            {"title": f"Talks {n}", "body": f"Delegations met in Baku, round {n}."} for n in (1, 2)
        ]
        path = tmp_path / "list.json"
        path.write_text(json.dumps(rows))
        return [str(path)], 2
    if kind == "jsonl":
        path = tmp_path / "wire.jsonl"
        path.write_text(
            '{"title": "A", "body": "Talks in Osh."}\n{"title": "B", "body": "Baku."}\n'
        )
        return [str(path)], 2
    if kind == "page url":
        return [server.reply("/grain", Reply(PAGE))], 1
    if kind == "feed url":  # one good entry and three bad ones
        return [server.reply("/rss.xml", Reply(RSS2, content_type="application/rss+xml"))], 4
    raise AssertionError(kind)


KINDS = ["files", "directory", "json list", "jsonl", "page url", "feed url"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_progress_count_is_the_number_of_records(
    data_dir: Path, tmp_path: Path, server: LocalServer, kind: str
) -> None:
    sources, records = sources_of(kind, tmp_path, server)
    result = runner.invoke(app, ["ingest", *sources])
    assert result.exit_code == 0, result.stderr
    assert progress_counts(result.stderr) == {f"{records}/{records}"}, result.stderr


def test_the_progress_count_adds_up_over_every_kind_at_once(
    data_dir: Path, tmp_path: Path, server: LocalServer
) -> None:
    sources: list[str] = []
    total = 0
    for kind in KINDS:
        more, records = sources_of(kind, tmp_path / kind.replace(" ", "-"), server)
        sources += more
        total += records
    result = runner.invoke(app, ["ingest", *sources])
    assert result.exit_code == 0, result.stderr
    assert progress_counts(result.stderr) == {f"{total}/{total}"}, result.stderr


def test_one_of_a_kind_is_singular_in_the_ingest_summary(data_dir: Path, tmp_path: Path) -> None:
    text = "Kazakhstan ships grain through the Caspian port of Aktau."
    first = note(tmp_path / "first.md", "Grain", text)
    again = note(tmp_path / "again.md", "Grain", text)  # the same text: a duplicate
    result = runner.invoke(app, ["ingest", str(first), str(again)])
    assert result.exit_code == 0, result.stderr
    assert "1 created" in result.stdout
    assert re.search(r"\b1 duplicate,", result.stdout), result.stdout
    assert "0 linked as near-duplicates" in result.stdout


def test_search_counts_one_article_and_two_articles(data_dir: Path, tmp_path: Path) -> None:
    note(tmp_path / "a.md", "Grain", "Kazakhstan ships grain through Aktau on the Caspian.")
    note(tmp_path / "b.md", "Oil", "Kazakhstan pumps oil from the Caspian shelf near Atyrau.")
    assert (
        runner.invoke(app, ["ingest", str(tmp_path / "a.md"), str(tmp_path / "b.md")]).exit_code
        == 0
    )

    one = runner.invoke(app, ["search", "grain"])
    assert one.exit_code == 0, one.stderr
    assert one.stdout.splitlines()[0] == "1 matching article"
    two = runner.invoke(app, ["search", "caspian"])
    assert two.stdout.splitlines()[0] == "2 matching articles"
    none = runner.invoke(app, ["search", "zanzibar"])
    assert none.stdout.splitlines()[0] == "0 matching articles"


def test_search_json_has_the_total_and_each_hit(data_dir: Path, tmp_path: Path) -> None:
    note(tmp_path / "a.md", "Grain [exports]", "Kazakhstan ships grain & wheat through Aktau.")
    assert runner.invoke(app, ["ingest", str(tmp_path / "a.md")]).exit_code == 0
    result = runner.invoke(app, ["search", "grain", "--json"])
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["total"] == 1
    (hit,) = found["hits"]
    assert hit["title"] == "Grain [exports]"
    # Plain text without entities, offsets on the match; the HTML form named as such.
    text = hit["snippet"]["text"]
    assert "grain & wheat" in text and "&amp;" not in text
    assert [text[start:end] for start, end in hit["snippet"]["highlights"]] == ["grain"]
    assert "<mark>grain</mark> &amp; wheat" in hit["snippet_html"]
    assert hit["countries"] == ["KZ"]
    assert hit["url"].startswith("http://127.0.0.1:8000/articles/")
    empty = json.loads(runner.invoke(app, ["search", "zanzibar", "--json"]).stdout)
    assert empty == {"total": 0, "hits": []}


def test_search_json_hits_are_the_api_hits(data_dir: Path, tmp_path: Path) -> None:
    note(tmp_path / "a.md", "Grain exports", "Kazakhstan ships grain through Aktau.")
    note(tmp_path / "b.md", "Grain prices", "Uzbekistan buys grain from its neighbour.")
    assert runner.invoke(app, ["ingest", str(tmp_path)]).exit_code == 0
    cli_hits = json.loads(runner.invoke(app, ["search", "grain", "--json"]).stdout)["hits"]
    with TestClient(create_app(Settings())) as client:
        answer = client.get("/api/search", params={"q": "grain"}, headers={"host": "127.0.0.1"})
    assert answer.status_code == 200, answer.text
    assert len(cli_hits) == 2
    assert cli_hits == answer.json()["hits"]


def test_a_bad_query_is_an_error_on_stderr_printed_literally(data_dir: Path) -> None:
    """Markup in the query once crashed the error message ("closing tag '[/]' ..."); the
    message now says what is wrong without repeating the query."""
    result = runner.invoke(app, ["search", "[/] ()", "--json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Invalid query: the query has no words to search for" in result.stderr
    assert "[/]" not in result.stderr


def run_in_terminal_of(columns: int, *args: str, data_dir: Path) -> str:
    env = {**os.environ, "COLUMNS": str(columns), "WORLDBRIEF_DATA_DIR": str(data_dir)}
    env.pop("WORLDBRIEF_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "worldbrief.cli.main", *args],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    return done.stdout


def subscribed_feeds(server: LocalServer) -> tuple[str, str]:
    """A good feed with a long URL and a failing one, both polled once."""
    good = server.reply(
        "/" + "a-rather-long-path-segment/" * 4 + "rss.xml",
        Reply(RSS2, content_type="application/rss+xml"),
    )
    failing = server.reply("/gone-for-good-and-never-coming-back.xml", Reply(b"gone", status=500))
    assert runner.invoke(app, ["feeds", "add", good, "--title", "Steppe News"]).exit_code == 0
    assert runner.invoke(app, ["feeds", "add", failing]).exit_code == 0
    runner.invoke(app, ["feeds", "poll"])
    return good, failing


def test_feeds_list_keeps_urls_and_errors_whole_in_a_narrow_terminal(
    data_dir: Path, server: LocalServer
) -> None:
    good, failing = subscribed_feeds(server)
    error = json.loads(runner.invoke(app, ["feeds", "list", "--json"]).stdout)["feeds"][1][
        "last_error"
    ]
    assert "500" in error
    narrow = run_in_terminal_of(40, "feeds", "list", data_dir=data_dir)
    lines = narrow.splitlines()
    assert any(line.endswith(good) for line in lines), narrow
    assert any(line.endswith(failing) for line in lines), narrow
    assert any(line.endswith(error) for line in lines), narrow
    assert "failing (1×)" in narrow and "Steppe News" in narrow
    wide = run_in_terminal_of(1000, "feeds", "list", data_dir=data_dir)
    assert "┃ Feed" in wide  # a table where it fits
    assert any(good in line for line in wide.splitlines()) and "│ ok " in wide


def test_feeds_list_json(data_dir: Path, server: LocalServer) -> None:
    assert json.loads(runner.invoke(app, ["feeds", "list", "--json"]).stdout) == {"feeds": []}
    good, failing = subscribed_feeds(server)
    result = runner.invoke(app, ["feeds", "list", "--json"])
    assert result.exit_code == 0, result.stderr
    feeds = {feed["url"]: feed for feed in json.loads(result.stdout)["feeds"]}
    assert feeds[good]["status"] == "ok" and feeds[good]["title"] == "Steppe News"
    assert feeds[good]["articles"] == 1 and feeds[good]["last_error"] is None
    assert feeds[failing]["status"] == "failing"
    assert feeds[failing]["consecutive_failures"] == 1
    # The error is the feed's own: it says what failed, without repeating the feed's URL.
    assert not feeds[failing]["last_error"].startswith(failing)
    assert feeds[failing]["last_success_at"] is None
    assert feeds[failing]["last_polled_at"].endswith("+00:00")
    assert set(feeds[good]) == {
        "url", "title", "status", "consecutive_failures", "added_at", "last_polled_at",
        "last_success_at", "articles", "last_error",
    }  # fmt: skip
