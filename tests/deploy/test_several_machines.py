"""The several-machine shape on one machine, for real: PostgreSQL, a broker (Redis, then
RabbitMQ), two `worldbrief worker` processes and two `worldbrief serve` app nodes, each with its
own data directory and search index. A few hundred articles are ingested through the queue and
one worker is killed with SIGKILL while it holds work; every article must then be stored and
enriched exactly once, and both nodes must answer a search the same way."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import sqlalchemy as sa

from support.live_site import LiveSite, live_site, run_cli, site_environment
from worldbrief.config import normalise_database_url
from worldbrief.store import open_store

ARTICLES = 300
MARK = "quorvantelle"  # in every generated article and in no other text
DEADLINE_SECONDS = 900.0  # a generous bound on a busy machine; the test polls, never times
PLACES = [
    ("Nairobi", "KE"), ("Mombasa", "KE"), ("Almaty", "KZ"), ("Astana", "KZ"), ("Lima", "PE"),
    ("Arequipa", "PE"), ("Hanoi", "VN"), ("Da Nang", "VN"), ("Accra", "GH"), ("Kumasi", "GH"),
    ("Tbilisi", "GE"), ("Batumi", "GE"), ("Dakar", "SN"), ("Montevideo", "UY"),
]  # fmt: skip
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tu",
    "sa",
    "vo",
    "pel",
    "dri",
    "an",
    "ost",
    "ul",
    "fe",
    "ni",
    "gar",
    "bo",
    "sem",
    "tal",
    "yu",
    "ric",
]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))


def write_corpus(path: Path, count: int) -> None:
    """Articles of made-up words around a real city: no two are near-duplicates, and each has
    a place for the geotagger to find."""
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            rng = random.Random(index)
            city, _ = PLACES[index % len(PLACES)]
            words = " ".join(_word(rng) for _ in range(120))
            body = (
                f"Officials in {city} said on Monday that the {MARK} talks would go on. "
                "The delegations met for a second day and agreed to keep working through the "
                "week, although neither side would say what had been settled. Diplomats who "
                "followed the meetings described the mood as careful but not hostile, and said "
                "a joint statement could come before the end of the month if the remaining "
                f"questions were resolved. {words.capitalize()}."
            )
            record = {
                "id": f"deploy-{index}",
                "title": f"Talks in {city}, report {index}",
                "body": body,
                "published_at": f"2024-0{1 + index % 9}-1{index % 10}T08:00:00Z",
            }
            out.write(json.dumps(record) + "\n")


@contextmanager
def worker_process(env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "worldbrief.cli.main", "worker"],
            env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        while "Worker ready" not in log.read_text(errors="replace"):
            assert process.poll() is None, f"worker exited early:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"worker not ready:\n{log.read_text()}"
            time.sleep(0.2)
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def search_everything(site: LiveSite) -> tuple[int, set[str]]:
    """The total a node reports for the mark, and every id it lists over all pages."""
    total, ids, page = 0, set(), 1
    while True:
        answer = httpx.get(
            site.url + "/api/search",
            params={"q": MARK, "per_page": 100, "page": page},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        data = answer.json()
        total = data["total"]
        ids.update(hit["id"] for hit in data["hits"])
        if not data["hits"] or len(ids) >= total:
            return total, ids
        page += 1


def test_workers_and_nodes_share_the_work_and_answer_alike(
    tmp_path: Path, fresh_database_url: str, broker: tuple[str, str]
) -> None:
    broker_url, namespace = broker
    settings = {
        "broker_url": broker_url,
        "broker_namespace": namespace,
        "broker_heartbeat_seconds": "5",  # a killed Redis worker's work is handed over soon
        "ingest_workers": "1",
    }

    def env(name: str) -> dict[str, str]:
        return site_environment(tmp_path / name, fresh_database_url, **settings)

    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, ARTICLES)
    engine = sa.create_engine(normalise_database_url(fresh_database_url))
    run_cli(env("migrate"), "jobs", "list")  # the store migrated once, before anyone starts
    with ExitStack() as stack:
        node_a = stack.enter_context(live_site(env("node-a"), tmp_path))
        node_b = stack.enter_context(live_site(env("node-b"), tmp_path))
        doomed = stack.enter_context(worker_process(env("worker-a"), tmp_path / "worker-a.log"))
        stack.enter_context(worker_process(env("worker-b"), tmp_path / "worker-b.log"))

        queued = run_cli(env("cli"), "ingest", "--json", str(corpus))
        assert json.loads(queued.stdout)["queued"] == ARTICLES

        # Both workers took work as soon as it was queued; the first batch stored means the
        # doomed worker holds work it has not acknowledged.
        deadline = time.monotonic() + DEADLINE_SECONDS
        while _stored(engine) == 0:
            assert time.monotonic() < deadline, "no batch was stored"
            time.sleep(0.1)
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.wait(timeout=30)
        assert _stored(engine) < ARTICLES, "the run ended before the worker was killed"

        while _stored(engine) < ARTICLES and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _stored(engine) == ARTICLES, (tmp_path / "worker-b.log").read_text()

        # Each article written once: a batch run again after the kill changed nothing.
        with engine.connect() as conn:
            writes = conn.execute(
                sa.text("SELECT count(*), count(DISTINCT article_id) FROM changes")
            )
            assert tuple(writes.one()) == (ARTICLES, ARTICLES)
        store = open_store(normalise_database_url(fresh_database_url))
        try:
            articles = store.get_many(_stored_ids(engine))
        finally:
            store.close()
        assert len(articles) == ARTICLES
        for article in articles:
            assert article.enrichment.language == "en", article.id
            assert article.enrichment.focus_countries, article.id

        # Each node's own index follows the store's change log to the same answer.
        answers = {}
        for node in (node_a, node_b):
            while (found := search_everything(node))[0] < ARTICLES:
                assert time.monotonic() < deadline, f"{node.url} found {found[0]}"
                time.sleep(0.5)
            answers[node.url] = found
        (total_a, ids_a), (total_b, ids_b) = answers.values()
        assert total_a == total_b == ARTICLES
        assert ids_a == ids_b == {a.id for a in articles}
    engine.dispose()
    for log in tmp_path.glob("*.log"):
        assert "Traceback" not in log.read_text(errors="replace"), log.read_text(errors="replace")


def _stored(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        try:
            return int(conn.execute(sa.text("SELECT count(*) FROM articles")).scalar() or 0)
        except sa.exc.ProgrammingError:  # not migrated yet
            return 0


def _stored_ids(engine: sa.Engine) -> list[str]:
    with engine.connect() as conn:
        return [str(i) for i in conn.execute(sa.text("SELECT id FROM articles")).scalars()]
