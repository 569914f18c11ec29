"""Simpanan sukarela movements (voluntary savings).

Invariants: each row posted one entry (``entry``) that moves cash/bank against
2-1200 with ``member`` set; a withdrawal never takes the member's sukarela balance
below zero (the member row is locked while the balance is read and the withdrawal
posted).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import money_field


class ShareDirection(models.TextChoices):
    DEPOSIT = "deposit", _("Setoran")
    WITHDRAW = "withdraw", _("Penarikan")


class ShareTransaction(models.Model):
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="share_transactions"
    )
    direction = models.CharField(
        _("arah"), max_length=8, choices=ShareDirection.choices
    )
    amount = money_field(_("jumlah"))
    date = models.DateField(_("tanggal"))
    method = models.CharField(_("cara"), max_length=4)
    entry = models.ForeignKey(
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
        verbose_name = _("transaksi simpanan sukarela")
        verbose_name_plural = _("transaksi simpanan sukarela")

    def __str__(self) -> str:
        return f"{self.member_id} {self.direction} {self.amount}"
