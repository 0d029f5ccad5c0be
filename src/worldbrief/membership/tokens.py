"""API tokens: ``wb_<prefix>_<secret>``, the secret 32 random bytes shown once.

The store keeps the prefix (to find the row) and the SHA-256 of the secret (to check it). A
plain hash suffices: unlike passwords, 256 random bits cannot be guessed from a leaked hash.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

SCHEME_TAG = "wb"
_SECRET_BYTES = 32
_PREFIX_BYTES = 6
_TOKEN = re.compile(
    rf"{SCHEME_TAG}_(?P<prefix>[0-9a-f]{{{_PREFIX_BYTES * 2}}})_(?P<secret>[\w-]{{43}})"
)


@dataclass(frozen=True, slots=True)
class IssuedToken:
    prefix: str
    secret_hash: str
    plaintext: str  # give to the user once; never store

    def __repr__(self) -> str:
        return f"IssuedToken(prefix={self.prefix!r})"


@dataclass(frozen=True, slots=True)
class PresentedToken:
    prefix: str
    secret: str

    def __repr__(self) -> str:
        return f"PresentedToken(prefix={self.prefix!r})"


def issue_token() -> IssuedToken:
    prefix = secrets.token_hex(_PREFIX_BYTES)
    secret = secrets.token_urlsafe(_SECRET_BYTES)
    return IssuedToken(prefix, hash_secret(secret), f"{SCHEME_TAG}_{prefix}_{secret}")


def looks_like_token(text: str) -> bool:
    """True for text shaped like one of our tokens (checked against the store or not)."""
    return text.startswith(f"{SCHEME_TAG}_")


def parse_token(text: str) -> PresentedToken | None:
    """The prefix and secret of a well-formed token, else None."""
    match = _TOKEN.fullmatch(text.strip())
    return PresentedToken(match["prefix"], match["secret"]) if match else None


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(presented: PresentedToken, stored_hash: str) -> bool:
    """Constant-time comparison, so response times reveal nothing of the stored hash."""
    return hmac.compare_digest(hash_secret(presented.secret).encode(), stored_hash.encode())
