"""Signatures of alert delivery: unsubscribe links, webhook secrets and webhook requests.

Unsubscribe tokens are ``{ids}.{HMAC-SHA256 of "unsubscribe:{ids}"}`` (watchlist ids joined
by ``-``) under the site's alert key: no sign-in is needed to use one, and none can be made for
another watchlist. A watchlist's webhook secret is derived from the same key, so it is never
stored and the owner can be shown it again. A webhook request is signed over
``timestamp + "." + body``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence

SIGNATURE_HEADER = "X-Worldbrief-Signature"
TIMESTAMP_HEADER = "X-Worldbrief-Timestamp"
MAX_IDS = 200  # an account's watchlists at most


def _mac(key: str, message: bytes) -> bytes:
    return hmac.new(key.encode(), message, hashlib.sha256).digest()


def unsubscribe_token(key: str, watchlist_ids: Sequence[int]) -> str:
    """A token that turns off the email of ``watchlist_ids`` (one, or a digest's several)."""
    ids = "-".join(str(i) for i in sorted(set(watchlist_ids)))
    mac = _mac(key, f"unsubscribe:{ids}".encode())
    return f"{ids}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"


def unsubscribe_watchlists(key: str, token: str) -> list[int] | None:
    """The watchlists a token unsubscribes, or None for a token this key did not sign."""
    head, _, _ = token.partition(".")
    parts = head.split("-")
    if not head or len(parts) > MAX_IDS or not all(p.isdigit() and len(p) <= 18 for p in parts):
        return None
    ids = [int(p) for p in parts]
    expected = unsubscribe_token(key, ids)
    return sorted(set(ids)) if hmac.compare_digest(expected.encode(), token.encode()) else None


def webhook_secret(key: str, watchlist_id: int) -> str:
    return "whsec_" + _mac(key, f"webhook:{watchlist_id}".encode()).hex()


def webhook_signature(secret: str, timestamp: int, body: bytes) -> str:
    """``sha256=`` and the hex HMAC-SHA256 of ``timestamp + "." + body`` under ``secret``."""
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()
