"""Dues plans and open items (receivables) of every kind.

Invariants:
    - one open item per (member, bill key, period): ``bill_key`` is ``pokok`` for the
      one-off joining share and ``plan-<id>`` for a plan, ``period`` is ``YYYY-MM``
      (monthly), ``YYYY`` (annual) or empty (pokok). A UNIQUE constraint makes issuing
      twice, or twice at the same time, bill nobody twice;
    - 0 <= paid + waived <= amount; ``status`` is paid when paid covers the amount,
      waived when something was waived and nothing is outstanding, else open;
    - members' capital is what members paid: a simpanan pokok or wajib item is NOT
      posted when billed (``entry`` stays empty). It is an obligation the treasurer
      tracks and chases (arrears, ageing, reminders, oldest-first settlement,
      waivers); only a payment (or member credit used) posts, Dr cash / Cr 3-1100 or
      3-1200 (or their liability twins) with the member, so capital never includes
      what nobody paid. Iuran, a fee, is accrued when billed: Dr 1-1310 / Cr 4-1400;
    - an item is *accrued* (``is_accrued``) when its billing entry debited 1-1310 and
      that was not undone since: iuran, and pokok/wajib billed before capital
      followed cash until migration ``0005_capital_follows_cash`` took their unpaid
      part off the ledger (``unaccrual_entry``). Per member, the outstanding of
      accrued open items equals that member's 1-1310 balance;
    - paying an accrued item credits 1-1310; paying any other item credits the
      item's ``account_code`` (the capital account) directly.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .fields import money_field
from .members import MemberCategory


class DuesKind(models.TextChoices):
    IURAN = "iuran", _("Iuran anggota")
    WAJIB = "wajib", _("Simpanan wajib")


class DuesFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Bulanan")
    ANNUAL = "annual", _("Tahunan")


class DuesPlan(models.Model):
    name = models.CharField(_("nama"), max_length=100, unique=True)
    kind = models.CharField(_("jenis"), max_length=5, choices=DuesKind.choices)
    amount = money_field(_("jumlah"))
    frequency = models.CharField(
        _("frekuensi"),
        max_length=7,
        choices=DuesFrequency.choices,
        default=DuesFrequency.MONTHLY,
    )
    category = models.CharField(
        _("kategori"),
        max_length=12,
        choices=MemberCategory.choices,
        blank=True,
        help_text=_("Kosong: berlaku untuk semua kategori."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("rencana iuran")
        verbose_name_plural = _("rencana iuran")

    def __str__(self) -> str:
        return self.name


class ItemKind(models.TextChoices):
    POKOK = "pokok", _("Simpanan pokok")
    WAJIB = "wajib", _("Simpanan wajib")
    IURAN = "iuran", _("Iuran anggota")


#: Settlement order among items due on the same day.
KIND_ORDER = {ItemKind.POKOK: 0, ItemKind.WAJIB: 1, ItemKind.IURAN: 2}


class ItemStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    PAID = "paid", _("Lunas")
    WAIVED = "waived", _("Dihapuskan")


class OpenItem(models.Model):
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="open_items"
    )
    kind = models.CharField(_("jenis"), max_length=5, choices=ItemKind.choices)
    kind_order = models.PositiveSmallIntegerField(default=0, editable=False)
    plan = models.ForeignKey(
        DuesPlan,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    bill_key = models.CharField(max_length=20, editable=False)
    period = models.CharField(_("periode"), max_length=7, blank=True)
    due_date = models.DateField(_("jatuh tempo"))
    amount = money_field(_("jumlah"))
    paid = money_field(_("dibayar"), default=Decimal(0))
    waived = money_field(_("dihapuskan"), default=Decimal(0))
    status = models.CharField(
        _("status"),
        max_length=6,
        choices=ItemStatus.choices,
        default=ItemStatus.OPEN,
    )
    account_code = models.CharField(
        _("akun kredit akrual"), max_length=16, editable=False
    )
    run_token = models.CharField(max_length=32, editable=False, db_index=True)
    entry = models.ForeignKey(
        "ledger.JournalEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    waive_reason = models.CharField(_("alasan penghapusan"), max_length=255, blank=True)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    waived_at = models.DateTimeField(null=True, blank=True)
    waive_entry = models.ForeignKey(
        "ledger.JournalEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unaccrual_entry = models.ForeignKey(
        "ledger.JournalEntry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Jurnal yang mengeluarkan sisa simpanan yang belum dibayar dari modal "
            "(tagihan lama sebelum modal dicatat saat dibayar)."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "kind_order", "id"]
        verbose_name = _("tagihan")
        verbose_name_plural = _("tagihan")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "bill_key", "period"], name="openitem_once_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ItemStatus.values),
                name="openitem_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["member", "status"], name="openitem_member_status"),
            models.Index(fields=["status", "due_date"], name="openitem_status_due"),
            models.Index(fields=["period", "kind"], name="openitem_period_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.period or ''} {self.member_id}".strip()

    @property
    def outstanding(self) -> Decimal:
        return self.amount.amount - self.paid.amount - self.waived.amount

    @property
    def is_accrued(self) -> bool:
        """True when the outstanding is booked on the member receivable 1-1310."""
        return self.entry_id is not None and self.unaccrual_entry_id is None


#: Items whose outstanding is booked on 1-1310 (``OpenItem.is_accrued`` as a filter).
ACCRUED = Q(entry__isnull=False, unaccrual_entry__isnull=True)
