"""Institution names every state uses ("Security Council", "Interior Ministry", "Supreme Court",
"parliament") are linked by their context: the country beside them, the United Nations nearby,
the text's other mentions; otherwise left unlinked rather than given to the wrong body."""

from __future__ import annotations

import pytest

from worldbrief.actors.recognize import EntityRecognizer, default_recognizer
from worldbrief.domain import NamedEntity


@pytest.fixture(scope="module")
def recognizer() -> EntityRecognizer:
    return default_recognizer()


def linked(
    recognizer: EntityRecognizer, text: str, countries: set[str] | None = None
) -> dict[str, list[str]]:
    """Entity id -> the mentions as written."""
    found = recognizer.recognize(text, countries or set())
    return {e.id: [text[s.start : s.end] for s in e.mentions] for e in found}


def entity(recognizer: EntityRecognizer, text: str, entity_id: str) -> NamedEntity:
    return next(e for e in recognizer.recognize(text) if e.id == entity_id)


def test_a_national_security_council_is_not_the_uns(recognizer: EntityRecognizer) -> None:
    text = (
        "President Kassym-Jomart Tokayev dismissed the government and took over as chair of "
        "the Security Council. Troops patrolled Almaty."
    )
    assert linked(recognizer, text, {"KZ"}) == {"kassym-jomart-tokayev": ["Kassym-Jomart Tokayev"]}


def test_the_country_beside_the_name_makes_it_that_countrys(recognizer: EntityRecognizer) -> None:
    text = (
        "Kazakhstan's Security Council met in Astana. The Iraqi Interior Ministry said two "
        "men were held. The Supreme Court of India heard the case, and the parliament of "
        "South Sudan voted."
    )
    assert linked(recognizer, text, {"KZ", "IQ", "IN", "SS"}) == {
        "kz-security-council": ["Security Council"],
        "iq-interior-ministry": ["Interior Ministry"],
        "in-supreme-court": ["Supreme Court"],
        "ss-parliament": ["parliament"],
    }
    council = entity(recognizer, text, "kz-security-council")
    assert council.name == "Security Council (Kazakhstan)"
    assert council.countries == ("KZ",)


def test_every_form_of_one_ministry_is_one_entity(recognizer: EntityRecognizer) -> None:
    text = "Russia's Defence Ministry denied it; the Ministry of Defense of Russia did not comment."
    assert linked(recognizer, text, {"RU"}) == {
        "ru-defence-ministry": ["Defence Ministry", "Ministry of Defense"]
    }


def test_a_later_bare_mention_is_the_one_the_text_qualified(recognizer: EntityRecognizer) -> None:
    text = (
        "The Kazakh Security Council met on Monday. Later the Security Council said calm had "
        "returned."
    )
    assert linked(recognizer, text, {"KZ"}) == {
        "kz-security-council": ["Security Council", "Security Council"]
    }
    text = "The UN Security Council met on Friday. Later the Security Council issued a statement."
    assert linked(recognizer, text, {"SY"}) == {
        "un-security-council": ["UN Security Council", "Security Council"]
    }


def test_the_united_nations_nearby_makes_it_the_un_body(recognizer: EntityRecognizer) -> None:
    text = "The Security Council will vote on Friday, United Nations diplomats said."
    found = linked(recognizer, text, {"SY"})
    assert found["un-security-council"] == ["Security Council"]
    text = "The U.N. envoy briefed the General Assembly on Syria."
    assert linked(recognizer, text, {"SY"})["un-general-assembly"] == ["General Assembly"]


def test_with_no_country_named_the_un_body_is_meant(recognizer: EntityRecognizer) -> None:
    text = "The Security Council will vote on the resolution on Friday."
    assert linked(recognizer, text) == {"un-security-council": ["Security Council"]}


def test_with_a_country_but_none_beside_it_the_name_stays_unlinked(
    recognizer: EntityRecognizer,
) -> None:
    text = (
        "Police in Osh detained five men, the Interior Ministry said, and the Supreme Court "
        "will hear the case. The Security Council met in the evening."
    )
    assert linked(recognizer, text, {"KG"}) == {}


def test_a_ministry_alone_is_nobodys(recognizer: EntityRecognizer) -> None:
    # Not one "Interior Ministry" entity collecting every country's ministry.
    assert linked(recognizer, "The Interior Ministry said five people were detained.") == {}


def test_longer_names_keep_their_own_entity(recognizer: EntityRecognizer) -> None:
    text = (
        "The European Parliament debated it. The Supreme Court Bar Association protested, and "
        "the Federal Supreme Court ruled. Security Council Resolution 2254 was cited at the UN."
    )
    found = linked(recognizer, text, {"PK"})
    assert found["european-parliament"] == ["European Parliament"]
    assert found["supreme-court-bar-association"] == ["Supreme Court Bar Association"]
    assert found["federal-supreme-court"] == ["Federal Supreme Court"]
    assert found["un-security-council"] == ["Security Council"]


def test_a_name_split_across_lines_is_still_the_uns(recognizer: EntityRecognizer) -> None:
    text = "Sweden acts only with the backing of the U.N.\nSecurity Council, Carlsson said."
    assert linked(recognizer, text, {"SE"})["un-security-council"] == ["Security Council"]


def test_a_committee_of_the_senate_is_the_committee(recognizer: EntityRecognizer) -> None:
    text = "The U.S. Senate Agriculture Committee may take up the farm bill tomorrow."
    assert linked(recognizer, text, {"US"}) == {
        "senate-agriculture-committee": ["Senate Agriculture Committee"]
    }


def test_a_common_noun_is_no_institution(recognizer: EntityRecognizer) -> None:
    text = "Protesters marched to the parliament and the interior ministry said nothing."
    assert linked(recognizer, text, {"GE"}) == {}
