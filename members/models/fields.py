"""The money column every members model uses (precision lives in ledger.currency)."""

from djmoney.models.fields import MoneyField

from ledger.currency import (
    CURRENCY_CHOICES,
    DECIMAL_PLACES,
    DEFAULT_CURRENCY,
    MAX_DIGITS,
)


def money_field(verbose_name, **kwargs) -> MoneyField:
    return MoneyField(
        verbose_name,
        max_digits=MAX_DIGITS,
        decimal_places=DECIMAL_PLACES,
        default_currency=DEFAULT_CURRENCY,
        currency_choices=CURRENCY_CHOICES,
        **kwargs,
    )
