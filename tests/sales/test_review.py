"""Review fixes at the service level: quantity bounds, stock over several lines of
one item, voiding drafts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ledger.errors import InvalidAmount
from sales import selectors
from sales.errors import InvalidItem
from sales.models import Item
from sales.services import (
    InvoiceLineInput,
    PurchaseLineInput,
    invoice_create,
    invoice_issue,
    invoice_void,
    item_create,
    item_update,
    purchase_record,
)

D = Decimal
DAY = dt.date(2026, 6, 1)
pytestmark = pytest.mark.django_db


def buy(qty: int, cost: int = 1, sku: str = "A"):
    return purchase_record(
        supplier="S",
        date=DAY,
        paid_from="cash",
        lines=[PurchaseLineInput(item=sku, quantity=qty, unit_cost=D(cost))],
    )


def test_stock_quantity_cannot_overflow_its_column():
    # given: an item with 2**31 - 2 units on hand
    item_create(sku="A", name="A", kind="goods", price=D(1))
    buy(2**31 - 2)
    # when / then: one more unit fits, the next is refused and nothing moves
    buy(1)
    with pytest.raises(InvalidAmount):
        buy(1)
    item = Item.objects.get(sku="A")
    assert item.stock_qty == 2**31 - 1
    assert (
        selectors.stock_valuation() == selectors.inventory_balance() == item.stock_value
    )


@pytest.mark.parametrize("qty", [0, -1, 2**31, True])
def test_line_quantities_outside_the_column_are_refused(qty):
    item_create(sku="A", name="A", kind="goods", price=D(1))
    with pytest.raises(InvalidAmount):
        buy(qty)
    with pytest.raises(InvalidAmount):
        invoice_create(
            date=DAY,
            customer_name="X",
            lines=[InvoiceLineInput(item="A", quantity=qty)],
        )


def test_two_lines_of_one_item_take_all_the_stock_value():
    # given: 4 units worth 10 (average 2.5: the first unit out rounds up to 3)
    item_create(sku="A", name="A", kind="goods", price=D(5))
    purchase_record(
        supplier="S",
        date=DAY,
        paid_from="cash",
        lines=[
            PurchaseLineInput(item="A", quantity=1, unit_cost=D(3)),
            PurchaseLineInput(item="A", quantity=2, unit_cost=D(3)),
            PurchaseLineInput(item="A", quantity=1, unit_cost=D(1)),
        ],
    )
    # when: all four units go out on two lines of one invoice
    inv = invoice_create(
        date=DAY,
        customer_name="X",
        lines=[
            InvoiceLineInput(item="A", quantity=1),
            InvoiceLineInput(item="A", quantity=3),
        ],
    )
    inv = invoice_issue(invoice=inv)
    # then: the cost of goods sold is the whole stock value, no rupiah left behind
    cogs = [line.cogs.amount for line in inv.lines.order_by("pk")]
    assert cogs == [D(3), D(7)]
    item = Item.objects.get(sku="A")
    assert (item.stock_qty, item.stock_value) == (0, 0)
    assert selectors.inventory_balance() == 0
    # and voiding puts back exactly what was taken
    invoice_void(invoice=inv, date=DAY)
    item.refresh_from_db()
    assert (item.stock_qty, item.stock_value) == (4, D(10))
    assert selectors.inventory_balance() == D(10)


def test_inactive_item_cannot_be_sold():
    item = item_create(sku="A", name="A", kind="consulting", price=D(5))
    item_update(item=item, changes={"is_active": False})
    with pytest.raises(InvalidItem) as exc:
        invoice_create(
            date=DAY, customer_name="X", lines=[InvoiceLineInput(item="A", quantity=1)]
        )
    assert exc.value.errors == {"lines.0.item": ["A is not active."]}
