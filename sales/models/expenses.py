"""Everyday expenses paid from cash or bank.

Invariant: each expense posts one entry, Dr a postable expense account for its
whole-rupiah amount (VAT excluded), Dr 1-1500 PPN Masukan for its input VAT (by its
tax code, none by default), Cr cash or bank for both; it is never edited afterwards.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sales.models.catalog import TaxCode
from sales.models.fields import money_field


class PaidFrom(models.TextChoices):
    CASH = "cash", _("Kas")
    BANK = "bank", _("Bank")


class Expense(models.Model):
    date = models.DateField(_("tanggal"))
    account = models.ForeignKey(
        "ledger.Account",
        verbose_name=_("akun beban"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount = money_field(_("jumlah"))
    tax_code = models.CharField(
        _("kode pajak"), max_length=12, choices=TaxCode.choices, default=TaxCode.NONE
    )
    tax = money_field(_("PPN masukan"))
    paid_from = models.CharField(
        _("dibayar dari"), max_length=8, choices=PaidFrom.choices
    )
    description = models.CharField(_("uraian"), max_length=255)
    attachment = models.FileField(
        _("lampiran"), upload_to="expenses/%Y/%m/", blank=True
    )
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
        verbose_name = _("beban")
        verbose_name_plural = _("beban")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="expense_amount_pos"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.description}"
