"""Closing and reopening a fiscal year."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command

from audit.models import AuditEvent
from ledger.errors import PeriodLocked
from ledger.integrity import ledger_verify
from ledger.models import EntrySource, Period
from ledger.selectors import trial_balance
from reports.errors import (
    LaterYearClosed,
    ReasonRequired,
    YearAlreadyClosed,
    YearCloseOutOfOrder,
    YearNotClosed,
    YearNotEnded,
)
from reports.models import FiscalYear
from reports.services import year_close, year_reopen
from tests.reports.fixtures import RESULT_2026, post

pytestmark = pytest.mark.django_db
END = dt.date(2026, 12, 31)
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
IN_2028 = dt.datetime(2028, 1, 3, 9, 0, tzinfo=JAKARTA)


def _balances(as_of):
    return {r.account.code: r.balance for r in trial_balance(as_of=as_of).rows}


def test_close_posts_closing_entry_and_locks_the_year(demo, treasurer):
    fy = year_close(year=2026, user=treasurer)
    assert fy.status == "closed" and fy.closed_by == treasurer
    entry = fy.closing_entry
    assert entry.source == EntrySource.CLOSING and entry.date == END
    assert _balances(END)["3-3200"] == -RESULT_2026
    assert Period.objects.filter(year=2026, is_locked=True).count() == 12
    with pytest.raises(PeriodLocked):
        post(dt.date(2026, 5, 1), "Terlambat", ("1-1100", "D", 1), ("4-9100", "C", 1))
    assert ledger_verify().ok
    with pytest.raises(YearAlreadyClosed):
        year_close(year=2026)


def test_years_close_in_order(demo):
    post(
        dt.date(2027, 2, 1),
        "Penjualan 2027",
        ("1-1100", "D", 2_000_000),
        ("4-1110", "C", 2_000_000),
    )
    with pytest.raises(YearNotEnded) as info:
        year_close(year=2027)  # it is January 2027
    assert info.value.code == "year_not_ended"
    with time_machine.travel(IN_2028, tick=True):
        with pytest.raises(YearCloseOutOfOrder) as info:
            year_close(year=2027)
        assert info.value.code == "year_close_out_of_order"
        year_close(year=2026)
        year_close(year=2027)
    with pytest.raises(LaterYearClosed):
        year_reopen(year=2026, reason="koreksi")


def test_close_with_december_locked_and_empty_year(demo):
    from ledger.services import period_lock

    period_lock(year=2026, month=12)
    fy = year_close(year=2026)
    assert fy.closing_entry is not None
    with time_machine.travel(IN_2028, tick=True):
        empty = year_close(year=2027)
    assert empty.closing_entry is None and empty.carry_entry is None
    assert empty.is_closed


def test_reopen_reverses_closing_and_unlocks(demo, treasurer):
    before = _balances(END)
    year_close(year=2026, user=treasurer)
    with pytest.raises(ReasonRequired):
        year_reopen(year=2026, reason="  ", user=treasurer)
    fy = year_reopen(year=2026, reason="Koreksi honor Desember", user=treasurer)
    assert fy.status == "open" and fy.closing_entry is None
    assert _balances(END) == before
    assert not Period.objects.filter(year=2026, is_locked=True).exists()
    event = AuditEvent.objects.get(action="fiscal_year.reopened")
    assert event.note == "Koreksi honor Desember"
    assert ledger_verify().ok
    call_command("verify_ledger")
    # it can be closed again, and reopening an open year is refused
    with pytest.raises(YearNotClosed):
        year_reopen(year=2026, reason="lagi", user=treasurer)
    assert year_close(year=2026).closing_entry is not None
    assert _balances(END)["3-3200"] == -RESULT_2026


def test_close_year_command(demo, capsys):
    call_command("close_year", "2026")
    assert FiscalYear.objects.get(year=2026).is_closed
    assert "2026" in capsys.readouterr().out
    with pytest.raises(Exception, match="sudah ditutup"):
        call_command("close_year", "2026")


def test_loss_year_debits_shu(db, make_member):
    post(
        dt.date(2026, 3, 1),
        "Beban",
        ("6-1200", "D", 1_250_000),
        ("1-1100", "C", 1_250_000),
    )
    fy = year_close(year=2026)
    lines = {line.account.code: line for line in fy.closing_entry.lines.all()}
    assert lines["3-3200"].side == "D"
    assert lines["3-3200"].amount.amount == Decimal(1_250_000)
