"""The nightly ledger verification task: eagerly in-process, and through a real Redis
broker and worker when CELERY_TEST_BROKER_URL is set (CI sets it on PostgreSQL)."""

import datetime as dt
import os

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.db import connection

from estama.celery import app
from estama.roles import AUDITOR_GROUP
from ledger import triggers
from ledger.services import LineInput, entry_post
from ledger.tasks import ledger_verify_nightly


def _post(amount: str = "250000"):
    return entry_post(
        date=dt.date(2026, 3, 2),
        description="Pendapatan lain",
        lines=[LineInput("1-1100", debit=amount), LineInput("4-9100", credit=amount)],
    )


@pytest.mark.django_db
def test_nightly_verification_of_a_clean_ledger_sends_nothing():
    _post()
    result = ledger_verify_nightly.delay().get()
    assert result["ok"] is True
    assert result["entry_count"] == 1
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_nightly_verification_alerts_auditors_when_the_ledger_was_tampered_with():
    auditor = User.objects.create_user("pengawas", email="pengawas@example.org")
    auditor.groups.add(Group.objects.create(name=AUDITOR_GROUP))
    entry = _post()
    triggers.uninstall(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE ledger_journalline SET amount = 260000 WHERE entry_id = %s",
                [entry.pk],
            )
    finally:
        triggers.install(connection)

    result = ledger_verify_nightly.delay().get()

    assert result["ok"] is False
    assert result["first_broken"] == entry.number
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["pengawas@example.org"]
    assert entry.number in mail.outbox[0].body


BROKER = os.environ.get("CELERY_TEST_BROKER_URL")


@pytest.mark.skipif(
    not BROKER, reason="set CELERY_TEST_BROKER_URL=redis://127.0.0.1:6379/15 to run"
)
@pytest.mark.django_db(transaction=True)
def test_task_runs_on_a_real_worker_through_the_redis_broker(settings):
    if connection.vendor != "postgresql":
        pytest.skip("the worker thread needs a shared database: run on PostgreSQL")
    from celery.backends.redis import RedisBackend
    from celery.contrib.testing.worker import start_worker
    from celery.result import AsyncResult

    _post()
    app.conf.update(
        broker_url=BROKER,
        result_backend=BROKER,
        task_always_eager=False,
        broker_connection_retry_on_startup=True,
    )
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=10
        ):
            # Earlier eager tests left this thread's producer pool and result backend
            # cached: publish and read through explicit Redis connections instead.
            with app.connection_for_write(BROKER) as conn:
                sent = ledger_verify_nightly.apply_async(connection=conn)
            backend = RedisBackend(app=app, url=BROKER)
            result = AsyncResult(sent.id, backend=backend, app=app).get(timeout=30)
    finally:
        app.conf.update(task_always_eager=True, broker_url=None, result_backend=None)
    assert result["ok"] is True
    assert result["entry_count"] == 1
