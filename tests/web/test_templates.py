"""The look of the site: view-model builders and every template, rendered with literal data.

Pages are parsed with lxml and checked for what a reader sees; the browser test opens the same
pages from disk in headless Chromium at phone width.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import lxml.html  # type: ignore[import-untyped]  # lxml ships no type stubs
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient
from markupsafe import Markup

from worldbrief.domain import (
    AccessLevel,
    Article,
    ArticleType,
    Author,
    BodyFormat,
    CountryMention,
    Enrichment,
    RegionMention,
    Source,
)
from worldbrief.text.characters import has_forbidden_characters
from worldbrief.web.templating import make_templates, printable, static_dir, templates_dir
from worldbrief.web.views import (
    ArticleCard,
    ArticleView,
    Chip,
    CursorPagination,
    FacetGroup,
    FacetOption,
    RegionNode,
    SearchHitView,
    article_url,
    article_view,
    card_for,
    country_chip,
    country_url,
    dateline,
    join_names,
    media_kind,
    paginate,
    reading_label,
    region_chip,
    region_url,
    slugify,
)

CHROMIUM = Path("/usr/bin/chromium")

# --- literal domain objects and view models ------------------------------------------------------


def make_article(
    article_id: str = "a1",
    *,
    title: str = "Kazakhstan: Unrest in Zhanaozen",
    kind: ArticleType = ArticleType.ANALYSIS,
    access: AccessLevel = AccessLevel.FREE,
    media_url: str | None = None,
    minutes: int = 4,
    updated_at: datetime | None = None,
) -> Article:
    return Article(
        id=article_id,
        type=kind,
        title=title,
        body="Strikes spread across Mangystau.",
        body_format=BodyFormat.TEXT,
        plain_text=f"{title}\n\nStrikes spread across Mangystau.",
        published_at=datetime(2011, 12, 20, 19, 28, tzinfo=UTC),
        updated_at=updated_at,
        teaser="Oil workers' strikes turned violent in western Kazakhstan.",
        authors=(
            Author("Dana Whitfield", "Eurasia Analyst"),
            Author("Owen Clarke", "Energy Analyst"),
        ),
        source=Source(name="Field desk", url="https://example.org/desk"),
        access=access,
        media_url=media_url,
        enrichment=Enrichment(
            reading_minutes=minutes,
            countries=(
                CountryMention("KZ", "Kazakhstan", 0.9, True),
                CountryMention("RU", "Russia", 0.2, False),
                CountryMention("kz", "Kazakhstan", 0.5, True),
            ),
            regions=(
                RegionMention("central-asia", "Central Asia"),
                RegionMention("eurasia", "Eurasia"),
            ),
        ),
    )


def literal_card(
    title: str = "Kazakhstan: Unrest in Zhanaozen",
    *,
    article_id: str = "a1",
    members_only: bool = False,
    type_label: str = "Analysis",
) -> ArticleCard:
    return ArticleCard(
        id=article_id,
        url=f"/articles/{article_id}/{slugify(title)}",
        type_value=type_label.lower(),
        type_label=type_label,
        title=title,
        teaser="Oil workers' strikes turned violent in western Kazakhstan.",
        dateline="Dec 20, 2011 | 19:28 GMT",
        iso_date="2011-12-20T19:28:00Z",
        reading_label="4 MINS READ",
        byline="Dana Whitfield and Owen Clarke",
        countries=(Chip("Kazakhstan", "/countries/kz", "country", "KZ"),),
        members_only=members_only,
    )


def literal_article_view(
    *,
    locked: bool = False,
    title: str = "Kazakhstan: Unrest in Zhanaozen",
    media_url: str | None = None,
    media: str | None = None,
) -> ArticleView:
    return ArticleView(
        card=literal_card(title, members_only=locked),
        authors=(Author("Dana Whitfield", "Eurasia Analyst"), Author("Owen Clarke")),
        body_html="" if locked else "<p>The <em>full</em> body of the analysis.</p>",
        locked=locked,
        media_url=media_url,
        media_kind=media,  # type: ignore[arg-type]
        updated_dateline="Dec 21, 2011 | 08:00 GMT",
        source_name="Field desk",
        source_url="https://example.org/desk",
        region_chips=(Chip("Central Asia", "/regions/central-asia", "region", "central-asia"),),
        country_chips=(Chip("Kazakhstan", "/countries/kz", "country", "KZ"),),
        connected=(
            literal_card("Russia's Sphere of Influence", article_id="a2"),
            literal_card("Caspian Pipeline Politics", article_id="a3", type_label="Forecast"),
        ),
        duplicates=(literal_card("Zhanaozen unrest (wire copy)", article_id="a9"),),
    )


def common_context(**extra: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "request": None,
        "site_name": "worldbrief",
        "nav_regions": [
            region_chip("eurasia", "Eurasia"),
            region_chip("middle-east", "Middle East & North Africa"),
            region_chip("east-asia", "East Asia"),
            region_chip("europe", "Europe"),
            region_chip("americas", "Americas"),
            region_chip("sub-saharan-africa", "Sub-Saharan Africa"),
        ],
        "q": "",
        "page_title": "Front page",
        "feed_url": "/feeds/latest.atom",
    }
    context.update(extra)
    return context


def sample_contexts() -> dict[str, tuple[str, dict[str, Any]]]:
    """One context per page to render, keyed by a preview file name."""
    facets = [
        FacetGroup(
            "country",
            "Countries",
            (
                FacetOption("Kazakhstan", 1204, True, "/search?q=oil"),
                FacetOption("Russia", 312, False, "/search?q=oil&country=KZ&country=RU"),
            ),
        ),
        FacetGroup(
            "type",
            "Type",
            (
                FacetOption("Analysis", 840, False, "/search?q=oil&country=KZ&type=analysis"),
                FacetOption("Dispatch", 96, False, "/search?q=oil&country=KZ&type=dispatch"),
            ),
        ),
    ]
    unselected = [
        FacetGroup(g.key, g.label, tuple(replace(o, selected=False) for o in g.options))
        for g in facets
    ]
    hits = [
        SearchHitView(
            literal_card("Kazakhstan's oil towns", article_id=f"h{i}", members_only=i == 1),
            "Strikes in the <mark>oil</mark> fields of Mangystau &amp; beyond…",
            "Kazakhstan&#x27;s <mark>oil</mark> towns" if i == 0 else "",
        )
        for i in range(3)
    ]
    search_common = {
        "total": 1516,
        "facets": facets,
        "pagination": paginate(1, 20, 1516, lambda n: f"/search?q=oil&page={n}"),
        "error": None,
        "sort": "newest",
        "sort_options": [("relevance", "Relevance"), ("newest", "Newest"), ("oldest", "Oldest")],
        "date_from": "2011-01-01",
        "date_to": "",
    }
    tree = [
        RegionNode(
            region_chip("eurasia", "Eurasia", 1840),
            children=(
                RegionNode(
                    region_chip("central-asia", "Central Asia", 620),
                    countries=(
                        country_chip("KZ", "Kazakhstan", 412),
                        country_chip("UZ", "Uzbekistan", 130),
                        country_chip("KG", "Kyrgyzstan", 78),
                    ),
                ),
            ),
            countries=(country_chip("RU", "Russia", 1022), country_chip("UA", "Ukraine", 380)),
        ),
        RegionNode(
            region_chip("middle-east", "Middle East & North Africa", 910),
            countries=(country_chip("IR", "Iran", 402), country_chip("EG", "Egypt", 120)),
        ),
    ]
    return {
        "home": (
            "home.html",
            common_context(
                lead=literal_card("The Geopolitics of the Caspian Sea", members_only=True),
                latest=[literal_card(f"Latest story {i}", article_id=f"l{i}") for i in range(4)],
                sections=[
                    (
                        "Analysis",
                        [literal_card(f"Analysis {i}", article_id=f"s{i}") for i in range(3)],
                    ),
                    ("Dispatches", [literal_card("Dispatch: Aktau", type_label="Dispatch")]),
                ],
                regions=[region_chip("eurasia", "Eurasia"), region_chip("europe", "Europe")],
                active_region=region_chip("eurasia", "Eurasia"),
            ),
        ),
        "home-empty": (
            "home.html",
            common_context(lead=None, latest=[], sections=[], regions=[], active_region=None),
        ),
        "article": ("article.html", common_context(article=literal_article_view())),
        "article-locked": (
            "article.html",
            common_context(article=literal_article_view(locked=True)),
        ),
        "article-video": (
            "article.html",
            common_context(
                article=literal_article_view(
                    media_url="https://media.example.org/aktau.mp4", media="video"
                )
            ),
        ),
        "regions": ("regions.html", common_context(tree=tree, page_title="Regions & Countries")),
        "place": (
            "place.html",
            common_context(
                heading="Central Asia",
                kind="Region",
                breadcrumbs=[region_chip("eurasia", "Eurasia")],
                place_body=place_body_sample(),
                total=240,
                feed_url="/regions/central-asia/feed.atom",
                page_title="Central Asia",
            ),
        ),
        "search": ("search.html", common_context(q="oil", hits=hits, **search_common)),
        "search-error": (
            "search.html",
            common_context(
                q='"unclosed',
                hits=[],
                **{
                    **search_common,
                    "total": 0,
                    "facets": [],
                    "pagination": None,
                    "error": "The quote opened at character 1 is never closed.",
                },
            ),
        ),
        "search-empty": (
            "search.html",
            common_context(q="", hits=[], **{**search_common, "total": 0, "facets": unselected}),
        ),
        "error": ("error.html", common_context(status=404, message="No article with id a404.")),
    }


def place_body_sample() -> Markup:
    """A place page's body, rendered apart as the pages render and keep it."""
    body = render(
        "_place_body.html",
        {
            "heading": "Central Asia",
            "children": [
                country_chip("KZ", "Kazakhstan", 412),
                country_chip("UZ", "Uzbekistan", 130),
            ],
            "articles": [
                literal_card(f"Central Asia story {i}", article_id=f"c{i}") for i in range(3)
            ],
            "pagination": CursorPagination(
                newer_url="/regions/central-asia?cursor=bmV3ZXI",
                older_url="/regions/central-asia?cursor=b2xkZXI",
                newest_url="/regions/central-asia",
                total=240,
            ),
        },
    )
    return Markup(body)  # rendered by the site's templates, autoescaped


def render(name: str, context: dict[str, Any], static_url: str = "/static") -> str:
    return make_templates(static_url).get_template(name).render(context)


def render_sample(key: str) -> lxml.html.HtmlElement:
    template, context = sample_contexts()[key]
    return lxml.html.fromstring(render(template, context))


def text_of(node: lxml.html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


def by_testid(doc: lxml.html.HtmlElement, testid: str) -> list[lxml.html.HtmlElement]:
    found: list[lxml.html.HtmlElement] = doc.xpath(f'//*[@data-testid="{testid}"]')
    return found


# --- builders ------------------------------------------------------------------------------------


def test_dateline_is_in_gmt_whatever_the_input_zone() -> None:
    eastern = timezone(timedelta(hours=-5))
    assert dateline(datetime(2011, 12, 20, 14, 28, tzinfo=eastern)) == "Dec 20, 2011 | 19:28 GMT"
    assert dateline(datetime(2021, 3, 5, 7, 4)) == "Mar 5, 2021 | 07:04 GMT"


def test_reading_label_pluralises_and_never_says_zero() -> None:
    assert reading_label(0) == "1 MIN READ"
    assert reading_label(1) == "1 MIN READ"
    assert reading_label(4) == "4 MINS READ"


def test_slugs_are_ascii_short_and_never_empty() -> None:
    assert slugify("Kazakhstan: Oil & Gas — Outlook 2012") == "kazakhstan-oil-gas-outlook-2012"
    assert slugify("Türkiye's Élan") == "turkiye-s-elan"
    assert slugify("!!!") == "article"
    long_slug = slugify("word " * 40)
    assert len(long_slug) <= 80
    assert not long_slug.endswith("-")
    assert long_slug.endswith("word")


def test_urls() -> None:
    assert article_url("2011/42", "A Title") == "/articles/2011%2F42/a-title"
    assert country_url("KZ") == "/countries/kz"
    assert region_url("central-asia") == "/regions/central-asia"
    assert join_names(["A", "B", "C"]) == "A, B and C"


def test_card_shows_focus_countries_once_and_joins_authors() -> None:
    card = card_for(make_article(access=AccessLevel.MEMBERS))
    assert card.byline == "Dana Whitfield and Owen Clarke"
    assert [c.label for c in card.countries] == ["Kazakhstan"]
    assert card.countries[0].url == "/countries/kz"
    assert card.dateline == "Dec 20, 2011 | 19:28 GMT"
    assert card.iso_date == "2011-12-20T19:28:00Z"
    assert card.reading_label == "4 MINS READ"
    assert card.type_label == "Analysis"
    assert card.url == "/articles/a1/kazakhstan-unrest-in-zhanaozen"
    assert card.members_only


def test_article_view_drops_the_body_when_locked_and_knows_its_media() -> None:
    article = make_article(
        kind=ArticleType.DISPATCH,
        media_url="https://media.example.org/briefing.MP3?x=1",
        updated_at=datetime(2011, 12, 20, 19, 28, 40, tzinfo=UTC),
    )
    related = [make_article("a2", title="Other"), article]
    view = article_view(article, body_html="<p>secret</p>", locked=True, connected=related)
    assert view.body_html == ""
    assert view.media_kind == "audio"
    assert view.updated_dateline is None  # same minute as publication
    assert [c.id for c in view.connected] == ["a2"]
    assert [c.label for c in view.region_chips] == ["Central Asia", "Eurasia"]
    assert media_kind("https://media.example.org/aktau.mp4") == "video"
    assert media_kind(None) is None


@pytest.mark.parametrize(
    "stored",
    ["javascript:alert(1)", "\x01javascript:alert(1)", " data:video/mp4;base64,AAAA", "vbscript:x"],
)
def test_article_view_keeps_only_http_media_and_source_links(stored: str) -> None:
    article = replace(make_article(media_url=stored), source=Source(name="Field desk", url=stored))
    view = article_view(article, body_html="<p>x</p>", locked=False, connected=[])
    assert (view.media_url, view.media_kind, view.source_url) == (None, None, None)
    assert view.source_name == "Field desk"
    playable = make_article(media_url="https://m.example.org/a.mp4")
    safe = article_view(playable, body_html="", locked=False, connected=[])
    assert (safe.media_url, safe.source_url) == (
        "https://m.example.org/a.mp4",
        "https://example.org/desk",
    )


def test_pagination_windows_and_clamps() -> None:
    pages = paginate(7, 10, 200, lambda n: f"?page={n}")
    assert [n for n, _, _ in pages.links] == [1, 5, 6, 7, 8, 9, 20]
    assert [n for n, _, current in pages.links if current] == [7]
    assert (pages.prev_url, pages.next_url) == ("?page=6", "?page=8")
    last = paginate(99, 10, 200, lambda n: f"?page={n}")
    assert (last.page, last.next_url) == (20, None)
    empty = paginate(1, 10, 0, lambda n: f"?page={n}")
    assert (empty.pages, empty.prev_url, empty.next_url) == (1, None, None)
    with pytest.raises(ValueError, match="per_page"):
        paginate(1, 0, 10, str)


# --- templates -----------------------------------------------------------------------------------


def test_article_page_shows_what_a_reader_expects() -> None:
    doc = render_sample("article")
    assert text_of(by_testid(doc, "dateline")[0]) == "Dec 20, 2011 | 19:28 GMT"
    page = text_of(doc)
    assert "4 MINS READ" in page
    assert "Dana Whitfield, Eurasia Analyst" in page
    assert "Updated Dec 21, 2011 | 08:00 GMT" in page
    assert doc.xpath("//h1")[0].text_content() == "Kazakhstan: Unrest in Zhanaozen"
    assert "The full body of the analysis." in text_of(by_testid(doc, "article-body")[0])
    assert [(a.text_content(), a.get("href")) for a in by_testid(doc, "region-chip")] == [
        ("Central Asia", "/regions/central-asia")
    ]
    assert [a.get("href") for a in by_testid(doc, "country-chip")] == ["/countries/kz"]
    assert "Regions & Countries" in page
    assert "Connected Content" in page
    assert "Caspian Pipeline Politics" in page
    assert "Zhanaozen unrest (wire copy)" in page
    assert not by_testid(doc, "paywall")
    ld = json.loads(doc.xpath('//script[@type="application/ld+json"]')[0].text)
    assert ld["isAccessibleForFree"] is True


def test_locked_article_shows_teaser_and_subscribe_box_but_no_body() -> None:
    doc = render_sample("article-locked")
    paywall = by_testid(doc, "paywall")
    assert len(paywall) == 1
    links = {a.get("href") for a in paywall[0].xpath(".//a")}
    assert "/subscribe" in links
    assert any(href.startswith("/login") for href in links)
    # The teaser stands under the title, where a free article shows it too; there is no body.
    assert "Oil workers' strikes turned violent" in text_of(by_testid(doc, "teaser")[0])
    assert not by_testid(doc, "article-body")
    assert "full body" not in text_of(doc)


def test_video_dispatch_has_a_player_before_the_transcript() -> None:
    doc = render_sample("article-video")
    video = doc.xpath("//video")[0]
    assert video.get("src") == "https://media.example.org/aktau.mp4"
    assert video.get("controls") is not None
    assert video.get("autoplay") is None
    assert "Transcript" in text_of(by_testid(doc, "article-body")[0])


def test_titles_are_escaped_everywhere() -> None:
    hostile = "<script>alert(1)</script> Oil & Gas"
    view = literal_article_view(title=hostile)
    html = render("article.html", common_context(article=view, page_title=hostile))
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Oil &amp; Gas" in html
    doc = lxml.html.fromstring(html)
    assert doc.xpath("//h1")[0].text_content() == hostile
    assert hostile in doc.xpath("//title")[0].text_content()


def test_pages_never_print_characters_xml_forbids() -> None:
    dirty = "Oil\x1b[31m\x01 & Gas\uffff"
    view = literal_article_view(title=dirty)
    view = replace(view, body_html="<p>Body\x0b text\ufffe</p>")
    html = render("article.html", common_context(article=view, page_title=dirty))
    assert not has_forbidden_characters(html)
    doc = lxml.html.fromstring(html)
    assert doc.xpath("//h1")[0].text_content() == "Oil[31m & Gas"
    # Inside markup a forbidden character is replaced, never dropped: "<\x01script" stays text.
    assert "Body\ufffd text\ufffd" in text_of(by_testid(doc, "article-body")[0])
    assert printable(Markup("<\x01script>")) == Markup("<\ufffdscript>")
    assert printable("a\x00b") == "ab" and printable(3) == 3


def test_home_page_has_lead_latest_sections_and_the_region_it_shows() -> None:
    doc = render_sample("home")
    page = text_of(doc)
    assert "The Geopolitics of the Caspian Sea" in page
    assert "Latest story 3" in page
    assert [h.text_content() for h in doc.xpath('//h2[@class="section-heading"]')] == [
        "Latest",
        "Analysis",
        "Dispatches",
    ]
    # The header's region navigation is the only row of regions; the front page names its own.
    assert not doc.xpath('//nav[@aria-label="Filter by region"]')
    assert doc.xpath('//h2[@class="front-filter-title"]')[0].text_content() == "Eurasia"
    assert "Members" in page
    assert "Nothing published yet" in text_of(render_sample("home-empty"))


def test_regions_page_lists_the_tree_with_counts() -> None:
    doc = render_sample("regions")
    page = text_of(doc)
    assert "Regions & Countries" in page
    central = doc.xpath('//a[@href="/regions/central-asia"]')[0]
    assert central.text_content() == "Central Asia"
    assert central.xpath("ancestor::section[2]/@aria-labelledby") == ["region-eurasia"]
    assert doc.xpath('//a[@href="/countries/kz"]')[0].text_content() == "Kazakhstan"
    assert "1,022 articles" in page


def test_place_page_has_breadcrumbs_children_articles_pages_and_feed() -> None:
    doc = render_sample("place")
    crumbs = [text_of(li) for li in doc.xpath('//nav[@aria-label="Breadcrumb"]//li')]
    assert crumbs == ["Home", "Regions & Countries", "Eurasia", "Central Asia"]
    assert doc.xpath("//h1")[0].text_content() == "Central Asia"
    assert "Kazakhstan 412" in text_of(doc.xpath('//a[@href="/countries/kz"]')[0])
    assert "Central Asia story 2" in text_of(doc)
    assert "240 articles" in text_of(doc.xpath("//header")[-1])
    links = {text_of(a): a.get("href") for a in doc.xpath('//nav[@aria-label="Pages"]//a')}
    assert links == {
        "← Newer articles": "/regions/central-asia?cursor=bmV3ZXI",
        "Latest": "/regions/central-asia",
        "Older articles →": "/regions/central-asia?cursor=b2xkZXI",
    }
    assert (
        doc.xpath('//nav[@aria-label="Pages"]//a[@rel="next"]')[0].get("href").endswith("b2xkZXI")
    )
    feed = "/regions/central-asia/feed.atom"
    assert doc.xpath(f'//link[@rel="alternate"][@href="{feed}"]')
    assert len(doc.xpath(f'//body//a[@href="{feed}"]')) >= 1


def test_search_page_shows_hits_facets_and_tips() -> None:
    doc = render_sample("search")
    hits = by_testid(doc, "search-hit")
    assert len(hits) == 3
    first = hits[0]
    assert first.xpath(".//h3//mark")[0].text == "oil"
    assert text_of(first.xpath(".//h3")[0]) == "Kazakhstan's oil towns"
    assert first.xpath('.//p[@class="snippet"]/mark')[0].text == "oil"
    assert "Mangystau & beyond" in text_of(first)
    assert "Dec 20, 2011 | 19:28 GMT" in text_of(first)
    assert "1,516 results" in text_of(doc)
    selected = doc.xpath('//a[contains(@class, "facet-option")][@aria-current]')
    assert [text_of(a) for a in selected] == ["Kazakhstan (selected, select to remove) 1,204"]
    summary = doc.xpath('//details[contains(@class, "filters")]/summary')[0]
    assert text_of(summary) == "Filter results (1 active)"
    tips = text_of(doc.xpath('//details[contains(@class, "tips")]')[0])
    for example in ('"Caspian Sea"', "OR", "-OPEC", "country:KZ", "type:analysis", "year:2021"):
        assert example in tips
    assert doc.xpath('//select[@name="sort"]/option[@selected]')[0].get("value") == "newest"
    assert doc.xpath('//input[@name="from"]')[0].get("value") == "2011-01-01"


def test_search_error_is_a_friendly_message() -> None:
    doc = render_sample("search-error")
    alert = doc.xpath('//*[@role="alert"]')[0]
    assert "never closed" in text_of(alert)
    assert not by_testid(doc, "search-hit")


def test_error_page_names_the_status() -> None:
    doc = render_sample("error")
    assert "Error 404" in text_of(doc)
    assert "No article with id a404." in text_of(doc)


@pytest.mark.parametrize("key", list(sample_contexts()))
def test_every_page_is_accessible_and_offline(key: str) -> None:
    doc = render_sample(key)
    assert doc.get("lang") == "en"
    assert doc.xpath('//a[@class="skip-link"]')[0].get("href") == "#main"
    assert doc.xpath('//main[@id="main"]')
    assert doc.xpath("//header") and doc.xpath("//footer")
    assert len(doc.xpath("//h1")) == 1
    assert doc.xpath('//link[@rel="icon"][contains(@href, "favicon.svg")]')
    for field in doc.xpath("//input[not(@type='hidden')] | //select"):
        assert doc.xpath(f'//label[@for="{field.get("id")}"]'), f"no label for {field.get('name')}"
    for img in doc.xpath("//img"):
        assert img.get("alt") is not None
    for url in doc.xpath("//link/@href | //script/@src | //img/@src"):
        assert not url.startswith(("http:", "https:", "//")), url


def test_assets_are_local_and_the_favicon_is_svg() -> None:
    css = (static_dir() / "site.css").read_text()
    assert "@import" not in css and "@font-face" not in css
    assert "url(http" not in css
    assert ET.parse(static_dir() / "favicon.svg").getroot().tag.endswith("svg")
    for template in templates_dir().glob("*.html"):
        text = template.read_text()
        assert "cdn" not in text.lower(), template.name


def test_templates_render_through_a_real_app() -> None:
    templates = make_templates()
    app = FastAPI()

    @app.get("/regions/eurasia", response_class=HTMLResponse)
    def eurasia(request: Request) -> HTMLResponse:
        context = common_context(
            request=request,
            status=404,
            message="Nothing here",
        )
        return templates.TemplateResponse(request, "error.html", context, status_code=404)

    response = TestClient(app).get("/regions/eurasia")
    assert response.status_code == 404
    doc = lxml.html.fromstring(response.text)
    current = doc.xpath('//nav[@aria-label="Regions"]//a[@aria-current="page"]')
    assert [a.text_content() for a in current] == ["Eurasia"]


# --- the look, in a real browser -----------------------------------------------------------------


def write_previews(out_dir: Path) -> dict[str, Path]:
    """Render every sample page into ``out_dir`` with its CSS read straight from disk."""
    static = out_dir / "static"
    shutil.copytree(static_dir(), static, dirs_exist_ok=True)
    pages: dict[str, Path] = {}
    for key, (template, context) in sample_contexts().items():
        page = out_dir / f"{key}.html"
        page.write_text(render(template, context, static_url=static.as_uri()), encoding="utf-8")
        pages[key] = page
    return pages


@pytest.mark.browser
def test_pages_fit_a_phone_and_filters_fold_only_there(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    pages = write_previews(tmp_path)
    args = ["--headless", "--no-sandbox", "--disable-gpu"]
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=args)
        try:
            tab = browser.new_page(viewport={"width": 375, "height": 800})
            for key, path in pages.items():
                tab.goto(path.as_uri())
                widths = tab.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                assert widths[0] <= widths[1], f"{key} scrolls sideways: {widths}"
                font = tab.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
                assert "serif" in font, key
                if key.startswith("search") and tab.query_selector("details.filters"):
                    assert tab.get_attribute("details.filters", "open") is None, key
            wide = browser.new_page(viewport={"width": 1280, "height": 900})
            wide.goto(pages["search"].as_uri())
            assert wide.get_attribute("details.filters", "open") is not None
        finally:
            browser.close()
