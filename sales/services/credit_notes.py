"""Credit notes: goods returned and sales corrected after an invoice was issued.

Booking (one balanced entry, ``source=EntrySource.SALES``, every line naming the
member for a member's invoice):
    Dr 4-1900 Retur/Diskon Penjualan       the returned base (price - discount share)
    Dr 2-1600 PPN Keluaran                 the returned VAT (output VAT reversed)
    Cr 1-1300 Piutang Usaha                what is still owed on the invoice, first
    Cr cash / bank, or 2-1230 titipan      the rest, refunded as asked (``refund``)
    for goods also Dr 1-1400 Persediaan / Cr 5-1100 HPP at the cost they left at
Training seats returned are freed. Each line's share of the invoice line's discount,
VAT and cost is cumulative and proportional (floor), with the whole remainder on the
return that completes the line: returning everything gives back exactly what the
invoice booked. ``refund="credit"`` puts the rest on the member's credit (titipan,
used by their next bills or refunded); a public customer is refunded in cash or by
bank. Numbers ``KN-2026-00001`` run gapless per year of the credit note's date.

Lock order: invoice row, then item rows by pk, then counters and the ledger chain.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from djmoney.money import Money

from audit.services import audit_record
from ledger import currency as cur
from ledger.chart import account_code
from ledger.errors import InvalidDate, MemberNotActive
from ledger.models import EntrySource
from ledger.services import LineInput, entry_post
from sales.errors import InvalidInvoiceStatus, InvalidRefund, InvalidReturn
from sales.models import (
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    ItemKind,
    RefundMethod,
)
from sales.services.common import document_number, is_quantity
from sales.services.stock import lock_items

ZERO = Decimal(0)
REFUND_ROLE = {"cash": "cash", "bank": "bank", "credit": "member_credit"}


@dataclass(frozen=True)
class CreditNoteLineInput:
    """An invoice line (its id) and how many of its units are returned."""

    line: int
    quantity: int


def _share(amount: Decimal, done: int, now: int, of: int) -> Decimal:
    """The part of ``amount`` (whole rupiah) for units ``done+1 .. done+now`` of
    ``of``: cumulative floor shares, so the last unit takes the remainder."""

    def upto(units: int) -> Decimal:
        if units >= of:
            return amount
        return (amount * units / of).to_integral_value(rounding=ROUND_FLOOR)

    return upto(done + now) - upto(done)


def _wanted(
    invoice: Invoice, lines: Sequence[CreditNoteLineInput] | None
) -> list[tuple[InvoiceLine, int, int]]:
    """(invoice line, quantity returned before, quantity now) per returned line."""
    by_id = {line.pk: line for line in invoice.lines.order_by("pk")}
    returned = dict(
        CreditNoteLine.objects.filter(invoice_line__invoice=invoice)
        .values_list("invoice_line_id")
        .annotate(total=Sum("quantity"))
    )
    if lines is None:  # the whole invoice: everything not yet returned
        wanted = [
            (line, returned.get(pk, 0), line.quantity - returned.get(pk, 0))
            for pk, line in by_id.items()
            if line.quantity > returned.get(pk, 0)
        ]
        if not wanted:
            raise InvalidReturn(
                f"Semua barang faktur {invoice.number} sudah diretur.",
                errors={"lines": ["Everything on the invoice was returned already."]},
            )
        return wanted
    if not lines:
        raise InvalidReturn(
            "Nota kredit harus memiliki paling sedikit satu baris.",
            errors={"lines": ["Give at least one line, or none for the whole."]},
        )
    errors: dict[str, list[str]] = {}
    asked: dict[int, int] = defaultdict(int)
    for index, row in enumerate(lines):
        line = by_id.get(row.line)
        if line is None:
            errors[f"lines.{index}.line"] = [f"Line {row.line} is not on the invoice."]
        elif not is_quantity(row.quantity):
            errors[f"lines.{index}.quantity"] = ["Give a whole number above 0."]
        else:
            asked[line.pk] += row.quantity
            left = line.quantity - returned.get(line.pk, 0)
            if asked[line.pk] > left:
                errors[f"lines.{index}.quantity"] = [
                    f"Only {left} of line {line.pk} can still be returned."
                ]
    if errors:
        raise InvalidReturn("Baris retur tidak valid.", errors=errors)
    return [(by_id[pk], returned.get(pk, 0), qty) for pk, qty in asked.items()]


def _build(wanted) -> list[CreditNoteLine]:
    built = []
    for line, done, now in wanted:
        currency = str(line.base.currency)
        gross = line.unit_price.amount * now
        discount = _share(line.discount.amount, done, now, line.quantity)
        built.append(
            CreditNoteLine(
                invoice_line=line,
                quantity=now,
                gross=Money(gross, currency),
                discount=Money(discount, currency),
                base=Money(gross - discount, currency),
                tax=Money(_share(line.tax.amount, done, now, line.quantity), currency),
                cogs=Money(
                    _share(line.cogs.amount, done, now, line.quantity), currency
                ),
            )
        )
    return built


def _entry_lines(invoice, note, built, items, refund_part) -> list[LineInput]:
    member = invoice.member
    memo = f"{note.number} {invoice.number}"
    out: list[LineInput] = []
    base = sum((row.base.amount for row in built), ZERO)
    if base:
        out.append(LineInput(account_code("sales_returns"), debit=base, member=member))
    if note.tax.amount:
        out.append(
            LineInput(account_code("output_vat"), debit=note.tax.amount, member=member)
        )
    if note.to_receivable.amount:
        out.append(
            LineInput(
                account_code("trade_receivable"),
                credit=note.to_receivable.amount,
                member=member,
                memo=memo,
            )
        )
    if refund_part:
        out.append(
            LineInput(
                account_code(REFUND_ROLE[note.refund]),
                credit=refund_part,
                member=member,
                memo=memo,
            )
        )
    for row in built:
        item = items[row.invoice_line.item_id]
        if item.kind == ItemKind.GOODS and row.cogs.amount:
            text = f"Retur {item.sku} x{row.quantity}"
            out += [
                LineInput(
                    account_code("inventory"),
                    debit=row.cogs.amount,
                    member=member,
                    memo=text,
                ),
                LineInput(
                    account_code("cogs"),
                    credit=row.cogs.amount,
                    member=member,
                    memo=text,
                ),
            ]
    return out


def credit_note_create(
    *,
    invoice: Invoice,
    refund: str,
    lines: Sequence[CreditNoteLineInput] | None = None,
    date: dt.date | None = None,
    reason: str = "",
    user=None,
) -> CreditNote:
    """Return (part of) an issued invoice: post the credit note, put goods back into
    stock and seats back on sale, refund or credit the customer.

    Args:
        invoice: an issued, partly paid or paid invoice (cash sales included).
        refund: ``cash``, ``bank`` or ``credit`` for what is not taken off the
            invoice's outstanding (``credit``: the member's titipan; members only).
        lines: invoice line ids and quantities; None for everything not yet returned.
        date: the credit note's date (today, Asia/Jakarta, by default; not before
            the invoice).
        reason: why (on the document and in the audit trail).

    Returns:
        The credit note with its number, lines and entry.

    Raises:
        InvalidInvoiceStatus (draft or void), InvalidReturn, InvalidRefund,
        InvalidDate, MemberNotActive (credit for a member who has left),
        PeriodLocked.
    """
    if refund not in RefundMethod.values:
        raise InvalidRefund(
            "Cara pengembalian tidak dikenal.",
            errors={"refund": ["Use cash, bank or credit."]},
        )
    with transaction.atomic():
        invoice = (
            Invoice.objects.select_for_update(of=("self",))
            .select_related("member")
            .get(pk=invoice.pk)
        )
        if invoice.status in (InvoiceStatus.DRAFT, InvoiceStatus.VOID):
            raise InvalidInvoiceStatus(
                f"Faktur {invoice} belum terbit atau sudah dibatalkan.",
                errors={"invoice": [f"The invoice is {invoice.status}."]},
            )
        date = date or max(timezone.localdate(), invoice.date)
        if date < invoice.date:
            raise InvalidDate(
                "Tanggal nota kredit sebelum tanggal faktur.",
                errors={"date": [f"The invoice is dated {invoice.date}."]},
            )
        built = _build(_wanted(invoice, lines))
        currency = str(invoice.total.currency)
        subtotal = sum((row.gross.amount for row in built), ZERO)
        discount = sum((row.discount.amount for row in built), ZERO)
        tax = sum((row.tax.amount for row in built), ZERO)
        total = subtotal - discount + tax
        if total <= 0:
            raise InvalidReturn(
                "Nilai retur nol: tidak ada yang dikreditkan.",
                errors={"lines": ["The lines returned are worth nothing."]},
            )
        to_receivable = min(total, invoice.outstanding.amount)
        refund_part = total - to_receivable
        if refund_part and refund == RefundMethod.CREDIT:
            if invoice.member is None:
                raise InvalidRefund(
                    "Pelanggan umum dikembalikan tunai atau lewat bank.",
                    errors={"refund": ["Credit is for members: use cash or bank."]},
                )
            if invoice.member.status == "left":
                raise MemberNotActive(
                    f"Anggota {invoice.member.number} sudah keluar; "
                    "kembalikan tunai atau lewat bank.",
                    errors={"refund": ["The member has left: use cash or bank."]},
                )
        items = lock_items({row.invoice_line.item_id for row in built})
        note = CreditNote(
            number=document_number(
                getattr(settings, "ESTAMA_CREDIT_NOTE_PREFIX", "KN"),
                "sales:credit_note",
                date.year,
            ),
            invoice=invoice,
            date=date,
            refund=refund,
            reason=(reason or "").strip()[:255],
            subtotal=Money(subtotal, currency),
            discount=Money(discount, currency),
            tax=Money(tax, currency),
            total=Money(total, currency),
            to_receivable=Money(to_receivable, currency),
            refunded=Money(refund_part, currency),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        note.entry = entry_post(
            date=date,
            description=f"Nota kredit {note.number} atas {invoice.number}: "
            f"{note.reason or 'retur'}"[:255],
            lines=_entry_lines(invoice, note, built, items, refund_part),
            source=EntrySource.SALES,
            reference=note.number,
            user=user,
        )
        note.save()
        for row in built:
            row.credit_note = note
            item = items[row.invoice_line.item_id]
            if item.kind == ItemKind.GOODS:
                item.stock_qty += row.quantity
                item.stock_value += row.cogs.amount
            elif item.kind == ItemKind.TRAINING:
                item.seats_sold -= row.quantity
        CreditNoteLine.objects.bulk_create(built)
        for item in items.values():
            item.save(update_fields=["stock_qty", "stock_value", "seats_sold"])
        before = invoice.status
        if to_receivable:
            invoice.amount_credited = Money(
                invoice.amount_credited.amount + to_receivable, currency
            )
            if invoice.outstanding.amount == 0:
                invoice.status = InvoiceStatus.PAID
            invoice.save(update_fields=["amount_credited", "status"])
        audit_record(
            actor=user,
            action="invoice.credit_note",
            target=invoice,
            before={"status": before},
            after={
                "status": invoice.status,
                "credit_note": note.number,
                "total": cur.plain(total),
                "to_receivable": cur.plain(to_receivable),
                "refunded": cur.plain(refund_part),
                "refund": refund,
                "entry": note.entry.number,
            },
            note=note.reason,
        )
    return note
