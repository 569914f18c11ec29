"""Member purchases for the SHU, and the stock-valuation integrity check."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ledger.chart import account_code
from ledger.services import LineInput, entry_post
from sales import selectors
from sales.checks import stock_matches_inventory
from sales.services import (
    InvoiceLineInput,
    PurchaseLineInput,
    invoice_create,
    invoice_issue,
    invoice_void,
    item_create,
    purchase_record,
)

D = Decimal
pytestmark = pytest.mark.django_db


def sell(date, member=None, qty=1, discount=0, issue=True):
    inv = invoice_create(
        date=date,
        member=member,
        customer_name="" if member else "Umum",
        lines=[InvoiceLineInput(item="PELATIHAN", quantity=qty, discount=D(discount))],
    )
    return invoice_issue(invoice=inv) if issue else inv


def test_member_purchases_count_issued_net_sales_of_the_year(make_member):
    item_create(
        sku="PELATIHAN",
        name="Workshop",
        kind="training",
        price=D(200_000),
        tax_code="ppn",
    )
    siti, budi, dewi = make_member("Siti"), make_member("Budi"), make_member("Dewi")
    sell(dt.date(2026, 2, 1), siti, qty=2, discount=50_000)  # 350,000 net of VAT
    sell(dt.date(2026, 3, 1), siti)  # 200,000
    invoice_void(invoice=sell(dt.date(2026, 3, 2), budi, qty=5))  # void: no
    sell(dt.date(2026, 3, 3), budi, issue=False)  # draft: no
    sell(dt.date(2025, 12, 31), dewi)  # other year
    sell(dt.date(2026, 4, 1))  # public: not a member purchase
    assert selectors.member_purchases(year=2026) == {siti.pk: D(550_000)}
    assert selectors.member_purchases(year=2025) == {dewi.pk: D(200_000)}
    assert selectors.member_purchases_for(member=siti, year=2026) == D(550_000)
    assert selectors.member_purchases_for(member=budi, year=2026) == D(0)


def test_stock_check_passes_when_books_agree_and_flags_a_drift(treasurer):
    item_create(sku="MUG", name="Mug", kind="goods", price=D(30_000))
    purchase_record(
        supplier="UD",
        date=dt.date(2026, 1, 5),
        paid_from="cash",
        lines=[PurchaseLineInput(item="MUG", quantity=7, unit_cost=D(9_999))],
    )
    assert stock_matches_inventory() == []
    # a manual posting to Persediaan that no item knows about is a drift
    entry_post(
        date=dt.date(2026, 1, 6),
        description="Koreksi manual",
        lines=[
            LineInput(account=account_code("inventory"), debit=D(1)),
            LineInput(account=account_code("cash"), credit=D(1)),
        ],
    )
    problems = stock_matches_inventory()
    assert len(problems) == 1 and "69993" in problems[0].message


def test_verify_ledger_runs_the_stock_check():
    from ledger.integrity import ledger_verify

    item_create(sku="MUG", name="Mug", kind="goods", price=D(30_000))
    assert ledger_verify().ok
    entry_post(
        date=dt.date(2026, 1, 6),
        description="Koreksi manual",
        lines=[
            LineInput(account=account_code("inventory"), debit=D(5)),
            LineInput(account=account_code("cash"), credit=D(5)),
        ],
    )
    report = ledger_verify()
    assert not report.ok
    assert any("Persediaan" in p.message for p in report.problems)
