"""The deployment's part of every entity tag: what shapes a page besides the data.

Code, templates, static assets and the bundled taxonomy (all files of the installed package),
the taxonomy file a site may set instead, and the settings. Every worker of one deployment
computes the same value, so a tag from one worker is recognised by the others; a new release
or a changed setting makes every earlier tag stale.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import worldbrief
from worldbrief.config import Settings

# Setting names with these words hold secrets: their values stay out of the digest.
_SECRET_WORDS = ("password", "secret", "token")
_DIGEST_CHARS = 12


def deployment_fingerprint(settings: Settings) -> str:
    digest = hashlib.sha256(package_digest(Path(worldbrief.__file__).resolve().parent))
    if settings.regions_file is not None:
        try:
            digest.update(Path(settings.regions_file).read_bytes())
        except OSError:
            digest.update(b"unreadable regions file")  # the platform reports it on start
    for name, value in sorted(settings.model_dump(mode="json").items()):
        if not any(word in name for word in _SECRET_WORDS):
            digest.update(f"{name}={value!r}\n".encode())
    return digest.hexdigest()[:_DIGEST_CHARS]


@cache
def package_digest(root: Path) -> bytes:
    """Every file of the package but compiled bytecode, once per process (about 3 MB)."""
    digest = hashlib.sha256()
    files = (p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.digest()
