"""The bundled demo corpus: original articles that ship with the package.

A demo article may name a media file the site itself serves (``site_media:
demo/clip.webm`` in its front matter, a path under the site's static files); it becomes the
article's media URL under ``base_url``, since ingest takes only absolute http(s) media URLs.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from worldbrief.domain import RawDocument, RejectedRecord
from worldbrief.ingest.files import read_path
from worldbrief.ingest.limits import ReadLimits
from worldbrief.services.ingest import IngestReport, ingest_records
from worldbrief.services.platform import Platform

SITE_MEDIA_KEY = "site_media"
SITE_STATIC_PATH = "/static/"  # where the web site serves its static files
_SITE_MEDIA_PATH = re.compile(r"[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_.-]*)+")


def demo_articles_dir() -> Path:
    return Path(str(resources.files("worldbrief.demo") / "articles"))


def load_demo_if_empty(platform: Platform) -> IngestReport | None:
    """Load the demo corpus into an empty store; leave a store with content alone."""
    if platform.store.count() > 0:
        return None
    limits = ReadLimits.from_settings(platform.settings)
    records = read_path(demo_articles_dir(), limits)
    return ingest_records(platform, with_site_media(records, platform.settings.base_url))


def with_site_media(
    records: Iterable[RawDocument | RejectedRecord], base_url: str
) -> Iterator[RawDocument | RejectedRecord]:
    """Each record with its ``site_media`` path made a media URL under ``base_url``."""
    for record in records:
        path = record.metadata.get(SITE_MEDIA_KEY) if isinstance(record, RawDocument) else None
        if not isinstance(record, RawDocument) or path is None:
            yield record
        elif not isinstance(path, str) or not _SITE_MEDIA_PATH.fullmatch(path) or ".." in path:
            reason = f"{SITE_MEDIA_KEY} {path!r} is not a path under the site's static files"
            yield RejectedRecord(record.location, reason)
        else:
            metadata = {k: v for k, v in record.metadata.items() if k != SITE_MEDIA_KEY}
            media_url = f"{base_url.rstrip('/')}{SITE_STATIC_PATH}{path}"
            yield dataclasses.replace(record, media_url=media_url, metadata=metadata)
