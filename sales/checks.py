"""Integrity checks of the sales capability, run by ``manage.py verify_ledger``."""

from __future__ import annotations

from ledger import currency as cur


def stock_matches_inventory() -> list:
    """Stock valuation (the sum of item stock values) equals the balance of Persediaan
    (1-1400); otherwise one problem naming both figures."""
    from ledger.integrity import Problem
    from sales.selectors import inventory_balance, stock_valuation

    stock = stock_valuation()
    ledger = inventory_balance()
    if stock == ledger:
        return []
    return [
        Problem(
            None,
            "Nilai persediaan barang "
            f"{cur.plain(stock)} tidak sama dengan saldo akun Persediaan "
            f"{cur.plain(ledger)} (selisih {cur.plain(stock - ledger)}).",
        )
    ]
