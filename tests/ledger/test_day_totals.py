"""The maintained day totals: kept by posting and bulk import, read by balances, and
checked by ``verify_ledger``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection

from ledger import triggers
from ledger.integrity import ledger_verify
from ledger.models import Account, AccountDayTotal
from ledger.selectors import account_balance
from ledger.services import ImportEntry, LineInput, entries_import, entry_reverse

pytestmark = pytest.mark.django_db


def test_day_totals_follow_posting_reversal_and_import(post):
    # Given postings on two days of one month, a reversal and an import
    first = post(date=dt.date(2026, 6, 3), amount=300)
    post(date=dt.date(2026, 6, 3), amount=20)
    post(date=dt.date(2026, 6, 9), debit="6-1200", credit="1-1100", amount=5)
    entry_reverse(entry=first, date=dt.date(2026, 6, 9))
    entries_import(
        entries=[
            ImportEntry(
                date=dt.date(2026, 6, 9),
                description="Impor",
                lines=[LineInput("1-1100", debit="7"), LineInput("4-9100", credit="7")],
            )
        ]
    )
    cash = Account.objects.get(code="1-1100")

    # Then each day's row holds that day's debits and credits
    rows = {
        row.date: (row.debit, row.credit)
        for row in AccountDayTotal.objects.filter(account=cash)
    }
    assert rows == {
        dt.date(2026, 6, 3): (Decimal(320), Decimal(0)),
        dt.date(2026, 6, 9): (Decimal(7), Decimal(305)),
    }
    # and a balance inside the month reads them
    assert account_balance(account=cash, as_of=dt.date(2026, 6, 3)) == 320
    assert account_balance(account=cash, as_of=dt.date(2026, 6, 8)) == 320
    assert account_balance(account=cash, as_of=dt.date(2026, 6, 9)) == 22
    assert ledger_verify().ok


def test_a_tampered_or_missing_day_total_fails_verification(post):
    post(date=dt.date(2026, 7, 1), amount=100)
    post(date=dt.date(2026, 7, 2), amount=40)
    AccountDayTotal.objects.filter(
        account__code="1-1100", date=dt.date(2026, 7, 1)
    ).update(debit=99)
    # Day totals are never deleted: the guard trigger is dropped first, as a
    # database superuser would.
    triggers.uninstall(connection)
    AccountDayTotal.objects.filter(
        account__code="4-9100", date=dt.date(2026, 7, 2)
    ).delete()
    triggers.install(connection)

    report = ledger_verify()

    messages = [problem.message for problem in report.problems]
    assert not report.ok
    assert (
        "day total of 1-1100 on 2026-07-01 (IDR) is debit 99.00 credit 0.00, but its "
        "posted lines sum to debit 100.00 credit 0.00" in messages
    )
    assert (
        "day total of 4-9100 on 2026-07-02 (IDR) is missing: its posted lines sum to "
        "debit 0.00 credit 40.00" in messages
    )
