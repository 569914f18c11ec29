"""The member's money in plain words: simpanan paid (not billed), bills by period,
payments with what they settled, SHU; Cara membayar from settings; paging."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.services import dues_issue_period, dues_plan_create, pokok_bill
from members.services.payments import payment_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(make_member):
    member = make_member("Rina", login=True)
    dues_plan_create(name="Wajib", kind="wajib", amount=Decimal(20000))
    dues_plan_create(name="Iuran bulanan", kind="iuran", amount=Decimal(10000))
    pokok_bill(members=[member], date=dt.date(2026, 1, 2))
    for month in (1, 2, 3):
        dues_issue_period(period=f"2026-{month:02d}")
    # pays pokok 100.000 + January wajib and iuran; March stays open
    payment_record(
        member=member, amount=Decimal(130000), method="cash", date=dt.date(2026, 2, 1)
    )
    return member


def test_simpanan_shows_what_was_paid_not_what_was_billed(web_client, member):
    response = web_client(member.user).get("/me/statement/")

    shares = dict(response.context["shares"])
    assert shares["Simpanan pokok"] == Decimal(100000)
    assert shares["Simpanan wajib"] == Decimal(20000)  # January only: paid
    html = response.content.decode()
    assert "Simpanan wajib Januari 2026" in html
    # narrations are the member's own, never the bulk entry's
    assert "periode 2026-01" not in html and "Tagihan simpanan wajib" not in html


def test_bills_by_period_and_payments_with_what_they_settled(web_client, member):
    response = web_client(member.user).get("/me/statement/")

    bills = [
        (item.kind, item.period, item.status) for item in response.context["bills"]
    ]
    assert ("wajib", "2026-03", "open") in bills and (
        "iuran",
        "2026-01",
        "paid",
    ) in bills
    html = response.content.decode()
    assert "Iuran Januari 2026 (Rp 10.000)" in html
    assert "Pembayaran" in html


def test_bills_are_paged(web_client, member):
    for month in range(4, 12):
        dues_issue_period(period=f"2026-{month:02d}")
    client = web_client(member.user)

    first = client.get("/me/statement/")
    second = client.get("/me/statement/?tp=2")

    assert len(first.context["bills"]) == 12
    assert second.context["bills"].number == 2
    assert "Halaman 1 dari 2" in first.content.decode()


def test_cara_membayar_shows_the_configured_accounts(web_client, member, settings):
    settings.ESTAMA_PAYMENT_ACCOUNTS = [
        {"bank": "Bank Jatim", "number": "0123456789", "holder": "Estama"}
    ]
    settings.ESTAMA_PAYMENT_QRIS_IMAGE = "https://example.org/qris.png"

    html = web_client(member.user).get("/").content.decode()

    assert "Cara membayar" in html and "0123456789" in html and "a.n. Estama" in html
    assert 'src="https://example.org/qris.png"' in html


def test_home_shows_simpanan_paid(web_client, member):
    response = web_client(member.user).get("/")
    shares = dict(response.context["shares"])
    assert shares["Simpanan wajib"] == Decimal(20000)


def test_member_statement_query_count_is_constant(web_client, member):
    client = web_client(member.user)
    with CaptureQueriesContext(connection) as before:
        client.get("/me/statement/")
    for month in range(4, 9):
        dues_issue_period(period=f"2026-{month:02d}")
        payment_record(
            member=member, amount=Decimal(5000), method="bank", date=dt.date(2026, 9, 1)
        )
    with CaptureQueriesContext(connection) as after:
        client.get("/me/statement/")
    assert len(after) == len(before) <= 25
