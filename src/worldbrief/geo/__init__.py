"""Geography: the gazetteer, the region taxonomy, country names, and the geoparser."""

from worldbrief.geo.country_mentions import CountryHit, CountryRecognizer
from worldbrief.geo.country_names import (
    CountryName,
    CountryNameTable,
    NameKind,
    known_country_codes,
)
from worldbrief.geo.dateline import Dateline, find_dateline
from worldbrief.geo.gazetteer import Candidate, Gazetteer, Place
from worldbrief.geo.gazetteer_build import build_gazetteer, default_gazetteer
from worldbrief.geo.geoparse import StandardGeoparser, default_geoparser
from worldbrief.geo.major_cities import MajorCityIndex
from worldbrief.geo.name_matcher import NameMatch, NameMatcher
from worldbrief.geo.regions import RegionTaxonomy
from worldbrief.geo.yaml_data import GeoDataError

__all__ = [
    "Candidate",
    "CountryHit",
    "CountryName",
    "CountryNameTable",
    "CountryRecognizer",
    "Dateline",
    "Gazetteer",
    "GeoDataError",
    "MajorCityIndex",
    "NameKind",
    "NameMatch",
    "NameMatcher",
    "Place",
    "RegionTaxonomy",
    "StandardGeoparser",
    "build_gazetteer",
    "default_gazetteer",
    "default_geoparser",
    "find_dateline",
    "known_country_codes",
]
