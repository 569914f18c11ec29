"""Fixtures shared by the web page tests and the browser tests: logged-in clients,
cash movements through the ledger service, and two members with real dues,
payments, savings and an invoice made through the domain services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from ledger.chart import account_code
from ledger.services import LineInput, entry_post


@pytest.fixture
def web_client():
    """``web_client(user)``: a test client with ``user`` logged in (None: anonymous)."""

    def make(user=None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def post_cash(db):
    """``post_cash(amount, counter_role, date=..., into="cash", member=None)``: money
    in (positive amount) or out (negative) of cash or bank against a counter account."""

    def post(
        amount: int,
        counter_role: str,
        *,
        date: dt.date,
        into: str = "cash",
        member=None,
        source: str = "manual",
    ):
        value = Decimal(abs(amount))
        cash = account_code(into)
        counter = (
            account_code(counter_role) if "-" not in counter_role else counter_role
        )
        if amount > 0:
            lines = [
                LineInput(account=cash, debit=value),
                LineInput(account=counter, credit=value, member=member),
            ]
        else:
            lines = [
                LineInput(account=counter, debit=value, member=member),
                LineInput(account=cash, credit=value),
            ]
        return entry_post(date=date, description="Uji kas", lines=lines, source=source)

    return post


def _month_before(day: dt.date) -> str:
    first = day.replace(day=1) - dt.timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


@pytest.fixture
def portal(db, make_member, treasurer):
    """Two members with logins and real money through the domain services:
    monthly iuran of Rp 25.000 issued for last month (overdue) and this month;
    Sari pays Rp 125.000 (receipt), deposits Rp 40.000 sukarela and buys a
    consultation (invoice); Budi pays Rp 10.000 (receipt). Returns a namespace."""
    from types import SimpleNamespace

    from members.services import dues_issue_period, dues_plan_create
    from members.services.payments import payment_record
    from members.services.shares import share_transaction_record
    from sales.services import (
        InvoiceLineInput,
        invoice_create,
        invoice_issue,
    )
    from sales.services.catalog import item_create

    today = timezone.localdate()
    sari = make_member("Sari Wulandari", login=True, region="3578")
    budi = make_member("Budi Santoso", login=True, region="3507")
    dues_plan_create(name="Iuran bulanan", kind="iuran", amount=Decimal(25000))
    dues_issue_period(period=_month_before(today), user=treasurer)
    dues_issue_period(period=f"{today.year:04d}-{today.month:02d}", user=treasurer)
    sari_payment = payment_record(
        member=sari, amount=Decimal(25000), method="cash", date=today, user=treasurer
    )
    budi_payment = payment_record(
        member=budi, amount=Decimal(10000), method="bank", date=today, user=treasurer
    )
    share_transaction_record(
        member=sari,
        direction="deposit",
        amount=Decimal(40000),
        date=today,
        method="cash",
        user=treasurer,
    )
    item = item_create(
        sku="KONS-1", name="Konsultasi kasus", kind="consulting", price=Decimal(300000)
    )
    invoice = invoice_create(
        date=today,
        lines=[InvoiceLineInput(item=item, quantity=1)],
        member=sari,
        user=treasurer,
    )
    invoice = invoice_issue(invoice=invoice, paid_from="cash", user=treasurer)
    return SimpleNamespace(
        today=today,
        sari=sari,
        budi=budi,
        sari_receipt=sari_payment.number,
        budi_receipt=budi_payment.number,
        sari_invoice=invoice.number,
        password="rahasia-123",
    )
