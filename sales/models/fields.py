"""The money column every sales model uses (shape from ledger.currency)."""

from __future__ import annotations

from decimal import Decimal

from djmoney.models.fields import MoneyField

from ledger.currency import (
    CURRENCY_CHOICES,
    DECIMAL_PLACES,
    DEFAULT_CURRENCY,
    MAX_DIGITS,
)


def money_field(verbose_name, **kwargs) -> MoneyField:
    kwargs.setdefault("default", Decimal(0))
    return MoneyField(
        verbose_name,
        max_digits=MAX_DIGITS,
        decimal_places=DECIMAL_PLACES,
        default_currency=DEFAULT_CURRENCY,
        currency_choices=CURRENCY_CHOICES,
        **kwargs,
    )
