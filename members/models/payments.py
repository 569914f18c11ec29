"""Member payments (with their receipts) and how they were allocated.

Invariants:
    - ``number`` (kuitansi, ``KW-2026-00001``) runs without gaps within the payment
      date's year and is never reused;
    - a payment posts exactly one entry: cash/bank debit = amount; the allocations
      plus the overpayment (``credit_amount``) plus nothing else equal the amount plus
      the member credit it used (``credit_used``);
    - an allocation settles part or all of one open item, either from a payment or from
      the member's credit (source ``credit``, e.g. credit consumed when dues are
      issued); allocations are never changed.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import money_field


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Tunai")
    BANK = "bank", _("Transfer bank")
    QRIS = "qris", _("QRIS")


class Payment(models.Model):
    number = models.CharField(_("nomor kuitansi"), max_length=20, unique=True)
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="payments"
    )
    date = models.DateField(_("tanggal"))
    amount = money_field(_("jumlah"))
    method = models.CharField(_("cara bayar"), max_length=4, choices=PaymentMethod)
    reference = models.CharField(_("referensi"), max_length=100, blank=True)
    credit_used = money_field(_("titipan terpakai"), default=Decimal(0))
    credit_amount = money_field(_("kelebihan bayar"), default=Decimal(0))
    overpayment_to = models.CharField(max_length=8, blank=True)
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
        verbose_name = _("pembayaran")
        verbose_name_plural = _("pembayaran")

    def __str__(self) -> str:
        return self.number


class AllocationSource(models.TextChoices):
    PAYMENT = "payment", _("Pembayaran")
    CREDIT = "credit", _("Titipan anggota")
    OFFSET = "offset", _("Kompensasi simpanan (keluar)")


class Allocation(models.Model):
    item = models.ForeignKey(
        "members.OpenItem", on_delete=models.PROTECT, related_name="allocations"
    )
    payment = models.ForeignKey(
        Payment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    source = models.CharField(max_length=7, choices=AllocationSource.choices)
    amount = money_field(_("jumlah"))
    entry = models.ForeignKey(
        "ledger.JournalEntry", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("alokasi")
        verbose_name_plural = _("alokasi")

    def __str__(self) -> str:
        return f"{self.item_id} {self.amount}"
