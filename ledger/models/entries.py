"""Journal entries and lines.

Invariants (the database enforces each one; services check first for clear messages):
    - a line has a side (D or C) and a positive amount that is exact in its currency's
      precision (CHECK constraints);
    - a posted entry has a number, a fiscal year sequence, a global chain position, a
      hash,
      and who posted it and when (CHECK constraint);
    - a posted entry has at least two lines and balances per currency (trigger at post /
      commit time);
    - a posted entry and its lines are never updated or deleted, and no line is added
      to a
      posted entry (triggers on SQLite and PostgreSQL);
    - an entry is reversed at most once (UNIQUE on ``reverses``);
    - entry numbers ``JU-<year>-<seq>`` run 1, 2, 3... without gaps within a fiscal
      year,
      and ``chain_seq`` runs 1, 2, 3... over all posted entries in posting order; each
      entry's ``prev_hash`` is the hash of the entry before it in that order.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Round
from django.utils.translation import gettext_lazy as _
from djmoney.models.fields import MoneyField

from ledger.currency import (
    CURRENCY_CHOICES,
    CURRENCY_PRECISION,
    DECIMAL_PLACES,
    DEFAULT_CURRENCY,
    MAX_DIGITS,
)


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    POSTED = "posted", _("Diposting")


class EntrySource(models.TextChoices):
    MANUAL = "manual", _("Manual")
    OPENING = "opening", _("Saldo awal")
    DUES = "dues", _("Iuran & simpanan wajib")
    SHARES = "shares", _("Simpanan")
    PAYMENTS = "payments", _("Pembayaran anggota")
    SALES = "sales", _("Penjualan")
    PURCHASES = "purchases", _("Pembelian")
    EXPENSES = "expenses", _("Beban")
    CLOSING = "closing", _("Tutup buku")
    SHU = "shu", _("Pembagian SHU")
    REVERSAL = "reversal", _("Pembalikan")


class Side(models.TextChoices):
    DEBIT = "D", _("Debit")
    CREDIT = "C", _("Kredit")


class JournalEntryQuerySet(models.QuerySet):
    def posted(self):
        return self.filter(status=EntryStatus.POSTED)


class JournalEntry(models.Model):
    # NULL while a draft: many drafts, each without a number, must not collide.
    number = models.CharField(  # noqa: DJ001
        _("nomor"), max_length=24, unique=True, null=True
    )
    fiscal_year = models.PositiveSmallIntegerField(null=True, editable=False)
    seq = models.PositiveIntegerField(null=True, editable=False)
    chain_seq = models.PositiveBigIntegerField(unique=True, null=True, editable=False)
    date = models.DateField(_("tanggal"))
    description = models.CharField(_("uraian"), max_length=255)
    source = models.CharField(
        _("sumber"),
        max_length=12,
        choices=EntrySource.choices,
        default=EntrySource.MANUAL,
    )
    reference = models.CharField(_("referensi"), max_length=100, blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=EntryStatus.choices,
        default=EntryStatus.DRAFT,
    )
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("membalik"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    posted_at = models.DateTimeField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = JournalEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-chain_seq", "-id"]
        verbose_name = _("jurnal")
        verbose_name_plural = _("jurnal")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "seq"], name="entry_unique_year_seq"
            ),
            models.CheckConstraint(
                condition=models.Q(status=EntryStatus.DRAFT)
                | models.Q(
                    number__isnull=False,
                    fiscal_year__isnull=False,
                    seq__isnull=False,
                    chain_seq__isnull=False,
                    posted_at__isnull=False,
                )
                & ~models.Q(hash="")
                & ~models.Q(prev_hash=""),
                name="entry_posted_is_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=EntryStatus.values),
                name="entry_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["date"], name="entry_date"),
            models.Index(fields=["source", "reference"], name="entry_source_ref"),
        ]

    def __str__(self) -> str:
        return self.number or f"draft #{self.pk}"

    @property
    def is_posted(self) -> bool:
        return self.status == EntryStatus.POSTED


def _exact_in_currency(field: str) -> models.Q:
    """CHECK: the amount has no more decimals than its currency allows."""
    condition = models.Q()
    for code, places in CURRENCY_PRECISION.items():
        condition &= ~models.Q(**{f"{field}_currency": code}) | models.Q(
            **{field: Round(field, places)}
        )
    return condition & models.Q(**{f"{field}_currency__in": list(CURRENCY_PRECISION)})


class JournalLine(models.Model):
    entry = models.ForeignKey(
        JournalEntry, on_delete=models.PROTECT, related_name="lines"
    )
    account = models.ForeignKey(
        "ledger.Account",
        verbose_name=_("akun"),
        on_delete=models.PROTECT,
        related_name="lines",
    )
    side = models.CharField(_("posisi"), max_length=1, choices=Side.choices)
    amount = MoneyField(
        _("jumlah"),
        max_digits=MAX_DIGITS,
        decimal_places=DECIMAL_PLACES,
        default_currency=DEFAULT_CURRENCY,
        currency_choices=CURRENCY_CHOICES,
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("anggota"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="journal_lines",
    )
    memo = models.CharField(_("memo"), max_length=255, blank=True)
    # The entry's date, copied when the line is written (the database checks that it
    # matches when the entry is posted), so that an account's ledger is one index
    # range in date order: pages are read by key, never by OFFSET.
    date = models.DateField(null=True, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("baris jurnal")
        verbose_name_plural = _("baris jurnal")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(side__in=["D", "C"]), name="line_side_d_or_c"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="line_amount_positive"
            ),
            models.CheckConstraint(
                condition=_exact_in_currency("amount"), name="line_amount_exact"
            ),
        ]
        indexes = [
            models.Index(fields=["account", "entry"], name="line_account_entry"),
            models.Index(fields=["member", "entry"], name="line_member_entry"),
            models.Index(
                fields=["account", "date", "entry", "id"], name="line_account_ledger"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account_id} {self.side} {self.amount}"

    @property
    def debit(self):
        return self.amount if self.side == Side.DEBIT else None

    @property
    def credit(self):
        return self.amount if self.side == Side.CREDIT else None
