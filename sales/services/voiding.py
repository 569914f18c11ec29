"""Voiding an invoice: a draft is marked void; an issued invoice without payments is
reversed (``entry_reverse``) and its stock and seats go back.

An invoice with payments (including a cash sale, which is paid on issue) cannot be
voided (``invoice_has_payments``), nor one with credit notes: it is corrected with a
credit note (``credit_notes.py``), which refunds what was paid.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from ledger.errors import InvalidDate
from ledger.services import entry_reverse
from sales.errors import InvalidInvoiceStatus, InvoiceHasPayments
from sales.models import Invoice, InvoiceStatus, ItemKind
from sales.services.stock import lock_items


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
        if invoice.credit_notes.exists():
            raise InvalidInvoiceStatus(
                f"Faktur {invoice} sudah memiliki nota kredit; tidak dapat dibatalkan.",
                errors={"status": ["The invoice has credit notes."]},
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
            items = lock_items({line.item_id for line in lines})
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
