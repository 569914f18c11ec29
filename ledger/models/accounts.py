"""Chart of accounts.

Invariants:
    - ``code`` is unique and never changes once an account has lines (its code is part
      of
      every posted entry's hash);
    - group accounts (``is_group``) take no postings; their balance is the sum of their
      children's;
    - an account holds exactly one currency;
    - every line on an account with ``requires_member`` (member money: simpanan,
      member receivables and credit, refunds and SHU owed) names its member
      (``ledger.member_money``);
    - the normal side follows the type (assets and expenses are debit-normal), flipped
      for
      contra accounts such as accumulated depreciation.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ledger.currency import CURRENCY_CHOICES, DEFAULT_CURRENCY


class AccountType(models.TextChoices):
    ASSET = "asset", _("Aset")
    LIABILITY = "liability", _("Liabilitas")
    EQUITY = "equity", _("Ekuitas")
    REVENUE = "revenue", _("Pendapatan")
    EXPENSE = "expense", _("Beban")


DEBIT_NORMAL_TYPES = frozenset({AccountType.ASSET, AccountType.EXPENSE})


class AccountQuerySet(models.QuerySet):
    def postable(self):
        return self.filter(is_group=False, is_active=True)


class Account(models.Model):
    code = models.CharField(_("kode"), max_length=16, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    name_en = models.CharField(_("nama (Inggris)"), max_length=120, blank=True)
    type = models.CharField(_("jenis"), max_length=10, choices=AccountType.choices)
    is_contra = models.BooleanField(_("akun kontra"), default=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_group = models.BooleanField(
        _("akun grup"),
        default=False,
        help_text=_("Akun grup tidak menerima posting; saldonya jumlah akun anaknya."),
    )
    currency = models.CharField(
        _("mata uang"), max_length=3, choices=CURRENCY_CHOICES, default=DEFAULT_CURRENCY
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    requires_member = models.BooleanField(
        _("wajib menyebut anggota"),
        default=False,
        help_text=_(
            "Uang anggota: setiap baris pada akun ini harus menyebut anggotanya."
        ),
    )

    objects = AccountQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("akun")
        verbose_name_plural = _("akun")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_debit_normal(self) -> bool:
        """True when a debit increases this account's balance."""
        return (self.type in DEBIT_NORMAL_TYPES) != self.is_contra

    @property
    def is_postable(self) -> bool:
        return self.is_active and not self.is_group
