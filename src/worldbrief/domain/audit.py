"""An audit event to write together with the change it records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AuditNote:
    """An audit event to write with a change: who did what to whom."""

    actor: str
    action: str
    subject: str
    detail: str = ""
