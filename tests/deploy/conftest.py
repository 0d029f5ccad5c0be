"""The parts of a several-machine deployment, for real: a fresh PostgreSQL database per test and
a broker namespace of its own. A test is skipped, saying why, only when PostgreSQL or the broker
cannot be reached (CI runs both)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pika
import pytest
import redis
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from worldbrief.config import normalise_database_url

TEST_DATABASE_ENV = "WORLDBRIEF_TEST_DATABASE_URL"
POSTGRES_SERVER_URL = os.environ.get(TEST_DATABASE_ENV) or None

REDIS_URL = "redis://127.0.0.1:6379/0"
RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"


@pytest.fixture
def fresh_database_url() -> Iterator[str]:
    if not POSTGRES_SERVER_URL:
        pytest.skip(f"PostgreSQL is needed and {TEST_DATABASE_ENV} is not set")
    admin = sa.create_engine(
        normalise_database_url(POSTGRES_SERVER_URL), isolation_level="AUTOCOMMIT"
    )
    name = f"worldbrief_deploy_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except sa.exc.OperationalError as error:
        admin.dispose()
        pytest.skip(f"PostgreSQL at {TEST_DATABASE_ENV} is not reachable: {error}")
    url = make_url(normalise_database_url(POSTGRES_SERVER_URL)).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=["redis", "rabbitmq"])
def broker(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """A reachable broker's URL and a namespace no other test uses; its queues are removed
    afterwards."""
    namespace = f"wbtest{uuid.uuid4().hex[:10]}"
    if request.param == "redis":
        client = redis.Redis.from_url(REDIS_URL)
        try:
            client.ping()
        except redis.ConnectionError as error:
            pytest.skip(f"the Redis broker at {REDIS_URL} is not reachable: {error}")
        yield REDIS_URL, namespace
        keys = list(client.scan_iter(f"{namespace}*"))
        if keys:
            client.delete(*keys)
        client.close()
        return
    try:
        connection = pika.BlockingConnection(pika.URLParameters(RABBITMQ_URL))
    except pika.exceptions.AMQPError as error:
        pytest.skip(f"the RabbitMQ broker at {RABBITMQ_URL} is not reachable: {error!r}")
    connection.close()
    yield RABBITMQ_URL, namespace
    connection = pika.BlockingConnection(pika.URLParameters(RABBITMQ_URL))
    channel = connection.channel()
    for queue in ("enrich", "feeds"):
        for suffix in ("", ".DQ", ".XQ"):
            channel.queue_delete(f"{namespace}.{queue}{suffix}")
    connection.close()
