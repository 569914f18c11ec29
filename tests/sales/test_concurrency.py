"""Races on PostgreSQL: the last training seat, the last rupiah of an invoice and of
a supplier's payable."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from sales.errors import Overpayment, SeatsSoldOut
from sales.models import Invoice, InvoiceStatus, Item, Payment, Purchase
from sales.services import (
    InvoiceLineInput,
    PurchaseLineInput,
    invoice_create,
    invoice_issue,
    item_create,
    payment_record,
    purchase_pay,
    purchase_record,
)

D = Decimal
DAY = dt.date(2026, 7, 1)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL"
    ),
]


def race(fn, args_list):
    barrier = threading.Barrier(len(args_list))
    results: list = [None] * len(args_list)

    def run(index, args):
        try:
            barrier.wait(timeout=10)
            results[index] = fn(*args)
        except Exception as exc:  # noqa: BLE001 - the outcome is what we assert on
            results[index] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(i, args)) for i, args in enumerate(args_list)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_sales_racing_for_the_last_seat_sell_it_once():
    item_create(
        sku="BIMTEK",
        name="Bimtek",
        kind="training",
        price=D(500_000),
        seats=3,
        event_date=dt.date(2026, 8, 1),
    )
    first = invoice_create(
        date=DAY, customer_name="A", lines=[InvoiceLineInput(item="BIMTEK", quantity=2)]
    )
    invoice_issue(invoice=first)
    drafts = [
        invoice_create(
            date=DAY,
            customer_name=name,
            lines=[InvoiceLineInput(item="BIMTEK", quantity=1)],
        )
        for name in ("B", "C", "D", "E")
    ]
    results = race(lambda inv: invoice_issue(invoice=inv), [(d,) for d in drafts])
    issued = [r for r in results if isinstance(r, Invoice)]
    refused = [r for r in results if isinstance(r, SeatsSoldOut)]
    assert len(issued) == 1 and len(refused) == 3, results
    assert Item.objects.get(sku="BIMTEK").seats_sold == 3
    assert Invoice.objects.filter(status=InvoiceStatus.ISSUED).count() == 2
    numbers = sorted(
        Invoice.objects.exclude(number=None).values_list("number", flat=True)
    )
    assert numbers == ["INV-2026-00001", "INV-2026-00002"]


def test_two_payments_racing_never_overpay():
    item_create(sku="KONS", name="Konsultasi", kind="consulting", price=D(100_000))
    inv = invoice_issue(
        invoice=invoice_create(
            date=DAY,
            customer_name="A",
            lines=[InvoiceLineInput(item="KONS", quantity=1)],
        )
    )
    results = race(
        lambda: payment_record(invoice=inv, amount=D(60_000), method="cash", date=DAY),
        [(), ()],
    )
    assert sum(isinstance(r, Payment) for r in results) == 1
    assert sum(isinstance(r, Overpayment) for r in results) == 1
    inv.refresh_from_db()
    assert inv.amount_paid.amount == D(60_000)


def test_two_supplier_payments_racing_never_overpay():
    # given: a purchase of 100000 on credit
    item_create(sku="MUG", name="Mug", kind="goods", price=D(30_000))
    purchase = purchase_record(
        supplier="UD",
        date=DAY,
        paid_from="credit",
        lines=[PurchaseLineInput(item="MUG", quantity=10, unit_cost=D(10_000))],
    )
    # when: two payments of 60000 race
    results = race(
        lambda: purchase_pay(
            purchase=purchase, paid_from="bank", date=DAY, amount=D(60_000)
        ),
        [(), ()],
    )
    # then: one is booked, the other refused; 40000 is still owed
    assert sum(isinstance(r, Purchase) for r in results) == 1
    assert sum(isinstance(r, Overpayment) for r in results) == 1
    purchase.refresh_from_db()
    assert purchase.outstanding.amount == D(40_000)
    assert purchase.payments.count() == 1
