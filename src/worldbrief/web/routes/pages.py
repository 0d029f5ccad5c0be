"""The server-rendered pages of the site."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from worldbrief.domain import AccessLevel, ArticleType, Region
from worldbrief.domain.listing import CursorError, ListingCursor, ListingQuery
from worldbrief.membership.entitlements import page_readable_bodies
from worldbrief.membership.roles import FULL_ACCESS_ROLES, Viewer
from worldbrief.search.query import Facet, QuerySyntaxError, SearchResult, SortOrder
from worldbrief.services.browse import (
    Listing,
    coverage,
    front_page,
    headlines_in_order,
    listing,
)
from worldbrief.services.country_pages import region_shares
from worldbrief.services.desk_rules import is_writer
from worldbrief.services.event_pages import article_events
from worldbrief.services.following import FollowKind, FollowTarget
from worldbrief.services.kept_place_bodies import PlaceBody, PlaceKey, place_bodies_of
from worldbrief.services.metering import Allowance, allowance_for, spend
from worldbrief.services.notifications import unread_label
from worldbrief.services.platform import Platform
from worldbrief.services.reading import read_article
from worldbrief.services.search import search_articles
from worldbrief.web.deps import PlatformDep, SignedInDep, ViewerDep, signed_in
from worldbrief.web.event_page_views import article_event_view, country_namer, named_actors
from worldbrief.web.follow_views import FollowBox, follow_box
from worldbrief.web.map_views import choropleth_of
from worldbrief.web.query_days import query_day
from worldbrief.web.region_events import region_event_parts
from worldbrief.web.search_params import SearchParamError, SearchParams, SearchParamsDep
from worldbrief.web.views import (
    Chip,
    FacetGroup,
    FacetOption,
    RegionNode,
    SearchHitView,
    article_url,
    article_view,
    card_for,
    country_chip,
    cursor_pagination,
    paginate,
    region_chip,
    slugify,
)

router = APIRouter(include_in_schema=False)
PER_PAGE = 20
MAX_CURSOR_LENGTH = 1024
HOME_LATEST = 11
HOME_SECONDARY = 4  # stories shown with their teasers under the lead
SECTION_SIZE = 4
SORT_OPTIONS = [("relevance", "Relevance"), ("newest", "Newest first"), ("oldest", "Oldest first")]
FACET_LABELS = {
    Facet.REGION: "Region",
    Facet.COUNTRY: "Country",
    Facet.TYPE: "Type",
    Facet.AUTHOR: "Author",
    Facet.YEAR: "Year",
}


def _cursor(
    cursor: Annotated[str | None, Query(max_length=MAX_CURSOR_LENGTH)] = None,
) -> ListingCursor | None:
    """The ``cursor`` of a listing page; a 400 page for one this site did not issue."""
    if cursor is None or cursor == "":
        return None
    try:
        return ListingCursor.decode(cursor)
    except CursorError as error:
        raise HTTPException(400, f"The page link is not valid: {error}.") from None


CursorParam = Annotated[ListingCursor | None, Depends(_cursor)]


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    platform: Platform = request.app.state.platform
    session = signed_in(request, platform)  # once per request; the header shows who it is
    base = {
        "request": request,
        "desk_link": session is not None and is_writer(session.viewer),
        # Signed-in pages are private: the header's count costs one bounded, indexed read.
        "unread_alerts": unread_label(platform, session.account.id) if session else None,
        "site_name": platform.settings.site_name,
        "site_mission": platform.settings.site_mission,
        "nav_regions": [region_chip(r.id, r.name) for r in platform.taxonomy.top_regions()],
        "q": "",
        "page_title": "",  # the site's name alone; base.html adds it to every title
        "feed_url": "/feeds/latest.atom",
    }
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, base | context, status_code=status_code
    )
    return response


@router.get("/", response_class=HTMLResponse)
def home(request: Request, platform: PlatformDep, region: str = "") -> HTMLResponse:
    active = platform.taxonomy.find_region(region) if region else None
    front = front_page(platform, active.id if active else None, HOME_LATEST, SECTION_SIZE)
    cards = [card_for(a) for a in front.latest]
    return render(
        request,
        "home.html",
        {
            "lead": cards[0] if cards else None,
            # Under the lead, so its column is as full as the list of latest beside it.
            "secondary": cards[1 : 1 + HOME_SECONDARY],
            "latest": cards[1 + HOME_SECONDARY :],
            "sections": [
                (article_type.label, [card_for(a) for a in shown])
                for article_type, shown in front.sections
            ],
            "active_region": region_chip(active.id, active.name) if active else None,
            "page_title": active.name if active else "",
            "feed_url": f"/feeds/regions/{active.id}.atom" if active else "/feeds/latest.atom",
        },
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
@router.get("/articles/{article_id}/{slug}", response_class=HTMLResponse)
def article(
    request: Request,
    article_id: str,
    platform: PlatformDep,
    viewer: ViewerDep,
    signed: SignedInDep,
    slug: str = "",
) -> Response:
    allowance = allowance_for(platform, signed.account if signed else None, viewer)
    reads_left = allowance.meter.reads_left_for(article_id) if allowance else 0
    reading = read_article(platform, article_id, viewer, metered_reads_left=reads_left)
    if reading is None:
        raise HTTPException(404, "We could not find that article.")
    found = reading.article
    if slug != slugify(found.title):
        return RedirectResponse(article_url(found.id, found.title), status_code=301)
    if allowance and reading.entitlement.metered:
        allowance = spend(platform, allowance, found.id)
    view = article_view(
        found,
        body_html=reading.body_html,
        locked=reading.entitlement.locked,
        connected=reading.connected,
        duplicates=reading.duplicates,
        with_evidence=reading.entitlement.full_text,
        site_url=platform.settings.base_url,
    )
    events = article_events(platform, reading)
    return render(
        request,
        "article.html",
        {
            "article": view,
            # What happened: evidence only where the reading grants the body (services).
            "events": [article_event_view(e, country_namer(platform)) for e in events],
            "named_actors": named_actors(found.enrichment.entities),
            "page_title": found.title,
            "allowance_note": _allowance_note(allowance, found.access),
            # A quiet word for readers who could become members, under free articles only.
            "invite_membership": found.access is AccessLevel.FREE
            and viewer.role not in FULL_ACCESS_ROLES,
        },
    )


def _allowance_note(allowance: Allowance | None, access: AccessLevel) -> str | None:
    if allowance is None or access is not AccessLevel.MEMBERS:
        return None
    meter = allowance.meter
    return f"{meter.left} of {meter.allowance} free members-only articles left this month"


@router.get("/regions", response_class=HTMLResponse)
def regions(request: Request, platform: PlatformDep) -> HTMLResponse:
    taxonomy = platform.taxonomy
    counted = coverage(platform)
    region_counts, country_counts = counted.regions, counted.countries

    def node(region_id: str) -> RegionNode:
        region = taxonomy.region(region_id)
        children = tuple(node(c.id) for c in taxonomy.children(region_id))
        countries = (
            ()
            if children
            else tuple(
                country_chip(c.code, c.name, country_counts.get(c.code, 0))
                for c in taxonomy.countries_in(region_id)
            )
        )
        chip = region_chip(region.id, region.name, region_counts.get(region.id, 0))
        return RegionNode(chip=chip, children=children, countries=countries)

    tree = [node(r.id) for r in taxonomy.top_regions()]
    return render(
        request,
        "regions.html",
        {
            "tree": tree,
            "page_title": "Regions & Countries",
        },
    )


@router.get("/regions/{region_id}", response_class=HTMLResponse)
def region(
    request: Request,
    region_id: str,
    platform: PlatformDep,
    viewer: ViewerDep,
    cursor: CursorParam = None,
    until: Annotated[str | None, Query(alias="to", max_length=10)] = None,
) -> HTMLResponse:
    taxonomy = platform.taxonomy
    found = taxonomy.find_region(region_id)
    if found is None:
        raise HTTPException(404, "There is no such region.")
    last = query_day(until, "to")
    today = date.today()
    path = f"/regions/{found.id}"

    def rendered() -> PlaceBody:
        query = ListingQuery(regions=(found.id,), limit=PER_PAGE, cursor=cursor)
        listed = listing(platform, query)
        sub_regions = taxonomy.children(found.id)
        counted = coverage(platform)
        if sub_regions:
            children = [
                region_chip(r.id, r.name, counted.regions.get(r.id, 0)) for r in sub_regions
            ]
        else:
            children = [
                country_chip(c.code, c.name, counted.countries.get(c.code, 0))
                for c in taxonomy.countries_in(found.id)
            ]
        extra = {"shares": choropleth_of(region_shares(platform, found.id))} | (
            region_event_parts(platform, found.id, viewer, today, last)
        )
        return place_body(
            request,
            "_region_body.html",
            listed,
            heading=found.name,
            path=path,
            children=children,
            extra=extra,
        )

    key = place_key("region", found.id, cursor, last, today, viewer)
    return place_page(
        request,
        platform,
        place_bodies_of(platform).kept_or_rendered(key, rendered),
        heading=found.name,
        kind="Region",
        path=path,
        breadcrumbs=[region_chip(r.id, r.name) for r in _ancestors(platform, found.id)],
        template="region.html",
    )


def place_key(
    kind: str,
    place: str,
    cursor: ListingCursor | None,
    last: date | None,
    today: date,
    viewer: Viewer,
    first: date | None = None,
) -> PlaceKey:
    """Everything a place page's body is derived from besides the store: the page and its
    query, the day (which week is the last complete one) and the bodies the reader may read
    (the evidence of the latest events)."""
    token = cursor.encode() if cursor else None
    return (kind, place, token, first, last, today, page_readable_bodies(viewer))


def place_body(
    request: Request,
    template: str,
    listed: Listing,
    *,
    heading: str,
    path: str,
    children: list[Chip],
    extra: dict[str, Any],
) -> PlaceBody:
    """A region's or a country's page below its header; ``template`` (extending
    _place_body.html) and ``extra`` add what only one kind shows."""
    context = extra | {
        "heading": heading,
        "children": children,
        "articles": [card_for(a) for a in listed.headlines],
        "pagination": cursor_pagination(listed.page, path, listed.total),
    }
    html = request.app.state.templates.get_template(template).render(context)
    # Rendered with autoescaping by the site's own templates.
    return PlaceBody(Markup(html), listed.total)  # noqa: S704


def place_page(
    request: Request,
    platform: Platform,
    body: PlaceBody,
    *,
    heading: str,
    kind: str,
    path: str,
    breadcrumbs: list[Chip],
    template: str,
) -> HTMLResponse:
    """A region's or a country's page: its header, for this reader, above its ``body``;
    ``template`` (extending place.html) adds what only one kind needs in the head."""
    return render(
        request,
        template,
        {
            "heading": heading,
            "kind": kind,
            "breadcrumbs": breadcrumbs,
            "place_body": body.html,
            "total": body.total,
            "page_title": heading,
            "feed_url": f"/feeds{path}.atom",
            "follow": follow_box(
                request, platform, _place_target(kind, heading, path), f"/feeds{path}.atom"
            ),
        },
    )


def _place_target(kind: str, heading: str, path: str) -> FollowTarget:
    """What a place page's Follow button follows: the country code or region id its path ends
    with (``/countries/kz``, ``/regions/central-asia``)."""
    key = path.rsplit("/", 1)[-1]
    if kind == "Country":
        return FollowTarget(FollowKind.COUNTRY, heading, key.upper())
    return FollowTarget(FollowKind.REGION, heading, key)


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request, platform: PlatformDep, viewer: ViewerDep, params: SearchParamsDep
) -> HTMLResponse:
    params = dataclasses.replace(params, per_page=PER_PAGE)
    q, date_from, date_to, sort = params.q, params.date_from, params.date_to, params.sort
    context: dict[str, Any] = {
        "q": q,
        "total": 0,
        "hits": [],
        "facets": [],
        "pagination": None,
        "error": None,
        "sort": sort or (SortOrder.RELEVANCE.value if q.strip() else SortOrder.NEWEST.value),
        "sort_options": SORT_OPTIONS,
        "date_from": date_from,
        "date_to": date_to,
        "page_title": f"Search: {q}" if q else "Search",
        "feed_url": "/feeds/search.atom?" + urlencode({"q": q}),
        "follow": _search_follow(request, platform, params),
    }
    status = 200
    try:
        result = search_articles(platform, params.to_query(), viewer)
    except (QuerySyntaxError, SearchParamError) as error:
        context["error"] = str(error)
        status = 400
    else:
        hits = [h.article_id for h in result.hits]
        articles = {a.id: a for a in headlines_in_order(platform, hits)}
        context["hits"] = [
            SearchHitView(
                card=card_for(articles[h.article_id]),
                snippet_html=h.snippet_html,
                title_html=h.title_html,
            )
            for h in result.hits
            if h.article_id in articles
        ]
        context["total"] = result.total
        context["facets"] = _facet_groups(request, platform, result)
        items = _query_items(request)
        context["pagination"] = paginate(
            result.query.page,
            PER_PAGE,
            result.total,
            lambda n: (
                "/search?" + urlencode([*(i for i in items if i[0] != "page"), ("page", str(n))])
            ),
        )
    return render(request, "search.html", context, status_code=status)


def _search_follow(request: Request, platform: Platform, params: SearchParams) -> FollowBox | None:
    """An author's page (a search for one author alone) follows the author; any other search
    with words or filters follows the search; a blank search page offers nothing."""
    q = params.q.strip()
    filters = (params.country, params.region, params.type, params.author)
    if not q and not any(filters):
        return None
    feed = "/feeds/search.atom?" + urlencode(
        [("q", q), *(("country", v) for v in params.country),
         *(("region", v) for v in params.region), *(("type", v) for v in params.type),
         *(("author", v) for v in params.author)]
    )  # fmt: skip
    if not q and len(params.author) == 1 and not any(filters[:3]):
        author = params.author[0].strip()
        return follow_box(request, platform, FollowTarget(FollowKind.AUTHOR, author, author), feed)
    label = f"Search: {q}" if q else "Search: " + ", ".join(v for f in filters for v in f)
    target = FollowTarget(
        FollowKind.SEARCH, label[:200], query=q, countries=params.country,
        regions=params.region, article_types=params.type, authors=params.author,
    )  # fmt: skip
    return follow_box(request, platform, target, feed)


def _ancestors(platform: Platform, region_id: str) -> list[Region]:
    chain: list[Region] = []
    region = platform.taxonomy.find_region(region_id)
    while region is not None and region.parent_id:
        region = platform.taxonomy.find_region(region.parent_id)
        if region is not None:
            chain.insert(0, region)
    return chain


def _query_items(request: Request) -> list[tuple[str, str]]:
    return [(k, v) for k, v in request.query_params.multi_items() if v != ""]


def _facet_groups(request: Request, platform: Platform, result: SearchResult) -> list[FacetGroup]:
    items = [(k, v) for k, v in _query_items(request) if k != "page"]
    groups = []
    for facet in (Facet.REGION, Facet.COUNTRY, Facet.TYPE, Facet.YEAR, Facet.AUTHOR):
        counts = result.facets.get(facet, ())
        options = []
        for count in counts:
            selected = (facet.value, count.value) in items
            toggled = (
                [i for i in items if i != (facet.value, count.value)]
                if selected
                else [*items, (facet.value, count.value)]
            )
            options.append(
                FacetOption(
                    label=_facet_label(platform, facet, count.value),
                    count=count.count,
                    selected=selected,
                    url="/search?" + urlencode(toggled),
                )
            )
        if options:
            groups.append(
                FacetGroup(key=facet.value, label=FACET_LABELS[facet], options=tuple(options))
            )
    return groups


def _facet_label(platform: Platform, facet: Facet, value: str) -> str:
    if facet is Facet.COUNTRY:
        found = platform.taxonomy.find_country(value)
        return found.name if found else value
    if facet is Facet.REGION:
        region = platform.taxonomy.find_region(value)
        return region.name if region else value
    if facet is Facet.TYPE:
        try:
            return ArticleType(value).label
        except ValueError:
            return value
    return value
