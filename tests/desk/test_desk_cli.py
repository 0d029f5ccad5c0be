"""`worldbrief desk publish-due` publishes what is due, and only that."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from typer.testing import CliRunner

from worldbrief.cli.main import app
from worldbrief.domain.draft import DraftStatus
from worldbrief.services import desk
from worldbrief.services.desk_rules import draft_content
from worldbrief.services.platform import Platform

from .conftest import ANALYST, EDITOR


def test_publish_due_from_the_command_line(
    platform: Platform, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORLDBRIEF_DATA_DIR", str(platform.settings.data_dir))
    monkeypatch.setenv("WORLDBRIEF_DATABASE_URL", platform.store.url)
    content = draft_content(title="Port strike in Rotterdam", body="Dockers in Rotterdam struck.")
    due = desk.create_draft(platform, ANALYST, content)
    later = desk.create_draft(platform, ANALYST, content)
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    desk.schedule_draft(platform, EDITOR, due.id, an_hour_ago + timedelta(minutes=1), an_hour_ago)
    desk.schedule_draft(platform, EDITOR, later.id, datetime.now(UTC) + timedelta(days=1))

    result = CliRunner().invoke(app, ["desk", "publish-due"])
    assert result.exit_code == 0, result.output
    assert f"Published draft {due.id}: Port strike in Rotterdam" in result.output
    assert desk.get_draft(platform, EDITOR, due.id).status is DraftStatus.PUBLISHED
    assert desk.get_draft(platform, EDITOR, later.id).status is DraftStatus.SCHEDULED
