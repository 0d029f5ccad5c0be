"""The bundled demo corpus: original articles that ship with the package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from worldbrief.services.ingest import IngestReport, ingest_sources
from worldbrief.services.platform import Platform


def demo_articles_dir() -> Path:
    return Path(str(resources.files("worldbrief.demo") / "articles"))


def load_demo_if_empty(platform: Platform) -> IngestReport | None:
    """Load the demo corpus into an empty store; leave a store with content alone."""
    if platform.store.count() > 0:
        return None
    return ingest_sources(platform, [str(demo_articles_dir())])
