"""Small word lists that toponym recognition leans on; all lower case."""

from __future__ import annotations

from functools import cache
from importlib import resources

# Lower-case words that may sit inside a place name: "Gulf of Aden", "Rio de Janeiro".
_CONNECTORS_TEXT = (
    "of de del la le les du des da do dos das di al el upon on am an der den sur y the and"
)
CONNECTORS = frozenset(_CONNECTORS_TEXT.split())
# The connectors that also join the parts of a person's name: "Charles de Gaulle".
_NAME_PARTICLES_TEXT = "de del la le du des da do dos das di al el der den y"
NAME_PARTICLES = frozenset(_NAME_PARTICLES_TEXT.split())
# The connectors that join the items of a list: "Goma and Bukavu".
LIST_WORDS = frozenset({"and"})

# A word before a name that makes it a person's: "Mr. Jackson", "President Lincoln".
_PERSON_TITLES_TEXT = """
    mr mrs ms miss dr prof president sen senator rep representative gov governor judge justice
    gen general col colonel lt lieutenant capt captain maj major sgt sergeant adm admiral
    king queen prince princess sir lord lady pope rev reverend father sister brother chancellor
    minister secretary mayor chairman chairwoman ceo coach mister madame monsieur
    sheikh emir ayatollah imam rabbi bishop archbishop cardinal officer detective agent
    spokesman spokeswoman spokesperson deputy ambassador commissioner premier dame"""
PERSON_TITLES = frozenset(_PERSON_TITLES_TEXT.split())

# Words before a name that make it a place: "in Aktau", "near Osh".
_PLACE_CUES_TEXT = """
    in at near from into across to toward towards outside inside around via through
    throughout within between northern southern eastern western central north south east west
    downtown suburban rural visit visited visiting"""
PLACE_CUES = frozenset(_PLACE_CUES_TEXT.split())

# Words after a place name that keep it a place: "Kandahar Airport", "Osh Region".
_PLACE_TYPE_WORDS_TEXT = """
    city town village county province region district state oblast valley river lake sea
    mountains mountain hills island islands bay gulf strait peninsula desert basin coast border
    airport port harbour harbor square street avenue road bridge park station parish borough
    township municipality governorate prefecture metro area"""
PLACE_TYPE_WORDS = frozenset(_PLACE_TYPE_WORDS_TEXT.split())

# Natural features named after a place: "Tennessee River", "Hudson Bay"; the feature is not
# the place whose name it bears.
_FEATURE_WORDS_TEXT = "river creek brook lake bay mountain mountains island islands"
FEATURE_WORDS = frozenset(_FEATURE_WORDS_TEXT.split())

# Words that make the capitalised name before them a county: "Metcalfe County", "Orleans Parish".
COUNTY_WORDS = frozenset({"county", "co", "parish", "borough"})

# Capitalised words that begin sentences and headlines or name things other than places,
# and that the gazetteer also knows as some small place somewhere.
_COMMON_CAPITALISED_TEXT = """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug sep sept
    oct nov dec mon tue wed thu fri sat sun
    the a an this that these those there here it its he she we they you i our their his her
    but and or so if as at by for from in into of on to with when where while after before
    since until also even only just still yet then now today tonight tomorrow yesterday
    however meanwhile moreover although though because many most some more much other others
    all any each every both few several such no not new old good best great big little first
    last next police officials official government state states city county court president
    minister people news report reports said says say according during under over about
    reuters ap afp bloomberg associated press times post journal daily tribune herald
    british union national international federal republic
    democratic republican party congress senate house council committee ministry army navy
    university college school hospital church center centre bank company group inc corp ltd
    north south east west northern southern eastern western central upper lower greater
    god christmas easter ramadan mass island lake mount river valley bay beach park
    man men women woman boy girl child children family home life love hope faith grace
    trump obama clinton bush biden"""
COMMON_CAPITALISED = frozenset(_COMMON_CAPITALISED_TEXT.split())


@cache
def common_words() -> frozenset[str]:
    """Frequent English words that also name some place (``data/common_words.txt``)."""
    source = resources.files("worldbrief.geo").joinpath("data", "common_words.txt")
    lines = source.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
