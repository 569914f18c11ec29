"""Issuing an invoice: number it, take stock and seats, post the sale.

Booking (``source=EntrySource.SALES``, one balanced entry):
    Dr 1-1300 trade receivable (cash/bank for a cash sale)          total
    Cr revenue of each line's item kind, member or non-member account
       (4-1100/4-1110 goods, 4-1200/4-1210 training, 4-1300/4-1310 consulting)
                                                    quantity x unit price (gross)
    Dr 4-1900 Retur/Diskon Penjualan                                 line discount
    Cr 2-1600 PPN Keluaran                                           sum of line VAT
    for goods also Dr 5-1100 COGS / Cr 1-1400 Persediaan at moving-average cost

Lock order: invoice row, then item rows in primary-key order, then the counters and the
ledger's chain lock (inside ``entry_post``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from ledger import currency as cur
from ledger.chart import account_code
from ledger.errors import InvalidLine
from ledger.models import EntrySource
from ledger.services import LineInput, entry_post
from sales.errors import InvalidInvoiceStatus
from sales.models import Invoice, InvoiceLine, InvoiceStatus, ItemKind
from sales.services.common import document_number
from sales.services.stock import lock_items, take_stock_and_seats

REVENUE_ROLE = {
    ItemKind.GOODS: "sales",
    ItemKind.TRAINING: "training",
    ItemKind.CONSULTING: "consulting",
}
PAY_ROLE = {"cash": "cash", "bank": "bank"}


def revenue_account(*, kind: str, is_member: bool) -> str:
    """The revenue account code for an item kind and a member / non-member buyer."""
    suffix = "member" if is_member else "public"
    return account_code(f"{REVENUE_ROLE[kind]}_{suffix}")


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
        gross = line.unit_price.amount * line.quantity
        if gross > 0:
            result.append(
                LineInput(
                    account=revenue_account(
                        kind=item.kind, is_member=member is not None
                    ),
                    credit=gross,
                    currency=currency,
                    member=member,
                    memo=f"{item.sku} x{line.quantity}",
                )
            )
        if line.discount.amount > 0:
            result.append(
                LineInput(
                    account=account_code("sales_returns"),
                    debit=line.discount.amount,
                    currency=currency,
                    member=member,
                    memo=f"Diskon {item.sku} x{line.quantity}",
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
        items = lock_items({line.item_id for line in lines})
        take_stock_and_seats(lines, items)
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
