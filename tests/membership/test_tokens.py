"""API token secrets: format, hashing, parsing and verification."""

import hashlib

from worldbrief.membership.tokens import (
    PresentedToken,
    issue_token,
    looks_like_token,
    parse_token,
    secret_matches,
)


def test_issued_token_is_shown_once_and_stored_as_a_sha256_hash() -> None:
    issued = issue_token()
    scheme, prefix, secret = issued.plaintext.split("_", 2)
    assert scheme == "wb" and prefix == issued.prefix and len(prefix) == 12
    assert len(secret) == 43  # 32 random bytes, base64url without padding
    assert issued.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in repr(issued) and secret not in issued.secret_hash


def test_tokens_differ_every_time() -> None:
    assert len({issue_token().plaintext for _ in range(20)}) == 20


def test_a_token_parses_and_matches_its_own_hash_only() -> None:
    first, second = issue_token(), issue_token()
    presented = parse_token(first.plaintext)
    assert presented is not None and presented.prefix == first.prefix
    assert secret_matches(presented, first.secret_hash)
    assert not secret_matches(presented, second.secret_hash)
    forged = PresentedToken(first.prefix, parse_token(second.plaintext).secret)  # type: ignore[union-attr]
    assert not secret_matches(forged, first.secret_hash)


def test_malformed_tokens_do_not_parse() -> None:
    good = issue_token().plaintext
    for bad in ("", "wb_", "Bearer " + good, good[:-1], good + "x", good.replace("wb_", "xx_")):
        assert parse_token(bad) is None, bad
    assert looks_like_token(good) and not looks_like_token("s3cret-token")
