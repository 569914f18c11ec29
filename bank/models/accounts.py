"""Bank accounts as Estama knows them, members' virtual accounts, booking rules.

Invariants:
    - a ``BankAccount`` is one postable asset account of the ledger (``1-1200`` Bank by
      default) with, optionally, the column mapping of its bank's export (the generic
      preset) saved once and reused;
    - a virtual-account number belongs to one member (UNIQUE);
    - a rule books lines whose description contains ``pattern`` (case-insensitive) to
      ``target``; it never books to a member-money account (those need a member).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BankAccount(models.Model):
    account = models.OneToOneField(
        "ledger.Account",
        verbose_name=_("akun buku besar"),
        on_delete=models.PROTECT,
        related_name="bank_profile",
    )
    bank_name = models.CharField(_("nama bank"), max_length=60, blank=True)
    preset = models.CharField(_("format mutasi"), max_length=10, blank=True)
    mapping = models.JSONField(
        _("pemetaan kolom"),
        default=dict,
        blank=True,
        help_text=_("Kolom berkas untuk tanggal, uraian, jumlah/debit/kredit, saldo."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["account__code"]
        verbose_name = _("rekening bank")
        verbose_name_plural = _("rekening bank")

    def __str__(self) -> str:
        return f"{self.account_id} {self.bank_name}".strip()


class VirtualAccount(models.Model):
    number = models.CharField(_("nomor virtual account"), max_length=32, unique=True)
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("anggota"),
        on_delete=models.PROTECT,
        related_name="virtual_accounts",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("virtual account")
        verbose_name_plural = _("virtual account")

    def __str__(self) -> str:
        return self.number


class RuleDirection(models.TextChoices):
    ANY = "any", _("Masuk atau keluar")
    IN = "in", _("Uang masuk")
    OUT = "out", _("Uang keluar")


class BankRule(models.Model):
    name = models.CharField(_("nama"), max_length=80)
    pattern = models.CharField(_("uraian memuat"), max_length=80)
    direction = models.CharField(
        _("arah"), max_length=3, choices=RuleDirection.choices, default="any"
    )
    target = models.ForeignKey(
        "ledger.Account",
        verbose_name=_("dibukukan ke"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    bank_account = models.ForeignKey(
        BankAccount,
        verbose_name=_("rekening"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rules",
        help_text=_("Kosong: berlaku untuk semua rekening."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("aturan bank")
        verbose_name_plural = _("aturan bank")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(pattern=""), name="bankrule_pattern_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(direction__in=RuleDirection.values),
                name="bankrule_direction_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pattern} -> {self.target_id}"
