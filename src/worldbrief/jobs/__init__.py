"""The job runner: scheduled and queued work (publishing due drafts, index catch-up, feed
polling, enrichment of ingested documents; alerts next).

- ``job``: what a job is, and the registry the ``catalog`` package fills (one module per job).
- ``schedule``: each job's interval, from its default and ``WORLDBRIEF_JOB_INTERVALS``.
- ``runner``: the scheduler thread in every ``serve`` and ``worker`` process.
- ``leader``: the lock that lets one of them start the cluster's scheduled jobs.
- ``queue``: run a job in process (the default) or put it on the broker (``broker``).
- ``worker``: ``worldbrief worker``, which consumes the broker's queues.
"""
