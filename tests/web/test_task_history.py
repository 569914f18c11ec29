"""Riwayat tugas: database schedules (django-celery-beat) seeded from
CELERY_BEAT_SCHEDULE, task outcomes (django-celery-results), the page."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler
from django_celery_results.models import TaskResult

from estama.celery import app
from ledger.tasks import ledger_verify_nightly

# The beat scheduler closes old database connections as a long-running process
# should (close_old_connections): its tests run outside a test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def test_beat_writes_the_settings_schedule_to_the_database():
    assert app.conf.beat_scheduler == settings.CELERY_BEAT_SCHEDULER

    scheduler = DatabaseScheduler(app=app, lazy=False)

    names = set(PeriodicTask.objects.values_list("name", flat=True))
    assert set(settings.CELERY_BEAT_SCHEDULE) <= names
    entry = PeriodicTask.objects.get(name="ledger-verify-nightly")
    assert entry.task == "ledger.verify_nightly" and entry.enabled
    assert entry.crontab.minute == "30" and entry.crontab.hour == "1"
    assert "ledger-verify-nightly" in scheduler.schedule


def test_a_task_run_is_recorded_and_listed(web_client, treasurer, auditor):
    ledger_verify_nightly.delay()
    DatabaseScheduler(app=app, lazy=False)

    outcome = TaskResult.objects.get()
    assert outcome.task_name == "ledger.verify_nightly" and outcome.status == "SUCCESS"
    page = web_client(treasurer).get("/tugas/").content.decode()
    assert "ledger.verify_nightly" in page and "members-issue-dues-monthly" in page
    assert "Ubah jadwal di admin" in page
    auditor_page = web_client(auditor).get("/tugas/").content.decode()
    assert "ledger.verify_nightly" in auditor_page
    assert "Ubah jadwal di admin" not in auditor_page


def test_members_do_not_see_the_task_history(web_client, portal):
    assert web_client(portal.sari.user).get("/tugas/").status_code == 404


def test_task_history_query_count_is_constant(web_client, treasurer):
    DatabaseScheduler(app=app, lazy=False)
    client = web_client(treasurer)
    ledger_verify_nightly.delay()
    with CaptureQueriesContext(connection) as before:
        client.get("/tugas/")
    for _ in range(4):
        ledger_verify_nightly.delay()
    with CaptureQueriesContext(connection) as after:
        client.get("/tugas/")
    assert len(after) == len(before) <= 12
