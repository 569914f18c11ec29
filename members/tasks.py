"""Celery tasks of the members app (scheduled by CELERY_BEAT_SCHEDULE in settings):
issue the current month's dues on its first day; email arrears reminders.

Both move money or talk to members, so both are late-acknowledged (the message is
acknowledged only when the task has finished; a worker killed mid-way leaves it to be
delivered again after the broker's visibility timeout, settings
``CELERY_BROKER_TRANSPORT_OPTIONS``) and idempotent, so a second delivery changes
nothing that the first one did:
    - a dues run is one transaction (a killed run commits nothing) and its items are
      UNIQUE per member, plan and period (a rerun bills no one twice);
    - a reminder is recorded (UNIQUE per member and period) in the transaction that
      schedules its email, so a rerun sends no second reminder (a run killed after
      commit but before every email went out loses those: at most once, never twice).
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from members.services import dues_issue_period
from members.services.reminders import arrears_reminders_send

# A redelivered task runs again; these options make that the only way it can end.
IDEMPOTENT_TASK = {"acks_late": True, "reject_on_worker_lost": True}


@shared_task(name="members.tasks.dues_issue_current_period", **IDEMPOTENT_TASK)
def dues_issue_current_period(period: str | None = None) -> dict:
    """Issue ``period`` (default: the current month, Asia/Jakarta)."""
    period = period or f"{timezone.localdate():%Y-%m}"
    result = dues_issue_period(period=period)
    return {
        "period": result.period,
        "created": result.created,
        "skipped": result.skipped,
    }


@shared_task(name="members.tasks.arrears_reminders_send", **IDEMPOTENT_TASK)
def arrears_reminders_task(period: str | None = None) -> int:
    """Email members in arrears, at most once per member per period."""
    return arrears_reminders_send(period=period)
