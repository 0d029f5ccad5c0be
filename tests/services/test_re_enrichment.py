"""`worldbrief enrich`: stages run again over stored articles, resumably, through the upsert."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from worldbrief.config import Settings
from worldbrief.enrich.pipeline import PipelineDefinitionError
from worldbrief.search.query import SearchQuery
from worldbrief.services.ingest import ingest_sources
from worldbrief.services.platform import Platform, open_platform
from worldbrief.services.re_enrichment import checkpoint_path, re_enrich

PLACES = ["Almaty", "Tashkent", "Bishkek", "Dushanbe", "Ashgabat", "Astana"]


class StoppedError(Exception):
    """Stands for the run being killed between two batches."""


def _ingest_without_geotag(tmp_path: Path, store_url: str) -> list[str]:
    rows = [
        {"id": f"c{i}", "title": f"Market day {i}", "body": f"Traders in {place} said grain "
         f"prices rose again this week, the {i} time this season."}
        for i, place in enumerate(PLACES)
    ]  # fmt: skip
    feed = tmp_path / "wire.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url=store_url,
        enrich_stages="reading_time,language,fingerprint",
    )
    early = open_platform(settings)
    try:
        return ingest_sources(early, [str(feed)]).article_ids
    finally:
        early.close()


@pytest.fixture
def later(tmp_path: Path, store_url: str) -> Platform:
    """The same store after the geotag stage was added to the configured stages."""
    _ingest_without_geotag(tmp_path, store_url)
    return open_platform(Settings(data_dir=tmp_path / "data", database_url=store_url))


def test_a_stage_added_later_is_run_over_the_stored_articles(later: Platform) -> None:
    assert later.index.search(SearchQuery(countries=("KZ",))).total == 0
    report = re_enrich(later, ["geotag"], workers=1)
    assert (report.changed, report.unchanged, report.failed) == (6, 0, [])
    kazakh = later.index.search(SearchQuery(countries=("KZ",)))
    assert {h.title for h in kazakh.hits} == {"Market day 0", "Market day 5"}
    again = re_enrich(later, ["geotag"], workers=1)
    assert (again.changed, again.unchanged) == (0, 6)  # nothing new: nothing logged
    later.close()


def test_a_stopped_run_continues_where_it_stopped(later: Platform) -> None:
    seen: list[int] = []

    def stop_after_first_batch(count: int) -> None:
        seen.append(count)
        raise StoppedError

    with pytest.raises(StoppedError):
        re_enrich(later, ["geotag"], workers=1, batch_size=4, progress=stop_after_first_batch)
    assert seen == [4] and checkpoint_path(later).exists()
    resumed = re_enrich(later, ["geotag"], workers=1, batch_size=4)
    assert resumed.resumed_after is not None
    assert resumed.done == 2 and resumed.changed == 2
    assert not checkpoint_path(later).exists()
    assert later.index.search(SearchQuery(countries=("KZ",))).total == 2
    later.close()


def test_restart_ignores_the_checkpoint(later: Platform) -> None:
    with pytest.raises(StoppedError):
        re_enrich(later, ["geotag"], workers=1, batch_size=4, progress=_raise)
    report = re_enrich(later, ["geotag"], workers=1, batch_size=4, restart=True)
    assert report.resumed_after is None and report.done == 6
    later.close()


def test_a_limit_at_a_batch_boundary_still_leaves_the_rest_for_the_next_run(
    later: Platform,
) -> None:
    first = re_enrich(later, ["geotag"], workers=1, batch_size=4, limit=4)
    assert first.done == 4 and first.stopped_after is not None
    assert checkpoint_path(later).exists()
    rest = re_enrich(later, ["geotag"], workers=1, batch_size=4, limit=4)
    assert rest.resumed_after == first.stopped_after
    assert (rest.done, rest.stopped_after) == (2, None)
    assert not checkpoint_path(later).exists()
    later.close()


@pytest.mark.parametrize("limit", [0, -1])
def test_a_limit_below_one_is_refused(later: Platform, limit: int) -> None:
    with pytest.raises(ValueError, match="limit must be 1 or more"):
        re_enrich(later, ["geotag"], workers=1, limit=limit)
    later.close()


def test_an_unknown_stage_is_refused_before_any_article_is_read(later: Platform) -> None:
    with pytest.raises(PipelineDefinitionError, match="'geotagg'"):
        re_enrich(later, ["geotagg"], workers=1)
    later.close()


def test_on_worker_processes_the_outcome_is_the_same(later: Platform) -> None:
    report = re_enrich(later, None, workers=2, batch_size=2)
    assert (report.changed, report.failed) == (6, [])
    assert later.index.search(SearchQuery(countries=("KZ",))).total == 2
    later.close()


def _raise(_count: int) -> None:
    raise StoppedError
