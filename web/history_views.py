"""Riwayat tugas: the scheduled jobs (django-celery-beat, editable in the admin by
the treasurer) and what recently ran (django-celery-results), plus the background
jobs started from the pages. Read-only for the treasurer and the auditor alike.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_celery_beat.models import PeriodicTask
from django_celery_results.models import TaskResult

from jobs.models import Job
from web.access import can_write, staff_page

PAGE_SIZE = 25


@staff_page
def task_history(request: HttpRequest) -> HttpResponse:
    """``/tugas/``: schedules, recent task outcomes (paged) and recent page jobs."""
    schedules = PeriodicTask.objects.select_related(
        "crontab", "interval", "solar", "clocked"
    ).order_by("name")
    outcomes = Paginator(
        TaskResult.objects.only(
            "task_id", "task_name", "status", "date_created", "date_done", "result"
        ).order_by("-date_done", "-id"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "web/task_history.html",
        {
            "nav": "jobs",
            "schedules": list(schedules),
            "outcomes": outcomes,
            "jobs": list(Job.objects.select_related("created_by")[:10]),
            "can_edit": can_write(request),
        },
    )
