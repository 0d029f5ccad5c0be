"""`annotate` runs the same configured enrichment stages as `ingest`: a text annotated and the
same text ingested as an article carry the same places and countries, primary included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from worldbrief.config import Settings
from worldbrief.geo.geoparser import GeoparseRequest
from worldbrief.services.annotate import AnnotateDocument, annotate_document, load_geoparser
from worldbrief.services.ingest import ingest_sources
from worldbrief.services.platform import open_platform

TITLE = "Unrest spreads in the west"
TEXTS = [
    "Protests spread from Zhanaozen to Aktau in western Kazakhstan on Friday. Officials in "
    "Russia said the unrest would not touch Caspian oil exports through Novorossiysk.",
    "Fighting near Goma and Bukavu displaced thousands, aid agencies said. Rwanda denied "
    "sending troops across the border into the Democratic Republic of the Congo.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_an_annotated_text_gets_what_the_ingested_article_gets(tmp_path: Path, text: str) -> None:
    feed = tmp_path / "wire.jsonl"
    feed.write_text(json.dumps({"id": "w1", "title": TITLE, "body": text}) + "\n")
    platform = open_platform(Settings(data_dir=tmp_path / "data"))
    try:
        report = ingest_sources(platform, [str(feed)])
        assert len(report.article_ids) == 1, report
        (article_id,) = report.article_ids
        stored = platform.store.get(article_id)
    finally:
        platform.close()
    assert stored is not None
    request = GeoparseRequest(text=text, title=TITLE)
    annotation = annotate_document(load_geoparser(), AnnotateDocument("w1", request))

    ingested = stored.enrichment
    assert [(p["text"], p["geonameid"]) for p in annotation["places"]] == [
        (p.text, p.geonameid) for p in ingested.places
    ]
    assert [(c["code"], c["focus"], c["primary"]) for c in annotation["countries"]] == [
        (c.code, c.focus, c.primary) for c in ingested.countries
    ]
    assert [r["id"] for r in annotation["regions"]] == [r.id for r in ingested.regions]
