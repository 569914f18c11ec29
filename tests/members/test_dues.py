"""Issuing periods: once per member per plan per period, one accrual per plan."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings

from ledger.errors import PeriodLocked
from ledger.models import EntrySource, JournalEntry
from ledger.services import period_lock
from members.errors import InvalidPeriod, ItemNotOpen
from members.models import OpenItem
from members.selectors import arrears_report, member_share_balances
from members.services import (
    dues_issue_period,
    dues_plan_create,
    item_waive,
    member_suspend,
)
from tests.members.conftest import assert_books_ok

pytestmark = pytest.mark.django_db


def test_issuing_twice_bills_nobody_twice(new_member, plans):
    # given three active members and one applicant
    members = [new_member(f"Anggota {i}") for i in range(3)]
    new_member("Calon", active=False)
    # when the period is issued twice
    first = dues_issue_period(period="2026-03")
    second = dues_issue_period(period="2026-03")
    # then 3 members x 2 plans were billed once
    assert (first.created, first.skipped) == (6, 0)
    assert (second.created, second.skipped) == (0, 6)
    assert OpenItem.objects.filter(period="2026-03").count() == 6
    # and ONE accrual entry for the iuran plan was posted (simpanan wajib is
    # posted only when paid)
    accruals = JournalEntry.objects.filter(
        source=EntrySource.DUES, reference__startswith="2026-03"
    )
    assert accruals.count() == 1
    # billed wajib is an obligation, not capital
    assert member_share_balances(member=members[0])["wajib"] == Decimal(0)
    item = OpenItem.objects.get(member=members[0], kind="iuran")
    assert item.due_date == dt.date(2026, 3, 31)
    assert_books_ok()


def test_category_plans_and_status_filter(new_member):
    dues_plan_create(
        name="Iuran rekan", kind="iuran", amount=Decimal(10000), category="rekan"
    )
    student = new_member("Mahasiswa", category="rekan")
    new_member("Biasa")
    suspended = new_member("Skors", category="rekan")
    member_suspend(member=suspended, reason="x")
    late = new_member("Baru", category="rekan", joined_on=dt.date(2026, 5, 2))
    result = dues_issue_period(period="2026-04")
    assert result.created == 1
    assert list(
        OpenItem.objects.filter(period="2026-04").values_list("member", flat=True)
    ) == [student.pk]
    assert not late.open_items.filter(period="2026-04").exists()


def test_annual_plan_bills_in_january_only(new_member):
    dues_plan_create(
        name="Iuran tahunan", kind="iuran", amount=Decimal(120000), frequency="annual"
    )
    new_member("Ani")
    assert dues_issue_period(period="2026-02").created == 0
    assert dues_issue_period(period="2026-01").created == 1
    assert OpenItem.objects.get(kind="iuran").period == "2026"


@override_settings(ESTAMA_DUE_DAY="10")
def test_due_day_setting(new_member, plans):
    new_member("Ani")
    dues_issue_period(period="2026-02")
    assert set(
        OpenItem.objects.filter(period="2026-02").values_list("due_date", flat=True)
    ) == {dt.date(2026, 2, 10)}


@pytest.mark.parametrize("bad", ["2026-13", "2026", "abc", "", "1999-01"])
def test_bad_period_is_refused(bad, plans):
    with pytest.raises(InvalidPeriod):
        dues_issue_period(period=bad)


def test_locked_period_is_refused(new_member, plans):
    new_member("Ani")
    period_lock(year=2026, month=6)
    with pytest.raises(PeriodLocked):
        dues_issue_period(period="2026-06")
    assert not OpenItem.objects.filter(period="2026-06").exists()


def test_waiver_posts_and_clears_the_item(new_member, plans, treasurer):
    member = new_member("Ani")
    dues_issue_period(period="2026-01")
    item = OpenItem.objects.get(member=member, kind="wajib")
    item = item_waive(
        item=item, reason="bencana banjir", user=treasurer, date=dt.date(2026, 2, 1)
    )
    assert item.status == "waived" and item.outstanding == 0
    assert member_share_balances(member=member)["wajib"] == Decimal(0)
    with pytest.raises(ItemNotOpen):
        item_waive(item=item, reason="lagi")
    assert_books_ok()


def test_arrears_buckets_by_region(new_member, plans):
    sby = new_member("Surabaya", region="3578")
    mlg = new_member("Malang", region="3507")
    dues_issue_period(period="2026-01")
    dues_issue_period(period="2026-05")
    report = arrears_report(as_of=dt.date(2026, 6, 15))
    assert [r.code for r in report.regions] == ["3507", "3578"]
    row = report.regions[1].members[0]
    assert row.number == sby.number
    # pokok (due 2026-01-01, 165 days) + Jan dues (due 01-31, 135 days): 91-180;
    # May dues (due 05-31, 15 days): 1-30
    assert row.buckets["d91_180"] == Decimal(175000)
    assert row.buckets["d1_30"] == Decimal(75000)
    assert report.totals["total"] == 2 * Decimal(250000)
    assert mlg.number == report.regions[0].members[0].number


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_bill_once(new_member, plans):
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: concurrent writers")
    for i in range(5):
        new_member(f"Anggota {i}")
    barrier = threading.Barrier(3)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(dues_issue_period(period="2026-07"))
        except Exception as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sum(r.created for r in results) == 10
    assert sum(r.skipped for r in results) == 20
    assert OpenItem.objects.filter(period="2026-07").count() == 10
    # one accrual for the iuran plan; the wajib is posted only when paid
    assert JournalEntry.objects.filter(reference__startswith="2026-07").count() == 1
    assert_books_ok()
