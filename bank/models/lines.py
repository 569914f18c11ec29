"""Bank statements and their lines, and what each line became in the books.

Invariants:
    - a bank line is not a posting: it is what the bank says happened. Its ``amount``
      is signed (positive: money in) and never zero (CHECK);
    - a line seen before is never imported twice: ``fingerprint`` (account, date,
      amount, description, running balance, and the line's occurrence among identical
      ones in its file) is UNIQUE per bank account;
    - ``status`` is unmatched or suggested while nothing is posted; matched and booked
      lines have ``BankLineMatch`` rows whose amounts add up to the line's amount, each
      with the posted entry it made (dated on the line's date); ignored lines post
      nothing and say why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models.fields import money_field


class Statement(models.Model):
    bank_account = models.ForeignKey(
        "bank.BankAccount", on_delete=models.PROTECT, related_name="statements"
    )
    filename = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(max_length=64)
    preset = models.CharField(_("format"), max_length=10)
    first_date = models.DateField(_("dari"), null=True)
    last_date = models.DateField(_("sampai"), null=True)
    lines_new = models.PositiveIntegerField(default=0)
    lines_seen = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mutasi rekening")
        verbose_name_plural = _("mutasi rekening")

    def __str__(self) -> str:
        return self.filename


class LineStatus(models.TextChoices):
    UNMATCHED = "unmatched", _("Belum cocok")
    SUGGESTED = "suggested", _("Ada usulan")
    MATCHED = "matched", _("Dicocokkan")
    BOOKED = "booked", _("Dibukukan")
    IGNORED = "ignored", _("Diabaikan")


OPEN_STATUSES = (LineStatus.UNMATCHED, LineStatus.SUGGESTED)


class BankLine(models.Model):
    bank_account = models.ForeignKey(
        "bank.BankAccount", on_delete=models.PROTECT, related_name="lines"
    )
    statement = models.ForeignKey(
        Statement, on_delete=models.PROTECT, related_name="lines"
    )
    line_no = models.PositiveIntegerField(_("baris"))
    date = models.DateField(_("tanggal"))
    description = models.CharField(_("uraian"), max_length=255)
    reference = models.CharField(_("referensi bank"), max_length=64, blank=True)
    amount = money_field(_("jumlah"))
    balance = money_field(_("saldo"), null=True, blank=True)
    fingerprint = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=LineStatus.choices,
        default=LineStatus.UNMATCHED,
    )
    suggested_member = models.ForeignKey(
        "members.Member",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    suggested_invoice = models.ForeignKey(
        "sales.Invoice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confidence = models.PositiveSmallIntegerField(_("keyakinan"), default=0)
    reason = models.CharField(_("alasan"), max_length=255, blank=True)
    note = models.CharField(_("catatan"), max_length=255, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["date", "statement_id", "line_no"]
        verbose_name = _("baris mutasi bank")
        verbose_name_plural = _("baris mutasi bank")
        constraints = [
            models.UniqueConstraint(
                fields=["bank_account", "fingerprint"], name="bankline_seen_once"
            ),
            models.CheckConstraint(
                condition=~models.Q(amount=0), name="bankline_amount_not_zero"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=LineStatus.values),
                name="bankline_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__lte=100),
                name="bankline_confidence_percent",
            ),
        ]
        indexes = [
            models.Index(fields=["bank_account", "date"], name="bankline_account_date"),
            models.Index(fields=["status", "date"], name="bankline_status_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.amount} {self.description[:40]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class BankLineMatch(models.Model):
    line = models.ForeignKey(BankLine, on_delete=models.PROTECT, related_name="matches")
    amount = money_field(_("jumlah"))
    member = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.PROTECT
    )
    invoice = models.ForeignKey(
        "sales.Invoice", null=True, blank=True, on_delete=models.PROTECT
    )
    account = models.ForeignKey(
        "ledger.Account",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    member_payment = models.ForeignKey(
        "members.Payment", null=True, blank=True, on_delete=models.PROTECT
    )
    sales_payment = models.ForeignKey(
        "sales.Payment", null=True, blank=True, on_delete=models.PROTECT
    )
    entry = models.ForeignKey(
        "ledger.JournalEntry", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("pencocokan mutasi")
        verbose_name_plural = _("pencocokan mutasi")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="banklinematch_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line_id} {self.amount}"
