"""`worldbrief serve`: the web site and API."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from worldbrief.cli.console import console, print_ingest_report
from worldbrief.config import Settings
from worldbrief.services.demo import load_demo_if_empty
from worldbrief.services.platform import open_platform
from worldbrief.web.app import create_app


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo", help="Load the demo corpus into an empty store")
    ] = False,
) -> None:
    """Serve the site, the JSON API (/docs) and the Atom feeds."""
    settings = Settings()
    if demo:
        platform = open_platform(settings)
        try:
            report = load_demo_if_empty(platform)
        finally:
            platform.close()
        if report is None:
            console.print("The store already has articles; the demo corpus was not loaded.")
        else:
            console.print("Loaded the demo corpus:")
            print_ingest_report(report)
    console.print(
        f"Serving {settings.site_name} on http://{host}:{port}/  (data: {settings.data_dir})"
    )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
