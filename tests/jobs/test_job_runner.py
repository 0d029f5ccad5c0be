"""The job runner: the schedule from the settings, one leader for cluster jobs, and queued
enrichment that may run twice without writing twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from worldbrief.config import Settings
from worldbrief.domain import RawDocument
from worldbrief.jobs.catalog.enrich_documents import submit_documents
from worldbrief.jobs.job import UnknownJobError
from worldbrief.jobs.payloads import document_from_json, document_to_json
from worldbrief.jobs.queue import InlineQueue
from worldbrief.jobs.runner import JobRunner
from worldbrief.jobs.schedule import schedule
from worldbrief.services.platform import open_platform


def test_the_schedule_takes_each_job_default_and_the_setting_over_it() -> None:
    intervals = {name: s for name, (_, s) in schedule(Settings(job_intervals="")).items()}
    assert intervals == {"alerts": 60, "index_catch_up": 5, "poll_feeds": 900, "publish_due": 5}
    chosen = Settings(job_intervals="poll_feeds=60, publish_due=0, alerts=0")
    assert {name: s for name, (_, s) in schedule(chosen).items()} == {
        "index_catch_up": 5,
        "poll_feeds": 60,
    }
    with pytest.raises(UnknownJobError, match="'alert'"):
        schedule(Settings(job_intervals="alert=60"))


def test_only_one_of_two_processes_starts_cluster_jobs_and_the_other_takes_over(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path)
    first, second = open_platform(settings), open_platform(settings)
    runners = [JobRunner(p, InlineQueue(p)) for p in (first, second)]
    try:
        everything = ["alerts", "index_catch_up", "poll_feeds", "publish_due"]
        assert runners[0].run_due(now=0) == everything
        assert runners[1].run_due(now=0) == ["index_catch_up"]  # a node job runs everywhere
        runners[0].stop()  # the leader goes away
        assert runners[1].run_due(now=10) == everything
    finally:
        runners[1].stop()
        first.close()
        second.close()


def test_a_batch_enriched_twice_is_written_once(tmp_path: Path) -> None:
    platform = open_platform(Settings(data_dir=tmp_path))
    documents = [
        RawDocument(
            location=f"test:{n}",
            title=f"Harbour works in Mombasa, part {n}",
            body=f"Port officials in Mombasa, Kenya, said dredging of berth {n} began on Monday.",
            external_id=f"harbour-{n}",
        )
        for n in range(3)
    ]
    try:
        queue = InlineQueue(platform)
        for _ in range(2):  # a worker killed before acknowledging: the batch comes again
            report = submit_documents(queue, documents)
            assert (report.documents, report.jobs) == (3, 1)
        changes = platform.store.changes_since(0, limit=100)
        assert len(changes) == 3
        stored = platform.store.get_many([c.article_id for c in changes])
        assert all(a.enrichment.focus_countries[0].code == "KE" for a in stored)
    finally:
        platform.close()


def test_a_document_travels_as_json_unchanged() -> None:
    from datetime import UTC, datetime

    from worldbrief.domain.article import AccessLevel, ArticleType, Author, BodyFormat

    document = RawDocument(
        location="feed:1",
        title="T",
        body="<p>B</p>",
        body_format=BodyFormat.HTML,
        type=ArticleType.ANALYSIS,
        authors=(Author("Ines Diallo", "Sahel Analyst"),),
        published_at=datetime(2024, 5, 1, 8, tzinfo=UTC),
        access=AccessLevel.MEMBERS,
        metadata={"tags": ["a", 1]},
    )
    assert document_from_json(document_to_json(document)) == document
