"""Serializer fields shared by every API module.

Money travels as a decimal string in plain digits (``"150000"``) with a sibling
``currency`` field; floats are refused. Accounts are referred to by code, members by
member number.
"""

from __future__ import annotations

import re
from decimal import Decimal

from djmoney.money import Money
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ledger import currency as cur


@extend_schema_field({"type": "string", "format": "decimal", "example": "150000"})
class AmountField(serializers.Field):
    """A positive-or-zero decimal amount given as a string (or an integer).

    Invalid input fails with code ``invalid_amount``. Whether the amount is exact in its
    currency (whole rupiah) is a domain rule that services check; ``whole`` makes the
    field check it for IDR too, for inputs that are never anything but rupiah.

    A currency without minor units (IDR) is written in plain digits: a string with a
    ``.`` or ``,`` is refused, because a treasurer typing ``"1.000"`` means a thousand
    rupiah and must not book one (and ``"1,5"`` is a decimal comma). The currency is
    the sibling ``currency`` field of the same object when there is one, else IDR.
    """

    PLAIN_DIGITS = re.compile(r"[+-]?[0-9]+", re.ASCII)

    default_error_messages = {
        "invalid": 'Give the amount as a decimal string, e.g. "150000".',
        "negative": "The amount must not be negative.",
        "positive": "The amount must be positive.",
        "too_large": "The amount is too large.",
        "fraction": "IDR amounts must be whole rupiah (no fractions).",
        "plain_digits": (
            "{currency} amounts are whole units written in plain digits, without "
            'thousands separators or decimals: e.g. "1500000", not "1.500.000" '
            'or "1,5".'
        ),
    }

    def __init__(self, *, positive: bool = True, whole: bool = False, **kwargs):
        self.positive = positive
        self.whole = whole
        self._currency = cur.DEFAULT_CURRENCY
        super().__init__(**kwargs)

    def get_value(self, dictionary):
        # The sibling currency decides whether separators can be meant as decimals.
        currency = dictionary.get("currency") if hasattr(dictionary, "get") else None
        self._currency = (
            currency
            if isinstance(currency, str) and cur.is_supported(currency)
            else cur.DEFAULT_CURRENCY
        )
        return super().get_value(dictionary)

    def fail_amount(self, key: str, **kwargs):
        raise serializers.ValidationError(
            self.error_messages[key].format(**kwargs), code="invalid_amount"
        )

    def to_internal_value(self, data) -> Decimal:
        if isinstance(data, (float, bool)) or not isinstance(data, (str, int, Decimal)):
            self.fail_amount("invalid")
        if (
            isinstance(data, str)
            and cur.precision(self._currency) == 0
            and not self.PLAIN_DIGITS.fullmatch(data.strip())
            and any(mark in data for mark in ".,")
        ):
            self.fail_amount("plain_digits", currency=self._currency)
        value = cur.to_decimal(data)
        if value is None:
            self.fail_amount("invalid")
        if value < 0:
            self.fail_amount("negative")
        if self.positive and value == 0:
            self.fail_amount("positive")
        if value >= cur.MAX_AMOUNT:
            self.fail_amount("too_large")
        if self.whole and not cur.is_exact(value, cur.DEFAULT_CURRENCY):
            self.fail_amount("fraction")
        return value

    def to_representation(self, value) -> str:
        if isinstance(value, Money):
            return cur.plain(value.amount, str(value.currency))
        return cur.plain(Decimal(value))


def money_str(
    value: Money | Decimal | None, currency: str = cur.DEFAULT_CURRENCY
) -> str:
    """Plain-digit string of an amount for JSON output (``"150000"``)."""
    if value is None:
        return "0"
    if isinstance(value, Money):
        return cur.plain(value.amount, str(value.currency))
    return cur.plain(Decimal(value), currency)


@extend_schema_field(OpenApiTypes.STR)
class CurrencyField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("default", cur.DEFAULT_CURRENCY)
        super().__init__(choices=list(cur.CURRENCY_PRECISION), **kwargs)

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError(
                f"Unsupported currency {data!r}.", code="invalid_currency"
            ) from exc


@extend_schema_field({"type": "string", "format": "decimal", "example": "150000"})
class MoneyOutField(serializers.Field):
    """A read-only amount rendered in plain digits (``"150000"``), from Money or
    Decimal: one line where a method field and its getter would take four."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return money_str(value)
