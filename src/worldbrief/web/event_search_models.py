"""The JSON shapes of the events search (``/api/events`` with counts), the actors API and a
country's trend. Event fields, counts and actors are metadata, the same for every viewer."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from worldbrief.domain.trends import ChangeLevel, MonthlyArrow
from worldbrief.web.event_models import EventList


class FacetValue(BaseModel):
    value: str = Field(description="The value to filter by.")
    name: str | None = Field(
        default=None, description="What to show: a country's or an actor's name."
    )
    count: int


class EventFacetsPublic(BaseModel):
    type: list[FacetValue] = Field(description="Event types, most events first (at most 20).")
    country: list[FacetValue] = Field(description="Countries, most events first (at most 20).")
    actor: list[FacetValue] = Field(
        description="Known actors (entity ids), most events first (at most 20), counted "
        "among the matching events of the newest 2,000 the counts read; with no filter, "
        "among every event."
    )
    month: list[FacetValue] = Field(description="Months (`YYYY-MM`), newest first.")


class EventSearchList(EventList):
    page: int | None = Field(description="The page number asked for, if any.")
    total: int | None = Field(
        description="Events matching the filters; null when more match than the counting "
        "window holds (see `counted`). With no filter, every event (never null)."
    )
    counted: int = Field(
        description="Matching events among the newest 10,000 of the countries and dates "
        "asked for; with no filter at all, every event. The facets count these."
    )
    facets_complete: bool = Field(description="True when `counted` is every matching event.")
    facets: EventFacetsPublic


class ActorPublic(BaseModel):
    id: str = Field(description="Stable entity id.")
    url: str = Field(description="This actor in the API (a path).")
    name: str = Field(description="Canonical name.")
    aliases: list[str]
    type: str = Field(description="armed group, organization, person, party or state forces.")
    countries: list[str] = Field(description="ISO 3166-1 alpha-2 codes seen with it.")
    first_seen: datetime = Field(description="Publication time of the first article naming it.")
    last_seen: datetime = Field(description="Publication time of the latest article naming it.")
    event_count: int = Field(description="Distinct events naming it among their actors.")
    events_url: str = Field(description="Its events, newest first (a path of this API).")


class ActorListPublic(BaseModel):
    actors: list[ActorPublic] = Field(description="In id order.")
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end of the catalog."
    )
    next_url: str | None


class ChangePublic(BaseModel):
    level: ChangeLevel
    current: int = Field(description="Distinct events in the week judged.")
    baseline_weeks: int
    baseline_average: float = Field(description="Events a week over the baseline.")
    percent: float | None = Field(description="Change against the baseline; null from zero.")
    low_activity: bool = Field(description="Set by the low-activity floor, not the percentage.")


class SurgePublic(BaseModel):
    surge: bool
    current: int
    month_average: float
    eligible: bool = Field(description="The month before averaged at least one event a week.")


class DivisionSurgePublic(SurgePublic):
    admin1: str = Field(description="The first-level division, as GeoNames names it.")


class MonthlyPublic(BaseModel):
    arrow: MonthlyArrow
    change: ChangePublic


class CountryTrendPublic(BaseModel):
    code: str
    name: str
    week: date = Field(description="The Monday of the week judged.")
    against_4_weeks: ChangePublic | None
    against_52_weeks: ChangePublic | None
    surge: SurgePublic | None
    monthly: MonthlyPublic | None = Field(
        description="The last four weeks against the twelve before them."
    )
    divisions: list[DivisionSurgePublic] = Field(
        description="Each division with events in the five weeks read; surging first."
    )
