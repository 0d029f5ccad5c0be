from datetime import UTC, datetime
from pathlib import Path

import pytest

from worldbrief.domain import Article, ArticleType, BodyFormat, CountryMention
from worldbrief.enrich.geotag import CountryTagger
from worldbrief.enrich.pipeline import Pipeline
from worldbrief.geo.regions import RegionTaxonomy


@pytest.fixture(scope="module")
def tagger() -> CountryTagger:
    return CountryTagger()


def codes(tagger: CountryTagger, text: str, title: str | None = None) -> set[str]:
    return {m.code for m in tagger.tag_text(text, title)[0]}


def focus(tagger: CountryTagger, text: str, title: str | None = None) -> set[str]:
    return {m.code for m in tagger.tag_text(text, title)[0] if m.focus}


def mention(
    tagger: CountryTagger, code: str, text: str, title: str | None = None
) -> CountryMention:
    return next(m for m in tagger.tag_text(text, title)[0] if m.code == code)


def test_evidence_spans_point_at_the_names(tagger: CountryTagger) -> None:
    title = "Kazakhstan raises oil output"
    body = "Kazakh officials in Astana said Kazakhstan would pump more."
    plain = f"{title}\n\n{body}"
    found = mention(tagger, "KZ", body, title)
    assert [plain[s.start : s.end] for s in found.evidence] == [
        "Kazakhstan",
        "Kazakh",
        "Astana",
        "Kazakhstan",
    ]
    assert found.name == "Kazakhstan"
    assert found.focus and 0 < found.score <= 1


def test_spans_without_a_title_are_offsets_into_the_text(tagger: CountryTagger) -> None:
    text = "Talks resumed in Tashkent between Uzbekistan and Tajikistan."
    found = mention(tagger, "UZ", text)
    assert [text[s.start : s.end] for s in found.evidence] == ["Tashkent", "Uzbekistan"]


def test_focus_and_regions_follow_the_title_and_lead(tagger: CountryTagger) -> None:
    countries, regions = tagger.tag_text(
        "Kazakhstan and Uzbekistan signed a water-sharing deal. The agreement follows years of "
        "talks. Officials noted that France had offered to mediate in the past.",
        title="Central Asian neighbours agree on water",
    )
    by_code = {m.code: m for m in countries}
    assert by_code["KZ"].focus and by_code["UZ"].focus
    assert not by_code["FR"].focus
    assert by_code["KZ"].score > by_code["FR"].score
    assert [r.id for r in regions] == ["eurasia", "central-asia"]


def test_repeated_mentions_raise_the_score(tagger: CountryTagger) -> None:
    prefix = "Markets were calm. Traders waited for data. "
    once = mention(tagger, "CL", prefix + "Chile exported copper.")
    thrice = mention(tagger, "CL", prefix + "Chile exported copper. Chile said so. Chile agreed.")
    assert thrice.score > once.score


def test_a_reuters_dateline_counts_for_its_country(tagger: CountryTagger) -> None:
    body = "LONDON, March 3 - Shares rose in early trading on hopes of lower interest rates."
    countries, _ = tagger.tag_text(body, "Shares Rise In Early Trade")
    uk = next(m for m in countries if m.code == "GB")
    assert uk.focus
    plain = f"Shares Rise In Early Trade\n\n{body}"
    assert [plain[s.start : s.end] for s in uk.evidence] == ["LONDON"]
    assert focus(tagger, "HOUSTON, April 2 - Oil prices fell.") == {"US"}
    assert focus(tagger, "PORTLAND, Maine, June 1 (Reuters) - A mill closed.") == {"US"}


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Michael Jordan scored 40 points for the Bulls last night.", "JO"),
        ("Quarterback Chad Henne threw two touchdowns.", "TD"),
        ("We had roast turkey and fine china at the dinner.", "TR"),
        ("We had roast turkey and fine china at the dinner.", "CN"),
        ("The Guinea pig population of the lab grew.", "GN"),
        ("Voters in New Mexico went to the polls.", "MX"),
        ("Flooding hit Nigeria's south.", "NE"),
        ("Papua New Guinea held elections.", "GN"),
        ("The Dominican Republic raised rates.", "DM"),
        ("Ships crossed the Indian Ocean.", "IN"),
        ("He ordered French fries with his burger.", "FR"),
        ("The company issued 100 mln U.S. dlrs of notes in Tokyo.", "US"),
        ("Atlanta, Georgia, is home to the U.S. Centers for Disease Control.", "GE"),
        ("Georgia Power raised its rates in Atlanta, the Texas regulator noted.", "GE"),
        ("Latin America's debt load grew.", "US"),
    ],
)
def test_classic_false_positives_are_avoided(tagger: CountryTagger, text: str, absent: str) -> None:
    assert absent not in codes(tagger, text)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("King Abdullah of Jordan met officials in Amman.", "JO"),
        ("Refugees crossed into Chad from Sudan.", "TD"),
        ("Turkey and Greece disputed the islands.", "TR"),
        ("China and Japan held talks.", "CN"),
        ("Guinea's junta set an election date.", "GN"),
        ("Niger's army took control of Niamey.", "NE"),
        ("Dominica was hit by the hurricane.", "DM"),
        ("Russian troops remained in Georgia after the war in South Ossetia.", "GE"),
        ("Turkish Airlines added flights to Almaty.", "TR"),
        ("Rebels in Congo seized Goma.", "CD"),
        ("Fighting in Congo spread to Brazzaville.", "CG"),
    ],
)
def test_true_mentions_are_kept(tagger: CountryTagger, text: str, present: str) -> None:
    assert present in codes(tagger, text)


def test_historical_names_map_to_todays_countries(tagger: CountryTagger) -> None:
    text = "Trade between the Soviet Union, West Germany and Burma grew, as did exports from Zaire."
    assert codes(tagger, text) >= {"RU", "DE", "MM", "CD"}


def test_a_text_without_countries_has_no_mentions(tagger: CountryTagger) -> None:
    assert tagger.tag_text("The committee met on Tuesday to discuss the budget.") == ((), ())
    assert tagger.tag_text("") == ((), ())


def test_the_stage_fills_the_article_enrichment_in_a_pipeline() -> None:
    title = "Uzbekistan opens its border"
    body = "TASHKENT, May 2 - Uzbekistan reopened crossings with Kyrgyzstan on Monday."
    article = Article(
        id="a1",
        type=ArticleType.NEWS,
        title=title,
        body=body,
        body_format=BodyFormat.TEXT,
        plain_text=f"{title}\n\n{body}",
        published_at=datetime(2024, 5, 2, tzinfo=UTC),
    )
    tagged = Pipeline([CountryTagger()])(article)
    focus_codes = [m.code for m in tagged.enrichment.focus_countries]
    assert focus_codes[0] == "UZ"
    assert "eurasia" in [r.id for r in tagged.enrichment.regions]
    uz = tagged.enrichment.focus_countries[0]
    assert {article.plain_text[s.start : s.end] for s in uz.evidence} == {"Uzbekistan", "TASHKENT"}
    assert tagged.title == article.title and tagged.enrichment.language is None
    places = {article.plain_text[p.start : p.end]: p for p in tagged.enrichment.places}
    assert places["TASHKENT"].name == "Tashkent" and places["TASHKENT"].country == "UZ"
    assert places["Kyrgyzstan"].feature == "A.PCLI"
    starts = [p.start for p in tagged.enrichment.places if p.text == "Uzbekistan"]
    assert starts[0] == 0 and starts[1] > len(title)  # offsets into plain_text, title included


def test_a_custom_taxonomy_still_geoparses() -> None:
    bundled = Path(__file__).resolve().parents[2] / "src" / "worldbrief" / "geo" / "data"
    taxonomy = RegionTaxonomy.load(bundled / "regions.yaml")
    tagger = CountryTagger(taxonomy)
    assert [p.name for p in tagger.places("Floods reached Aktau.")] == ["Aktau"]
