"""Monthly periods and their locks.

Invariant: nothing is posted with a date in a locked month. A row exists only for months
that have ever been locked; no row means open. Every lock and unlock is written to the
audit trail by the service that does it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Period(models.Model):
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"))
    is_locked = models.BooleanField(_("terkunci"), default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("periode")
        verbose_name_plural = _("periode")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month"], name="period_unique_month"
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12),
                name="period_month_1_12",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
