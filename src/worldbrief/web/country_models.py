"""The JSON shapes of the country map and timeline (``/api/countries/{code}/...``)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from worldbrief.domain import AccessLevel, ArticleType
from worldbrief.domain.events import DatePrecision

GEONAMES_CREDIT = "Places and profile facts: GeoNames (CC BY 4.0), https://www.geonames.org/"


class PlacePoint(BaseModel):
    key: str = Field(description="The place's GeoNames id, or `name@lat,lon` without one.")
    name: str
    admin1: str | None = Field(description="Its first-level division, as GeoNames names it.")
    feature: str = Field(description="GeoNames feature class and code, e.g. `P.PPL`.")
    lat: float
    lon: float
    article_count: int = Field(description="Stored articles naming the place.")
    articles_url: str = Field(description="Where the newest of those articles are listed.")


class CountryPlaces(BaseModel):
    code: str
    name: str
    places: list[PlacePoint] = Field(description="The most named places, most named first.")
    limit: int
    attribution: str = GEONAMES_CREDIT


class PlaceArticle(BaseModel):
    id: str
    url: str = Field(description="The article's page, an absolute URL.")
    title: str
    type: ArticleType
    access: AccessLevel
    published_at: datetime


class PlaceArticles(BaseModel):
    code: str
    key: str
    articles: list[PlaceArticle] = Field(description="Newest first.")


class TimelineWeek(BaseModel):
    week: date = Field(description="The Monday (UTC) that starts the ISO week.")
    article_count: int


class EventTypeWeeks(BaseModel):
    type: str = Field(description="An event type, e.g. `Protests`.")
    counts: list[int] = Field(
        description="Distinct events of the type per week, aligned with `weeks`."
    )


class CountryTimeline(BaseModel):
    code: str
    name: str
    first: date = Field(description="The first week shown (a Monday).")
    last: date = Field(description="The last week shown (a Monday).")
    weeks: list[TimelineWeek] = Field(description="Every week of the period, oldest first.")
    article_count: int = Field(description="Articles over the period.")
    available_first: date | None = Field(description="The first week with an article.")
    available_last: date | None = Field(description="The last week with an article.")
    event_types: list[EventTypeWeeks] = Field(
        description="Distinct events (linked reports counted once) placed in the country, per "
        "type and week over the same weeks, the type with most events first."
    )
    event_count: int = Field(description="Distinct events over the period.")


class RegionWeek(BaseModel):
    week: date = Field(description="The Monday (UTC) that starts the ISO week.")


class RegionTimeline(BaseModel):
    region: str
    name: str
    first: date = Field(description="The first week shown (a Monday).")
    last: date = Field(description="The last week shown (a Monday).")
    weeks: list[RegionWeek] = Field(description="Every week of the period, oldest first.")
    event_types: list[EventTypeWeeks] = Field(
        description="Distinct events placed in the region's countries, per type and week, "
        "the type with most events first."
    )
    event_count: int = Field(description="Distinct events over the period.")


class EventPoint(BaseModel):
    id: str
    url: str = Field(description="The event's page on this site.")
    api_url: str = Field(description="The event with its sources, as JSON.")
    type: str
    subtype: str
    date: date | None
    date_precision: DatePrecision | None
    place: str = Field(description="The place's name, with its first-level division.")
    admin1: str | None
    lat: float
    lon: float
    actors: list[str] = Field(description="Every actor any report names.")
    fatalities: int | None
    source_count: int = Field(description="Articles reporting the event.")


class CountryEventPoints(BaseModel):
    code: str
    name: str
    events: list[EventPoint] = Field(description="The newest placed events, newest first.")
    limit: int
