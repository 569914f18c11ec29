"""Months marked reconciled.

Invariant: a month of a bank account is marked at most once (UNIQUE), and only when
the statement balance at its last day equalled the ledger balance (the service
checks, and both figures are kept on the mark); the mark is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models.fields import money_field


class ReconciliationMark(models.Model):
    bank_account = models.ForeignKey(
        "bank.BankAccount", on_delete=models.PROTECT, related_name="reconciliations"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"))
    as_of = models.DateField(_("per tanggal"))
    statement_balance = money_field(_("saldo bank"))
    ledger_balance = money_field(_("saldo buku"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("rekonsiliasi bank")
        verbose_name_plural = _("rekonsiliasi bank")
        constraints = [
            models.UniqueConstraint(
                fields=["bank_account", "year", "month"], name="reconciled_once"
            ),
            models.CheckConstraint(
                condition=models.Q(statement_balance=models.F("ledger_balance")),
                name="reconciled_only_when_equal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bank_account_id} {self.year}-{self.month:02d}"
