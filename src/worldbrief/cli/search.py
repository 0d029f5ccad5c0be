"""`worldbrief search`: results in the terminal."""

from __future__ import annotations

import html
import re
from typing import Annotated

import typer
from rich.markup import escape

from worldbrief.cli.console import console, errors, literal, noun_for, print_json
from worldbrief.membership.roles import Viewer
from worldbrief.search.query import QuerySyntaxError, SearchQuery, SortOrder
from worldbrief.services.platform import open_platform
from worldbrief.services.search import search_articles
from worldbrief.web.api_models import hit_of

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
_MARK_SPLIT = re.compile(r"(<mark>.*?</mark>)", re.S)
_TAGS = re.compile(r"<[^>]+>")


def search(
    query: Annotated[str, typer.Argument(help='Words, "phrases", OR, -exclude, country:KZ ...')],
    country: Annotated[list[str] | None, typer.Option("--country", "-c", help="ISO code")] = None,
    region: Annotated[list[str] | None, typer.Option("--region", "-r", help="Region id")] = None,
    type_: Annotated[list[str] | None, typer.Option("--type", "-t", help="Article type")] = None,
    sort: Annotated[SortOrder, typer.Option(help="Order of results")] = SortOrder.RELEVANCE,
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print the results as JSON on stdout: the total and each hit in the shape "
            "of /api/search (snippet as text with highlight offsets, and snippet_html).",
        ),
    ] = False,
) -> None:
    """Search the articles and print the best matches."""
    platform = open_platform()
    try:
        request = SearchQuery(
            text=query,
            countries=tuple(c.upper() for c in country or ()),
            regions=tuple(region or ()),
            types=tuple(type_ or ()),
            sort=sort,
            per_page=limit,
        )
        result = search_articles(platform, request, Viewer())
    except QuerySyntaxError as error:
        errors.print(literal(("Invalid query: ", "red"), str(error)))
        raise typer.Exit(code=2) from None
    finally:
        platform.close()
    if as_json:
        # The API's own hit model, so scripts read the CLI and /api/search alike.
        site = platform.settings.base_url
        hits = [hit_of(hit, site).model_dump(mode="json") for hit in result.hits]
        print_json({"total": result.total, "hits": hits})
        return
    console.print(f"[bold]{result.total}[/] matching {noun_for(result.total, 'article')}")
    for hit in result.hits:
        date = hit.published_at.strftime("%Y-%m-%d")
        countries = ", ".join(hit.countries) or "-"
        meta = f"{hit.type} · {date} · {countries} · id {hit.article_id}"
        console.print(f"\n[bold]{_terminal(hit.title_html)}[/]  [dim]{meta}[/]")
        console.print(_terminal(hit.snippet_html))


def _terminal(snippet_html: str) -> str:
    """Rich markup from a snippet: <mark> becomes reverse video, everything else plain text."""
    pieces = []
    for part in _MARK_SPLIT.split(snippet_html):
        marked = _MARK.fullmatch(part)
        text = escape(html.unescape(_TAGS.sub("", marked.group(1) if marked else part)))
        pieces.append(f"[reverse]{text}[/reverse]" if marked else text)
    return "".join(pieces)
