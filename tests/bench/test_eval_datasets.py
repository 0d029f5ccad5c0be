"""Readers of the geoparsing corpora, on small literal documents in each corpus's own format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo_datasets import (
    GWN_PATH,
    TRNEWS_PATH,
    iso_date,
    parse_gwn,
    parse_trnews,
    read_gwn,
    read_reuters,
    read_trnews,
    realign_to_phrase,
)

GWN_XML = """<?xml version="1.0" ?>
<articles>
  <article file="7">
    <title>Floods in Dhaka</title>
    <link>http://example.org/a</link>
    <text>Rain hit Dhaka. Bangladeshi officials in Dhaka met Reuters.</text>
    <toponyms>
      <toponym>
        <extractedName>Dhaka</extractedName><type>Literal</type>
        <start>9</start><end>14</end><geonamesID>1185241</geonamesID>
        <latitude>23.7104</latitude><longitude>90.40744</longitude>
      </toponym>
      <toponym>
        <extractedName>Dhaka</extractedName><type>Metonymic</type>
        <start>41</start><end>46</end><geonamesID/>
        <latitude>23.7104</latitude><longitude>90.40744</longitude>
      </toponym>
      <toponym>
        <extractedName>Bangladeshi</extractedName><type>Demonym</type>
        <start>16</start><end>27</end>
      </toponym>
      <toponym>
        <extractedName>Reuters</extractedName><type>Non_Toponym</type>
        <start>51</start><end>58</end>
      </toponym>
      <toponym>
        <extractedName>Dhaka</extractedName><type>Literal</type>
        <start>9</start><end>14</end><latitude>north</latitude><longitude>90</longitude>
      </toponym>
    </toponyms>
  </article>
</articles>"""

TRNEWS_XML = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="42">
    <title>Talks in Ankara</title>
    <dltime>2016-12-19</dltime>
    <text><![CDATA[Leaders met in Ankara, Turkey, and on the West Coast.]]></text>
    <toponyms>
      <toponym>
        <phrase>Ankara</phrase><start>13</start><end>19</end>
        <gaztag geonameid="323786">
          <name>Ankara</name><fclass>P</fclass><fcode>PPLC</fcode>
          <lat>39.91987</lat><lon>32.85427</lon>
          <country geonameid="298795">Turkey</country>
        </gaztag>
      </toponym>
      <toponym>
        <phrase>Turkey</phrase><start>24</start><end>30</end>
        <gaztag geonameid="298795">
          <name>Turkey</name><fclass>A</fclass><fcode>PCLI</fcode><lat>39</lat><lon>35</lon>
        </gaztag>
      </toponym>
      <toponym><phrase>West Coast</phrase><start>42</start><end>52</end></toponym>
    </toponyms>
  </article>
  <article docid="43">
    <title>No places</title><dltime>2016-12-20</dltime>
    <text><![CDATA[Nothing here.]]></text>
  </article>
</articles>"""


def test_gwn_scores_toponyms_with_coordinates_and_sets_demonyms_aside() -> None:
    corpus = parse_gwn(GWN_XML)
    [doc] = corpus.documents
    assert (doc.id, doc.title) == ("gwn-7", "Floods in Dhaka")
    assert [(t.start, t.end, t.text, t.kind) for t in doc.toponyms] == [
        (9, 14, "Dhaka", "Literal"),
        (41, 46, "Dhaka", "Metonymic"),
    ]
    assert doc.toponyms[0].geonameid == 1185241 and doc.toponyms[1].geonameid is None
    assert doc.toponyms[0].lat == 23.7104 and doc.toponyms[0].lon == 90.40744
    # The demonym is a place name without coordinates; "Reuters" is not a place name at all.
    assert doc.unscored_spans == ((16, 27),)
    assert corpus.toponym_count == 2 and corpus.realigned == 0


def test_gwn_names_an_unreadable_toponym_and_keeps_the_rest() -> None:
    corpus = parse_gwn(GWN_XML)
    assert len(corpus.problems) == 1
    assert "gwn-7" in corpus.problems[0] and "'Dhaka'" in corpus.problems[0]
    assert "latitude" in corpus.problems[0] or "north" in corpus.problems[0]


def test_trnews_realigns_offsets_that_miss_their_phrase() -> None:
    corpus = parse_trnews(TRNEWS_XML)
    first, empty = corpus.documents
    assert first.id == "trnews-42" and first.published_at == "2016-12-19"
    text = first.text
    # "Ankara" was annotated at 13-19 but sits at 15-21; "Turkey" at 24-30 sits at 23-29.
    assert [(t.start, t.end) for t in first.toponyms] == [(15, 21), (23, 29)]
    assert [text[t.start : t.end] for t in first.toponyms] == ["Ankara", "Turkey"]
    assert corpus.realigned == 2
    assert first.toponyms[0].kind == "P.PPLC" and first.toponyms[0].geonameid == 323786
    assert first.unscored_spans == ((42, 52),)
    assert text[42:52] == "West Coast"
    assert empty.toponyms == () and corpus.problems == []


def test_realignment_picks_the_nearest_occurrence() -> None:
    text = "Paris, then Lyon, then Paris again."
    assert realign_to_phrase(text, "Paris", 0, 5) == (0, 5)
    assert realign_to_phrase(text, "Paris", 20, 25) == (23, 28)
    assert realign_to_phrase(text, "Paris", 2, 7) == (0, 5)
    assert realign_to_phrase(text, "LYON", 10, 14) == (12, 16)  # case differs: still found
    assert realign_to_phrase(text, "Berlin", 0, 6) is None


def test_reuters_reads_stories_with_the_dateline_and_names_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "dev.jsonl"
    story = {
        "id": "reuters-9",
        "title": "Cocoa",
        "body": "Showers continued.",
        "dateline": "SALVADOR, Feb 26 -",
        "published_at": "1987-02-26T15:01:01Z",
        "countries": ["br"],
    }
    path.write_text(json.dumps(story) + "\n{broken\n" + json.dumps({"id": "x"}) + "\n")
    problems: list[str] = []
    [read] = read_reuters(path, problems)
    assert read.text == "SALVADOR, Feb 26 - Showers continued."
    assert read.countries == frozenset({"BR"}) and read.title == "Cocoa"
    assert len(problems) == 2
    assert problems[0].startswith("dev.jsonl line 2") and problems[1].startswith("dev.jsonl line 3")


def test_free_form_datelines_become_iso_dates() -> None:
    assert iso_date("2016-12-19 05:35 CT") == "2016-12-19"
    assert iso_date("Wed Nov 23, 2016 | 3:02pm EST") == "2016-11-23"
    assert iso_date("9:55 AM ET, Sun January 4, 2015") == "2015-01-04"
    assert iso_date("9 Oct 2012, 7:43am EDT") == "2012-10-09"
    assert iso_date("December 9th 2016") == "2016-12-09"
    assert iso_date("11/28/2016") == "2016-11-28"
    assert iso_date("sometime last winter") is None
    assert iso_date("February 30, 2016") is None
    assert iso_date("") is None


@pytest.mark.skipif(
    not (GWN_PATH.exists() and TRNEWS_PATH.exists()), reason="../shared/data/geoparsing is absent"
)
def test_the_shared_corpora_have_the_published_counts() -> None:
    gwn, trnews = read_gwn(), read_trnews()
    assert (len(gwn.documents), gwn.toponym_count) == (200, 2601)
    assert (len(trnews.documents), trnews.toponym_count) == (118, 1275)
    assert trnews.realigned == 117 and trnews.problems == []
    for doc in [*gwn.documents, *trnews.documents]:
        assert all(doc.text[t.start : t.end] == t.text for t in doc.toponyms), doc.id
