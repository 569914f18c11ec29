"""Per-account debit and credit totals of posted lines, per month and per day.

Invariant: for every (account, year, month, currency) an ``AccountPeriodTotal`` row
equals the sum of the posted lines it covers, and for every (account, date, currency)
an ``AccountDayTotal`` row does the same for one day. The posting service updates both
in the same transaction as the lines, and ``verify_ledger`` checks them. A balance as of
a date reads the month rows before the date's month plus the day rows of that month up
to the date, so no read scans lines: its cost grows with accounts and months, not with
the number of lines.
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


class AccountDayTotal(models.Model):
    account = models.ForeignKey(
        "ledger.Account", on_delete=models.PROTECT, related_name="day_totals"
    )
    date = models.DateField()
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
                fields=["account", "date", "currency"],
                name="account_day_total_unique",
            ),
        ]
        indexes = [models.Index(fields=["date"], name="adt_date")]

    def __str__(self) -> str:
        return f"{self.account_id} {self.date} {self.currency}"
