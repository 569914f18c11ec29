"""Sales invoices: drafting (issue: ``issuing.py``, void: ``voiding.py``, payments:
``payments.py``, VAT: ``tax.py``).

A line's discount reduces its taxable base (VAT is on what the customer pays); in the
books the sale is *gross*: revenue is credited quantity x unit price and the discount
is debited to 4-1900 Retur/Diskon Penjualan (``issuing.py``), so the income statement
shows gross sales less discounts and returns, and the members' purchases for the SHU
(revenue net of 4-1900) read the net figure.

VAT is computed on the invoice total per tax code and split over the lines by largest
remainder (``tax.vat_split``).

Every line of a member's invoice entry carries ``member=`` (revenue lines above all:
the SHU business share reads member purchases from them).
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
from ledger.errors import InvalidAmount, MemberNotActive
from sales.errors import EmptyInvoice, InvalidCustomer, InvalidDiscount, InvalidItem
from sales.models import Invoice, InvoiceLine, Item
from sales.services.common import is_quantity, is_whole
from sales.services.tax import vat_split


@dataclass(frozen=True)
class InvoiceLineInput:
    """One line as a caller gives it; ``unit_price`` defaults to the item's price."""

    item: Item | str
    quantity: int
    unit_price: Decimal | None = None
    discount: Decimal = Decimal(0)
    description: str = ""


def _resolve_items(lines: Sequence[InvoiceLineInput]) -> dict[str, Item]:
    skus = [line.item for line in lines if isinstance(line.item, str)]
    found = Item.objects.in_bulk(skus, field_name="sku") if skus else {}
    errors: dict[str, list[str]] = {}
    for i, line in enumerate(lines):
        item = line.item if isinstance(line.item, Item) else found.get(line.item)
        if item is None:
            errors[f"lines.{i}.item"] = [f"Unknown item {line.item!r}."]
        elif not item.is_active:
            errors[f"lines.{i}.item"] = [f"{item.sku} is not active."]
    if errors:
        raise InvalidItem("Produk tidak dikenal atau tidak aktif.", errors=errors)
    return found


def invoice_create(
    *,
    date: dt.date,
    lines: Sequence[InvoiceLineInput],
    member=None,
    customer_name: str = "",
    customer_email: str = "",
    notes: str = "",
    user=None,
) -> Invoice:
    """Save a draft invoice with its lines, prices, discounts and VAT computed.

    Nothing is booked until ``invoice_issue``.

    Args:
        date: the invoice date (its year gives the number on issue).
        lines: at least one ``InvoiceLineInput``.
        member: the buying member, or None for the public (then ``customer_name``).
        customer_name / customer_email: the non-member customer (or a display name).

    Returns:
        The draft invoice.

    Raises:
        InvalidCustomer, InvalidItem, InvalidAmount, InvalidDiscount, EmptyInvoice,
        MemberNotActive (a member who has left takes no new charges).
    """
    if member is None and not customer_name.strip():
        raise InvalidCustomer(
            "Pelanggan wajib diisi: nomor anggota atau nama.",
            errors={"customer": ["Give a member number or a name."]},
        )
    if member is not None and member.status == "left":
        raise MemberNotActive(
            f"Anggota {member.number} sudah keluar; tidak menerima tagihan baru.",
            errors={"customer.member": [f"{member.number} has left."]},
        )
    if member is not None and member.status not in ("active", "suspended"):
        raise InvalidCustomer(
            f"Anggota {member.number} tidak aktif.",
            errors={"customer.member": [f"{member.number} is not active."]},
        )
    if not lines:
        raise EmptyInvoice(
            "Faktur harus memiliki paling sedikit satu baris.",
            errors={"lines": ["At least one line is required."]},
        )
    items = _resolve_items(lines)
    currency = cur.DEFAULT_CURRENCY
    built: list[InvoiceLine] = []
    amount_errors: dict[str, list[str]] = {}
    discount_errors: dict[str, list[str]] = {}
    for i, line in enumerate(lines):
        item = line.item if isinstance(line.item, Item) else items[line.item]
        quantity = line.quantity
        if not is_quantity(quantity):
            amount_errors[f"lines.{i}.quantity"] = ["Give a whole number above 0."]
            continue
        unit_price = (
            item.price.amount if line.unit_price is None else Decimal(line.unit_price)
        )
        discount = Decimal(line.discount or 0)
        if not is_whole(unit_price, currency):
            amount_errors[f"lines.{i}.unit_price"] = [
                "Give whole, non-negative rupiah."
            ]
            continue
        if not is_whole(discount, currency):
            amount_errors[f"lines.{i}.discount"] = ["Give whole, non-negative rupiah."]
            continue
        gross = unit_price * quantity
        if discount > gross:
            discount_errors[f"lines.{i}.discount"] = [
                f"The discount exceeds the line amount {cur.plain(gross)}."
            ]
            continue
        base = gross - discount
        built.append(
            InvoiceLine(
                item=item,
                description=(line.description or item.name)[:255],
                quantity=quantity,
                unit_price=Money(unit_price, currency),
                discount=Money(discount, currency),
                base=Money(base, currency),
                tax_code=item.tax_code,
                tax=Money(0, currency),
            )
        )
    if amount_errors:
        raise InvalidAmount("Jumlah atau harga tidak valid.", errors=amount_errors)
    if discount_errors:
        raise InvalidDiscount("Diskon melebihi jumlah baris.", errors=discount_errors)
    taxes = vat_split(
        bases=[ln.base.amount for ln in built],
        tax_codes=[ln.tax_code for ln in built],
        currency=currency,
    )
    for line, tax in zip(built, taxes, strict=True):
        line.tax = Money(tax, currency)
    subtotal = sum((ln.unit_price.amount * ln.quantity for ln in built), Decimal(0))
    discount_total = sum((ln.discount.amount for ln in built), Decimal(0))
    tax_total = sum((ln.tax.amount for ln in built), Decimal(0))
    total = subtotal - discount_total + tax_total
    if total <= 0:
        raise EmptyInvoice(
            "Total faktur harus lebih dari nol.",
            errors={"lines": ["The invoice total must be positive."]},
        )
    if total >= cur.MAX_AMOUNT:
        raise InvalidAmount(
            "Total faktur terlalu besar.", errors={"lines": ["Too large."]}
        )
    with transaction.atomic():
        invoice = Invoice.objects.create(
            date=date,
            member=member,
            customer_name=(customer_name.strip() or (member.name if member else ""))[
                :150
            ],
            customer_email=customer_email or (member.email if member else ""),
            notes=notes[:255],
            subtotal=Money(subtotal, currency),
            discount_total=Money(discount_total, currency),
            tax_total=Money(tax_total, currency),
            total=Money(total, currency),
            amount_paid=Money(0, currency),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        for line in built:
            line.invoice = invoice
        InvoiceLine.objects.bulk_create(built)
        audit_record(
            actor=user,
            action="invoice.drafted",
            target=invoice,
            after={"total": cur.plain(total), "lines": len(built)},
        )
    return invoice
