"""Celery tasks of the members app (scheduled by CELERY_BEAT_SCHEDULE in settings):
issue the current month's dues on its first day; email arrears reminders."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from members.services import dues_issue_period
from members.services.reminders import arrears_reminders_send


@shared_task(name="members.tasks.dues_issue_current_period")
def dues_issue_current_period(period: str | None = None) -> dict:
    """Issue ``period`` (default: the current month, Asia/Jakarta)."""
    period = period or f"{timezone.localdate():%Y-%m}"
    result = dues_issue_period(period=period)
    return {
        "period": result.period,
        "created": result.created,
        "skipped": result.skipped,
    }


@shared_task(name="members.tasks.arrears_reminders_send")
def arrears_reminders_task(period: str | None = None) -> int:
    """Email members in arrears, at most once per member per period."""
    return arrears_reminders_send(period=period)
