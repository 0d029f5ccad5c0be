"""The store's tables. Alembic migrations in ``migrations/versions`` create them; this module
mirrors the head revision for queries (a contract test checks the two agree).

``articles``
    One row per article, by ``id``. Besides the published fields it keeps the enrichment that
    fits a column (``language``, ``reading_minutes``), the rest as JSON (``places``,
    ``entities``), ``content_hash`` for exact duplicates, ``duplicate_of`` (the original a
    near-duplicate repeats), ``fingerprint`` (a digest of everything stored, to tell an unchanged
    re-ingest from an update), ``created_at`` and ``seq`` (the change-log sequence of its last
    write).
``article_authors``
    Authors in byline order (``position``).
``article_countries``
    Country mentions in enrichment order: ``code`` (ISO alpha-2), ``name``, ``score``, ``focus``
    and ``evidence`` (JSON list of ``[start, end]`` offsets into ``plain_text``).
``article_regions``
    Regions derived from the focus countries (``region_id``, ``name``).
``country_listings``, ``region_listings``, ``article_counts``
    Derived for browsing and kept in the same transaction as every article write: one row per
    focus country (or region) and article, keyed ``(code, published_at, article_id)`` so a
    page of the newest is an index range; and the number of articles per facet value (``all``,
    ``country``, ``region``, ``type``, ``access``, ``year``).
``country_weeks``, ``country_places``, ``place_listings``
    Derived for country pages, kept like the browse tables: articles per focus country and ISO
    week, articles per place (GeoNames id) of each country, and each place's articles.
``article_events``, ``events``
    Each article's events (one row per report, main event first) and the distinct events the
    reports are linked into across articles (``article_events.event_id``), with their sources.
``event_weeks``, ``event_division_weeks``
    Distinct events per country, week and type (and per first-level division), kept with every
    link, settle and unlink of events, for the weekly counts of country and region pages.
``event_facet_counts``
    Distinct dated events per type, country, month and known entity, kept likewise, for the
    totals and facets of the unfiltered events search.
``near_duplicate_keys``
    The article's MinHash LSH band keys (signed 64-bit), indexed by ``key``: articles sharing a
    key are near-duplicate candidates.
``changes``
    The change log: ``seq`` grows with every write, ``op`` is ``upsert`` or ``delete``. Derived
    data (the search index) catches up by reading it from the last ``seq`` it applied.
``feeds``
    Subscribed RSS/Atom feeds and the state of their polling.
``accounts``, ``api_tokens``, ``plans``, ``subscriptions``, ``audit_events``
    Membership: accounts (unique lower-case ``email``, argon2id ``password_hash``, stored
    ``role``), their API tokens (``prefix`` to find one, SHA-256 ``secret_hash`` to check it),
    plans, subscriptions (``[starts_at, ends_at)``; ``reference`` is a payment provider's id,
    unique) and the append-only audit log, ordered by ``seq``.
``web_sessions``, ``login_failures``, ``password_resets``, ``account_preferences``,
``metered_reads``
    Web sign-in: sessions by the SHA-256 of their id (sliding ``expires_at``), failed logins by
    key (``email:...`` or ``ip:...``) for rate limiting, single-use reset tokens by hash, the
    newsletter preference, and which members-only articles a registered account read in full
    each month. A reset row without an account records a request for an unknown address.
``signup_requests``
    Sign-ups waiting for the link mailed to their address (the argon2id hash of the chosen
    password, the SHA-256 of the link's token).
``desk_drafts``, ``desk_revisions``, ``desk_publications``
    The editorial desk: drafts, every save of one, and publications begun but not yet recorded
    on the draft (completed by whoever claims them next).

Child rows go with their article (``ON DELETE CASCADE``). ``duplicate_of`` and
``changes.article_id`` are deliberately not foreign keys: a batch may name an original it does
not contain, and the log must outlive deleted articles.
"""

from __future__ import annotations

import sqlalchemy as sa

from worldbrief.store.dialect import UtcDateTime, json_document

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

# INTEGER exactly on SQLite so the column aliases the rowid and AUTOINCREMENT applies.
SEQUENCE_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _article_fk() -> sa.ForeignKey:
    return sa.ForeignKey("articles.id", ondelete="CASCADE")


articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("teaser", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("body_format", sa.Text, nullable=False),
    sa.Column("plain_text", sa.Text, nullable=False),
    sa.Column("published_at", UtcDateTime, nullable=False),
    sa.Column("updated_at", UtcDateTime),
    sa.Column("source_name", sa.Text),
    sa.Column("source_url", sa.Text, index=True),
    sa.Column("feed_url", sa.Text),
    sa.Column("language", sa.Text),
    sa.Column("reading_minutes", sa.Integer, nullable=False),
    sa.Column("access", sa.Text, nullable=False),
    sa.Column("media_url", sa.Text),
    sa.Column("content_hash", sa.Text, nullable=False, index=True),
    sa.Column("duplicate_of", sa.Text),
    sa.Column("metadata", json_document(), nullable=False),
    sa.Column("places", json_document(), nullable=False),
    sa.Column("entities", json_document(), nullable=False),
    sa.Column("fingerprint", sa.Text, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("seq", sa.BigInteger, nullable=False),
    # Newest-first listings (migration 0008): every article, and one type (the home sections).
    sa.Index(None, "published_at", "id"),
    sa.Index(None, "type", "published_at", "id"),
    # An original's copies, oldest first: without the order in the index PostgreSQL may walk
    # (published_at, id) instead, reading every article to find none.
    sa.Index(None, "duplicate_of", "published_at", "id"),
)

article_authors = sa.Table(
    "article_authors",
    metadata,
    sa.Column("article_id", sa.Text, _article_fk(), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("role", sa.Text),
)

article_countries = sa.Table(
    "article_countries",
    metadata,
    sa.Column("article_id", sa.Text, _article_fk(), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("code", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("score", sa.Double, nullable=False),
    sa.Column("focus", sa.Boolean, nullable=False),
    sa.Column("evidence", json_document(), nullable=False),
    sa.Index(None, "code", "focus"),
)

article_regions = sa.Table(
    "article_regions",
    metadata,
    sa.Column("article_id", sa.Text, _article_fk(), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("region_id", sa.Text, nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
)

near_duplicate_keys = sa.Table(
    "near_duplicate_keys",
    metadata,
    sa.Column("article_id", sa.Text, _article_fk(), primary_key=True),
    sa.Column("key", sa.BigInteger, primary_key=True),
    # Leads with key for lookups and covers article_id, so candidates come from the index alone.
    sa.Index(None, "key", "article_id"),
)

# Events (migration 0009), kept by the ``events`` stage (``store.event_rows``): one row per event
# an article reports, main event first; the type, date and place's country are columns to query.
article_events = sa.Table(
    "article_events",
    metadata,
    sa.Column("article_id", sa.Text, _article_fk(), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("subtype", sa.Text, nullable=False),
    sa.Column("confidence", sa.Double, nullable=False),
    sa.Column("event_date", sa.Text),  # ISO 8601, so it sorts and compares as text
    sa.Column("date_precision", sa.Text),
    sa.Column("date_text", sa.Text),
    sa.Column("place_country", sa.Text),
    sa.Column("place_admin1", sa.Text),
    sa.Column("place", json_document()),
    sa.Column("actors", json_document(), nullable=False),
    sa.Column("fatalities", sa.Integer),
    sa.Column("fatalities_approximate", sa.Boolean, nullable=False),
    sa.Column("evidence", json_document(), nullable=False),
    sa.Column("event_id", sa.Text),  # migration 0012: the distinct event this reports
    sa.Index(None, "subtype", "event_date"),
    sa.Index(None, "place_country", "event_date"),
    sa.Index(None, "event_id"),
)

# Distinct events (migration 0012), kept by ``store.event_links`` with every write: reports of
# the same event in several articles point here (``article_events.event_id``), counted once.
events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("subtype", sa.Text, nullable=False),
    sa.Column("event_date", sa.Text),  # ISO 8601, the most precise date reported
    sa.Column("date_precision", sa.Text),
    sa.Column("week", sa.Text),  # the Monday of event_date, for weekly counts
    sa.Column("place", json_document()),
    sa.Column("place_country", sa.Text),
    sa.Column("place_admin1", sa.Text),
    sa.Column("lat", sa.Double),
    sa.Column("lon", sa.Double),
    sa.Column("actors", json_document(), nullable=False),
    sa.Column("fatalities", sa.Integer),  # the most any source reports
    sa.Column("fatalities_approximate", sa.Boolean, nullable=False),
    sa.Column("first_reported", UtcDateTime, nullable=False),
    sa.Column("last_reported", UtcDateTime, nullable=False),
    sa.Column("sources", sa.Integer, nullable=False),
    # Migration 0014: the words it is found by (``store.event_terms``), never evidence.
    sa.Column("search_text", sa.Text, nullable=False, server_default=""),
    sa.Column("actor_keys", sa.Text, nullable=False, server_default=""),
    sa.Index(None, "subtype", "place_country", "event_date"),
    sa.Index(None, "place_country", "week", "type"),
    sa.Index(None, "type", "week"),
    sa.Index(None, "place_country", "place_admin1", "event_date", "id"),  # migration 0015
    # Migration 0014: the newest events, a country's or all, and their counts read from the
    # index alone; 0024 dropped the (event_date, id) and (place_country, ...) that led them.
    sa.Index(None, "event_date", "id", "type", "place_country"),
    sa.Index(None, "place_country", "event_date", "id", "type"),
)

# The known entities (``entities.id``) among an event's actors, so an entity's events, newest
# first, are one index range; rewritten with the event.
event_entities = sa.Table(
    "event_entities",
    metadata,
    sa.Column("entity_id", sa.Text, primary_key=True),
    sa.Column("event_date", sa.Text, primary_key=True),  # "" for an undated event
    sa.Column("event_id", sa.Text, primary_key=True),
    sa.Index(None, "event_id"),  # migration 0014: the entities of a set of events
    sqlite_with_rowid=False,
)

# Browsing (migration 0008), kept with every article write by ``store.browse_index``: one row
# per (place, article) in newest-first key order, and running counts, so that listing and
# counting pages cost the same however many articles are stored.


def _listing_table(name: str, key: str, *extra: sa.Column[float]) -> sa.Table:
    return sa.Table(
        name,
        metadata,
        sa.Column(key, sa.Text, primary_key=True),
        sa.Column("published_at", UtcDateTime, primary_key=True),
        sa.Column("article_id", sa.Text, primary_key=True),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("access", sa.Text, nullable=False),
        *extra,
        sa.Index(None, key, "type", "published_at", "article_id"),
        sqlite_with_rowid=False,
    )


# ``score``: the country's focus score in the article, for connected content.
country_listings = _listing_table(
    "country_listings", "code", sa.Column("score", sa.Double, nullable=False)
)
region_listings = _listing_table("region_listings", "region_id")

article_counts = sa.Table(
    "article_counts",
    metadata,
    sa.Column("facet", sa.Text, primary_key=True),
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("articles", sa.BigInteger, nullable=False),
    sa.CheckConstraint(
        "facet IN ('all', 'country', 'region', 'type', 'access', 'year')", name="facet"
    ),
    sqlite_with_rowid=False,
)

# Country pages (migration 0011), kept with every article write by ``store.country_index``:
# articles per focus country and ISO week (Monday, UTC, as ``YYYY-MM-DD``), articles per place
# of each country, and each place's articles newest first. A page reads bounded ranges only.
country_weeks = sa.Table(
    "country_weeks",
    metadata,
    sa.Column("code", sa.Text, primary_key=True),
    sa.Column("week", sa.Text, primary_key=True),
    sa.Column("articles", sa.BigInteger, nullable=False),
    sqlite_with_rowid=False,
)

country_places = sa.Table(
    "country_places",
    metadata,
    sa.Column("code", sa.Text, primary_key=True),
    sa.Column("place_key", sa.Text, primary_key=True),  # the GeoNames id, or name@lat,lon
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("admin1", sa.Text),
    sa.Column("feature", sa.Text, nullable=False),
    sa.Column("lat", sa.Double, nullable=False),
    sa.Column("lon", sa.Double, nullable=False),
    sa.Column("articles", sa.BigInteger, nullable=False),
    sa.Index(None, "code", "articles"),
    sqlite_with_rowid=False,
)

place_listings = sa.Table(
    "place_listings",
    metadata,
    sa.Column("code", sa.Text, primary_key=True),
    sa.Column("place_key", sa.Text, primary_key=True),
    sa.Column("published_at", UtcDateTime, primary_key=True),
    sa.Column("article_id", sa.Text, primary_key=True),
    sqlite_with_rowid=False,
)

# Event tallies (migration 0021), kept by ``store.event_week_tallies`` in the transaction that
# links, settles or unlinks events: distinct events per (country, week, type), the country ""
# for events placed in no country, and per (country, week, first-level division, type), so the
# weekly counts of the country and region pages read as many rows as weeks asked for, however
# many events are stored. Dated events only; a row whose count falls to zero is deleted.
event_weeks = sa.Table(
    "event_weeks",
    metadata,
    sa.Column("country", sa.Text, primary_key=True),
    sa.Column("week", sa.Text, primary_key=True),  # Monday, YYYY-MM-DD
    sa.Column("type", sa.Text, primary_key=True),
    sa.Column("events", sa.BigInteger, nullable=False),
    sqlite_with_rowid=False,
)

event_division_weeks = sa.Table(
    "event_division_weeks",
    metadata,
    sa.Column("country", sa.Text, primary_key=True),
    sa.Column("week", sa.Text, primary_key=True),
    sa.Column("admin1", sa.Text, primary_key=True),
    sa.Column("type", sa.Text, primary_key=True),
    sa.Column("events", sa.BigInteger, nullable=False),
    sqlite_with_rowid=False,
)

# Facet counts (migration 0025), kept by ``store.event_week_tallies`` and
# ``store.event_entity_tallies`` in the same transactions: distinct dated events per event
# ``type``, ``country`` (events placed in no country are not counted), ``month`` of event_date
# (``YYYY-MM``) and known entity (``actor``), as ``article_counts`` keeps articles, so the
# unfiltered events search reads as many rows as values listed, however many events are stored.
event_facet_counts = sa.Table(
    "event_facet_counts",
    metadata,
    sa.Column("facet", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, primary_key=True),
    sa.Column("events", sa.BigInteger, nullable=False),
    sa.CheckConstraint("facet IN ('type', 'country', 'month', 'actor')", name="facet"),
    sa.Index(None, "facet", "events", "value"),  # a facet's most frequent, without a sort of all
    sqlite_with_rowid=False,
)


changes = sa.Table(
    "changes",
    metadata,
    sa.Column("seq", SEQUENCE_TYPE, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.Text, nullable=False),
    sa.Column("op", sa.Text, nullable=False),
    sa.Column("at", UtcDateTime, nullable=False),
    sa.CheckConstraint("op IN ('upsert', 'delete')", name="op"),
    sqlite_autoincrement=True,
)

feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("title", sa.Text),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("added_at", UtcDateTime, nullable=False),
    sa.Column("last_polled_at", UtcDateTime),
    sa.Column("last_success_at", UtcDateTime),
    sa.Column("last_error", sa.Text),
    sa.Column("consecutive_failures", sa.Integer, nullable=False),
    sa.Column("entries_ingested", sa.Integer, nullable=False),
)


def _account_fk() -> sa.ForeignKey:
    return sa.ForeignKey("accounts.id", ondelete="CASCADE")


accounts = sa.Table(
    "accounts",
    metadata,
    sa.Column("id", SEQUENCE_TYPE, primary_key=True, autoincrement=True),
    sa.Column("email", sa.Text, nullable=False, unique=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("role", sa.Text, nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("last_login_at", UtcDateTime),
    sa.CheckConstraint("role IN ('registered', 'analyst', 'editor', 'admin')", name="role"),
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", SEQUENCE_TYPE, primary_key=True, autoincrement=True),
    sa.Column("account_id", sa.BigInteger, _account_fk(), nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("prefix", sa.Text, nullable=False, unique=True),
    sa.Column("secret_hash", sa.Text, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("last_used_at", UtcDateTime),
    sa.Column("revoked_at", UtcDateTime),
)

plans = sa.Table(
    "plans",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("price_cents", sa.Integer, nullable=False),
    sa.Column("currency", sa.Text, nullable=False),
    sa.Column("period", sa.Text, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.CheckConstraint("period IN ('month', 'year')", name="period"),
    sa.CheckConstraint("price_cents >= 0", name="price_cents"),
)

subscriptions = sa.Table(
    "subscriptions",
    metadata,
    sa.Column("id", SEQUENCE_TYPE, primary_key=True, autoincrement=True),
    sa.Column("account_id", sa.BigInteger, _account_fk(), nullable=False, index=True),
    sa.Column("plan_id", sa.Text, sa.ForeignKey("plans.id"), nullable=False),
    sa.Column("starts_at", UtcDateTime, nullable=False),
    sa.Column("ends_at", UtcDateTime, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("reference", sa.Text, unique=True),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.CheckConstraint("source IN ('admin', 'provider')", name="source"),
    sa.CheckConstraint("ends_at > starts_at", name="dates"),
)

audit_events = sa.Table(
    "audit_events",
    metadata,
    sa.Column("seq", SEQUENCE_TYPE, primary_key=True, autoincrement=True),
    sa.Column("at", UtcDateTime, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("subject", sa.Text, nullable=False, index=True),
    sa.Column("detail", sa.Text, nullable=False),
    sqlite_autoincrement=True,
)

# Web sign-in (migration 0004): ids and tokens are kept as SHA-256 hex, never in plain text.

web_sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("id_hash", sa.Text, primary_key=True),
    sa.Column("account_id", sa.BigInteger, _account_fk(), nullable=False, index=True),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("last_seen_at", UtcDateTime, nullable=False),
    sa.Column("expires_at", UtcDateTime, nullable=False),
)

login_failures = sa.Table(
    "login_failures",
    metadata,
    sa.Column("id", SEQUENCE_TYPE, primary_key=True, autoincrement=True),
    sa.Column("key", sa.Text, nullable=False, index=True),
    sa.Column("at", UtcDateTime, nullable=False),
)

password_resets = sa.Table(
    "password_resets",
    metadata,
    sa.Column("token_hash", sa.Text, primary_key=True),
    # No account: a request for an address without one (migration 0006), never usable.
    sa.Column("account_id", sa.BigInteger, _account_fk(), nullable=True, index=True),
    sa.Column("email", sa.Text),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("expires_at", UtcDateTime, nullable=False),
    sa.Column("used_at", UtcDateTime),
)

account_preferences = sa.Table(
    "account_preferences",
    metadata,
    sa.Column("account_id", sa.BigInteger, _account_fk(), primary_key=True),
    sa.Column("newsletter", sa.Boolean, nullable=False),
)

metered_reads = sa.Table(
    "metered_reads",
    metadata,
    sa.Column("account_id", sa.BigInteger, _account_fk(), primary_key=True),
    sa.Column("month", sa.Text, primary_key=True),  # "YYYY-MM", UTC
    sa.Column("article_id", sa.Text, primary_key=True),
    sa.Column("read_at", UtcDateTime, nullable=False),
)

# The editorial desk (migration 0005): drafts, and every save of one kept whole as JSON.

desk_drafts = sa.Table(
    "desk_drafts",
    metadata,
    sa.Column("id", SEQUENCE_TYPE, primary_key=True, autoincrement=True),
    sa.Column("status", sa.Text, nullable=False, index=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("teaser", sa.Text, nullable=False),
    sa.Column("authors", json_document(), nullable=False),
    sa.Column("countries", json_document(), nullable=False),
    sa.Column("access", sa.Text, nullable=False),
    sa.Column("media_url", sa.Text),
    sa.Column("publish_at", UtcDateTime),
    sa.Column("article_id", sa.Text),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("created_by", sa.Text, nullable=False, index=True),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
    sa.CheckConstraint(
        "status IN ('draft', 'submitted', 'scheduled', 'published', 'rejected')", name="status"
    ),
    sa.CheckConstraint("access IN ('free', 'members')", name="access"),
    sqlite_autoincrement=True,
)

desk_revisions = sa.Table(
    "desk_revisions",
    metadata,
    sa.Column(
        "draft_id",
        sa.BigInteger,
        sa.ForeignKey("desk_drafts.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("number", sa.Integer, primary_key=True),
    sa.Column("saved_by", sa.Text, nullable=False),
    sa.Column("saved_at", UtcDateTime, nullable=False),
    sa.Column("snapshot", json_document(), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
)

# Migration 0006: sign-ups waiting for their emailed link, and desk publications in progress.

signup_requests = sa.Table(
    "signup_requests",
    metadata,
    sa.Column("token_hash", sa.Text, primary_key=True),
    sa.Column("email", sa.Text, nullable=False, index=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("expires_at", UtcDateTime, nullable=False),
    sa.Column("used_at", UtcDateTime),
)

desk_publications = sa.Table(
    "desk_publications",
    metadata,
    sa.Column(
        "draft_id",
        sa.BigInteger,
        sa.ForeignKey("desk_drafts.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("article_id", sa.Text, nullable=False),
    sa.Column("requested_by", sa.Text, nullable=False),
    sa.Column("requested_at", UtcDateTime, nullable=False),
    sa.Column("claim", sa.Text, nullable=False),  # who is publishing it now (random)
    sa.Column("claimed_at", UtcDateTime, nullable=False),
)

# Migration 0010: named entities, the catalog and each article's mentions (worldbrief.actors).

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("aliases", json_document(), nullable=False),
    sa.Column("countries", json_document(), nullable=False),
    sa.Column("first_seen", UtcDateTime, nullable=False),
    sa.Column("last_seen", UtcDateTime, nullable=False),
)

article_entities = sa.Table(
    "article_entities",
    metadata,
    sa.Column("article_id", sa.Text, _article_fk(), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("entity_id", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("aliases", json_document(), nullable=False),
    sa.Column("countries", json_document(), nullable=False),
    sa.Column("mentions", json_document(), nullable=False),
    sa.Column("published_at", UtcDateTime, nullable=False),
    sa.Index(None, "entity_id", "published_at", "article_id"),
)
