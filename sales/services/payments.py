"""Payments against issued invoices, each with a receipt number.

Booking (``source=EntrySource.SALES``): Dr cash or bank, Cr 1-1300 trade receivable,
both lines naming the member for a member's invoice. Receipts ``KWJ-2026-00001`` are
gapless per year of the payment date. The invoice row is locked while a payment is
recorded, so two payments racing for the last rupiah cannot overpay it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from djmoney.money import Money

from audit.services import audit_record
from ledger import currency as cur
from ledger.chart import account_code
from ledger.errors import InvalidAmount, InvalidDate, InvalidLine
from ledger.models import EntrySource
from ledger.services import LineInput, entry_post
from sales.errors import InvalidInvoiceStatus, Overpayment
from sales.models import Invoice, InvoiceStatus, Payment, PaymentMethod
from sales.services.common import document_number, is_whole


def payment_record(
    *,
    invoice: Invoice,
    amount: Decimal,
    method: str,
    date: dt.date,
    user=None,
) -> Payment:
    """Record a (partial) payment of an issued invoice and give it a receipt number.

    Args:
        amount: positive whole rupiah, at most the outstanding amount.
        method: ``cash`` or ``bank`` (the account debited).
        date: the payment date, not before the invoice date.

    Returns:
        The payment (receipt ``KWJ-<year>-<seq>``) with its posted entry.

    Raises:
        InvalidAmount, InvalidLine (method), InvalidDate, InvalidInvoiceStatus
        (draft or void), Overpayment, PeriodLocked.
    """
    currency = str(invoice.total.currency)
    if amount <= 0 or not is_whole(amount, currency):
        raise InvalidAmount(
            "Jumlah pembayaran harus rupiah bulat lebih dari nol.",
            errors={"amount": ["Give a positive whole amount."]},
        )
    if method not in PaymentMethod.values:
        raise InvalidLine(
            "Metode pembayaran tidak dikenal.", errors={"method": ["Use cash or bank."]}
        )
    with transaction.atomic():
        invoice = (
            Invoice.objects.select_for_update(of=("self",))
            .select_related("member")
            .get(pk=invoice.pk)
        )
        if invoice.status not in (InvoiceStatus.ISSUED, InvoiceStatus.PARTIALLY_PAID):
            if invoice.status == InvoiceStatus.PAID:
                raise Overpayment(
                    f"Faktur {invoice} sudah lunas.",
                    errors={"amount": ["Nothing is outstanding."]},
                )
            raise InvalidInvoiceStatus(
                f"Faktur {invoice} belum terbit atau sudah dibatalkan.",
                errors={"invoice": [f"The invoice is {invoice.status}."]},
            )
        if date < invoice.date:
            raise InvalidDate(
                "Tanggal pembayaran sebelum tanggal faktur.",
                errors={"date": [f"The invoice is dated {invoice.date}."]},
            )
        outstanding = invoice.outstanding.amount
        if amount > outstanding:
            raise Overpayment(
                f"Pembayaran melebihi sisa tagihan {cur.format_idr(outstanding)}.",
                errors={"amount": [f"Outstanding is {cur.plain(outstanding)}."]},
            )
        receipt = document_number(
            getattr(settings, "ESTAMA_SALES_RECEIPT_PREFIX", "KWJ"),
            "sales:receipt",
            date.year,
        )
        member = invoice.member
        entry = entry_post(
            date=date,
            description=f"Pembayaran {invoice.number} - {invoice.customer_name}"[:255],
            lines=[
                LineInput(
                    account=account_code(method),
                    debit=amount,
                    currency=currency,
                    member=member,
                    memo=receipt,
                ),
                LineInput(
                    account=account_code("trade_receivable"),
                    credit=amount,
                    currency=currency,
                    member=member,
                    memo=invoice.number,
                ),
            ],
            source=EntrySource.SALES,
            reference=receipt,
            user=user,
        )
        payment = Payment.objects.create(
            invoice=invoice,
            receipt_number=receipt,
            date=date,
            amount=Money(amount, currency),
            method=method,
            entry=entry,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        before = invoice.status
        invoice.amount_paid = Money(invoice.amount_paid.amount + amount, currency)
        invoice.status = (
            InvoiceStatus.PAID
            if invoice.outstanding.amount == 0
            else InvoiceStatus.PARTIALLY_PAID
        )
        invoice.save(update_fields=["amount_paid", "status"])
        audit_record(
            actor=user,
            action="invoice.payment_recorded",
            target=invoice,
            before={"status": before},
            after={
                "status": invoice.status,
                "receipt": receipt,
                "amount": cur.plain(amount),
                "entry": entry.number,
            },
        )
    return payment
