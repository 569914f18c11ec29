"""Fiscal years and the SHU allocation table.

Invariants:
    - one ``FiscalYear`` row per calendar year that was ever closed or given an SHU
      table; no row means open;
    - a closed year has all twelve months locked; its ``closing_entry`` (when the year
      had any revenue or expense) moved every revenue and expense balance into SHU
      tahun berjalan (3-3200);
    - years close in order and reopen in reverse order; a year whose SHU was
      distributed is never reopened; every close and reopen is in the audit trail
      (with the reason for a reopen);
    - the parts of a year's SHU table add up to exactly 100 percent, with at most one
      ``capital`` and one ``business`` part; the ``position`` is the tie-break order;
    - a closed year's SHU (profit or loss) is carried from SHU tahun berjalan
      (3-3200) to SHU tahun lalu (3-3100) by ``carry_entry``, dated 1 January of the
      next year, so 3-3200 only ever shows the running year;
    - ``shu_entry`` is set once (the distribution is posted at most once, debiting
      3-3100), then ``payout_entry`` once;
    - a loss stays in 3-3100 until covered: each ``LossCover`` is one posted entry
      (Dr an equity account, Cr 3-3100) that never covers more than is uncovered.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models.fields import money_field


class YearStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    CLOSED = "closed", _("Ditutup")


class FiscalYear(models.Model):
    year = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    status = models.CharField(
        _("status"), max_length=8, choices=YearStatus.choices, default=YearStatus.OPEN
    )
    closing_entry = models.ForeignKey(
        "ledger.JournalEntry",
        verbose_name=_("jurnal penutup"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    carry_entry = models.OneToOneField(
        "ledger.JournalEntry",
        verbose_name=_("jurnal pemindahan SHU ke tahun lalu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    shu_entry = models.OneToOneField(
        "ledger.JournalEntry",
        verbose_name=_("jurnal pembagian SHU"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    payout_entry = models.OneToOneField(
        "ledger.JournalEntry",
        verbose_name=_("jurnal pembayaran SHU"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("tahun buku")
        verbose_name_plural = _("tahun buku")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=YearStatus.values),
                name="fiscal_year_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} ({self.status})"

    @property
    def is_closed(self) -> bool:
        return self.status == YearStatus.CLOSED


class ShuPartKind(models.TextChoices):
    CAPITAL = "capital", _("Jasa modal")
    BUSINESS = "business", _("Jasa usaha")
    RESERVE = "reserve", _("Cadangan")
    MANAGEMENT = "management", _("Dana pengurus & pengawas")
    STAFF = "staff", _("Dana karyawan")
    EDUCATION = "education", _("Dana pendidikan")
    SOCIAL = "social", _("Dana sosial")
    FUND = "fund", _("Dana lain")


class ShuPart(models.Model):
    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="shu_parts"
    )
    position = models.PositiveSmallIntegerField(_("urutan"))
    kind = models.CharField(_("jenis"), max_length=12, choices=ShuPartKind.choices)
    name = models.CharField(_("nama"), max_length=120, blank=True)
    percent = models.DecimalField(_("persen"), max_digits=9, decimal_places=4)
    account = models.ForeignKey(
        "ledger.Account",
        verbose_name=_("akun"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["fiscal_year", "position"]
        verbose_name = _("bagian SHU")
        verbose_name_plural = _("bagian SHU")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "position"], name="shu_part_unique_position"
            ),
            models.CheckConstraint(
                condition=models.Q(percent__gte=0, percent__lte=100),
                name="shu_part_percent_0_100",
            ),
            models.UniqueConstraint(
                fields=["fiscal_year", "kind"],
                condition=models.Q(kind__in=["capital", "business"]),
                name="shu_part_one_pool_each",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year.year} {self.kind} {self.percent}%"


class LossCover(models.Model):
    """One covering of a year's loss (negative SHU) as the RAT decided it."""

    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="loss_covers"
    )
    entry = models.OneToOneField(
        "ledger.JournalEntry", on_delete=models.PROTECT, related_name="+"
    )
    account = models.ForeignKey(
        "ledger.Account",
        verbose_name=_("ditutup dari akun"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount = money_field(_("jumlah"))
    reason = models.CharField(_("alasan"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["fiscal_year", "id"]
        verbose_name = _("penutupan rugi")
        verbose_name_plural = _("penutupan rugi")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="loss_cover_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year.year} {self.amount}"
