"""Concurrent posting, reversing and period locking with real threads (PostgreSQL).

Each thread works through its own database connection and closes it at the end."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import close_old_connections, connection

from audit.models import AuditEvent
from ledger.errors import AlreadyReversed, PeriodLocked
from ledger.integrity import ledger_verify
from ledger.models import JournalEntry
from tests.ledger.conftest import post_simple

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("postgres_only"),
]


def run_threads(target, count: int) -> list[BaseException]:
    """Start ``count`` threads on ``target(index, barrier)``; return their errors."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def wrapper(index: int) -> None:
        try:
            target(index, barrier)
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=wrapper, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return errors


def test_parallel_posting_keeps_numbers_gapless_and_the_chain_valid():
    # given four threads that each post 25 entries at once
    def poster(index: int, barrier: threading.Barrier) -> None:
        barrier.wait()
        for n in range(25):
            post_simple(
                date=dt.date(2026, 1 + (n % 12), 1 + index),
                amount=1000 * (index + 1) + n,
                description=f"Thread {index} #{n}",
            )

    # when they run
    errors = run_threads(poster, 4)

    # then all 100 are posted with numbers 1..100 and the chain verifies
    assert errors == []
    seqs = sorted(JournalEntry.objects.posted().values_list("seq", flat=True))
    assert seqs == list(range(1, 101))
    chain = sorted(JournalEntry.objects.posted().values_list("chain_seq", flat=True))
    assert chain == list(range(1, 101))
    report = ledger_verify()
    assert report.ok, report.problems
    assert report.last_number == "JU-2026-000100"


def test_two_concurrent_reversals_of_one_entry_make_exactly_one():
    # given a posted entry
    original = post_simple(date=dt.date(2026, 1, 10))
    results: list[str] = []

    def reverser(index: int, barrier: threading.Barrier) -> None:
        from ledger.services import entry_reverse

        barrier.wait()
        try:
            reversal = entry_reverse(entry=original, date=dt.date(2026, 1, 11))
            results.append(reversal.number)
        except AlreadyReversed:
            results.append("already_reversed")

    # when two threads reverse it at the same moment
    errors = run_threads(reverser, 2)

    # then one reversal exists and the other thread was told it was already reversed
    assert errors == []
    assert sorted(results) == ["JU-2026-000002", "already_reversed"]
    assert JournalEntry.objects.filter(reverses=original).count() == 1
    assert ledger_verify().ok


def test_locking_a_period_while_others_post_into_it_lets_nothing_in_afterwards():
    # given posters that keep posting into March until the month is locked
    march = dt.date(2026, 3, 15)
    refused: list[int] = []

    def worker(index: int, barrier: threading.Barrier) -> None:
        from ledger.services import period_lock

        barrier.wait()
        if index == 0:
            # the locker lets the posters get going before it locks
            for _ in range(2000):
                if JournalEntry.objects.filter(date=march).exists():
                    break
                threading.Event().wait(0.01)
            period_lock(year=2026, month=3)
            return
        for n in range(500):
            try:
                post_simple(date=march, amount=n + 1, description=f"P{index}")
            except PeriodLocked:
                refused.append(index)
                return
        raise AssertionError("the period lock never took effect")

    # when one thread locks March while three post
    errors = run_threads(worker, 4)

    # then every poster was refused once the lock committed
    assert errors == []
    assert sorted(refused) == [1, 2, 3]
    # and no March entry was posted after the lock (audit ids follow the chain lock)
    lock_event = AuditEvent.objects.get(action="period.locked")
    posted_after = AuditEvent.objects.filter(
        action="entry.posted", id__gt=lock_event.id
    ).values_list("object_id", flat=True)
    assert not JournalEntry.objects.filter(
        pk__in=[int(pk) for pk in posted_after], date__year=2026, date__month=3
    ).exists()
    assert JournalEntry.objects.filter(date=march).exists()
    assert ledger_verify().ok


def test_auditing_before_posting_and_posting_before_auditing_never_deadlock():
    # given one thread whose transactions audit first and post after (as activating
    # a member does), and two that post (which audits after taking the chain)
    from django.db import transaction

    from audit.services import audit_record

    def worker(index: int, barrier: threading.Barrier) -> None:
        barrier.wait()
        for n in range(15):
            if index == 0:
                with transaction.atomic():
                    audit_record(actor=None, action="uji.dulu", after={"n": n})
                    post_simple(amount=100 + n, description=f"Sesudah audit #{n}")
            else:
                post_simple(amount=200 + n, description=f"Thread {index} #{n}")

    # when they run at once
    errors = run_threads(worker, 3)

    # then none of them deadlocked, and both chains verify
    assert errors == []
    assert JournalEntry.objects.posted().count() == 45
    seqs = sorted(AuditEvent.objects.values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    report = ledger_verify()
    assert report.ok, report.problems
