"""Counts of distinct events for the country and region pages: weekly counts of several
countries at once, of the first-level divisions of one country, and the latest events of
several countries. Weekly counts are ranges of the kept tallies ``event_weeks (country, week,
type)`` and ``event_division_weeks (country, week, admin1, type)``: as many rows as weeks,
types and divisions asked for, however many events those weeks hold. The latest events are
ranges of ``events (place_country, event_date, id)`` bounded by the number asked for."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from worldbrief.domain.events import ActorType
from worldbrief.domain.linked_events import EventFilter, EventParty, EventReport, LinkedEvent
from worldbrief.store import event_reads
from worldbrief.store.article_store import ArticleStore
from worldbrief.store.division_counts import division_weekly_counts
from worldbrief.store.engine import store_connection
from worldbrief.store.errors import redact_url
from worldbrief.store.schema import article_events, articles, event_weeks, events

CountryWeek = tuple[str, date]  # (country code, Monday)


class EventTallies:
    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    @classmethod
    def alongside(cls, store: ArticleStore) -> EventTallies:
        return cls(store.engine, store.url)

    def __repr__(self) -> str:
        return f"EventTallies({redact_url(self.url)!r})"

    def country_weeks(
        self, first_week: date, last_week: date, countries: Sequence[str] | None
    ) -> dict[CountryWeek, int]:
        """Distinct events per (country, week) from ``first_week`` to ``last_week``, of the
        given countries (one index range each) or of every country (None)."""
        t = event_weeks
        stmt = (
            sa.select(t.c.country, t.c.week, sa.func.sum(t.c.events).label("n"))
            .where(t.c.country != "")  # placed in no country (a sea)
            .where(t.c.week.between(first_week.isoformat(), last_week.isoformat()))
            .group_by(t.c.country, t.c.week)
        )
        if countries is not None:
            if not countries:
                return {}
            stmt = stmt.where(t.c.country.in_(sorted(set(countries))))
        with self._connection("country_event_weeks") as conn:
            rows = conn.execute(stmt).all()  # bounded by the weeks: fetched at once
        return {(r.country, date.fromisoformat(r.week)): int(r.n) for r in rows}

    def type_weeks(
        self, first_week: date, last_week: date, countries: Sequence[str]
    ) -> dict[tuple[str, date], int]:
        """Distinct events per (type, week) over several countries together."""
        if not countries:
            return {}
        t = event_weeks
        stmt = (
            sa.select(t.c.type, t.c.week, sa.func.sum(t.c.events).label("n"))
            .where(t.c.country.in_(sorted(set(countries))))
            .where(t.c.week.between(first_week.isoformat(), last_week.isoformat()))
            .group_by(t.c.type, t.c.week)
        )
        with self._connection("region_type_weeks") as conn:
            rows = conn.execute(stmt).all()  # a few thousand rows at most: fetched at once
        return {(t, date.fromisoformat(w)): int(n) for t, w, n in rows}

    def type_periods(
        self,
        first_week: date,
        last_week: date,
        countries: Sequence[str],
        weekly_from: date,
        monthly_from: date,
    ) -> tuple[dict[tuple[str, str], int], int]:
        """Distinct events per (type, period) over several countries together: a week
        (``YYYY-MM-DD``) from ``weekly_from`` on, a month (``YYYY-MM``, of the week's Monday)
        from ``monthly_from``, a year (``YYYY``) before; summed by the database, so as many
        rows come back as periods and types, however many weeks they hold. Also how many
        weeks have any event."""
        if not countries:
            return {}, 0
        t = event_weeks
        period = sa.case(
            (t.c.week >= weekly_from.isoformat(), t.c.week),
            (t.c.week >= monthly_from.isoformat(), sa.func.substr(t.c.week, 1, 7)),
            else_=sa.func.substr(t.c.week, 1, 4),
        ).label("period")
        within = sa.and_(
            t.c.country.in_(sorted(set(countries))),
            t.c.week.between(first_week.isoformat(), last_week.isoformat()),
        )
        stmt = (
            sa.select(t.c.type, period, sa.func.sum(t.c.events).label("n"))
            .where(within)
            .group_by(t.c.type, period)
        )
        busy = sa.select(sa.func.count(sa.distinct(t.c.week))).where(within)
        with self._connection("region_type_periods") as conn:
            rows = conn.execute(stmt).all()
            weeks = conn.execute(busy).scalar_one()
        return {(kind, stamp): int(n) for kind, stamp, n in rows}, int(weeks)

    def division_weeks(
        self, country: str, first_week: date, last_week: date
    ) -> dict[tuple[str, date], int]:
        """Distinct events per (first-level division, week) of one country; events placed in
        no division are left out."""
        with self._connection("division_event_weeks") as conn:
            return {
                (admin1, week): n
                for admin1, weeks in division_weekly_counts(
                    conn, country, first_week, last_week
                ).items()
                for week, n in weeks.items()
            }

    def latest_of(self, countries: Sequence[str], limit: int) -> list[LinkedEvent]:
        """The ``limit`` newest dated events of each country (one range each), merged newest
        first and cut to ``limit``."""
        found: list[LinkedEvent] = []
        with self._connection("latest_events_of_countries") as conn:
            for code in sorted(set(countries)):
                found.extend(event_reads.latest_events(conn, EventFilter(country=code), limit))
        found.sort(key=lambda e: (e.date or date.min, e.id), reverse=True)
        return found[:limit]

    def latest_actors(self, countries: Sequence[str], limit: int) -> list[tuple[EventParty, ...]]:
        """The actors of the ``limit`` newest dated events of each country (one range each,
        reading the actors alone), newest first over all of them and cut to ``limit``."""
        e = events
        found: list[tuple[str, str, tuple[EventParty, ...]]] = []
        with self._connection("latest_event_actors") as conn:
            for code in sorted(set(countries)):
                stmt = (
                    sa.select(e.c.event_date, e.c.id, e.c.actors)
                    .where(e.c.place_country == code, e.c.event_date.is_not(None))
                    .order_by(e.c.event_date.desc(), e.c.id.desc())
                    .limit(limit)
                )
                for row in conn.execute(stmt).all():  # ``limit`` rows: fetched at once
                    parties = tuple(
                        EventParty(
                            a["name"],
                            ActorType(a["type"]) if a.get("type") else None,
                            a.get("entity_id"),
                        )
                        for a in row.actors
                    )
                    found.append((row.event_date, row.id, parties))
        found.sort(key=lambda f: (f[0], f[1]), reverse=True)
        return [parties for _, _, parties in found[:limit]]

    def first_reports(self, event_ids: Sequence[str]) -> dict[str, EventReport]:
        """The first published report of each event, in one statement over the reports of
        those events only (``article_events (event_id)``)."""
        if not event_ids:
            return {}
        ae = article_events
        rank = (
            sa.func.row_number()
            .over(
                partition_by=ae.c.event_id,
                order_by=(articles.c.published_at, ae.c.article_id, ae.c.position),
            )
            .label("rank")
        )
        ranked = (
            sa.select(
                ae.c.event_id,
                ae.c.article_id,
                ae.c.position,
                ae.c.evidence,
                ae.c.date_text,
                ae.c.fatalities,
                ae.c.confidence,
                articles.c.published_at,
                rank,
            )
            .join(articles, articles.c.id == ae.c.article_id)
            .where(ae.c.event_id.in_(sorted(set(event_ids))))
            .subquery()
        )
        stmt = sa.select(ranked).where(ranked.c.rank == 1)
        with self._connection("first_event_reports") as conn:
            return {
                r["event_id"]: event_reads.report_from_row(r) for r in conn.execute(stmt).mappings()
            }

    @contextmanager
    def _connection(self, operation: str) -> Iterator[Connection]:
        with store_connection(self.engine, self.url, operation) as conn:
            yield conn
