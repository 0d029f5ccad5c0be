"""Email addresses as account keys: one spelling per mailbox, checked just enough to catch typos.

Full RFC 5322 validation rejects real addresses; a confirmation mail (later) is the real check.
"""

from __future__ import annotations

import re

from worldbrief.membership.errors import MembershipInputError

# Quoting and bracket characters are refused: legal in RFC 5322, absent from real mailboxes,
# and trouble wherever an address is shown (terminal markup, HTML).
_ATOM = r"[^@\s\[\]<>()\",;:\\]"
_PLAUSIBLE = re.compile(rf"{_ATOM}+@{_ATOM}+\.[^@\s.\[\]<>()\",;:\\]+")
MAX_EMAIL_LENGTH = 254


def normalise_email(email: str) -> str:
    """Trimmed and lower-cased; raises MembershipInputError for an implausible address
    (without repeating it: the message reaches pages and API answers)."""
    normalised = email.strip().lower()
    if len(normalised) > MAX_EMAIL_LENGTH or not _PLAUSIBLE.fullmatch(normalised):
        raise MembershipInputError(
            "invalid email address: expected something like name@example.org"
        )
    return normalised
