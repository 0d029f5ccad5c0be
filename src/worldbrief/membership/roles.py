"""Who is looking: the roles of the publication, from anonymous reader to admin."""

from __future__ import annotations

from dataclasses import dataclass

from worldbrief.domain.account import Role

__all__ = ["ANONYMOUS", "FULL_ACCESS_ROLES", "Role", "Viewer"]

# Staff read everything they may have to write about or review.
FULL_ACCESS_ROLES = frozenset({Role.MEMBER, Role.ANALYST, Role.EDITOR, Role.ADMIN})


@dataclass(frozen=True, slots=True)
class Viewer:
    role: Role = Role.READER
    email: str | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.role is Role.READER


ANONYMOUS = Viewer()
