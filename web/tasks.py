"""Celery tasks behind the web pages' background jobs (``jobs.Job``).

Each task is an interface: it marks the job running, calls one domain service with a
progress callback, and records the outcome on the job. A refused operation (a
``DomainError``) fails the job with the service's message; the service's own
transaction left nothing behind.
"""

from __future__ import annotations

import os

from celery import shared_task
from django.conf import settings

from jobs.models import Job
from jobs.services import job_advance, job_fail, job_finish, job_start
from ledger.errors import DomainError


def _run(job_id: int, work) -> None:
    job = job_start(job_id=job_id)
    try:
        result, file = work(job)
    except DomainError as exc:
        job_fail(job_id=job_id, error=exc.message)
        return
    except Exception as exc:
        job_fail(job_id=job_id, error=f"{type(exc).__name__}: {exc}")
        raise
    job_finish(job_id=job_id, result=result, file=file)


@shared_task(name="web.dues_issue_job")
def dues_issue_job(job_id: int) -> None:
    """Issue the dues of ``job.params["period"]`` (``members.services``)."""
    from members.services import dues_issue_period

    def work(job: Job):
        outcome = dues_issue_period(
            period=job.params["period"],
            user=job.created_by,
            on_progress=lambda count: job_advance(job_id=job.pk, steps=count),
        )
        return (
            {
                "period": outcome.period,
                "created": outcome.created,
                "skipped": outcome.skipped,
            },
            "",
        )

    _run(job_id, work)


def export_dir() -> str:
    path = os.path.join(settings.MEDIA_ROOT, "exports")
    os.makedirs(path, exist_ok=True)
    return path


@shared_task(name="web.ledger_export_job")
def ledger_export_job(job_id: int) -> None:
    """Write the ledger export of ``job.params`` (format, start, end) and its
    manifest (``reports.exports``) under MEDIA_ROOT/exports/."""
    import datetime as dt

    from reports.exports.files import ledger_export_write

    def work(job: Job):
        params = job.params
        start = dt.date.fromisoformat(params["start"]) if params.get("start") else None
        end = dt.date.fromisoformat(params["end"])
        extension = {"hledger": "journal"}.get(params["format"], params["format"])
        name = f"buku-besar-{job.pk}-{end:%Y%m%d}.{extension}"
        path = os.path.join(export_dir(), name)
        manifest = ledger_export_write(
            fmt=params["format"], path=path, start=start, end=end
        )
        job_advance(job_id=job.pk, steps=1)
        return (
            {
                "entry_count": manifest["entry_count"],
                "sha256": manifest["file"]["sha256"],
                "bytes": manifest["file"]["bytes"],
                "head_hash": manifest.get("head_hash"),
                "manifest": f"{name}.manifest.json",
            },
            name,
        )

    _run(job_id, work)
