"""Largest-remainder allocation of whole rupiah.

Invariants of ``allocate``:
    - every share is a whole rupiah (no fractions) and the shares add up to ``total``
      exactly;
    - each share is within one rupiah of its exact quota ``total * w / sum(w)``: every
      share is first floored, then the leftover rupiah go one each to the largest
      fractional parts;
    - ties between equal fractional parts go to the earlier position in the order the
      caller passes (the SHU table order, then member number); ``keys`` only serves to
      make that order explicit and is checked for length;
    - a zero weight always gets zero;
    - all weights zero: a zero total gives zeros; a non-zero total raises
      ``NothingToAllocate`` (there is no one to give the money to, and silently
      dropping it would break "adds up exactly").
Negative totals or weights are refused with ``InvalidAllocation``. Single amounts are
rounded with ``ESTAMA_ROUNDING`` elsewhere; splits always use this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal

from reports.errors import InvalidAllocation, NothingToAllocate

ZERO = Decimal(0)


def allocate(
    total: Decimal, weights: Sequence[Decimal], *, keys: Sequence | None = None
) -> list[Decimal]:
    """Split ``total`` (whole rupiah) over ``weights`` by largest remainder.

    Args:
        total: the amount to split; a non-negative whole number.
        weights: one non-negative weight per share, in tie-break order.
        keys: optional labels of the shares (same length as ``weights``); the order of
            ``weights`` is the tie-break order.

    Returns:
        One whole-rupiah Decimal per weight; they add up to ``total``.

    Raises:
        InvalidAllocation: negative or fractional total, negative weight, or ``keys``
            of another length.
        NothingToAllocate: a non-zero total and every weight zero.
    """
    total = Decimal(total)
    weights = [Decimal(w) for w in weights]
    if keys is not None and len(keys) != len(weights):
        raise InvalidAllocation("keys and weights differ in length.")
    if total < 0 or total != total.to_integral_value():
        raise InvalidAllocation("The total must be a non-negative whole amount.")
    if any(w < 0 for w in weights):
        raise InvalidAllocation("Weights must not be negative.")
    base = sum(weights, ZERO)
    if base == 0:
        if total == 0:
            return [ZERO for _ in weights]
        raise NothingToAllocate(
            "Semua bobot nol: jumlah tidak dapat dibagi.",
            errors={"weights": ["Every weight is zero."]},
        )
    floors: list[Decimal] = []
    remainders: list[tuple[Decimal, int]] = []
    for index, weight in enumerate(weights):
        # Exact rational arithmetic: quota = total * w / base; floor and remainder via
        # integer division of the scaled numerator, so no precision is lost.
        numerator = total * weight
        share = (numerator / base).to_integral_value(rounding=ROUND_FLOOR)
        while share * base > numerator:  # guard against context rounding
            share -= 1
        while (share + 1) * base <= numerator:
            share += 1
        floors.append(share)
        remainders.append((numerator - share * base, index))
    leftover = int(total - sum(floors, ZERO))
    # Largest remainder first; equal remainders keep the caller's order.
    ranked = sorted(remainders, key=lambda item: (-item[0], item[1]))
    for _, index in ranked[:leftover]:
        floors[index] += 1
    return [Decimal(int(share)) for share in floors]
