"""`worldbrief desk publish-due`: publish the editorial desk's scheduled drafts whose time has come.

The web server does this every few seconds; run this from cron when no server is running.
"""

from __future__ import annotations

import typer
from rich.markup import escape

from worldbrief.cli.console import console
from worldbrief.services.desk import publish_due as publish_scheduled
from worldbrief.services.platform import open_platform

app = typer.Typer(help="The editorial desk.", no_args_is_help=True)


@app.command("publish-due")
def publish_due() -> None:
    """Publish every scheduled draft whose publication time has passed."""
    platform = open_platform()
    try:
        published = publish_scheduled(platform)
    finally:
        platform.close()
    for draft in published:
        console.print(f"Published draft {draft.id}: {escape(draft.content.title)}")
    console.print(f"{len(published)} scheduled draft(s) published.")
