"""Celery tasks of the imports: running a large import in the background."""

from __future__ import annotations

from celery import shared_task

from imports.jobs import import_job_run as _run


@shared_task(name="imports.tasks.import_job_run")
def import_job_run(job_id: int) -> str:
    """Run the queued import ``job_id``; returns its final status."""
    return _run(job_id=job_id).status
