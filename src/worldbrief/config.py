"""One settings object, read from the environment (prefix ``WORLDBRIEF_``).

Every setting carries its help text; ``docs/configuration.md`` lists them and a test fails when
one is undocumented.
"""

from __future__ import annotations

from ipaddress import ip_network
from pathlib import Path

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from worldbrief.store.errors import redact_url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WORLDBRIEF_", extra="ignore")

    data_dir: Path = Field(
        default=Path("./worldbrief-data"),
        description="Directory for the SQLite store, the search index and other local state.",
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the store. Default: a SQLite file `worldbrief.db` in the data dir. "
            "PostgreSQL: `postgresql://user@host/db` (the psycopg 3 driver is used)."
        ),
    )
    read_database_url: str | None = Field(
        default=None,
        description=(
            "PostgreSQL streaming replicas that serve the site's reads which may lag (reader "
            "pages, listings, search answers' articles, feeds): one URL, or several separated "
            "by spaces, of which each process reads one. Every write and every read that must "
            "be fresh (sign-in, accounts, memberships, the desk, ingest) stays on "
            "`database_url`. Unset (the default): everything reads the primary."
        ),
    )
    site_name: str = Field(
        default="worldbrief", description="Name shown in the page header and feeds."
    )
    base_url: str = Field(
        default="http://127.0.0.1:8000",
        description="Public URL of the site, used for absolute links in feeds and API answers.",
    )
    fetch_allow_private: bool = Field(
        default=False,
        description=(
            "Allow fetching URLs that resolve to private, loopback or link-local addresses "
            "(off by default to stop server-side request forgery)."
        ),
    )
    fetch_timeout_seconds: float = Field(
        default=15.0, description="Timeout for one HTTP fetch of a page or feed."
    )
    fetch_max_bytes: int = Field(
        default=5_000_000, description="Largest response body accepted from a URL or feed."
    )
    max_file_bytes: int = Field(
        default=200_000_000, description="Largest local file accepted by `worldbrief ingest`."
    )
    max_document_bytes: int = Field(
        default=5_000_000,
        ge=1_000,
        description=(
            "Largest single document accepted from any source: a Markdown, HTML, text or JSON "
            "file, one JSON Lines line, a feed entry, a fetched page, an API or desk article."
        ),
    )
    max_metadata_bytes: int = Field(
        default=65_536,
        ge=256,
        description="Largest metadata (the fields of a record worldbrief does not know) as JSON.",
    )
    max_metadata_depth: int = Field(
        default=20,
        ge=1,
        le=100,
        description="Deepest nesting of lists and mappings accepted in a record's metadata.",
    )
    regions_file: Path | None = Field(
        default=None,
        description=(
            "Optional YAML file that replaces the bundled region taxonomy "
            "(regions, sub-regions and the countries in each)."
        ),
    )
    near_duplicate_threshold: float = Field(
        default=0.8,
        ge=0.0,
        le=1.0,
        description="Share of the shorter body's word trigrams, and of its numbers, that must "
        "also appear in an earlier article for the two to be linked as near-duplicates (0 to 1).",
    )
    enrich_stages: str = Field(
        default="reading_time,language,geotag,entities,events,fingerprint",
        description="Enrichment stages run on every ingested article, in order, as names "
        "separated by commas (a stage registers itself by name; see docs/decisions/"
        "0007-enrichment-pipeline.md). Building the pipeline fails, naming the stage, when a "
        "name is unknown or a stage needs what no earlier stage assigns.",
    )
    ingest_workers: int = Field(
        default=0,
        ge=0,
        le=64,
        description="Worker processes that read, build and enrich articles during `worldbrief "
        "ingest` and `worldbrief enrich` (each loads the gazetteer, about 240 MiB); 0 means one "
        "per core. Inputs of one batch or less are enriched in the command's own process.",
    )

    broker_url: str | None = Field(
        default=None,
        description="Broker of the job queue: `redis://host:6379/0` (Redis) or "
        "`amqp://user:password@host:5672/` (RabbitMQ). When set, `worldbrief ingest` and "
        "scheduled feed polls queue their enrichment for `worldbrief worker` processes on any "
        "machine; unset (the default), every job runs in the process that starts it.",
    )
    job_intervals: str = Field(
        default="",
        description="Seconds between runs of scheduled jobs, as name=seconds pairs separated "
        "by commas (e.g. `poll_feeds=600,publish_due=10`), overriding each job's default "
        "(`publish_due=5`, `index_catch_up=5`, `poll_feeds=900`, `alerts=60`); 0 turns a job "
        "off. "
        "`worldbrief jobs list` shows them.",
    )
    broker_namespace: str = Field(
        default="worldbrief",
        pattern=r"^[A-Za-z0-9_-]{1,40}$",
        description="Prefix of this site's queue names (and Redis keys) on the broker, so "
        "several sites can share one broker.",
    )
    broker_heartbeat_seconds: int = Field(
        default=60,
        ge=5,
        description="Redis broker: seconds a worker may stay silent before the work items it "
        "took are handed to another worker (RabbitMQ notices a lost worker at once).",
    )

    api_write_token: str | None = Field(
        default=None,
        description="Bearer token that authorises `POST /api/articles`; writing is off when unset.",
    )
    api_max_body_bytes: int = Field(
        default=30_000_000,
        ge=1_000,
        description="Largest JSON body of `POST /api/articles` and the desk API, in bytes; a "
        "larger one gets 413. JSON escapes can make a body up to six times the document.",
    )
    annotate_max_bytes_anonymous: int = Field(
        default=100_000,
        ge=1,
        description="Largest `POST /api/annotate` body accepted from an anonymous caller, in "
        "bytes; a larger one gets 413.",
    )
    annotate_max_bytes_account: int = Field(
        default=1_000_000,
        ge=1,
        description="Largest `POST /api/annotate` body accepted from an account (API token or "
        "signed-in session), in bytes; a larger one gets 413.",
    )
    annotate_workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="Worker processes that run `POST /api/annotate`, apart from the web "
        "process; each loads the gazetteer (about 240 MiB).",
    )
    annotate_waiting: int = Field(
        default=4,
        ge=0,
        description="`POST /api/annotate` requests that may wait for a busy worker; beyond "
        "them a request gets 503 with `Retry-After`.",
    )

    session_days: int = Field(
        default=30,
        ge=1,
        le=366,
        description="Days a web sign-in lasts without use; each visit extends it (sliding).",
    )
    login_max_failures: int = Field(
        default=5,
        ge=1,
        description="Failed sign-ins allowed per email and per client IP within the window.",
    )
    login_window_minutes: int = Field(
        default=15,
        ge=1,
        description="Window of the sign-in rate limit; further attempts get 429 until it passes.",
    )
    metered_articles: int = Field(
        default=0,
        ge=0,
        description="Members-only articles a registered (free) account may read in full per "
        "calendar month on the article page; 0 turns the allowance off.",
    )
    smtp_host: str | None = Field(
        default=None,
        description="SMTP server for password-reset and alert mail; password resets are off "
        "and alert mail waits when unset.",
    )
    smtp_port: int = Field(default=587, ge=1, le=65535, description="Port of the SMTP server.")
    smtp_username: str | None = Field(
        default=None, description="SMTP user name; no authentication when unset."
    )
    smtp_password: str | None = Field(default=None, description="SMTP password.")
    smtp_from: str = Field(
        default="worldbrief@localhost",
        description="Sender address of password-reset and alert mail.",
    )
    smtp_starttls: bool = Field(
        default=True, description="Upgrade the SMTP connection with STARTTLS before sending."
    )
    alert_digest_hour: int = Field(
        default=7,
        ge=0,
        le=23,
        description="Local hour (in each reader's time zone) at which daily alert digests go "
        "out, and weekly ones on Mondays.",
    )
    alert_immediate_per_hour: int = Field(
        default=6,
        ge=1,
        description="Immediate alert mails an account may get in an hour; alerts past the "
        "limit are folded into its next daily digest.",
    )
    alert_cooldown_minutes: int = Field(
        default=15,
        ge=0,
        description="Minutes after an immediate mail of a watchlist before the next one; "
        "alerts arriving meanwhile wait and go out together.",
    )
    alert_signing_key: str | None = Field(
        default=None,
        description="Key that signs alert unsubscribe links and derives each watchlist's "
        "webhook secret; unset, a random key is made and kept in the store on first use.",
    )
    webhook_max_failures: int = Field(
        default=8,
        ge=1,
        description="Consecutive failed attempts after which a watchlist's webhook is "
        "disabled (the reason is shown in `worldbrief watchlists list` and the API).",
    )
    webhook_retry_seconds: int = Field(
        default=60,
        ge=1,
        description="Wait before the first retry of a failed webhook; each further retry "
        "waits twice as long, up to six hours.",
    )

    trusted_proxies: str = Field(
        default="",
        description=(
            "Comma-separated IP addresses or networks (CIDR) of the reverse proxies in front of "
            "the site; only their `X-Forwarded-For`/`X-Forwarded-Proto` headers are believed. "
            "Empty (the default): none, the connecting address is the client's."
        ),
    )

    allowed_hosts: str = Field(
        default="",
        description=(
            "Comma-separated host names the site answers to (the `Host` header); others get "
            "400, which stops DNS rebinding. Empty: any host, except that `worldbrief serve` "
            "on a loopback interface answers only to loopback names and the host of `base_url`."
        ),
    )

    payment_webhook_secret: str | None = Field(
        default=None,
        description=(
            "Shared secret of the payment provider's webhook (`POST /api/subscriptions/events`, "
            "signed with HMAC-SHA256); the endpoint is off when unset."
        ),
    )
    checkout_url: str | None = Field(
        default=None,
        description=(
            "The payment provider's hosted checkout, as a URL with `{plan}`, `{email}` and "
            "`{return_url}` placeholders (e.g. `https://pay.example.com/c?plan={plan}&email="
            "{email}`). A signed-in reader who picks a plan on `/subscribe` is sent there; the "
            "provider's webhook then grants the membership. Unset: `/subscribe` lists the plans "
            "and tells readers to write to `contact_email`."
        ),
    )
    contact_email: str | None = Field(
        default=None,
        description="Address readers write to about a membership, shown on `/subscribe` when "
        "no checkout is configured.",
    )
    site_mission: str = Field(
        default="Clear, sourced briefings on the places and powers that shape world affairs.",
        description="The publication's mission line, shown in the footer of every page.",
    )

    page_cache_bytes: int = Field(
        default=64 * 1024 * 1024,
        ge=0,
        description=(
            "Memory each `worldbrief serve` worker may spend keeping rendered pages and API "
            "answers for anonymous readers, in bytes; 0 keeps none (ETag and 304 answers stay)."
        ),
    )

    place_body_cache_chars: int = Field(
        default=16 * 2**20,
        ge=0,
        description=(
            "Characters of rendered country and region page bodies each `worldbrief serve` "
            "worker keeps, per store change sequence and reader access; 0 keeps none (every "
            "request renders its page)."
        ),
    )

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_are_addresses(cls, value: str) -> str:
        for item in (part.strip() for part in value.split(",")):
            try:
                if item:
                    ip_network(item, strict=False)
            except ValueError:
                raise ValueError(
                    f"trusted_proxies: {item!r} is not an IP address or network (e.g. 10.0.0.0/8)"
                ) from None
        return value

    @field_validator("job_intervals")
    @classmethod
    def _interval_pairs(cls, value: str) -> str:
        for item in (part.strip() for part in value.split(",")):
            name, equals, seconds = item.partition("=")
            if item and not (equals and name.strip() and seconds.strip().isdigit()):
                raise ValueError(
                    f"job_intervals: {item!r} is not name=seconds (e.g. poll_feeds=600)"
                )
        return value

    @field_validator("broker_url")
    @classmethod
    def _broker_scheme(cls, value: str | None) -> str | None:
        if value and not value.startswith(("redis://", "rediss://", "amqp://", "amqps://")):
            raise ValueError(
                "broker_url: use redis://host:6379/0 or amqp://user:password@host:5672/ "
                "(the scheme names the broker)"
            )
        return value or None

    @field_validator("read_database_url")
    @classmethod
    def _replica_urls(cls, value: str | None) -> str | None:
        for url in (value or "").split():
            if not url.startswith(("postgres://", "postgresql://", "postgresql+psycopg://")):
                raise ValueError(
                    f"read_database_url: {redact_url(url)!r} is not a PostgreSQL URL; replicas "
                    "are PostgreSQL streaming standbys (postgresql://user@host/db)"
                )
        return " ".join((value or "").split()) or None

    @model_validator(mode="after")
    def _replicas_need_postgres(self) -> Settings:
        if self.read_database_url and not self.resolved_database_url.startswith("postgresql"):
            raise ValueError(
                "read_database_url is set but database_url is not PostgreSQL: read replicas "
                "follow a PostgreSQL primary (set WORLDBRIEF_DATABASE_URL to it)"
            )
        return self

    @field_validator("enrich_stages")
    @classmethod
    def _stage_names(cls, value: str) -> str:
        names = [name.strip() for name in value.split(",")]
        if not all(names):
            raise ValueError(
                f"enrich_stages: {value!r} has an empty stage name; write names separated by "
                "commas, e.g. reading_time,language,geotag,fingerprint"
            )
        return ",".join(names)

    @property
    def enrich_stage_names(self) -> tuple[str, ...]:
        return tuple(self.enrich_stages.split(","))

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return normalise_database_url(self.database_url)
        return f"sqlite:///{(self.data_dir / 'worldbrief.db').resolve()}"

    @property
    def read_database_urls(self) -> tuple[str, ...]:
        """The replicas of ``read_database_url``, normalised; empty when none is configured."""
        return tuple(normalise_database_url(url) for url in (self.read_database_url or "").split())

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"


def normalise_database_url(url: str) -> str:
    """Let users write ``postgresql://`` or ``postgres://``; we always use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
