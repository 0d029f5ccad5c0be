"""Ingest throughput of each deployment shape: embedded (`worldbrief ingest` enriching in its own
worker processes) or queued (`worldbrief ingest` queues, N `worldbrief worker` processes enrich
and store), on PostgreSQL.

    .venv/bin/python bench/queue_throughput.py --articles 2000 --workers 2 \
        --database-url postgresql://postgres@127.0.0.1/test [--broker-url redis://127.0.0.1:6379/0]

Prints articles/s from the start of `worldbrief ingest` until the last article is stored (the
workers are started and ready first). A fresh database is made and dropped for the run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from worldbrief.config import normalise_database_url

CITIES = ["Nairobi", "Almaty", "Lima", "Hanoi", "Accra", "Tbilisi", "Dakar", "Montevideo"]
SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vo", "pel", "dri", "an", "ost", "ul"]


def write_corpus(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            rng = random.Random(index)
            words = " ".join(
                "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(240)
            )
            city = CITIES[index % len(CITIES)]
            body = f"Officials in {city} said on Monday the talks would go on. {words}."
            record = {"id": f"q-{index}", "title": f"Talks in {city} {index}", "body": body}
            out.write(json.dumps(record) + "\n")


def stored(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        try:
            return int(conn.execute(sa.text("SELECT count(*) FROM articles")).scalar() or 0)
        except sa.exc.ProgrammingError:
            return 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--broker-url")
    args = parser.parse_args()

    admin = sa.create_engine(
        normalise_database_url(args.database_url), isolation_level="AUTOCOMMIT"
    )
    name = f"wb_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(normalise_database_url(args.database_url)).set(database=name)
    database_url = url.render_as_string(hide_password=False)
    engine = sa.create_engine(database_url)
    workers: list[subprocess.Popen[bytes]] = []
    try:
        with tempfile.TemporaryDirectory() as scratch:
            root = Path(scratch)
            corpus = root / "corpus.jsonl"
            write_corpus(corpus, args.articles)
            base = {k: v for k, v in os.environ.items() if not k.startswith("WORLDBRIEF_")}
            base["WORLDBRIEF_DATABASE_URL"] = database_url
            if args.broker_url:
                base["WORLDBRIEF_BROKER_URL"] = args.broker_url
                base["WORLDBRIEF_BROKER_NAMESPACE"] = name
                base["WORLDBRIEF_INGEST_WORKERS"] = "1"
            else:
                base["WORLDBRIEF_INGEST_WORKERS"] = str(args.workers)
            command = [sys.executable, "-m", "worldbrief.cli.main"]
            env = {**base, "WORLDBRIEF_DATA_DIR": str(root / "cli")}
            subprocess.run([*command, "jobs", "list"], env=env, check=True, capture_output=True)
            if args.broker_url:
                for number in range(args.workers):
                    log = root / f"worker-{number}.log"
                    wenv = {**base, "WORLDBRIEF_DATA_DIR": str(root / f"w{number}")}
                    with log.open("wb") as sink:
                        workers.append(subprocess.Popen([*command, "worker"], env=wenv, stdout=sink,
                                                        stderr=subprocess.STDOUT))  # fmt: skip
                    while "Worker ready" not in log.read_text(errors="replace"):
                        time.sleep(0.2)
            started = time.monotonic()
            subprocess.run([*command, "ingest", str(corpus)], env=env, check=True,
                           capture_output=True)  # fmt: skip
            while stored(engine) < args.articles:
                time.sleep(0.2)
            elapsed = time.monotonic() - started
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=60)
        engine.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
    shape = f"queued on {args.broker_url.split(':')[0]}" if args.broker_url else "embedded"
    print(
        f"{shape}, {args.workers} worker(s): {args.articles} articles in {elapsed:.1f} s = "
        f"{args.articles / elapsed:.0f} articles/s (load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
