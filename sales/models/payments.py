"""Payments received against sales invoices.

Invariants:
    - every payment has a receipt number ``KWJ-2026-00001``, gapless per year of its
      date, and exactly one posted entry (Dr cash/bank, Cr trade receivable);
    - the payments of an invoice never add up to more than its total (the invoice row
      is locked while a payment is recorded; CHECK on the invoice's amount_paid).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sales.models.fields import money_field


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Tunai")
    BANK = "bank", _("Transfer bank")


class Payment(models.Model):
    invoice = models.ForeignKey(
        "sales.Invoice",
        verbose_name=_("faktur"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    receipt_number = models.CharField(_("nomor kuitansi"), max_length=24, unique=True)
    date = models.DateField(_("tanggal"))
    amount = money_field(_("jumlah"))
    method = models.CharField(_("metode"), max_length=8, choices=PaymentMethod.choices)
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
        verbose_name = _("pembayaran faktur")
        verbose_name_plural = _("pembayaran faktur")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="sales_payment_amount_pos"
            ),
            models.CheckConstraint(
                condition=models.Q(method__in=PaymentMethod.values),
                name="sales_payment_method_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_number
