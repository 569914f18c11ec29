"""The dashboard and the statement make the same number of queries however much data
there is (no N+1)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_dashboard_query_count_is_constant(
    web_client, treasurer, portal, post_cash, make_member
):
    client = web_client(treasurer)
    before = _queries(client, "/dashboard/")

    # when more members, payments and entries exist
    from members.services.payments import payment_record

    for n in range(5):
        member = make_member(f"Anggota {n}", region="3501")
        payment_record(
            member=member, amount=Decimal(5000), method="cash", date=portal.today
        )
        post_cash(10_000 + n, "other_income", date=portal.today, into="bank")
    after = _queries(client, "/dashboard/")

    assert after == before
    assert after <= 25


def test_statement_query_count_is_constant(web_client, portal):
    from members.services.payments import payment_record
    from members.services.shares import share_transaction_record

    client = web_client(portal.sari.user)
    before = _queries(client, "/me/statement/")

    for _ in range(5):
        share_transaction_record(
            member=portal.sari,
            direction="deposit",
            amount=Decimal(1000),
            date=portal.today,
            method="cash",
        )
        payment_record(
            member=portal.sari, amount=Decimal(1000), method="bank", date=portal.today
        )

    assert _queries(client, "/me/statement/") == before
    assert _queries(client, f"/me/statement/?year={portal.today.year}") <= before + 1


def test_home_and_receipts_query_counts_are_constant(web_client, portal):
    from members.services.payments import payment_record

    client = web_client(portal.sari.user)
    home, receipts = _queries(client, "/"), _queries(client, "/me/receipts/")

    for _ in range(4):
        payment_record(
            member=portal.sari, amount=Decimal(1000), method="cash", date=portal.today
        )

    assert _queries(client, "/") == home
    assert _queries(client, "/me/receipts/") == receipts
