"""Stock and training seats moved by issuing (and voiding) an invoice.

Lock order: item rows in primary-key order (after the invoice row, before the
ledger's chain lock).
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from djmoney.money import Money

from sales.errors import InsufficientStock, SeatsSoldOut
from sales.models import InvoiceLine, Item, ItemKind
from sales.services.tax import cost_of_sale


def lock_items(item_ids) -> dict[int, Item]:
    return {
        item.pk: item
        for item in Item.objects.select_for_update()
        .filter(pk__in=item_ids)
        .order_by("pk")
    }


def take_stock_and_seats(lines: list[InvoiceLine], items: dict[int, Item]) -> None:
    """Check stock and seats for all lines, then move them; sets each line's cogs."""
    wanted: dict[int, int] = defaultdict(int)
    for line in lines:
        wanted[line.item_id] += line.quantity
    allow_negative = getattr(settings, "ESTAMA_ALLOW_NEGATIVE_STOCK", False)
    stock_errors: dict[str, list[str]] = {}
    seat_errors: dict[str, list[str]] = {}
    for i, line in enumerate(lines):
        item = items[line.item_id]
        need = wanted[item.pk]
        if item.kind == ItemKind.GOODS and not allow_negative and need > item.stock_qty:
            stock_errors[f"lines.{i}.quantity"] = [
                f"{item.sku}: {need} wanted, {item.stock_qty} on hand."
            ]
        if item.kind == ItemKind.TRAINING and item.seats is not None:
            left = item.seats - item.seats_sold
            if need > left:
                seat_errors[f"lines.{i}.quantity"] = [
                    f"{item.sku}: {need} seats wanted, {left} left."
                ]
    if stock_errors:
        raise InsufficientStock("Stok tidak mencukupi.", errors=stock_errors)
    if seat_errors:
        raise SeatsSoldOut("Kursi pelatihan tidak mencukupi.", errors=seat_errors)
    for line in lines:
        item = items[line.item_id]
        if item.kind == ItemKind.GOODS:
            cogs = cost_of_sale(
                stock_qty=item.stock_qty,
                stock_value=item.stock_value,
                last_unit_cost=item.last_unit_cost,
                quantity=line.quantity,
            )
            line.cogs = Money(cogs, str(line.base.currency))
            item.stock_qty -= line.quantity
            item.stock_value -= cogs
        elif item.kind == ItemKind.TRAINING:
            item.seats_sold += line.quantity
