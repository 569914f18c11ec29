"""Per-account, per-month, per-currency debit and credit totals of posted lines.

Invariant: for every (account, year, month, currency) the row equals the sum of the
posted
lines it covers. The posting service updates it in the same transaction as the lines,
and
``verify_ledger`` checks it. Balances as of a date read these rows plus, at most, one
month of lines, so no request scans the whole ledger.
"""

from django.db import models

from ledger.currency import DECIMAL_PLACES, MAX_DIGITS


class AccountPeriodTotal(models.Model):
    account = models.ForeignKey(
        "ledger.Account", on_delete=models.PROTECT, related_name="period_totals"
    )
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    currency = models.CharField(max_length=3)
    debit = models.DecimalField(
        max_digits=MAX_DIGITS + 4, decimal_places=DECIMAL_PLACES
    )
    credit = models.DecimalField(
        max_digits=MAX_DIGITS + 4, decimal_places=DECIMAL_PLACES
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "year", "month", "currency"],
                name="account_period_total_unique",
            ),
        ]
        indexes = [models.Index(fields=["year", "month"], name="apt_year_month")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.year}-{self.month:02d} {self.currency}"
