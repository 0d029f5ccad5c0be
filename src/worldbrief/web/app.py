"""The web application: pages, JSON API, Atom feeds and static assets."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from worldbrief import __version__
from worldbrief.config import Settings
from worldbrief.jobs.queue import work_queue
from worldbrief.jobs.runner import JobRunner
from worldbrief.services.indexing import catch_up_platform
from worldbrief.services.platform import Platform, open_platform
from worldbrief.web.api_errors import MAX_DETAIL, safe_text, validation_error_body
from worldbrief.web.auth.hosts import HostGuard, allowed_hosts
from worldbrief.web.caching import SharedPageCache
from worldbrief.web.nul_guard import refuse_nul_characters
from worldbrief.web.openapi_document import declare_site_wide_answers
from worldbrief.web.routes import (
    account,
    actors_api,
    admin,
    alert_settings_api,
    alert_unsubscribe,
    annotate,
    api,
    country_api,
    country_page,
    docs,
    event_exports,
    event_feeds,
    event_pages,
    events_api,
    export,
    feeds,
    pages,
    password_reset,
    subscribe,
    subscriptions,
    trend_api,
    watchlist_webhooks,
    watchlists,
)
from worldbrief.web.routes.desk import router as desk_pages_router
from worldbrief.web.routes.desk_api import router as desk_api_router
from worldbrief.web.security_headers import SecurityHeaders
from worldbrief.web.templating import STATIC_URL_PREFIX, make_templates, static_dir

log = logging.getLogger(__name__)
_MACHINE_PREFIXES = ("/api/", "/feeds/", "/openapi.json")


def create_app(settings: Settings | None = None, platform: Platform | None = None) -> FastAPI:
    settings = settings or Settings()
    platform = platform or open_platform(settings)
    catch_up_platform(platform)
    app = FastAPI(
        title=f"{settings.site_name} API",
        version=__version__,
        description="Articles, search, regions and countries of a worldbrief site.",
        lifespan=_lifespan,
        # The interactive docs pages would pull scripts from a CDN; the site ships its own page.
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(refuse_nul_characters)],
    )
    app.state.platform = platform
    declare_site_wide_answers(app, ("/api/", "/feeds/"))
    app.state.templates = make_templates()
    # Compressed for clients that accept it: the vendored map data is 756 kB plain, 230 kB so.
    static = GZipMiddleware(StaticFiles(directory=static_dir()), minimum_size=1024)
    app.mount(STATIC_URL_PREFIX, static, name="static")
    app.include_router(api.router)
    app.include_router(country_api.router)
    app.include_router(events_api.router)
    app.include_router(event_exports.router)
    app.include_router(actors_api.router)
    app.include_router(trend_api.router)
    app.include_router(desk_api_router)
    app.include_router(desk_pages_router)
    app.include_router(annotate.router)
    app.include_router(feeds.router)
    app.include_router(event_feeds.router)
    app.include_router(watchlists.router)
    app.include_router(watchlists.feeds_router)
    app.include_router(watchlist_webhooks.router)
    app.include_router(alert_settings_api.router)
    app.include_router(pages.router)
    app.include_router(country_page.router)
    app.include_router(event_pages.router)
    app.include_router(account.router)
    app.include_router(password_reset.router)
    app.include_router(alert_unsubscribe.router)
    app.include_router(admin.router)
    app.include_router(subscriptions.router)
    app.include_router(subscribe.router)
    app.include_router(export.router)
    app.include_router(docs.router)
    # Starlette's class, so that a path no route matches gets the site's 404 page too.
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_middleware(SecurityHeaders)
    # Outside the security headers, so kept answers carry them; inside the host check.
    app.add_middleware(SharedPageCache, platform=platform)
    if hosts := allowed_hosts(settings):
        app.add_middleware(HostGuard, hosts=hosts, json_prefixes=_MACHINE_PREFIXES)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The job runner (docs/deployment.md): this node's index follows the store's change log,
    and whichever process holds the leader lock publishes due drafts and polls feeds."""
    platform: Platform = app.state.platform
    queue = work_queue(platform)
    runner = JobRunner(platform, queue)
    runner.start()
    try:
        yield
    finally:
        runner.stop()
        queue.close()


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(_MACHINE_PREFIXES)


async def _http_error(request: Request, error: StarletteHTTPException) -> Response:
    # Messages may quote what the client sent: kept short and encodable.
    detail = safe_text(str(error.detail), MAX_DETAIL)
    if _wants_json(request):
        return JSONResponse(
            {"detail": detail}, status_code=error.status_code, headers=error.headers
        )
    return pages.render(
        request,
        "error.html",
        {
            "status": error.status_code,
            "message": detail,
            "page_title": f"{error.status_code}",
        },
        status_code=error.status_code,
    )


async def _validation_error(request: Request, error: RequestValidationError) -> Response:
    # Built from the places and messages alone: the rejected input may not serialise.
    body = validation_error_body(error.errors())
    if _wants_json(request):
        return JSONResponse(body, status_code=422)
    return pages.render(
        request,
        "error.html",
        {
            "status": 400,
            "message": f"That request is not valid: {body['detail']}",
            "page_title": "400",
        },
        status_code=400,
    )
