"""Purchases of goods into stock, and paying suppliers.

Booking (``source=EntrySource.PURCHASES``):
    purchase  Dr 1-1400 Persediaan per line (quantity x unit cost, whole rupiah)
              Cr 1-1100 Kas / 1-1200 Bank, or 2-1100 Utang Usaha on credit (memo: the
              supplier)
    pay       Dr 2-1100 (memo: the supplier) / Cr cash or bank, the amount paid (the
              whole remaining balance by default; partial payments allowed)

Each line adds its quantity and its exact booked total to the item's stock, so the
moving-average cost is ``stock_value / stock_qty`` and the stock value equals the
ledger. Input VAT: a line may carry the tax code of the supplier's tax invoice; the
VAT is computed on the purchase total per tax code, split over the lines by largest
remainder (``tax.vat_split``) and debited to 1-1500 PPN Masukan, recoverable and so
not part of what stock costs; the cash, bank or payable credit is the total with VAT.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from djmoney.money import Money

from audit.services import audit_record
from ledger import currency as cur
from ledger.chart import account_code
from ledger.errors import InvalidAmount, InvalidDate, InvalidLine
from ledger.models import EntrySource
from ledger.services import LineInput, entry_post
from sales.errors import InvalidItem, Overpayment, PurchaseAlreadyPaid
from sales.models import (
    Item,
    ItemKind,
    Purchase,
    PurchaseLine,
    PurchaseStatus,
    Supplier,
    SupplierPayment,
    TaxCode,
)
from sales.services.common import MAX_QUANTITY, is_quantity, is_whole
from sales.services.tax import vat_split

PAID_FROM_ROLE = {"cash": "cash", "bank": "bank", "credit": "trade_payable"}


@dataclass(frozen=True)
class PurchaseLineInput:
    item: Item | str
    quantity: int
    unit_cost: Decimal
    tax_code: str = TaxCode.NONE


def _resolve(
    lines: Sequence[PurchaseLineInput],
) -> list[tuple[int, int, Decimal, str]]:
    skus = [line.item for line in lines if isinstance(line.item, str)]
    found = Item.objects.in_bulk(skus, field_name="sku") if skus else {}
    item_errors: dict[str, list[str]] = {}
    amount_errors: dict[str, list[str]] = {}
    resolved = []
    for i, line in enumerate(lines):
        item = line.item if isinstance(line.item, Item) else found.get(line.item)
        if item is None:
            item_errors[f"lines.{i}.item"] = [f"Unknown item {line.item!r}."]
            continue
        if item.kind != ItemKind.GOODS:
            item_errors[f"lines.{i}.item"] = [f"{item.sku} is not stock-tracked goods."]
            continue
        qty = line.quantity
        if not is_quantity(qty):
            amount_errors[f"lines.{i}.quantity"] = ["Give a whole number above 0."]
            continue
        cost = Decimal(line.unit_cost)
        if cost <= 0 or not cur.is_exact(cost, cur.DEFAULT_CURRENCY):
            amount_errors[f"lines.{i}.unit_cost"] = ["Give a positive whole amount."]
            continue
        if cost * qty >= cur.MAX_AMOUNT:
            amount_errors[f"lines.{i}.unit_cost"] = ["The amount is too large."]
            continue
        if line.tax_code not in TaxCode.values:
            amount_errors[f"lines.{i}.tax_code"] = [
                f"Use one of {', '.join(TaxCode.values)}."
            ]
            continue
        resolved.append((item.pk, qty, cost, line.tax_code))
    if item_errors:
        raise InvalidItem("Produk tidak dikenal atau bukan barang.", errors=item_errors)
    if amount_errors:
        raise InvalidAmount(
            "Jumlah atau harga pokok tidak valid.", errors=amount_errors
        )
    if not resolved:
        raise InvalidLine(
            "Pembelian harus memiliki paling sedikit satu baris.",
            errors={"lines": ["At least one line is required."]},
        )
    return resolved


def purchase_record(
    *,
    supplier: str,
    date: dt.date,
    lines: Sequence[PurchaseLineInput],
    paid_from: str,
    user=None,
) -> Purchase:
    """Receive goods into stock at a cost, paid now or owed to the supplier.

    Args:
        supplier: the supplier's name (created on first use).
        lines: goods, whole quantities, whole-rupiah unit costs (VAT excluded) and
            the tax code of the supplier's tax invoice (``none`` by default).
        paid_from: ``cash``, ``bank`` or ``credit`` (an open payable).

    Returns:
        The purchase with its posted entry (``status`` open for credit, else paid).

    Raises:
        InvalidItem, InvalidAmount, InvalidLine, InvalidDate, PeriodLocked.
    """
    name = (supplier or "").strip()[:150]
    if not name:
        raise InvalidLine(
            "Nama pemasok wajib diisi.", errors={"supplier": ["Required."]}
        )
    if paid_from not in PAID_FROM_ROLE:
        raise InvalidLine(
            "Sumber pembayaran tidak dikenal.",
            errors={"paid_from": ["Use cash, bank or credit."]},
        )
    resolved = _resolve(lines)
    currency = cur.DEFAULT_CURRENCY
    with transaction.atomic():
        supplier_obj, _ = Supplier.objects.get_or_create(name=name)
        items = {
            item.pk: item
            for item in Item.objects.select_for_update()
            .filter(pk__in={pk for pk, *_ in resolved})
            .order_by("pk")
        }
        on_hand = {pk: item.stock_qty for pk, item in items.items()}
        for pk, qty, *_ in resolved:
            on_hand[pk] += qty
        too_much = sorted(
            items[pk].sku for pk, qty in on_hand.items() if qty > MAX_QUANTITY
        )
        if too_much:
            raise InvalidAmount(
                "Stok melebihi batas jumlah.",
                errors={"lines": [f"Stock of {', '.join(too_much)} would overflow."]},
            )
        taxes = vat_split(
            bases=[qty * cost for _, qty, cost, _ in resolved],
            tax_codes=[code for *_, code in resolved],
            currency=currency,
        )
        tax_total = sum(taxes, Decimal(0))
        total = sum((qty * cost for _, qty, cost, _ in resolved), Decimal(0))
        total += tax_total
        entry_lines = [
            LineInput(
                account=account_code("inventory"),
                debit=qty * cost,
                currency=currency,
                memo=f"{items[pk].sku} x{qty} @ {cur.plain(cost)}",
            )
            for pk, qty, cost, _ in resolved
        ]
        if tax_total:
            entry_lines.append(
                LineInput(
                    account=account_code("input_vat"),
                    debit=tax_total,
                    currency=currency,
                    memo=f"PPN masukan: {name}"[:255],
                )
            )
        entry_lines.append(
            LineInput(
                account=account_code(PAID_FROM_ROLE[paid_from]),
                credit=total,
                currency=currency,
                memo=f"Pemasok: {name}",
            )
        )
        entry = entry_post(
            date=date,
            description=f"Pembelian persediaan dari {name}"[:255],
            lines=entry_lines,
            source=EntrySource.PURCHASES,
            reference=f"PB {name}"[:100],
            user=user,
        )
        purchase = Purchase.objects.create(
            supplier=supplier_obj,
            date=date,
            paid_from=paid_from,
            status=PurchaseStatus.OPEN
            if paid_from == "credit"
            else PurchaseStatus.PAID,
            total=Money(total, currency),
            tax_total=Money(tax_total, currency),
            amount_paid=Money(0 if paid_from == "credit" else total, currency),
            entry=entry,
            paid_on=None if paid_from == "credit" else date,
            paid_with="" if paid_from == "credit" else paid_from,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        PurchaseLine.objects.bulk_create(
            [
                PurchaseLine(
                    purchase=purchase,
                    item_id=pk,
                    quantity=qty,
                    unit_cost=Money(cost, currency),
                    total=Money(qty * cost, currency),
                    tax_code=code,
                    tax=Money(tax, currency),
                )
                for (pk, qty, cost, code), tax in zip(resolved, taxes, strict=True)
            ]
        )
        for pk, qty, cost, _ in resolved:
            item = items[pk]
            item.stock_qty += qty
            item.stock_value += qty * cost
            item.last_unit_cost = cost
        for item in items.values():
            item.save(update_fields=["stock_qty", "stock_value", "last_unit_cost"])
        audit_record(
            actor=user,
            action="purchase.recorded",
            target=purchase,
            after={
                "supplier": name,
                "total": cur.plain(total),
                "tax_total": cur.plain(tax_total),
                "paid_from": paid_from,
                "entry": entry.number,
            },
        )
    return purchase


def purchase_pay(
    *,
    purchase: Purchase,
    paid_from: str,
    date: dt.date,
    amount: Decimal | None = None,
    user=None,
) -> Purchase:
    """Pay (part of) a purchase made on credit, clearing that much of its payable.

    Args:
        paid_from: ``cash`` or ``bank``.
        date: the payment date, not before the purchase.
        amount: positive whole rupiah, at most what is still owed; ``None`` pays the
            whole remaining balance.

    Returns:
        The purchase, ``paid`` once nothing is owed any more.

    Raises:
        PurchaseAlreadyPaid, InvalidLine, InvalidAmount, Overpayment, InvalidDate,
        PeriodLocked.
    """
    if paid_from not in ("cash", "bank"):
        raise InvalidLine(
            "Sumber pembayaran tidak dikenal.",
            errors={"paid_from": ["Use cash or bank."]},
        )
    if amount is not None and (
        amount <= 0 or not is_whole(amount, cur.DEFAULT_CURRENCY)
    ):
        raise InvalidAmount(
            "Jumlah pembayaran harus rupiah bulat lebih dari nol.",
            errors={"amount": ["Give a positive whole amount."]},
        )
    with transaction.atomic():
        purchase = (
            Purchase.objects.select_for_update(of=("self",))
            .select_related("supplier")
            .get(pk=purchase.pk)
        )
        if purchase.status != PurchaseStatus.OPEN:
            raise PurchaseAlreadyPaid(
                f"Pembelian #{purchase.pk} sudah lunas.",
                errors={"status": ["The purchase is already paid."]},
            )
        if date < purchase.date:
            raise InvalidDate(
                "Tanggal bayar sebelum tanggal pembelian.",
                errors={"date": [f"The purchase is dated {purchase.date}."]},
            )
        currency = str(purchase.total.currency)
        outstanding = purchase.outstanding.amount
        amount = outstanding if amount is None else amount
        if amount > outstanding:
            raise Overpayment(
                f"Pembayaran melebihi sisa utang {cur.format_idr(outstanding)}.",
                errors={"amount": [f"Outstanding is {cur.plain(outstanding)}."]},
            )
        name = purchase.supplier.name
        entry = entry_post(
            date=date,
            description=f"Pembayaran utang pembelian #{purchase.pk} - {name}"[:255],
            lines=[
                LineInput(
                    account=account_code("trade_payable"),
                    debit=amount,
                    currency=currency,
                    memo=f"Pemasok: {name}",
                ),
                LineInput(
                    account=account_code(paid_from),
                    credit=amount,
                    currency=currency,
                    memo=f"Pemasok: {name}",
                ),
            ],
            source=EntrySource.PURCHASES,
            reference=f"PB #{purchase.pk}",
            user=user,
        )
        SupplierPayment.objects.create(
            purchase=purchase,
            date=date,
            amount=Money(amount, currency),
            paid_with=paid_from,
            entry=entry,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        purchase.amount_paid = Money(purchase.amount_paid.amount + amount, currency)
        fields = ["amount_paid"]
        if purchase.amount_paid == purchase.total:
            purchase.status = PurchaseStatus.PAID
            purchase.paid_on = date
            purchase.paid_with = paid_from
            fields += ["status", "paid_on", "paid_with"]
        purchase.save(update_fields=fields)
        audit_record(
            actor=user,
            action="purchase.paid",
            target=purchase,
            before={
                "status": PurchaseStatus.OPEN,
                "outstanding": cur.plain(outstanding),
            },
            after={
                "status": purchase.status,
                "amount": cur.plain(amount),
                "outstanding": cur.plain(purchase.outstanding.amount),
                "entry": entry.number,
            },
        )
    return purchase
