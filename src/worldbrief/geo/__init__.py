"""Geography: the region taxonomy, country names, and recognising countries in text."""

from worldbrief.geo.country_mentions import CountryHit, CountryRecognizer
from worldbrief.geo.country_names import (
    CountryName,
    CountryNameTable,
    NameKind,
    known_country_codes,
)
from worldbrief.geo.dateline import Dateline, find_dateline
from worldbrief.geo.major_cities import MajorCityIndex
from worldbrief.geo.name_matcher import NameMatch, NameMatcher
from worldbrief.geo.regions import RegionTaxonomy
from worldbrief.geo.yaml_data import GeoDataError

__all__ = [
    "CountryHit",
    "CountryName",
    "CountryNameTable",
    "CountryRecognizer",
    "Dateline",
    "GeoDataError",
    "MajorCityIndex",
    "NameKind",
    "NameMatch",
    "NameMatcher",
    "RegionTaxonomy",
    "find_dateline",
    "known_country_codes",
]
