"""Helpers shared by the sales services: document numbers and input checks."""

from __future__ import annotations

from decimal import Decimal

from ledger import currency as cur
from ledger.services import sequence_next


def document_number(prefix: str, key: str, year: int) -> str:
    seq = sequence_next(key=f"{key}:{year}")
    return f"{prefix}-{year:04d}-{seq:05d}"


def is_whole(value: Decimal, currency: str) -> bool:
    return cur.is_exact(value, currency) and 0 <= value < cur.MAX_AMOUNT


#: Quantities (and stock on hand) are 32-bit integer columns.
MAX_QUANTITY = 2**31 - 1


def is_quantity(value) -> bool:
    """A whole number of units from 1 to what the quantity columns hold."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and 1 <= value <= MAX_QUANTITY
    )
