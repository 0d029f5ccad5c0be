"""The base of the errors raised when a whole source (a URL, a feed), not one record, fails."""

from __future__ import annotations


class IngestError(Exception):
    """``source`` names the URL or feed; ``reason`` says what went wrong."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
