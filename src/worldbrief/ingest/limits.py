"""How much one source may make us read and keep: the caps every reader applies.

A cap is checked before the bytes are parsed, so a hostile input costs at most its cap in memory
and time; what goes over is a rejection naming the setting that would let it through.
"""

from __future__ import annotations

from dataclasses import dataclass

from worldbrief.config import Settings

# Stored URLs are looked up through B-tree indexes, whose entries PostgreSQL caps at 2,704 bytes.
MAX_URL_BYTES = 2048


def url_length_problem(url: str) -> str | None:
    """Why ``url`` is too long to store and look up, or None."""
    size = len(url.encode("utf-8", "surrogatepass"))
    if size <= MAX_URL_BYTES:
        return None
    return f"the URL is {size:,} bytes long, over the limit of {MAX_URL_BYTES:,} bytes"


@dataclass(frozen=True, slots=True)
class ReadLimits:
    max_file_bytes: int = 200_000_000  # a JSON Lines file streams, so it may hold many documents
    max_document_bytes: int = 5_000_000
    max_metadata_bytes: int = 65_536
    max_metadata_depth: int = 20

    @classmethod
    def from_settings(cls, settings: Settings) -> ReadLimits:
        return cls(
            max_file_bytes=settings.max_file_bytes,
            max_document_bytes=settings.max_document_bytes,
            max_metadata_bytes=settings.max_metadata_bytes,
            max_metadata_depth=settings.max_metadata_depth,
        )

    def document_problem(self, size: int, what: str = "the document") -> str | None:
        """Why ``size`` bytes are too many for one document, or None."""
        if size <= self.max_document_bytes:
            return None
        return (
            f"{what} is {size:,} bytes, over the limit of {self.max_document_bytes:,} bytes for "
            "one document (setting max_document_bytes)"
        )
