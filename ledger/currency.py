"""Currencies and their precision: the one place that knows them.

Rupiah has no minor unit in practice (sen are obsolete, payment gateways and tax
documents
use whole rupiah), so IDR precision is 0. Amounts are stored with two decimal places in
the
database so that a currency with cents could be added here later without a column
change.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from djmoney.money import Money

_PLAIN_DECIMAL = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?", re.ASCII)

DEFAULT_CURRENCY = "IDR"

#: Decimal places allowed per currency. Adding a currency here (and to
#: settings.CURRENCIES) is all that booking in it needs.
CURRENCY_PRECISION: dict[str, int] = {"IDR": 0}

#: Storage shape of every money column (see the module docstring).
MAX_DIGITS = 20
DECIMAL_PLACES = 2

#: The largest amount we accept for one line (10^15: a thousand trillion rupiah).
MAX_AMOUNT = Decimal(10) ** 15

CURRENCY_CHOICES = [(code, code) for code in CURRENCY_PRECISION]


def precision(currency: str) -> int:
    """Decimal places of ``currency``; raises KeyError for an unsupported one."""
    return CURRENCY_PRECISION[currency]


def is_supported(currency: str) -> bool:
    return currency in CURRENCY_PRECISION


def to_decimal(value: object) -> Decimal | None:
    """Parse a decimal string / int / Decimal; None when it is not a finite number.

    Floats are refused on purpose: money never passes through binary floating point.
    """
    if isinstance(value, (bool, float)):
        return None
    if isinstance(value, Money):
        value = value.amount
    if isinstance(value, str):
        # Plain ASCII digits only: no "1_000", no other scripts' digits, no exponent.
        value = value.strip()
        if not _PLAIN_DECIMAL.fullmatch(value):
            return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite():
        return None
    return number


def is_exact(amount: Decimal, currency: str) -> bool:
    """True when ``amount`` has no more decimals than ``currency`` allows."""
    quantum = Decimal(1).scaleb(-precision(currency))
    return amount == amount.quantize(quantum, rounding=ROUND_DOWN)


def quantize(amount: Decimal, currency: str, *, rounding: str = "half_up") -> Decimal:
    """Round ``amount`` to the currency's precision, half-up (default) or down."""
    mode = {"half_up": ROUND_HALF_UP, "down": ROUND_DOWN}[rounding]
    quantum = Decimal(1).scaleb(-precision(currency))
    return amount.quantize(quantum, rounding=mode)


def plain(amount: Decimal, currency: str = DEFAULT_CURRENCY) -> str:
    """Plain digits with '.' as decimal mark, never locale formatting: '1234567'."""
    return f"{quantize(amount, currency):f}"


def money(amount: Decimal | int | str, currency: str = DEFAULT_CURRENCY) -> Money:
    return Money(Decimal(str(amount)), currency)


def format_idr(amount: Decimal) -> str:
    """Indonesian display form: ``Rp 1.234.567`` (negative as ``-Rp 1.234.567``)."""
    whole = quantize(amount, "IDR")
    sign = "-" if whole < 0 else ""
    digits = f"{abs(whole):,.0f}".replace(",", ".")
    return f"{sign}Rp {digits}"
