"""Running an import now or in the background, and remembering it.

A file up to ``ESTAMA_IMPORT_BACKGROUND_BYTES`` (default 256 KB, some 2,500 member
rows) is imported in the request; a larger one becomes a queued ``ImportJob`` that a
Celery task runs (eagerly, in-process, in the embedded default), reporting progress as
it checks rows. Either way the job row records who imported which file and the report.

Each kind of import registers its runner here (``runner_register``); a runner takes
``data, filename, dry_run, user, progress`` and the job's options, and returns an
``ImportResult`` or raises a DomainError.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from imports.models import ImportJob, ImportKind, JobStatus
from imports.reader import check_size
from imports.results import ImportResult
from ledger.errors import DomainError, NotFound

Runner = Callable[..., ImportResult]
_runners: dict[str, Runner] = {}


def runner_register(kind: str, runner: Runner) -> None:
    _runners[kind] = runner


def _runner(kind: str) -> Runner:
    if kind == ImportKind.MEMBERS and kind not in _runners:
        from imports.members import members_import

        runner_register(kind, members_import)
    if kind == ImportKind.OPENING and kind not in _runners:
        from imports.opening import opening_balances_import

        runner_register(kind, opening_balances_import)
    if kind not in _runners:
        raise NotFound(f"Jenis impor tidak dikenal: {kind}.")
    return _runners[kind]


def background_threshold() -> int:
    return int(getattr(settings, "ESTAMA_IMPORT_BACKGROUND_BYTES", 256 * 1024))


def error_envelope(exc: DomainError) -> dict:
    return {"code": exc.code, "detail": exc.message, "errors": exc.errors}


def import_submit(
    *,
    kind: str,
    data: bytes,
    filename: str,
    dry_run: bool = False,
    options: dict | None = None,
    user=None,
) -> ImportJob:
    """Import ``data`` now (small files) or queue it (large ones).

    Returns:
        The job: ``done`` with its ``result`` when it ran now, ``queued`` (or
        already finished, with eager Celery) when it runs in the background.

    Raises:
        ImportFileInvalid / ImportInvalid / any error of the runner, for a file
        imported now (nothing is written, not even the job).
    """
    check_size(len(data))
    runner = _runner(kind)
    options = dict(options or {})
    job = ImportJob(
        kind=kind,
        filename=(filename or "")[:255],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        options=options,
        dry_run=dry_run,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    if len(data) <= background_threshold():
        with transaction.atomic():
            result = runner(
                data=data, filename=filename, dry_run=dry_run, user=user, **options
            )
            job.status = JobStatus.DONE
            job.result = result.as_dict()
            job.progress_total = job.progress_done = len(result.rows)
            job.finished_at = timezone.now()
            job.save()
        return job
    with transaction.atomic():
        job.content = data
        job.save()
        audit_record(
            actor=user,
            action="import.queued",
            target=job,
            after={"kind": kind, "filename": job.filename, "size": job.size},
        )
        from imports.tasks import import_job_run

        transaction.on_commit(lambda: import_job_run.delay(job.pk))
    return job


def import_job_run(*, job_id: int) -> ImportJob:
    """Run a queued job (the Celery task calls this). Never raises for a refused
    import: the job ends ``failed`` with the error envelope."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        if job.status != JobStatus.QUEUED:
            return job
        job.status = JobStatus.RUNNING
        job.save(update_fields=["status"])
    data = bytes(job.content or b"")

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(
            progress_done=min(done, total), progress_total=total
        )

    try:
        result = _runner(job.kind)(
            data=data,
            filename=job.filename,
            dry_run=job.dry_run,
            user=job.created_by,
            progress=progress,
            **job.options,
        )
    except DomainError as exc:
        job.status, job.error = JobStatus.FAILED, error_envelope(exc)
        fields = ["status", "error"]
    else:
        job.status, job.result = JobStatus.DONE, result.as_dict()
        job.progress_total = job.progress_done = len(result.rows)
        fields = ["status", "result", "progress_done", "progress_total"]
    job.content = None
    job.finished_at = timezone.now()
    job.save(update_fields=[*fields, "content", "finished_at"])
    audit_record(
        actor=job.created_by,
        action=f"import.{job.status}",
        target=job,
        after={"kind": job.kind, "filename": job.filename},
    )
    return job
