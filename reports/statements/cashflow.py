"""Laporan arus kas (cash flow, direct method) and the cash and bank balance.

Cash is classified by what it was for (``reports.statements.cash_purpose``); opening
plus net change equals closing cash and bank (accounts cash, petty cash and bank).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from ledger.models import Account
from ledger.selectors import totals_as_of
from reports.labels import label
from reports.statements.base import (
    CASH_ROLES,
    ZERO,
    Statement,
    _codes,
    _leaves,
)
from reports.statements.cash_purpose import PURPOSES, cash_movements


def cash_account_ids() -> list[int]:
    return list(
        Account.objects.filter(code__in=_codes(CASH_ROLES)).values_list("pk", flat=True)
    )


def cash_balance(*, as_of: dt.date, cash_ids: list[int] | None = None) -> Decimal:
    """Cash plus petty cash plus bank as of a date (inclusive)."""
    ids = cash_ids if cash_ids is not None else cash_account_ids()
    totals = totals_as_of(as_of=as_of, account_ids=ids)
    return sum((value.net for value in totals.values()), ZERO)


def cash_flow(*, start: dt.date, end: dt.date, lang: str = "id") -> Statement:
    """Laporan arus kas, direct method: cash and bank moved in the range by what it
    was for (``reports.statements.cash_purpose``), one row per purpose (key
    ``flow:<purpose>``) under operating, investing and financing.

    Returns:
        A ``Statement`` with totals ``operating``, ``investing``, ``financing``,
        ``net_change``, ``opening_cash`` and ``closing_cash``
        (``opening_cash + net_change == closing_cash``).
    """
    accounts = _leaves()
    cash_ids = cash_account_ids()
    sums_by_purpose: dict[str, Decimal] = defaultdict(Decimal)
    for movement in cash_movements(
        start=start, end=end, cash_ids=cash_ids, accounts=accounts
    ):
        sums_by_purpose[movement.purpose] += movement.amount
    st = Statement(
        "cash_flow",
        label("cash_flow", lang),
        lang,
        [label("amount", lang)],
        start=start,
        end=end,
    )
    sums = {}
    for key in ("operating", "investing", "financing"):
        st.heading(key)
        value = ZERO
        for purpose, category in PURPOSES:
            amount = sums_by_purpose.get(purpose, ZERO)
            if category != key or not amount:
                continue
            st.total(f"flow:{purpose}", amount, kind="account")
            value += amount
        st.total(f"subtotal:{key}", value, kind="subtotal")
        sums[key] = value
    net_change = sums["operating"] + sums["investing"] + sums["financing"]
    opening = cash_balance(as_of=start - dt.timedelta(days=1), cash_ids=cash_ids)
    closing = cash_balance(as_of=end, cash_ids=cash_ids)
    st.total("net_change", net_change)
    st.total("opening_cash", opening)
    st.total("closing_cash", closing)
    st.totals = {
        **sums,
        "net_change": net_change,
        "opening_cash": opening,
        "closing_cash": closing,
    }
    return st
