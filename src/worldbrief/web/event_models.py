"""The JSON shapes of distinct events (``/api/events``): event fields are metadata for all; a
source's evidence only for viewers who may read that article's body."""

from __future__ import annotations

import datetime as dt
from datetime import datetime

from pydantic import BaseModel, Field

from worldbrief.domain import AccessLevel
from worldbrief.domain.events import ActorType, DatePrecision


class EventPlace(BaseModel):
    name: str
    geonameid: int | None
    lat: float
    lon: float
    country: str
    admin1: str | None = Field(description="Its first-level division, as GeoNames names it.")
    feature: str = Field(description="GeoNames feature class and code, e.g. `P.PPL`.")


class EventActorPublic(BaseModel):
    name: str = Field(description="As the first report naming the actor writes it.")
    type: ActorType | None
    entity_id: str | None = Field(description="The known entity it is, when it is one.")


class EventPublic(BaseModel):
    id: str = Field(description="Stable: kept while any article reports the event.")
    url: str = Field(description="This event with its sources (a path of this API).")
    type: str
    subtype: str
    date: dt.date | None = Field(description="The earliest date its reports give.")
    date_precision: DatePrecision | None
    place: EventPlace | None = Field(description="The place of its first report.")
    country: str | None = Field(description="ISO 3166-1 alpha-2 code of the place.")
    admin1: str | None
    actors: list[EventActorPublic] = Field(description="Every actor any report names.")
    fatalities: int | None = Field(description="The most any report gives.")
    fatalities_approximate: bool
    first_reported: datetime = Field(description="Publication time of its first source.")
    last_reported: datetime = Field(description="Publication time of its latest source.")
    source_count: int = Field(description="Articles reporting it; each counts once.")


class EventSourcePublic(BaseModel):
    article_id: str
    url: str = Field(description="The article's page, an absolute URL.")
    title: str
    published_at: datetime
    access: AccessLevel
    locked: bool = Field(description="True when the viewer may not read the article's body.")
    evidence: list[list[int]] | None = Field(
        description="`[start, end)` offsets into the article's text; null when locked."
    )
    sentences: list[str] | None = Field(
        description="The text of each evidence span; null when locked."
    )
    date_text: str | None = Field(description="The words this report's date was read from.")
    fatalities: int | None


class EventDetailPublic(EventPublic):
    sources: list[EventSourcePublic] = Field(
        description="First reported first, at most 50; `source_count` counts them all."
    )


class EventList(BaseModel):
    events: list[EventPublic] = Field(description="Newest first (by date, then id).")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    next_url: str | None = Field(description="The next page, a path of this API.")
