"""The Jinja2 environment of the web site: packaged templates, autoescaping and a few filters."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import jinja2
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from worldbrief.text.characters import clean_text, has_forbidden_characters

_WEB_DIR = Path(__file__).resolve().parent
STATIC_URL_PREFIX = "/static"


def templates_dir() -> Path:
    return _WEB_DIR / "templates"


def static_dir() -> Path:
    """Mount this directory at ``STATIC_URL_PREFIX`` (``StaticFiles(directory=static_dir())``)."""
    return _WEB_DIR / "static"


@cache
def _asset_version(name: str) -> str:
    """A short content hash, so browsers may cache assets for long and still see changes."""
    path = static_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"static asset {name!r} not found in {static_dir()}")
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


def thousands(value: int) -> str:
    """``12345`` -> ``12,345``."""
    return f"{value:,}"


def printable(value: object) -> object:
    """Every value a template prints, without the characters XML 1.0 forbids: text stored
    before the ingest rules (an ESC in a title) still makes a well-formed page."""
    # A page prints a thousand values or more: text Python calls printable holds none of the
    # forbidden characters (all are control, surrogate or unassigned), and is checked in C.
    if type(value) is str and value.isprintable():
        return value
    if isinstance(value, Markup):
        if not has_forbidden_characters(value):
            return value
        # Replaced, not removed: dropping a character from markup could join "<" and a name.
        marked = "".join("\ufffd" if has_forbidden_characters(c) else c for c in value)
        return Markup(marked)  # noqa: S704  # already markup; only characters are replaced
    if isinstance(value, str):
        return clean_text(value)
    return value


def make_templates(static_url: str = STATIC_URL_PREFIX) -> Jinja2Templates:
    """Templates with autoescaping always on (not only for ``.html``), printing only text
    XML 1.0 allows.

    ``static_url`` is where ``static_dir()`` is served; a ``file://`` URL renders pages that
    open straight from disk.
    """
    base = static_url.rstrip("/")

    def asset(name: str) -> str:
        return f"{base}/{name}?v={_asset_version(name)}"

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        # Templates ship with the package: checking their files' times on every render (three
        # stat calls per page) buys nothing while serving.
        auto_reload=False,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=printable,
    )
    env.filters["thousands"] = thousands
    env.globals["asset"] = asset
    return Jinja2Templates(env=env)
