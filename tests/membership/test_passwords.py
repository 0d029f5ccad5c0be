"""Password hashing: argon2id, the length policy, and rehashing when parameters change."""

import pytest
from argon2 import PasswordHasher

from worldbrief.membership.errors import WeakPasswordError
from worldbrief.membership.passwords import hash_password, needs_rehash, verify_password

PASSWORD = "correct horse battery staple"


def test_hash_is_argon2id_and_verifies_only_the_same_password() -> None:
    hashed = hash_password(PASSWORD)
    assert hashed.startswith("$argon2id$")
    assert PASSWORD not in hashed
    assert verify_password(hashed, PASSWORD)
    assert not verify_password(hashed, PASSWORD.upper())
    assert hash_password(PASSWORD) != hashed  # salted


@pytest.mark.parametrize("password", ["", "elevenchars", "x" * 11])
def test_short_passwords_are_refused_with_the_minimum(password: str) -> None:
    with pytest.raises(WeakPasswordError, match="at least 12"):
        hash_password(password)


def test_twelve_characters_are_enough_and_huge_ones_refused() -> None:
    assert verify_password(hash_password("x" * 12), "x" * 12)
    with pytest.raises(WeakPasswordError, match="too long"):
        hash_password("x" * 5000)


def test_hashes_made_with_other_parameters_need_a_rehash() -> None:
    weaker = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    old = weaker.hash(PASSWORD)
    assert verify_password(old, PASSWORD)
    assert needs_rehash(old)
    assert not needs_rehash(hash_password(PASSWORD))


def test_an_unreadable_hash_never_verifies() -> None:
    assert not verify_password("not-a-hash", PASSWORD)
    assert needs_rehash("not-a-hash")
