"""`worldbrief serve`: the web site and API, in one or several worker processes."""

from __future__ import annotations

import gc
import os
import socket
from typing import Annotated

import typer
import uvicorn
from fastapi import FastAPI
from pydantic import ValidationError
from rich.markup import escape
from uvicorn.supervisors import Multiprocess

from worldbrief.cli.console import console, errors, print_ingest_report
from worldbrief.config import Settings
from worldbrief.services.demo import load_demo_if_empty
from worldbrief.services.indexing import catch_up_if_free
from worldbrief.services.platform import open_platform
from worldbrief.web.app import create_app
from worldbrief.web.auth.hosts import default_allowed_hosts
from worldbrief.web.auth.proxies import trusted_proxies, uvicorn_proxy_options

# Each worker process imports this and builds its own app from the environment's settings.
APP_FACTORY = f"{__name__}:app_from_environment"
# A new worker answers the supervisor's health check only once its imports are done, which on a
# busy machine takes longer than uvicorn's 5 s: it would be killed and restarted over and over.
WORKER_HEALTHCHECK_SECONDS = 60


def app_from_environment() -> FastAPI:
    app = create_app(Settings())
    settle_start_up_objects()
    return app


def settle_start_up_objects() -> None:
    """Move what a worker has loaded so far (settings, taxonomy, templates, some 200,000
    objects) out of the reach of the cyclic garbage collector.

    They live as long as the process, yet every full collection walked them all: a request
    that ran one (every dozen or so on the busier pages) paused 80-100 ms, which was most of the
    slowest twentieth of requests (docs/performance.md). Frozen objects are still freed by
    reference counting; only cycles among them would stay, and start-up makes none that die."""
    gc.collect()
    gc.freeze()


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on")] = 8000,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes (default: the number of cores)"),
    ] = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="Load the demo corpus into an empty store")
    ] = False,
) -> None:
    """Serve the site, the JSON API (/docs) and the Atom feeds."""
    try:
        settings = Settings()
    except ValidationError as error:
        for problem in error.errors():
            name = "WORLDBRIEF_" + "_".join(str(part) for part in problem["loc"]).upper()
            errors.print(f"[red]error:[/] {name}: {escape(problem['msg'])}", highlight=False)
        raise typer.Exit(code=2) from None
    processes = workers or available_cores()
    # Workers build their settings from the environment: hand them the hosts to answer to.
    os.environ["WORLDBRIEF_ALLOWED_HOSTS"] = ",".join(default_allowed_hosts(settings, host))
    _prepare(settings, demo)
    proxies = ", ".join(trusted_proxies(settings)) or "none"
    console.print(
        f"Serving {settings.site_name} on http://{host}:{port}/ with {processes} worker "
        f"process(es)  (data: {settings.data_dir}; trusted proxies: {proxies})",
        soft_wrap=True,
    )
    config = server_config(settings, host, port, processes)
    try:
        if processes > 1:
            Multiprocess(config, sockets=[config.bind_socket()]).run()
        elif not _serve_here(config):
            raise typer.Exit(code=1)
    except KeyboardInterrupt:
        pass


def server_config(settings: Settings, host: str, port: int, processes: int) -> TcpConfig:
    return TcpConfig(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=processes,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        log_level="info",
        **uvicorn_proxy_options(settings),
    )


class TcpConfig(uvicorn.Config):
    """Uvicorn's settings, with a listening socket that says it is TCP.

    Uvicorn binds the socket it shares between workers with protocol 0, so asyncio does not
    set TCP_NODELAY on their connections and every keep-alive request after the first waits
    about 40 ms for a delayed ACK (uvicorn issue 3149). Naming the protocol restores it."""

    def bind_socket(self) -> socket.socket:
        bound = super().bind_socket()
        if bound.family not in (socket.AF_INET, socket.AF_INET6) or bound.proto != 0:
            return bound
        tcp = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
        tcp.set_inheritable(True)
        return tcp


def _serve_here(config: uvicorn.Config) -> bool:
    """One process: uvicorn binds its own socket (already TCP). False when it failed to start."""
    server = uvicorn.Server(config)
    server.run()
    return server.started


def _prepare(settings: Settings, demo: bool) -> None:
    """Migrate the store, create the index and catch it up once, before any worker starts,
    so that workers starting together never race to create them."""
    platform = open_platform(settings)
    try:
        report = load_demo_if_empty(platform) if demo else None
        catch_up_if_free(platform.store, platform.index)
    finally:
        platform.close()
    if not demo:
        return
    if report is None:
        console.print("The store already has articles; the demo corpus was not loaded.")
    else:
        console.print("Loaded the demo corpus:")
        print_ingest_report(report)
