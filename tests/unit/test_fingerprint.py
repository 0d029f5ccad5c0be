"""Near-duplicate keys and resemblance, on news-length texts."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from worldbrief.domain import Article, ArticleType, BodyFormat
from worldbrief.enrich.fingerprint import (
    BANDS,
    Fingerprint,
    band_keys,
    minhash_signature,
    near_duplicate_keys,
    number_agreement,
    number_tokens,
    resemblance,
)

STORY = (
    "Kazakhstan plans to raise oil output from fields near Aktau on the Caspian coast, the "
    "energy ministry said, as new pipelines to Black Sea ports come on line. Officials expect "
    "exports through the Caspian Pipeline Consortium to grow by a fifth, while traders in "
    "Rotterdam watch the premium for light grades narrow. The ministry also plans tenders for "
    "three offshore blocks, and talks with Turkmenistan on a seabed pipeline resumed after a "
    "pause of several years. Analysts say the plan depends on ice in the northern Caspian."
)
OTHER_STORY = (
    "Coffee prices fell in Brazil after rains improved the outlook for the next harvest, and "
    "exporters in Santos said shipments to Europe would recover by the middle of the year, while "
    "growers in Minas Gerais still worry about frost in the southern highlands. The farm "
    "ministry cut its estimate of the crop by two per cent and said stocks held by the "
    "government would be sold at auction in the coming weeks to steady the domestic market."
)
DATELINE = "ALMATY, March 3 (Wire Service) - "
FED_MONDAY = (
    "The Federal Reserve entered the government securities market to arrange 1.5 billion dlrs "
    "of customer repurchase agreements, a Fed spokesman said. Dealers said federal funds were "
    "trading at 6-1/16 pct when the Fed began its temporary and indirect supply of reserves to "
    "the banking system."
)
FED_TUESDAY = FED_MONDAY.replace("1.5 billion", "2.5 billion").replace("6-1/16", "6-3/8")
SIGN_OFF = " (Reporting by Dana Whitfield in Almaty; Editing by Erik Marsh and Lena Ortiz.)"


def shared(a: str, b: str) -> set[int]:
    return set(near_duplicate_keys(a)) & set(near_duplicate_keys(b))


def article(title: str, text: str) -> Article:
    return Article(
        id="a1",
        type=ArticleType.NEWS,
        title=title,
        body=text,
        body_format=BodyFormat.TEXT,
        plain_text=f"{title}\n\n{text}",
        published_at=datetime(2020, 1, 1, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    "copy",
    [
        STORY + " (Reporting by staff.)",
        "By Dana Whitfield. " + STORY,
        STORY.replace("three offshore blocks", "four offshore blocks"),
        STORY + " The ministry did not say when the first tender would open to bidders.",
    ],
    ids=["sign-off", "byline", "one-word-edit", "added-sentence"],
)
def test_wire_copy_shares_a_key_and_resembles_the_story(copy: str) -> None:
    assert shared(STORY, copy)
    assert resemblance(STORY, copy) >= 0.8


def test_unrelated_stories_share_no_key() -> None:
    assert not shared(STORY, OTHER_STORY)
    assert resemblance(STORY, OTHER_STORY) < 0.05


def test_stories_sharing_only_boilerplate_are_not_copies() -> None:
    a, b = DATELINE + STORY + SIGN_OFF, DATELINE + OTHER_STORY + SIGN_OFF
    assert not shared(a, b)
    assert resemblance(a, b) < 0.3


def test_a_templated_report_of_another_day_disagrees_on_its_numbers() -> None:
    assert shared(FED_MONDAY, FED_TUESDAY)
    assert resemblance(FED_MONDAY, FED_TUESDAY) >= 0.8
    assert number_tokens(FED_MONDAY) == {"1", "5", "6", "16"}
    assert number_agreement(number_tokens(FED_MONDAY), number_tokens(FED_TUESDAY)) < 0.8
    copy = number_tokens(FED_MONDAY + " (Reporting by staff, 2024.)")
    assert number_agreement(number_tokens(FED_MONDAY), copy) == 1.0
    assert number_agreement(number_tokens(STORY), number_tokens(OTHER_STORY)) == 1.0


def test_retitled_copy_gets_the_same_keys() -> None:
    fingerprint = Fingerprint()
    original = fingerprint(article("Caspian oil", STORY))
    retitled = fingerprint(article("Kazakhstan to pump more oil", STORY))
    assert original.enrichment.near_duplicate_keys
    assert original.enrichment.near_duplicate_keys == retitled.enrichment.near_duplicate_keys


def test_keys_are_sorted_distinct_and_fit_a_signed_bigint() -> None:
    keys = near_duplicate_keys(STORY)
    assert len(keys) == BANDS
    assert list(keys) == sorted(set(keys))
    assert all(0 <= k < 1 << 63 for k in keys)


def test_long_texts_are_sampled_and_copies_still_found() -> None:
    rng = random.Random(3)
    long_text = " ".join(f"word{rng.randrange(2000)}" for _ in range(1500))
    edited = "An editor's note opens this version. " + long_text + " A closing line is added."
    assert shared(long_text, edited)
    assert resemblance(long_text, edited) > 0.95
    assert not shared(long_text, " ".join(f"word{rng.randrange(2000)}" for _ in range(1500)))


def test_too_short_or_empty_bodies_get_no_keys() -> None:
    assert near_duplicate_keys("") == ()
    assert near_duplicate_keys("Markets closed early.") == ()
    assert resemblance("", STORY) == 0.0


def test_a_short_text_wholly_inside_a_longer_one_resembles_it_fully() -> None:
    assert resemblance(STORY, STORY + " " + OTHER_STORY) == 1.0
    assert resemblance("Oil prices rose", "oil PRICES rose!") == 1.0


def test_bad_signatures_are_refused() -> None:
    with pytest.raises(ValueError, match="at least one shingle"):
        minhash_signature([])
    with pytest.raises(ValueError, match="signature of 64 values"):
        band_keys((1, 2, 3))


@pytest.mark.parametrize("hash_seed", ["0", "12345"])
def test_keys_are_the_same_in_another_process(hash_seed: str) -> None:
    code = "import sys; from worldbrief.enrich.fingerprint import near_duplicate_keys as k; "
    code += "print(list(k(sys.stdin.read())))"
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", code], input=STORY, capture_output=True, text=True, env=env,
        check=True,
    )  # fmt: skip
    assert done.stdout.strip() == str(list(near_duplicate_keys(STORY)))
