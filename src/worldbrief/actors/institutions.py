"""Institution names that every state uses ("Security Council", "Interior Ministry", "Supreme
Court", "parliament"): which institution a mention means depends on its context.

Each generic institution has a canonical name, the forms it is written in, and for the few that
also name a body of the United Nations, that body's curated id. How a mention is resolved (a
country beside it, "UN" nearby, the text's own earlier mentions, or no link) is
``worldbrief.actors.recognize``'s; why: docs/actors.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from worldbrief.domain.entities import learned_entity_id
from worldbrief.events.unions import first_letter_union


@dataclass(frozen=True, slots=True)
class GenericInstitution:
    name: str  # canonical: "Interior Ministry"
    forms: tuple[str, ...]  # as written, the canonical first
    international_id: str | None = None  # the UN body of the same name, in the curated list

    def national_id(self, country: str) -> str:
        """The stable id of the institution of ``country`` (ISO alpha-2): "kz-security-council"."""
        return f"{country.lower()}-{learned_entity_id(self.name)}"

    def national_name(self, country_name: str) -> str:
        return f"{self.name} ({country_name})"


def _ministry(subject: str, *more: str) -> GenericInstitution:
    forms = [f"{subject} Ministry", f"Ministry of {subject}"]
    return GenericInstitution(f"{subject} Ministry", (*forms, *more))


GENERIC_INSTITUTIONS: tuple[GenericInstitution, ...] = (
    GenericInstitution("Security Council", ("Security Council",), "un-security-council"),
    GenericInstitution("National Security Council", ("National Security Council",)),
    GenericInstitution("General Assembly", ("General Assembly",), "un-general-assembly"),
    GenericInstitution("Human Rights Council", ("Human Rights Council",), "ohchr"),
    _ministry(
        "Interior",
        "Ministry of the Interior",
        "Home Ministry",
        "Ministry of Home Affairs",
        "Ministry of Internal Affairs",
    ),
    _ministry("Defence", "Defense Ministry", "Ministry of Defense"),
    _ministry("Foreign", "Ministry of Foreign Affairs", "Foreign Affairs Ministry"),
    _ministry("Justice"),
    _ministry("Finance"),
    _ministry("Health"),
    GenericInstitution("Supreme Court", ("Supreme Court",)),
    GenericInstitution("Constitutional Court", ("Constitutional Court",)),
    GenericInstitution("High Court", ("High Court",)),
    GenericInstitution("Parliament", ("Parliament",)),
    GenericInstitution("National Assembly", ("National Assembly",)),
    GenericInstitution("Senate", ("Senate",)),
    GenericInstitution("Cabinet", ("Cabinet",)),
    GenericInstitution("Central Bank", ("Central Bank",)),
    GenericInstitution("Election Commission", ("Election Commission", "Electoral Commission")),
)

INSTITUTION_BY_FORM: dict[str, GenericInstitution] = {
    form.casefold(): institution
    for institution in GENERIC_INSTITUTIONS
    for form in institution.forms
}
INSTITUTION_BY_INTERNATIONAL_ID: dict[str, GenericInstitution] = {
    i.international_id: i for i in GENERIC_INSTITUTIONS if i.international_id
}

# Any written form, longest first so "National Security Council" wins over "Security Council";
# in any case, as "Kazakhstan's parliament" is as much an institution as "the Parliament".
GENERIC_INSTITUTION_NAME = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(f) for f in sorted(INSTITUTION_BY_FORM, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
# The same matches found faster (``matches_at_positions``): alternatives grouped by first letter,
# so that at most positions none is tried.
GENERIC_INSTITUTION_START = re.compile(
    r"(?<![\w-])(?:"
    + first_letter_union(
        (re.escape(f) for f in sorted(INSTITUTION_BY_FORM, key=len, reverse=True)),
        ignore_case=True,
        suffix=r"(?![\w-])",
    )
    + ")"
)
