"""Enrich and store a batch of documents read elsewhere (``worldbrief ingest`` with a broker).

The documents travel whole, so a worker needs neither the files nor the network of the
machine that read them. Stored by the ordinary ingest (ids from each document's identity,
one transaction per batch), a batch run twice, because a worker died before acknowledging it,
lands on the same articles and changes nothing the second time: each article is written once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice

from worldbrief.domain import RawDocument, RejectedRecord
from worldbrief.jobs.job import Job, JobArgs, JobContext, Submitter, register_job
from worldbrief.jobs.payloads import document_from_json, document_to_json
from worldbrief.services.ingest import ingest_records

log = logging.getLogger(__name__)


def _run(context: JobContext, args: JobArgs) -> int:
    documents = [document_from_json(item) for item in args["documents"]]
    report = ingest_records(
        context.platform, documents, workers=1, follow_index=context.keeps_index
    )
    for rejection in report.rejected:
        log.warning("rejected %s: %s", rejection.location, rejection.reason)
    return report.created


JOB = register_job(
    Job(
        name="enrich_documents",
        run=_run,
        description="Enrich, deduplicate and store a batch of documents (argument: documents).",
        queue="enrich",
    )
)

DOCUMENTS_PER_JOB = 50  # small enough that a lost worker costs little repeated work


@dataclass
class QueuedReport:
    documents: int = 0
    jobs: int = 0
    rejected: list[RejectedRecord] = field(default_factory=list)


def submit_documents(
    queue: Submitter,
    records: Iterable[RawDocument | RejectedRecord],
    per_job: int = DOCUMENTS_PER_JOB,
    progress: Callable[[int], None] | None = None,
) -> QueuedReport:
    """Send ``records`` to ``queue`` as ``enrich_documents`` jobs of ``per_job`` documents;
    records that could not be read are reported here, where they were read."""
    report = QueuedReport()
    iterator = iter(records)
    while chunk := list(islice(iterator, per_job)):
        documents = [r for r in chunk if isinstance(r, RawDocument)]
        report.rejected.extend(r for r in chunk if isinstance(r, RejectedRecord))
        if documents:
            queue.submit(JOB.name, {"documents": [document_to_json(d) for d in documents]})
            report.documents += len(documents)
            report.jobs += 1
        if progress:
            progress(len(chunk))
    return report
