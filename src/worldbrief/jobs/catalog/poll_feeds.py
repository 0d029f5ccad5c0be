"""Poll the subscribed feeds: one ``poll_feed`` job per feed, so with a broker the feeds are
polled by every worker at once and one slow feed holds up no other."""

from __future__ import annotations

from worldbrief.jobs.job import Job, JobArgs, JobContext, register_job
from worldbrief.services.feeds import FeedUrlError, poll_feeds


def _all(context: JobContext, _args: JobArgs) -> int:
    feeds = context.platform.store.list_feeds()
    for feed in feeds:
        context.queue.submit("poll_feed", {"url": feed.url})
    return len(feeds)


def _one(context: JobContext, args: JobArgs) -> int:
    """Poll one feed and ingest its new entries. Run twice (a worker killed before its
    acknowledgement), the second poll ingests the same entries to the same ids: unchanged."""
    try:
        outcomes = poll_feeds(
            context.platform, [str(args["url"])], follow_index=context.keeps_index
        )
    except FeedUrlError:  # unsubscribed since the poll was queued
        return 0
    return sum(outcome.report.created for outcome in outcomes)


ALL = register_job(
    Job(
        name="poll_feeds",
        run=_all,
        description="Poll every subscribed feed (one poll_feed job each).",
        every_seconds=900,
    )
)
ONE = register_job(
    Job(
        name="poll_feed",
        run=_one,
        description="Poll one feed (argument: url) and ingest its new entries.",
        queue="feeds",
    )
)
