"""A dues run on a real Celery worker process (Redis broker, PostgreSQL) killed with
SIGKILL mid-way and restarted: the task is delivered again after the visibility
timeout, and every member is billed exactly once. Runs when CELERY_TEST_BROKER_URL is
set (CI: redis://127.0.0.1:6379/15) on PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection

from estama.celery import app
from ledger.integrity import ledger_verify
from ledger.models import JournalEntry
from members.models import OpenItem
from members.services import dues_plan_create
from members.tasks import dues_issue_current_period

BROKER = os.environ.get("CELERY_TEST_BROKER_URL")
ROOT = Path(__file__).resolve().parents[2]
VISIBILITY = 3  # seconds, for the test; production default 600
MEMBERS = 40

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not BROKER, reason="set CELERY_TEST_BROKER_URL=redis://127.0.0.1:6379/7 to run"
    ),
    pytest.mark.django_db(transaction=True),
]


def _worker(queue: str) -> subprocess.Popen:
    """A real worker process (prefork pool, own session so the whole group can be
    killed) on the test database and the test broker."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "estama.settings.test",
        "DATABASE_URL": (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:"
            f"{db['PORT'] or 5432}/{db['NAME']}"
        ),
        "CELERY_BROKER_URL": BROKER,
        "ESTAMA_TASK_VISIBILITY_TIMEOUT": str(VISIBILITY),
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "estama",
            "worker",
            "-P",
            "prefork",
            "-c",
            "1",
            "-Q",
            queue,
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _until(predicate, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _scalar(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _waiting_backend():
    """The pid of a backend of this database waiting on a lock (the worker's)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _publish(queue: str, period: str):
    app.conf.update(broker_url=BROKER, task_always_eager=False)
    try:
        with app.connection_for_write(BROKER) as conn:
            dues_issue_current_period.apply_async(
                args=[period], queue=queue, connection=conn
            )
    finally:
        app.conf.update(task_always_eager=True, broker_url=None)


def _stop(proc: subprocess.Popen, sig=signal.SIGKILL) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=30)


def test_a_dues_run_killed_mid_way_bills_everyone_exactly_once(make_member):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a shared PostgreSQL database")
    import psycopg
    import redis

    members = [make_member(f"Anggota {n}") for n in range(MEMBERS)]
    dues_plan_create(name="Iuran bulanan", kind="iuran", amount=Decimal(25000))
    dues_plan_create(name="Simpanan wajib", kind="wajib", amount=Decimal(50000))
    queue = f"estama-test-{uuid.uuid4().hex[:8]}"
    broker = redis.Redis.from_url(BROKER)
    db = connection.settings_dict
    # a second connection holds the ledger chain lock, so the run stops mid-way:
    # after inserting its open items, at the posting of the first accrual
    holder = psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        dbname=db["NAME"],
    )
    holder.execute(
        "SELECT 1 FROM ledger_sequence WHERE key = 'ledger:chain' FOR UPDATE"
    )
    first = _worker(queue)
    second = None
    try:
        _publish(queue, "2026-05")
        victim = _until(_waiting_backend, timeout=90, what="the run to block mid-way")

        # when the worker is killed mid-way (its transaction still open)
        _stop(first)
        holder.rollback()
        _until(
            lambda: (
                not _scalar(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [victim]
                )
            ),
            timeout=30,
            what="the killed worker's database session to end",
        )
        # then nothing of it was committed, and the message is still unacknowledged
        assert OpenItem.objects.count() == 0
        assert JournalEntry.objects.count() == 0
        assert broker.hlen("unacked") >= 1

        # when a worker starts again after the visibility timeout
        time.sleep(VISIBILITY + 0.5)
        second = _worker(queue)
        _until(
            lambda: (
                OpenItem.objects.filter(period="2026-05").count() == 2 * len(members)
                and broker.hlen("unacked") == 0
            ),
            timeout=90,
            what="the redelivered run to finish",
        )
        # and the same task is delivered once more (a duplicate message)
        _publish(queue, "2026-05")
        time.sleep(1)
        _until(
            lambda: broker.llen(queue) == 0 and broker.hlen("unacked") == 0,
            timeout=60,
            what="the duplicate to be consumed",
        )
        time.sleep(1)
    finally:
        holder.close()
        _stop(first)
        if second is not None:
            _stop(second, signal.SIGTERM)
        broker.delete(
            queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"
        )

    # then every member is billed exactly once per plan; the iuran is accrued in one
    # entry, the simpanan wajib is not posted until paid (capital follows cash)
    per_member = {}
    for member_id, plan_id in OpenItem.objects.filter(period="2026-05").values_list(
        "member_id", "plan_id"
    ):
        per_member.setdefault(member_id, []).append(plan_id)
    assert set(per_member) == {member.pk for member in members}
    assert all(len(plans) == len(set(plans)) == 2 for plans in per_member.values())
    assert JournalEntry.objects.filter(source="dues").count() == 1
    assert ledger_verify().ok
