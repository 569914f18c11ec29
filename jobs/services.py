"""Starting, advancing and finishing background jobs.

The work itself (e.g. issuing dues) is one database transaction: a failed job
leaves no partial writes, only its ``failed`` status and the error. Progress made
inside that transaction would stay invisible to the page polling the job until the
commit, so it is counted in the cache (``CACHES``; Redis in production, shared by
the worker and the web processes) and written to the job row when it finishes.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from jobs.models import Job, JobStatus


def job_create(*, kind: str, params: dict, total: int = 0, user=None) -> Job:
    """A queued job (the caller enqueues its task in ``transaction.on_commit``)."""
    return Job.objects.create(
        kind=kind,
        params=params,
        total=max(total, 0),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


def job_start(*, job_id: int) -> Job:
    Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    return Job.objects.get(pk=job_id)


def _progress_key(job_id: int) -> str:
    return f"estama:job-progress:{job_id}"


def job_advance(*, job_id: int, steps: int) -> None:
    """Add ``steps`` to the progress of a running job (no database write)."""
    key = _progress_key(job_id)
    try:
        cache.incr(key, steps)
    except ValueError:  # first step: the key does not exist yet
        cache.set(key, steps, timeout=24 * 3600)


def job_progress(*, job: Job) -> int:
    """Steps done: from the cache while the job runs, from the row afterwards;
    never above ``total``."""
    if job.status == JobStatus.RUNNING:
        done = int(cache.get(_progress_key(job.pk)) or 0)
    else:
        done = job.done
    return min(done, job.total) if job.total else done


def job_finish(*, job_id: int, result: dict, file: str = "") -> None:
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job_id)
        job.status = JobStatus.DONE
        job.done = job.total
        job.result = result
        job.file = file
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "done", "result", "file", "finished_at"])
    cache.delete(_progress_key(job_id))


def job_fail(*, job_id: int, error: str) -> None:
    Job.objects.filter(pk=job_id).update(
        status=JobStatus.FAILED, error=error[:2000], finished_at=timezone.now()
    )
