"""Many clients posting into the same fiscal year at once (PostgreSQL, real threads):
the counters are locked in one order, so nobody deadlocks, and numbers, chain, totals
and the audit trail come out whole."""

from __future__ import annotations

import datetime as dt

import pytest

from audit.models import AuditEvent
from ledger.integrity import ledger_verify
from ledger.models import Account, JournalEntry
from ledger.selectors import account_balance
from tests.ledger.conftest import post_simple
from tests.ledger.test_concurrency import run_threads

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("postgres_only"),
]

THREADS, EACH = 8, 15


def test_eight_clients_posting_one_year_neither_deadlock_nor_leave_gaps():
    # Given eight clients that each post fifteen entries dated in one year
    def worker(index: int, barrier) -> None:
        barrier.wait()
        for n in range(EACH):
            post_simple(
                date=dt.date(2026, 1 + n % 12, 1 + index),
                amount=index * 100 + n + 1,
                description=f"C{index}",
            )

    # When they run at once
    errors = run_threads(worker, THREADS)

    # Then every posting succeeded (no deadlock) and the books are whole
    assert errors == []
    numbers = sorted(
        JournalEntry.objects.filter(fiscal_year=2026).values_list("seq", flat=True)
    )
    assert numbers == list(range(1, THREADS * EACH + 1))
    assert AuditEvent.objects.filter(action="entry.posted").count() == THREADS * EACH
    expected = sum(i * 100 + n + 1 for i in range(THREADS) for n in range(EACH))
    cash = Account.objects.get(code="1-1100")
    assert account_balance(account=cash, as_of=dt.date(2026, 12, 31)) == expected
    assert ledger_verify().ok
