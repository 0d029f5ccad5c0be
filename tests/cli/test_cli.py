"""The `worldbrief` command as a user runs it in a terminal."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from support.feed_samples import RSS2
from support.local_http_server import LocalServer, Reply
from worldbrief.cli.main import app

runner = CliRunner()


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


def test_ingest_then_search_in_the_terminal(data_dir: Path, tmp_path: Path) -> None:
    wire = tmp_path / "wire.jsonl"
    rows = [
        {"id": "1", "title": "Fergana water talks", "body": "Uzbekistan and Kyrgyzstan met in Osh "
         "to share water from the Naryn river across the Fergana Valley this summer."},
        {"id": "2", "title": "Caspian output", "body": "Kazakhstan raised oil output near Aktau."},
        "{broken",
    ]  # fmt: skip
    wire.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows))
    ingested = runner.invoke(app, ["ingest", str(wire)])
    assert ingested.exit_code == 0, ingested.output
    assert "2 created" in ingested.output
    assert "wire.jsonl:3" in ingested.output  # the bad line, with its location

    found = runner.invoke(app, ["search", "water", "--region", "central-asia"])
    assert found.exit_code == 0, found.output
    assert "Fergana water talks" in found.output and "1 matching" in found.output
    bad = runner.invoke(app, ["search", '"unclosed'])
    assert bad.exit_code == 2 and "Invalid query" in bad.output

    rebuilt = runner.invoke(app, ["reindex"])
    assert rebuilt.exit_code == 0 and "Indexed 2 articles" in rebuilt.output


def test_ingest_of_only_bad_input_fails(data_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nothing-here.md"), "ftp://x.example/a"])
    assert result.exit_code == 1
    assert "no such file" in result.output and "only http and https" in result.output


def test_feeds_add_poll_list_and_a_failing_feed(data_dir: Path, server: LocalServer) -> None:
    good = server.reply("/rss.xml", Reply(RSS2, content_type="application/rss+xml", etag='"v1"'))
    broken = server.reply("/gone.xml", Reply(b"nope", status=500))
    assert runner.invoke(app, ["feeds", "add", good, "--title", "Steppe News"]).exit_code == 0
    assert runner.invoke(app, ["feeds", "add", broken]).exit_code == 0
    assert runner.invoke(app, ["feeds", "add", "file:///etc/passwd"]).exit_code == 2

    polled = runner.invoke(app, ["feeds", "poll"])
    assert polled.exit_code == 0, polled.output
    assert "1 created" in polled.output
    assert "failed" in polled.output and "500" in polled.output

    again = runner.invoke(app, ["feeds", "poll", good])
    assert "not modified" in again.output  # conditional GET with the stored ETag
    assert server.requests[-1].headers.get("If-None-Match") == '"v1"'

    listing = runner.invoke(app, ["feeds", "list"], env={"COLUMNS": "200"})
    assert "Steppe News" in listing.output
    assert "failing" in listing.output and "500" in listing.output
    assert runner.invoke(app, ["feeds", "remove", broken]).exit_code == 0
    assert runner.invoke(app, ["feeds", "remove", broken]).exit_code == 1


def test_feeds_add_of_a_url_the_fetch_rules_refuse_says_so_and_names_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORLDBRIEF_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("WORLDBRIEF_FETCH_ALLOW_PRIVATE", raising=False)
    refused = runner.invoke(app, ["feeds", "add", "http://127.0.0.1:8080/rss.xml"])
    assert refused.exit_code == 2
    assert "loopback" in refused.output
    assert "WORLDBRIEF_FETCH_ALLOW_PRIVATE" in refused.output
    listed = runner.invoke(app, ["feeds", "list"])
    assert "127.0.0.1" not in listed.output
