"""Password hashing with argon2id; plain passwords are never stored or logged.

Hashes carry their parameters, so raising them later only needs :func:`needs_rehash` at the
next successful login.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from worldbrief.membership.errors import WeakPasswordError

MIN_PASSWORD_LENGTH = 12
# Long enough for any passphrase, short enough that hashing cannot be used to burn CPU.
MAX_PASSWORD_LENGTH = 1024

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def check_password_policy(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPasswordError(
            f"password too short: {len(password)} characters, at least {MIN_PASSWORD_LENGTH} "
            "are needed"
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPasswordError(
            f"password too long: {len(password)} characters, at most {MAX_PASSWORD_LENGTH}"
        )


def hash_password(password: str, hasher: PasswordHasher = _hasher) -> str:
    """The argon2id hash of ``password`` after checking it against the policy."""
    check_password_policy(password)
    return hasher.hash(password)


def verify_password(password_hash: str, password: str, hasher: PasswordHasher = _hasher) -> bool:
    """True when ``password`` matches; False for a mismatch or an unreadable hash."""
    try:
        return hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str, hasher: PasswordHasher = _hasher) -> bool:
    """True when the hash was made with other parameters than ``hasher`` uses now."""
    try:
        return hasher.check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


# Verified against when an email is unknown, so a wrong email costs as long as a wrong password.
DUMMY_HASH = _hasher.hash("not a real password, only spends time")
