"""HTTP caching of the site's public surfaces, derived from the store's change sequence.

See ``docs/decisions/0009-http-caching.md``. ``SharedPageCache`` is the ASGI middleware;
``policy`` says what may be shared, ``versions`` and ``watch`` read what pages derive from.
"""

from worldbrief.web.caching.middleware import SharedPageCache

__all__ = ["SharedPageCache"]
