"""Grow an ingested store to N articles by storing copies of its enriched articles, so reader
surfaces and reindexing can be measured at a million without enriching a million.

    .venv/bin/python bench/grow_store.py /tmp/wb-100k /tmp/wb-1m 1000000 [--database-url URL]
        [--copies K]

SOURCE_DIR is a data directory that ``bench/ingest_scale.py`` filled; its SQLite file is copied
to TARGET_DIR, then every article is stored again under a new id and URL ("copy k" of it), its
publication time moved back by k times 41 days (wrapping within the source's ten years), until
the store holds N articles (``--copies`` fixes K, the copies of each article, when the source is
still being ingested into). Copies go through the store's own writes, so listings, kept counts
and the change log grow as they do at ingest; the enrichment of each copy is its original's (the
pages read the same shapes; only ingest's CPU work is skipped, and bench/ingest_scale.py measures
that). The search index is left empty: run bench/reindex_scale.py on TARGET_DIR next. Prints the
time taken and the store's size.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
import time
from datetime import timedelta
from pathlib import Path

from worldbrief.config import Settings
from worldbrief.domain import Article
from worldbrief.services.article_builder import article_id_for
from worldbrief.services.platform import open_platform

BATCH = 2000
SHIFT = timedelta(days=41)
SPAN = timedelta(days=3653)  # the synthetic corpus spans ten years


def copy_of(article: Article, k: int, oldest: float, span: float) -> Article:
    url = f"{article.source.url or 'https://copies.example/' + article.id}#copy-{k}"
    moved = article.published_at - SHIFT * k
    seconds = moved.timestamp()
    if seconds < oldest:  # wrap into the source's range, keeping the time of day
        moved += timedelta(seconds=span * (1 + (oldest - seconds) // span))
    return dataclasses.replace(
        article,
        id=article_id_for("url:" + url),
        source=dataclasses.replace(article.source, url=url),
        published_at=moved,
        updated_at=None,
        content_hash=f"{article.content_hash[:56]}{k:08x}",
        duplicate_of=None,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source_dir", type=Path)
    parser.add_argument("target_dir", type=Path)
    parser.add_argument("articles", type=int)
    parser.add_argument("--database-url", help="a PostgreSQL store to fill instead of a copy")
    parser.add_argument(
        "--copies", type=int, help="copies of each article (default: as many as N needs)"
    )
    args = parser.parse_args()
    args.target_dir.mkdir(parents=True, exist_ok=True)
    source = open_platform(Settings(data_dir=args.source_dir))
    if args.database_url is None:
        for suffix in ("", "-wal", "-shm"):  # a WAL not yet checkpointed holds recent writes
            if (args.source_dir / f"worldbrief.db{suffix}").exists():
                shutil.copy2(
                    args.source_dir / f"worldbrief.db{suffix}",
                    args.target_dir / f"worldbrief.db{suffix}",
                )
    target = open_platform(Settings(data_dir=args.target_dir, database_url=args.database_url))
    ids = [i for batch in source.store.iter_all_ids(BATCH) for i in batch]
    dates = source.store.published_dates(ids)
    oldest = min(dates.values()).timestamp()
    span = max(SPAN.total_seconds(), max(dates.values()).timestamp() - oldest)
    copies = args.copies or -(-args.articles // len(ids))  # the source itself is copy 0
    stored = initial = target.store.count()
    started = time.perf_counter()
    first = 0 if args.database_url else 1
    done: set[str] = set()
    while stored < args.articles and ids:
        # Each batch of originals is read once and all its copies written from it: reading
        # back and decoding is a fifth of the time on PostgreSQL. The source is listed again
        # after each pass, so a store still being ingested can be grown into PostgreSQL while it
        # fills (a SQLite target is a copy of the source as it was when the copy was made).
        for start in range(0, len(ids), BATCH):
            originals = source.store.get_many(ids[start : start + BATCH])
            for k in range(first, copies):
                want = min(len(originals), args.articles - stored)
                if want <= 0:
                    break
                target.store.upsert_articles(
                    [copy_of(a, k, oldest, span) for a in originals[:want]]
                )
                stored += want
                if stored % 50_000 < want:
                    rate = (stored - initial) / (time.perf_counter() - started)
                    print(f"  {stored:>9,} stored  {rate:6.0f}/s", file=sys.stderr)
            done.update(ids[start : start + BATCH])
            if stored >= args.articles:
                break
        ids = [i for batch in source.store.iter_all_ids(BATCH) for i in batch if i not in done]
    seconds = time.perf_counter() - started
    written = stored - initial
    print(f"stored {target.store.count():,} articles ({written:,} written) in {seconds:.0f} s")
    if args.database_url is None:
        size = (args.target_dir / "worldbrief.db").stat().st_size
        print(f"store {size / 2**20:,.0f} MiB")
    source.close()
    target.close()


if __name__ == "__main__":
    main()
