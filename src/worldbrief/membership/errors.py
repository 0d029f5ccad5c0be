"""Errors for bad membership input: each message names the input and what is wrong with it."""

from __future__ import annotations


class MembershipInputError(ValueError):
    """An email, password, role, price or token that cannot be accepted as given."""


class WeakPasswordError(MembershipInputError):
    """A password too short (or too long) to accept."""
