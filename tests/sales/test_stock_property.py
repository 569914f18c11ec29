"""Whatever is bought, sold and voided, the stock value equals Persediaan and the
average cost stays within the range of the costs paid."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from sales import selectors
from sales.errors import InsufficientStock
from sales.models import Item
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
DAY = dt.date(2026, 9, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_stock_value_never_drifts_from_the_ledger(seed):
    rng = random.Random(seed)
    for sku in ("A", "B"):
        item_create(sku=sku, name=sku, kind="goods", price=D(9_999), tax_code="ppn")
    issued = []
    costs: dict[str, list[Decimal]] = {"A": [], "B": []}
    for _ in range(40):
        sku = rng.choice("AB")
        action = rng.random()
        if action < 0.35:
            cost = D(rng.randint(1, 20_000))
            costs[sku].append(cost)
            purchase_record(
                supplier="S",
                date=DAY,
                paid_from=rng.choice(("cash", "bank", "credit")),
                lines=[
                    PurchaseLineInput(
                        item=sku, quantity=rng.randint(1, 7), unit_cost=cost
                    )
                ],
            )
        elif action < 0.85:
            inv = invoice_create(
                date=DAY,
                customer_name="X",
                lines=[InvoiceLineInput(item=sku, quantity=rng.randint(1, 5))],
            )
            try:
                issued.append(invoice_issue(invoice=inv))
            except InsufficientStock:
                pass
        elif issued:
            invoice_void(invoice=issued.pop(rng.randrange(len(issued))))
        assert selectors.stock_valuation() == selectors.inventory_balance()
    for item in Item.objects.all():
        assert item.stock_qty >= 0
        if item.stock_qty == 0:
            assert item.stock_value == 0
        else:
            assert min(costs[item.sku]) <= item.average_cost <= max(costs[item.sku])
