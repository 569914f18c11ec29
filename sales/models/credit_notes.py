"""Credit notes (nota kredit): returns and corrections of an issued invoice.

Invariants:
    - a credit note belongs to one issued (or paid) invoice and is numbered
      ``KN-2026-00001``, gapless per year of its date; it posts exactly one balanced
      entry (``entry``) and is never edited (a mistake is a new document);
    - its lines return at most what the invoice line sold: the quantities returned
      over all credit notes of a line never exceed the line's quantity (checked with
      the invoice row locked);
    - amounts per line are the cumulative proportional share of the invoice line
      (discount, VAT, cost of goods), so returning a whole line gives back exactly
      what it booked, to the rupiah;
    - ``total = subtotal - discount + tax = to_receivable + refunded``: what is still
      owed on the invoice is reduced first (``to_receivable``), the rest is refunded
      in cash, by bank or to the member's credit (``refund``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sales.models.fields import money_field


class RefundMethod(models.TextChoices):
    CASH = "cash", _("Tunai")
    BANK = "bank", _("Transfer bank")
    CREDIT = "credit", _("Titipan anggota / potong tagihan")


class CreditNote(models.Model):
    number = models.CharField(_("nomor"), max_length=24, unique=True)
    invoice = models.ForeignKey(
        "sales.Invoice",
        verbose_name=_("faktur"),
        on_delete=models.PROTECT,
        related_name="credit_notes",
    )
    date = models.DateField(_("tanggal"))
    refund = models.CharField(
        _("pengembalian"), max_length=8, choices=RefundMethod.choices
    )
    reason = models.CharField(_("alasan"), max_length=255, blank=True)
    subtotal = money_field(_("subtotal"))
    discount = money_field(_("diskon"))
    tax = money_field(_("PPN"))
    total = money_field(_("total"))
    to_receivable = money_field(_("potong tagihan"))
    refunded = money_field(_("dikembalikan"))
    entry = models.OneToOneField(
        "ledger.JournalEntry", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("nota kredit")
        verbose_name_plural = _("nota kredit")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total__gt=0)
                & models.Q(to_receivable__gte=0)
                & models.Q(refunded__gte=0),
                name="credit_note_amounts_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(refund__in=RefundMethod.values),
                name="credit_note_refund_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class CreditNoteLine(models.Model):
    credit_note = models.ForeignKey(
        CreditNote, on_delete=models.PROTECT, related_name="lines"
    )
    invoice_line = models.ForeignKey(
        "sales.InvoiceLine",
        verbose_name=_("baris faktur"),
        on_delete=models.PROTECT,
        related_name="returns",
    )
    quantity = models.PositiveIntegerField(_("jumlah"))
    gross = money_field(_("harga"))
    discount = money_field(_("diskon"))
    base = money_field(_("dasar pengenaan"))
    tax = money_field(_("PPN"))
    cogs = money_field(_("harga pokok"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("baris nota kredit")
        verbose_name_plural = _("baris nota kredit")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gt=0), name="credit_note_line_qty_pos"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.credit_note} {self.invoice_line_id} x{self.quantity}"
