"""VAT (PPN) per DOMAIN.md and PMK 131/2024, and the moving-average cost of goods.

- ``ppn``: 12% on a taxable base of 11/12 of the price, i.e. effectively 11%;
- ``ppn_luxury``: 12% on the full price;
- ``none``: no VAT (a business under the registration threshold).
Prices exclude VAT. The tax of each line is rounded to whole rupiah (half-up, or down
with ``ESTAMA_ROUNDING=down``) and the invoice's VAT is the sum of its lines' tax.
The arithmetic is exact: the numerator is multiplied out before the one division.
"""

from __future__ import annotations

from decimal import Decimal

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
    """VAT on one line's taxable base, in whole rupiah.

    Args:
        base: the line amount after discount, VAT excluded.
        tax_code: one of ``TaxCode``.

    Returns:
        The rounded tax (``Decimal``), e.g. 110000 for base 1000000 under ``ppn``.
    """
    numerator, denominator = TAX_RATES[tax_code]
    return round_rupiah(base * numerator / denominator, currency)


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
