"""Simpanan sukarela and resignations."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection

from ledger.chart import account_code
from ledger.models import Account
from ledger.selectors import account_balance
from members.errors import InsufficientBalance, ResignationConflict
from members.models import MemberStatus, OpenItem, ShareTransaction
from members.selectors import member_share_balances, share_totals
from members.services import (
    dues_issue_period,
    payment_record,
    resignation_approve,
    resignation_pay_out,
    resignation_request,
    share_transaction_record,
)
from tests.members.conftest import assert_books_ok

pytestmark = pytest.mark.django_db
D = dt.date(2026, 3, 1)


def test_deposit_and_withdraw_never_below_zero(new_member):
    member = new_member("Ani")
    share_transaction_record(
        member=member,
        direction="deposit",
        amount=Decimal(300000),
        date=D,
        method="cash",
    )
    share_transaction_record(
        member=member,
        direction="withdraw",
        amount=Decimal(100000),
        date=D,
        method="bank",
    )
    with pytest.raises(InsufficientBalance):
        share_transaction_record(
            member=member,
            direction="withdraw",
            amount=Decimal(200001),
            date=D,
            method="cash",
        )
    assert member_share_balances(member=member)["sukarela"] == Decimal(200000)
    sukarela = Account.objects.get(code=account_code("sukarela"))
    assert account_balance(account=sukarela, as_of=D) == Decimal(200000)
    assert share_totals()["sukarela"] == Decimal(200000)
    assert_books_ok()


@pytest.mark.django_db(transaction=True)
def test_racing_withdrawals_cannot_overdraw(new_member):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    member = new_member("Ani")
    share_transaction_record(
        member=member,
        direction="deposit",
        amount=Decimal(100000),
        date=D,
        method="cash",
    )
    barrier = threading.Barrier(2)
    outcomes = []

    def withdraw():
        try:
            barrier.wait()
            share_transaction_record(
                member=member,
                direction="withdraw",
                amount=Decimal(70000),
                date=D,
                method="cash",
            )
            outcomes.append("ok")
        except InsufficientBalance:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=withdraw) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert member_share_balances(member=member)["sukarela"] == Decimal(30000)
    assert ShareTransaction.objects.filter(direction="withdraw").count() == 1


def test_resignation_refund_offsets_arrears_then_payout(new_member, plans, treasurer):
    # given pokok 100.000 paid, Jan+Feb wajib 100.000 billed, Jan paid, Feb unpaid
    # (and Jan iuran paid, Feb iuran unpaid)
    member = new_member("Ani")
    dues_issue_period(period="2026-01")
    dues_issue_period(period="2026-02")
    payment_record(
        member=member, amount=Decimal(175000), method="cash", date=dt.date(2026, 2, 1)
    )
    # when the member resigns and the treasurer approves
    resignation_request(
        member=member,
        reason="pindah domisili",
        date=dt.date(2026, 3, 1),
        user=treasurer,
    )
    with pytest.raises(ResignationConflict):
        resignation_request(member=member, reason="lagi")
    resignation = resignation_approve(
        member=member, user=treasurer, date=dt.date(2026, 3, 2)
    )
    # then paid capital 150.000 less the Feb iuran arrears 25.000 = 125.000; the
    # unpaid Feb wajib was never capital: it is closed, not deducted
    assert resignation.capital.amount == Decimal(150000)
    assert resignation.deductions.amount == Decimal(25000)
    assert resignation.refund.amount == Decimal(125000)
    feb_wajib = OpenItem.objects.get(member=member, kind="wajib", period="2026-02")
    assert feb_wajib.status == "waived" and feb_wajib.waive_entry is None
    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT and member.left_reason == "resigned"
    assert not OpenItem.objects.filter(member=member, status="open").exists()
    assert member_share_balances(member=member)["pokok"] == 0
    payable = Account.objects.get(code=account_code("leaving_member_payable"))
    assert account_balance(account=payable, as_of=dt.date(2026, 3, 31)) == Decimal(
        125000
    )
    assert_books_ok()
    # and the payout clears it
    resignation = resignation_pay_out(
        member=member, method="bank", date=dt.date(2026, 3, 10)
    )
    assert resignation.status == "paid"
    assert account_balance(account=payable, as_of=dt.date(2026, 3, 31)) == 0
    assert_books_ok()
    # and issuing later bills the member no more
    assert dues_issue_period(period="2026-04").created == 0
