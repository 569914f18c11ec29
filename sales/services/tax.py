"""VAT (PPN) per DOMAIN.md and PMK 131/2024, and the moving-average cost of goods.

- ``ppn``: 12% on a taxable base of 11/12 of the price, i.e. effectively 11%;
- ``ppn_luxury``: 12% on the full price;
- ``none``: no VAT (a business under the registration threshold).
Prices exclude VAT. VAT is computed on the document's total (an invoice or a
purchase), per tax code: the sum of the bases of the lines with that code times the
rate, rounded once to whole rupiah (half-up, or down with ``ESTAMA_ROUNDING=down``).
It is then split over those lines by largest remainder (``vat_split``), so the lines
always add up to the document's VAT and three lines of Rp 10.005 carry the same VAT
as one line of quantity 3. Tie-break: the earlier line gets the rupiah. The arithmetic
is exact: the numerator is multiplied out before the one division.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from django.conf import settings

from ledger import currency as cur
from sales.models import TaxCode

#: (numerator, denominator) of the tax rate on the price, per tax code.
TAX_RATES: dict[str, tuple[int, int]] = {
    TaxCode.NONE: (0, 1),
    TaxCode.PPN: (12 * 11, 100 * 12),
    TaxCode.PPN_LUXURY: (12, 100),
}


def round_rupiah(amount: Decimal, currency: str = cur.DEFAULT_CURRENCY) -> Decimal:
    """Whole units of ``currency`` by the house rounding rule (ESTAMA_ROUNDING)."""
    return cur.quantize(
        amount, currency, rounding=getattr(settings, "ESTAMA_ROUNDING", "half_up")
    )


def line_tax(
    *, base: Decimal, tax_code: str, currency: str = cur.DEFAULT_CURRENCY
) -> Decimal:
    """VAT on one taxable base (a document's total base per tax code), whole rupiah.

    Args:
        base: the line amount after discount, VAT excluded.
        tax_code: one of ``TaxCode``.

    Returns:
        The rounded tax (``Decimal``), e.g. 110000 for base 1000000 under ``ppn``.
    """
    numerator, denominator = TAX_RATES[tax_code]
    return round_rupiah(base * numerator / denominator, currency)


def largest_remainder(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split whole ``total`` over non-negative ``weights`` in proportion, by largest
    remainder (ties: the earlier weight first). The parts add up to ``total``; with
    all weights zero everything goes to nothing (a list of zeros) unless total is 0.
    """
    weight_sum = sum(weights, Decimal(0))
    if not weights or weight_sum <= 0:
        return [Decimal(0) for _ in weights]
    exact = [total * weight / weight_sum for weight in weights]
    parts = [value.to_integral_value(rounding=ROUND_FLOOR) for value in exact]
    left = int(total - sum(parts, Decimal(0)))
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for index in order[:left]:
        parts[index] += 1
    return parts


def vat_split(
    *, bases: list[Decimal], tax_codes: list[str], currency: str = cur.DEFAULT_CURRENCY
) -> list[Decimal]:
    """VAT of each line of one document: computed per tax code on the sum of the
    bases with that code, then split over those lines by ``largest_remainder``.

    Args:
        bases: each line's taxable base (after discount, VAT excluded).
        tax_codes: each line's ``TaxCode``.

    Returns:
        One whole-rupiah VAT per line; per tax code they add up to the rounded VAT
        of the code's total base.
    """
    result = [Decimal(0)] * len(bases)
    for code in dict.fromkeys(tax_codes):
        indexes = [i for i, c in enumerate(tax_codes) if c == code]
        total = line_tax(
            base=sum((bases[i] for i in indexes), Decimal(0)),
            tax_code=code,
            currency=currency,
        )
        for index, part in zip(
            indexes,
            largest_remainder(total, [bases[i] for i in indexes]),
            strict=True,
        ):
            result[index] = part
    return result


def cost_of_sale(
    *, stock_qty: int, stock_value: Decimal, last_unit_cost: Decimal, quantity: int
) -> Decimal:
    """The cost of selling ``quantity`` units at moving-average cost, whole rupiah.

    Selling all that is on hand takes the whole remaining value, so the stock value
    never drifts from the ledger. Selling more than is on hand (only when negative
    stock is allowed) costs the units beyond the stock at the last known unit cost.
    """
    if stock_qty <= 0:
        return round_rupiah(last_unit_cost * quantity)
    if quantity < stock_qty:
        return round_rupiah(stock_value * quantity / stock_qty)
    beyond = quantity - stock_qty
    return stock_value + round_rupiah(last_unit_cost * beyond)
