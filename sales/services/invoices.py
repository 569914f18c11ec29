"""Sales invoices: draft, issue and void (payments: sales/services/payments.py).

Booking (one balanced entry per act, ``source=EntrySource.SALES``):
    issue    Dr 1-1300 trade receivable (cash/bank for a cash sale)  total
             Cr revenue of each line's item kind, member or non-member account
                (4-1100/4-1110 goods, 4-1200/4-1210 training, 4-1300/4-1310
                consulting)                                            line base
             Cr 2-1600 PPN Keluaran                                    sum of line VAT
             for goods also Dr 5-1100 COGS / Cr 1-1400 Persediaan at moving-average cost
    payment  Dr cash/bank, Cr 1-1300 (payments.py)                    amount
    void     the reversal of the issue entry (``entry_reverse``)

Discounts are booked *net*: a line's discount reduces its taxable base and the revenue
credited is the base after discount (nothing goes to 4-1900), so revenue, VAT and the
members' purchases for the SHU all read the same net figure.

Every line of a member's invoice entry carries ``member=`` (revenue lines above all:
the SHU business share reads member purchases from them).

An invoice with payments (including a cash sale, which is paid on issue) cannot be
voided: refunds are not modelled yet, so the refusal (``invoice_has_payments``) stands.

Lock order: invoice row, then item rows in primary-key order, then the counters and the
ledger's chain lock (inside ``entry_post``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from djmoney.money import Money

from audit.services import audit_record
from ledger import currency as cur
from ledger.chart import account_code
from ledger.errors import InvalidAmount, InvalidDate, InvalidLine
from ledger.models import EntrySource
from ledger.services import LineInput, entry_post, entry_reverse, sequence_next
from sales.errors import (
    EmptyInvoice,
    InsufficientStock,
    InvalidCustomer,
    InvalidDiscount,
    InvalidInvoiceStatus,
    InvalidItem,
    InvoiceHasPayments,
    SeatsSoldOut,
)
from sales.models import (
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Item,
    ItemKind,
)
from sales.services.tax import cost_of_sale, line_tax

REVENUE_ROLE = {
    ItemKind.GOODS: "sales",
    ItemKind.TRAINING: "training",
    ItemKind.CONSULTING: "consulting",
}
PAY_ROLE = {"cash": "cash", "bank": "bank"}


@dataclass(frozen=True)
class InvoiceLineInput:
    """One line as a caller gives it; ``unit_price`` defaults to the item's price."""

    item: Item | str
    quantity: int
    unit_price: Decimal | None = None
    discount: Decimal = Decimal(0)
    description: str = ""


def revenue_account(*, kind: str, is_member: bool) -> str:
    """The revenue account code for an item kind and a member / non-member buyer."""
    suffix = "member" if is_member else "public"
    return account_code(f"{REVENUE_ROLE[kind]}_{suffix}")


def document_number(prefix: str, key: str, year: int) -> str:
    seq = sequence_next(key=f"{key}:{year}")
    return f"{prefix}-{year:04d}-{seq:05d}"


def is_whole(value: Decimal, currency: str) -> bool:
    return cur.is_exact(value, currency) and 0 <= value < cur.MAX_AMOUNT


#: Quantities (and stock on hand) are 32-bit integer columns.
MAX_QUANTITY = 2**31 - 1


def is_quantity(value) -> bool:
    """A whole number of units from 1 to what the quantity columns hold."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and 1 <= value <= MAX_QUANTITY
    )


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
        InvalidCustomer, InvalidItem, InvalidAmount, InvalidDiscount, EmptyInvoice.
    """
    if member is None and not customer_name.strip():
        raise InvalidCustomer(
            "Pelanggan wajib diisi: nomor anggota atau nama.",
            errors={"customer": ["Give a member number or a name."]},
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
        tax = line_tax(base=base, tax_code=item.tax_code, currency=currency)
        built.append(
            InvoiceLine(
                item=item,
                description=(line.description or item.name)[:255],
                quantity=quantity,
                unit_price=Money(unit_price, currency),
                discount=Money(discount, currency),
                base=Money(base, currency),
                tax_code=item.tax_code,
                tax=Money(tax, currency),
            )
        )
    if amount_errors:
        raise InvalidAmount("Jumlah atau harga tidak valid.", errors=amount_errors)
    if discount_errors:
        raise InvalidDiscount("Diskon melebihi jumlah baris.", errors=discount_errors)
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


def _lock_items(item_ids) -> dict[int, Item]:
    return {
        item.pk: item
        for item in Item.objects.select_for_update()
        .filter(pk__in=item_ids)
        .order_by("pk")
    }


def _take_stock_and_seats(lines: list[InvoiceLine], items: dict[int, Item]) -> None:
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


def _issue_lines(invoice: Invoice, lines: list[InvoiceLine], items, debit_role: str):
    member = invoice.member
    currency = str(invoice.total.currency)
    memo = invoice.customer_name[:100]
    result = [
        LineInput(
            account=account_code(debit_role),
            debit=invoice.total.amount,
            currency=currency,
            member=member,
            memo=f"{invoice.number} {memo}",
        )
    ]
    for line in lines:
        item = items[line.item_id]
        if line.base.amount > 0:
            result.append(
                LineInput(
                    account=revenue_account(
                        kind=item.kind, is_member=member is not None
                    ),
                    credit=line.base.amount,
                    currency=currency,
                    member=member,
                    memo=f"{item.sku} x{line.quantity}",
                )
            )
    if invoice.tax_total.amount > 0:
        result.append(
            LineInput(
                account=account_code("output_vat"),
                credit=invoice.tax_total.amount,
                currency=currency,
                member=member,
                memo=f"PPN {invoice.number}",
            )
        )
    for line in lines:
        item = items[line.item_id]
        if line.cogs.amount > 0:
            result += [
                LineInput(
                    account=account_code("cogs"),
                    debit=line.cogs.amount,
                    currency=currency,
                    member=member,
                    memo=f"HPP {item.sku} x{line.quantity}",
                ),
                LineInput(
                    account=account_code("inventory"),
                    credit=line.cogs.amount,
                    currency=currency,
                    member=member,
                    memo=f"HPP {item.sku} x{line.quantity}",
                ),
            ]
    return result


def invoice_issue(*, invoice: Invoice, paid_from: str = "", user=None) -> Invoice:
    """Issue a draft: number it, take stock and seats, post the sale.

    Args:
        invoice: a draft invoice.
        paid_from: ``""`` for a sale on credit (Dr 1-1300); ``"cash"`` or ``"bank"``
            for a cash sale, booked straight to that account and paid on issue.

    Returns:
        The issued invoice with its number and entry.

    Raises:
        InvalidInvoiceStatus (not a draft), InsufficientStock (unless
        ESTAMA_ALLOW_NEGATIVE_STOCK), SeatsSoldOut, PeriodLocked, InvalidLine.
    """
    if paid_from and paid_from not in PAY_ROLE:
        raise InvalidLine(
            "Sumber pembayaran tidak dikenal.",
            errors={"paid_from": ["Use cash or bank."]},
        )
    with transaction.atomic():
        invoice = (
            Invoice.objects.select_for_update(of=("self",))
            .select_related("member")
            .get(pk=invoice.pk)
        )
        if invoice.status != InvoiceStatus.DRAFT:
            raise InvalidInvoiceStatus(
                f"Faktur {invoice} sudah diterbitkan atau dibatalkan.",
                errors={"status": [f"The invoice is {invoice.status}, not draft."]},
            )
        lines = list(invoice.lines.order_by("pk"))
        items = _lock_items({line.item_id for line in lines})
        _take_stock_and_seats(lines, items)
        invoice.number = document_number(
            getattr(settings, "ESTAMA_INVOICE_PREFIX", "INV"),
            "sales:invoice",
            invoice.date.year,
        )
        debit_role = PAY_ROLE[paid_from] if paid_from else "trade_receivable"
        customer = (
            f"{invoice.member.number} {invoice.customer_name}"
            if invoice.member
            else invoice.customer_name
        )
        invoice.entry = entry_post(
            date=invoice.date,
            description=f"Penjualan {invoice.number} - {customer}"[:255],
            lines=_issue_lines(invoice, lines, items, debit_role),
            source=EntrySource.SALES,
            reference=invoice.number,
            user=user,
        )
        for item in items.values():
            item.save(update_fields=["stock_qty", "stock_value", "seats_sold"])
        InvoiceLine.objects.bulk_update(lines, ["cogs"])
        invoice.paid_from = paid_from
        if paid_from:
            invoice.amount_paid = invoice.total
            invoice.status = InvoiceStatus.PAID
        else:
            invoice.status = InvoiceStatus.ISSUED
        invoice.issued_at = timezone.now()
        invoice.save(
            update_fields=[
                "number",
                "entry",
                "status",
                "paid_from",
                "amount_paid",
                "issued_at",
            ]
        )
        audit_record(
            actor=user,
            action="invoice.issued",
            target=invoice,
            before={"status": InvoiceStatus.DRAFT},
            after={
                "status": invoice.status,
                "number": invoice.number,
                "entry": invoice.entry.number,
                "total": cur.plain(invoice.total.amount),
            },
        )
    return invoice


def invoice_void(
    *, invoice: Invoice, reason: str = "", date: dt.date | None = None, user=None
) -> Invoice:
    """Void an invoice: a draft is simply marked void; an issued invoice without
    payments is reversed (``entry_reverse``) and its stock and seats go back.

    Args:
        reason: why (recorded on the invoice and in the audit trail).
        date: the reversal's date; when omitted, today (Asia/Jakarta) or the
            invoice date if that is later.

    Returns:
        The void invoice.

    Raises:
        InvoiceHasPayments (anything paid, cash sales included),
        InvalidInvoiceStatus (already void), InvalidDate (before the invoice),
        PeriodLocked (for ``date``).
    """
    with transaction.atomic():
        invoice = (
            Invoice.objects.select_for_update(of=("self",))
            .select_related("entry")
            .get(pk=invoice.pk)
        )
        before = invoice.status
        if invoice.status == InvoiceStatus.VOID:
            raise InvalidInvoiceStatus(
                f"Faktur {invoice} sudah dibatalkan.",
                errors={"status": ["The invoice is already void."]},
            )
        if invoice.amount_paid.amount > 0:
            raise InvoiceHasPayments(
                f"Faktur {invoice} sudah ada pembayaran; tidak dapat dibatalkan.",
                errors={"status": [f"The invoice is {invoice.status}."]},
            )
        if invoice.status == InvoiceStatus.ISSUED:
            # Default: today, but never before the invoice (a post-dated invoice is
            # reversed on its own date).
            date = date or max(timezone.localdate(), invoice.date)
            if date < invoice.date:
                raise InvalidDate(
                    "Tanggal pembatalan sebelum tanggal faktur.",
                    errors={"date": [f"The invoice is dated {invoice.date}."]},
                )
            lines = list(invoice.lines.order_by("pk"))
            items = _lock_items({line.item_id for line in lines})
            invoice.void_entry = entry_reverse(
                entry=invoice.entry,
                date=date,
                description=f"Pembatalan {invoice.number}: {reason}".strip(" :")[:255],
                user=user,
            )
            for line in lines:
                item = items[line.item_id]
                if item.kind == ItemKind.GOODS:
                    item.stock_qty += line.quantity
                    item.stock_value += line.cogs.amount
                elif item.kind == ItemKind.TRAINING:
                    item.seats_sold -= line.quantity
            for item in items.values():
                item.save(update_fields=["stock_qty", "stock_value", "seats_sold"])
        invoice.status = InvoiceStatus.VOID
        invoice.void_reason = reason[:255]
        invoice.voided_at = timezone.now()
        invoice.save(update_fields=["status", "void_entry", "void_reason", "voided_at"])
        audit_record(
            actor=user,
            action="invoice.voided",
            target=invoice,
            before={"status": before},
            after={
                "status": invoice.status,
                "void_entry": invoice.void_entry.number if invoice.void_entry else None,
            },
            note=reason,
        )
    return invoice
