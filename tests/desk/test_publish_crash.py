"""Publishing survives a crash: a process killed after the article is stored but before the
draft records it leaves a publication that the next `publish_due` (the server runs it every few
seconds; `worldbrief desk publish-due` from cron) completes, so draft, article and audit log
agree. The crash is real: a subprocess SIGKILLs itself at that point."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from worldbrief.domain.draft import DraftStatus
from worldbrief.services import accounts as service
from worldbrief.services import desk
from worldbrief.services.desk_rules import draft_content
from worldbrief.services.platform import Platform
from worldbrief.services.sessions import now_utc

from .conftest import ANALYST, EDITOR

# Runs in the subprocess: the real publish, with the process killed right after the article
# is stored (the fault is injected here, in test code, never in the product).
CRASHING_PUBLISH = textwrap.dedent(
    """
    import os, signal, sys
    from worldbrief.config import Settings
    from worldbrief.domain.account import Role
    from worldbrief.membership.roles import Viewer
    from worldbrief.services import desk
    from worldbrief.services.platform import open_platform

    real_ingest = desk.ingest_records

    def ingest_then_die(platform, records, progress=None):
        report = real_ingest(platform, records, progress)
        os.kill(os.getpid(), signal.SIGKILL)
        return report

    desk.ingest_records = ingest_then_die
    platform = open_platform(Settings())
    desk.publish_draft(platform, Viewer(Role.EDITOR, sys.argv[2]), int(sys.argv[1]))
    """
)


def _submitted_draft(platform: Platform) -> int:
    content = draft_content(
        title="Grain corridor talks resume",
        body="KYIV — Ukrainian and Turkish officials met to reopen the Black Sea corridor.",
        countries=["UA", "TR"],
    )
    draft = desk.create_draft(platform, ANALYST, content)
    return desk.submit_draft(platform, ANALYST, draft.id).id


def _crash_while_publishing(platform: Platform, draft_id: int, tmp_path: Path) -> None:
    script = tmp_path / "crashing_publish.py"
    script.write_text(CRASHING_PUBLISH, encoding="utf-8")
    env = {"WORLDBRIEF_DATA_DIR": str(platform.settings.data_dir),
           "WORLDBRIEF_DATABASE_URL": platform.settings.resolved_database_url,
           "PATH": "/usr/bin:/bin"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, str(script), str(draft_id), EDITOR.email or ""],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == -signal.SIGKILL, done.stderr


def _published_events(platform: Platform, article_id: str) -> int:
    events = service.accounts_of(platform).audit_events(article_id)
    return sum(e.action == "desk.published" for e in events)


def test_a_publication_killed_midway_is_completed_by_publish_due(
    platform: Platform, tmp_path: Path
) -> None:
    draft_id = _submitted_draft(platform)
    _crash_while_publishing(platform, draft_id, tmp_path)

    # The dangerous point was reached: the article is stored, the draft does not know it.
    stranded = desk.get_draft(platform, EDITOR, draft_id)
    assert stranded.status is DraftStatus.SUBMITTED and stranded.article_id is None
    (article_id,) = [i for batch in platform.store.iter_all_ids() for i in batch]
    stored = platform.store.get(article_id)
    assert stored is not None and stored.title == "Grain corridor talks resume"
    assert _published_events(platform, article_id) == 0

    # Within the lease the publication may still be running elsewhere: it is left alone.
    assert desk.publish_due(platform, now_utc()) == []
    later = now_utc() + desk.PUBLICATION_LEASE + timedelta(seconds=1)
    (recovered,) = desk.publish_due(platform, later)

    assert recovered.id == draft_id and recovered.status is DraftStatus.PUBLISHED
    assert recovered.article_id == article_id
    assert desk.get_draft(platform, EDITOR, draft_id).article_id == article_id
    assert _published_events(platform, article_id) == 1
    revisions = desk.draft_revisions(platform, EDITOR, draft_id)
    assert [r.note for r in revisions][-1] == "published"
    assert revisions[-1].saved_by == EDITOR.email
    article = platform.store.get(article_id)
    assert article is not None and article.published_at == stored.published_at
    assert article.updated_at is None  # a first publication, finished late: not an update
    assert platform.store.count() == 1

    # Nothing is left to finish: a second pass changes nothing.
    assert desk.publish_due(platform, later + timedelta(minutes=5)) == []
    assert _published_events(platform, article_id) == 1


def test_a_draft_being_published_is_not_published_twice(platform: Platform) -> None:
    draft_id = _submitted_draft(platform)
    draft = desk.get_draft(platform, EDITOR, draft_id)
    started = now_utc()
    desk.desk_of(platform).begin_publication(draft, "x", "other@example.org", started,
                                             desk.PUBLICATION_LEASE)  # fmt: skip
    with pytest.raises(desk.DeskConflictError, match="being published"):
        desk.publish_draft(platform, EDITOR, draft_id)
    assert platform.store.count() == 0


def test_a_scheduled_draft_is_published_once_however_many_schedulers_run(
    platform: Platform,
) -> None:
    draft_id = _submitted_draft(platform)
    soon = now_utc() + timedelta(minutes=1)
    desk.schedule_draft(platform, EDITOR, draft_id, soon)
    due = desk.desk_of(platform).due(soon + timedelta(seconds=1))
    # A second process read the same due draft before the first published it.
    assert len(desk.publish_due(platform, soon + timedelta(seconds=1))) == 1
    with pytest.raises(desk.DeskConflictError, match="changed meanwhile"):
        desk._publish(platform, due[0], desk.SCHEDULER, soon + timedelta(seconds=2))
    published = desk.get_draft(platform, EDITOR, draft_id)
    assert published.article_id is not None
    assert _published_events(platform, published.article_id) == 1
