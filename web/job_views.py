"""Background jobs started from the pages: Terbitkan iuran (issue a period's dues)
and the job page that shows progress and the outcome (and, for exports, the file).

Starting a job writes the job row and enqueues its Celery task in
``transaction.on_commit``; with no broker (the embedded default) the task runs
eagerly, so the job is finished when the page opens.
"""

from __future__ import annotations

import os

from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jobs.models import Job, JobKind
from jobs.services import job_create, job_progress
from ledger.errors import DomainError
from members.dues_preview import dues_preview
from web.access import can_write, staff_page, staff_write_page
from web.tasks import dues_issue_job, export_dir


def _month_default() -> str:
    return f"{timezone.localdate():%Y-%m}"


@staff_write_page
def dues_issue(request: HttpRequest) -> HttpResponse:
    """``/iuran/terbitkan/?period=YYYY-MM``: preview; POST (treasurer) starts the
    job and goes to its page."""
    source = request.POST if request.method == "POST" else request.GET
    period = (source.get("period") or "").strip()
    preview = error = None
    if period:
        try:
            preview = dues_preview(period=period)
        except DomainError as exc:
            error = exc.message
    if request.method == "POST" and preview is not None:
        job = job_create(
            kind=JobKind.DUES_ISSUE,
            params={"period": period},
            total=sum(plan.eligible for plan in preview.plans),
            user=request.user,
        )
        transaction.on_commit(lambda: dues_issue_job.delay(job.pk))
        return redirect("web:job", pk=job.pk)
    recent = Job.objects.filter(kind=JobKind.DUES_ISSUE).select_related("created_by")[
        :5
    ]
    return render(
        request,
        "web/dues_issue.html",
        {
            "nav": "dues",
            "period": period or _month_default(),
            "preview": preview,
            "error": error,
            "recent": list(recent),
            "read_only": not can_write(request),
        },
    )


@staff_page
def job(request: HttpRequest, pk: int) -> HttpResponse:
    """``/tugas/<id>/``: status, progress bar and outcome; refreshes itself while
    the job runs."""
    job = Job.objects.select_related("created_by").filter(pk=pk).first()
    if job is None:
        raise Http404
    done = job_progress(job=job)
    percent = (
        100 if job.status == "done" else (done * 100 // job.total if job.total else 0)
    )
    return render(
        request,
        "web/job.html",
        {"nav": "jobs", "job": job, "done": done, "percent": percent},
    )


@staff_page
def job_file(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """``/tugas/<id>/berkas/`` and ``/tugas/<id>/manifest/``: a finished export's
    file and its manifest (with the file's SHA-256)."""
    job = Job.objects.filter(pk=pk, kind=JobKind.LEDGER_EXPORT, status="done").first()
    if job is None or not job.file or what not in ("file", "manifest"):
        raise Http404
    name = job.file if what == "file" else f"{job.file}.manifest.json"
    path = os.path.join(export_dir(), os.path.basename(name))
    if not os.path.exists(path):
        raise Http404(_("Berkas ekspor sudah tidak ada."))
    return FileResponse(open(path, "rb"), as_attachment=True, filename=name)  # noqa: SIM115
