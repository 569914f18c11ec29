"""Payments: oldest first across kinds, partial, overpayment credit, receipts."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import override_settings

from ledger.errors import InvalidAmount
from members.models import ItemStatus, OpenItem, Payment
from members.receipts import receipt_pdf
from members.selectors import member_credit, member_open_items, member_share_balances
from members.services import dues_issue_period, payment_record
from tests.members.conftest import assert_books_ok

pytestmark = pytest.mark.django_db


def test_partial_payment_settles_oldest_first_across_kinds(new_member, plans):
    # given pokok (100.000) and January wajib (50.000) + iuran (25.000)
    member = new_member("Ani")
    dues_issue_period(period="2026-01")
    # when 130.000 is paid
    payment = payment_record(
        member=member, amount=Decimal(130000), method="cash", date=dt.date(2026, 2, 3)
    )
    # then pokok is paid, wajib partly, iuran still open
    assert payment.number == "KW-2026-00001"
    items = {i.kind: i for i in OpenItem.objects.filter(member=member)}
    assert items["pokok"].status == ItemStatus.PAID
    assert items["wajib"].status == ItemStatus.OPEN
    assert items["wajib"].outstanding == Decimal(20000)
    assert items["iuran"].outstanding == Decimal(25000)
    paid = member_share_balances(member=member)  # capital is what was paid
    assert (paid["pokok"], paid["wajib"]) == (Decimal(100000), Decimal(30000))
    assert list(member_open_items(member=member).values_list("kind", flat=True)) == [
        "wajib",
        "iuran",
    ]
    assert_books_ok()


def test_receipt_numbers_are_gapless_per_year(new_member):
    member = new_member("Ani")
    numbers = [
        payment_record(
            member=member, amount=Decimal(1000), method="bank", date=d
        ).number
        for d in (dt.date(2026, 12, 30), dt.date(2026, 12, 31), dt.date(2027, 1, 2))
    ]
    assert numbers == ["KW-2026-00001", "KW-2026-00002", "KW-2027-00001"]


def test_overpayment_becomes_credit_consumed_by_next_issue(new_member, plans):
    member = new_member("Ani")
    payment = payment_record(
        member=member, amount=Decimal(160000), method="cash", date=dt.date(2026, 1, 5)
    )
    assert payment.credit_amount.amount == Decimal(60000)
    assert member_credit(member=member) == Decimal(60000)
    assert_books_ok()
    # when January is issued, the credit pays wajib (50.000) and 10.000 of iuran
    dues_issue_period(period="2026-01")
    items = {
        i.kind: i for i in OpenItem.objects.filter(member=member, period="2026-01")
    }
    assert items["wajib"].status == ItemStatus.PAID
    assert items["iuran"].outstanding == Decimal(15000)
    assert member_credit(member=member) == Decimal(0)
    assert_books_ok()


@override_settings(ESTAMA_OVERPAYMENT_TO="sukarela")
def test_overpayment_to_sukarela_setting(new_member):
    member = new_member("Ani")
    payment_record(
        member=member, amount=Decimal(150000), method="cash", date=dt.date(2026, 1, 5)
    )
    assert member_share_balances(member=member)["sukarela"] == Decimal(50000)
    assert member_credit(member=member) == Decimal(0)
    assert_books_ok()


@override_settings(ESTAMA_MEMBER_CAPITAL_AS_LIABILITY=True)
def test_capital_as_liability_setting(new_member, plans):
    from ledger.models import JournalLine

    member = new_member("Ani")
    dues_issue_period(period="2026-01")
    payment_record(
        member=member, amount=Decimal(150000), method="cash", date=dt.date(2026, 1, 5)
    )
    codes = set(
        JournalLine.objects.filter(member=member, side="C").values_list(
            "account__code", flat=True
        )
    )
    assert {"2-1210", "2-1220"} <= codes
    assert not {"3-1100", "3-1200"} & codes
    assert member_share_balances(member=member)["pokok"] == Decimal(100000)
    assert_books_ok()


@pytest.mark.parametrize("amount", ["0", "-5", "10.5", "abc"])
def test_bad_amounts_are_refused(new_member, amount):
    member = new_member("Ani")
    with pytest.raises(InvalidAmount):
        payment_record(
            member=member, amount=amount, method="cash", date=dt.date(2026, 1, 5)
        )


def test_receipt_pdf_is_a_pdf(new_member, plans):
    member = new_member("Ani")
    dues_issue_period(period="2026-01")
    payment = payment_record(
        member=member,
        amount=Decimal(1234567),
        method="bank",
        date=dt.date(2026, 2, 1),
        reference="TRF-1",
    )
    pdf = receipt_pdf(payment=payment)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 1000


@pytest.mark.django_db(transaction=True)
def test_concurrent_payments_do_not_double_settle(new_member, plans):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    member = new_member("Ani")
    barrier = threading.Barrier(2)
    errors = []

    def pay():
        try:
            barrier.wait()
            payment_record(
                member=member,
                amount=Decimal(100000),
                method="cash",
                date=dt.date(2026, 1, 9),
            )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=pay) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert Payment.objects.count() == 2
    # pokok settled exactly once; the second payment became credit
    assert OpenItem.objects.get(member=member).paid.amount == Decimal(100000)
    assert member_credit(member=member) == Decimal(100000)
    assert_books_ok()
