"""Where worldbrief keeps what it derives from its shipped data to start faster (the gazetteer,
the event classifier's weights): ``$WORLDBRIEF_CACHE_DIR``, else ``$XDG_CACHE_HOME/worldbrief``,
else ``~/.cache/worldbrief``. Every file there is named after a digest of its sources, so a
change to them is a new file, and any file may be deleted at any time."""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder() -> Path:
    base = os.environ.get("WORLDBRIEF_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "worldbrief"
