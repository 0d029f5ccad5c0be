"""Output rules of the `worldbrief` command: whole lines whatever the terminal, errors on stderr,
a progress count that adds up, and every rejection available as JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from support.feed_samples import RSS2
from support.local_http_server import LocalServer, Reply
from worldbrief.cli.main import app
from worldbrief.config import Settings
from worldbrief.services.platform import open_platform

runner = CliRunner()
LONG_LABEL_HOST = "a" * 64 + ".example"


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


def run_in_narrow_terminal(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """The real command in a fresh process, as in a pipe from a 20-column terminal."""
    env = {**os.environ, "COLUMNS": "20", "WORLDBRIEF_DATA_DIR": str(data_dir)}
    env.pop("WORLDBRIEF_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "worldbrief.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def a_long_path(tmp_path: Path) -> Path:
    deep = tmp_path / ("a-directory-with-a-rather-long-name-" * 3) / "and-another-level-below-it"
    deep.mkdir(parents=True)
    return deep / "a-file-with-an-unsupported-and-long-name.pdf"


def test_paths_and_messages_stay_whole_in_a_narrow_terminal(data_dir: Path, tmp_path: Path) -> None:
    bad = a_long_path(tmp_path)
    bad.write_bytes(b"%PDF-1.4")
    missing = tmp_path / "nothing-here-under-this-equally-long-file-name.md"
    result = run_in_narrow_terminal("ingest", str(bad), str(missing), data_dir=data_dir)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert any(str(bad) in line and "unsupported file type '.pdf'" in line for line in lines)
    assert any(f"{missing}: no such file or directory" in line for line in lines)
    assert "skipped" not in result.stdout  # rejections are errors: stderr
    assert "0 created, 0 updated" in result.stdout


def test_the_feed_table_keeps_urls_whole_in_a_narrow_terminal(
    data_dir: Path, tmp_path: Path
) -> None:
    url = "https://feeds.example.org/" + "very-long-path-segment/" * 6 + "rss.xml"
    platform = open_platform(Settings(data_dir=data_dir))
    platform.store.add_feed(url, "Steppe News")
    platform.close()
    result = run_in_narrow_terminal("feeds", "list", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert any(url in line for line in result.stdout.splitlines())
    assert "never polled" in result.stdout


def test_the_progress_count_adds_up(data_dir: Path, tmp_path: Path) -> None:
    wire = tmp_path / "wire.jsonl"
    wire.write_text('{"title": "A", "body": "Talks in Osh."}\n\n{"broken\n')
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "missing.md"), "ftp://x.example/a", str(wire)]
    )
    assert "4/4" in result.stderr, result.stderr  # two rejected sources and two JSONL lines
    assert "/3" not in result.stderr and "/5" not in result.stderr


def test_json_report_lists_every_rejection(data_dir: Path, tmp_path: Path) -> None:
    wire = tmp_path / "wire.jsonl"
    rows = ['{"id": "1", "title": "Grain", "body": "Kazakhstan ships grain through Aktau."}']
    rows += ["{broken" for _ in range(120)]
    wire.write_text("\n".join(rows) + "\n")
    result = runner.invoke(app, ["ingest", "--json", str(wire)])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["created"], report["rejected_count"]) == (1, 120)
    assert len(report["article_ids"]) == 1
    assert [r["location"] for r in report["rejected"]] == [f"{wire}:{n}" for n in range(2, 122)]
    assert all("not valid JSON" in r["reason"] for r in report["rejected"])


def test_report_file_holds_every_rejection_and_the_screen_a_few(
    data_dir: Path, tmp_path: Path
) -> None:
    wire = tmp_path / "wire.jsonl"
    wire.write_text("\n".join("{broken" for _ in range(75)) + "\n")
    report = tmp_path / "rejected.jsonl"
    result = runner.invoke(app, ["ingest", "--report", str(report), str(wire)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in report.read_text().splitlines()]
    assert [line["location"] for line in lines] == [f"{wire}:{n}" for n in range(1, 76)]
    assert result.stderr.count("skipped") == 50
    assert "and 25 more" in result.stderr and "--report" in result.stderr


def test_a_report_that_cannot_be_written_stops_before_ingesting(
    data_dir: Path, tmp_path: Path
) -> None:
    note = tmp_path / "note.md"
    note.write_text("# Grain\n\nKazakhstan ships grain through Aktau.")
    result = runner.invoke(
        app, ["ingest", "--report", str(tmp_path / "no/such/dir/r.jsonl"), str(note)]
    )
    assert result.exit_code == 2
    assert "cannot write the report" in result.stderr
    assert "created" not in result.stdout


def test_file_names_are_printed_literally(data_dir: Path, tmp_path: Path) -> None:
    """Markup, control characters and bytes that are not UTF-8 in a name are shown, not obeyed."""
    names = tmp_path / "names"
    names.mkdir()
    (names / "[bold]report[red].pdf").write_bytes(b"%PDF")
    (names / "evil\x1b[2J.pdf").write_bytes(b"%PDF")
    Path(os.fsdecode(os.fsencode(names) + b"/caf\xe9.pdf")).write_bytes(b"%PDF")
    result = runner.invoke(app, ["ingest", str(names)])
    assert result.exit_code == 1, result.stderr
    assert "[bold]report[red].pdf" in result.stderr
    assert "evil\\x1b[2J.pdf" in result.stderr and "\x1b[2J" not in result.stderr
    assert "caf\\udce9.pdf" in result.stderr
    report = json.loads(runner.invoke(app, ["ingest", "--json", str(names)]).stdout)
    assert len(report["rejected"]) == 3


def test_feeds_add_refuses_a_host_no_resolver_accepts(data_dir: Path) -> None:
    result = runner.invoke(app, ["feeds", "add", f"https://{LONG_LABEL_HOST}/rss.xml"])
    assert result.exit_code == 2
    assert "not a valid domain name" in result.stderr
    assert "No feeds" in runner.invoke(app, ["feeds", "list"]).stdout


def test_every_feed_is_polled_whatever_another_feed_does(
    data_dir: Path, server: LocalServer
) -> None:
    """A feed subscribed before URLs were checked used to stop the poll of every later feed."""
    bad = f"https://{LONG_LABEL_HOST}/rss.xml"
    good = server.reply("/rss.xml", Reply(RSS2, content_type="application/rss+xml"))
    platform = open_platform(Settings(data_dir=data_dir))
    platform.store.add_feed(bad)
    platform.store.add_feed(good)
    platform.close()

    polled = runner.invoke(app, ["feeds", "poll", "--json"])
    assert polled.exit_code == 0, polled.stderr
    outcomes = {o["url"]: o for o in json.loads(polled.stdout)["feeds"]}
    assert outcomes[good]["status"] == "polled" and outcomes[good]["created"] == 1
    assert outcomes[bad]["status"] == "failed"
    assert "not a valid domain name" in outcomes[bad]["error"]

    listing = runner.invoke(app, ["feeds", "list"]).stdout
    assert "never polled" not in listing
    assert "failing (1×)" in listing and "not a valid domain name" in listing
