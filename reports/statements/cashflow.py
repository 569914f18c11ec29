"""Laporan arus kas (cash flow, direct method) and the cash and bank balance.

Opening plus net change equals closing cash and bank (accounts cash, petty cash and
bank).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from ledger.models import Account, AccountType
from ledger.selectors import posted_lines, totals_as_of
from members.accounts import CAPITAL_LIABILITY
from reports.labels import label
from reports.statements.base import (
    CASH_ROLES,
    FINANCING_ROLES,
    ZERO,
    Statement,
    _codes,
    _leaves,
    signed_sums,
)


def cash_account_ids() -> list[int]:
    return list(
        Account.objects.filter(code__in=_codes(CASH_ROLES)).values_list("pk", flat=True)
    )


def cash_balance(*, as_of: dt.date, cash_ids: list[int] | None = None) -> Decimal:
    """Cash plus petty cash plus bank as of a date (inclusive)."""
    ids = cash_ids if cash_ids is not None else cash_account_ids()
    totals = totals_as_of(as_of=as_of, account_ids=ids)
    return sum((value.net for value in totals.values()), ZERO)


def counter_lines(*, start: dt.date, end: dt.date, cash_ids: list[int]):
    """Posted non-cash lines in the range of entries that move cash or bank.

    In a balanced entry the cash movement equals the credit minus debit of its other
    lines, so each counter line's (credit - debit) is exactly the cash it brought in
    (negative: paid out). Transfers between cash accounts have no counter line.
    """
    in_range = posted_lines().filter(entry__date__gte=start, entry__date__lte=end)
    cash_entries = in_range.filter(account_id__in=cash_ids).values("entry_id")
    return in_range.filter(entry_id__in=cash_entries).exclude(account_id__in=cash_ids)


def cash_flow_category(account: Account) -> str:
    """operating | investing | financing, by the counter-account of a cash line.
    Members' pokok and wajib are financing wherever they are booked (equity, or the
    liability accounts of ``ESTAMA_MEMBER_CAPITAL_AS_LIABILITY``)."""
    financing = _codes(FINANCING_ROLES) | set(CAPITAL_LIABILITY.values())
    if account.type == AccountType.EQUITY or account.code in financing:
        return "financing"
    if account.type == AccountType.ASSET and account.code.startswith("1-2"):
        return "investing"
    return "operating"


def cash_flow(*, start: dt.date, end: dt.date, lang: str = "id") -> Statement:
    """Laporan arus kas, direct method, from the cash and bank lines of the range.

    Returns:
        A ``Statement`` with totals ``operating``, ``investing``, ``financing``,
        ``net_change``, ``opening_cash`` and ``closing_cash``
        (``opening_cash + net_change == closing_cash``).
    """
    accounts = _leaves()
    cash_ids = cash_account_ids()
    rows = (
        counter_lines(start=start, end=end, cash_ids=cash_ids)
        .values("account_id")
        .annotate(**signed_sums())
    )
    flows: dict[str, list[tuple[Account, Decimal]]] = defaultdict(list)
    for row in rows:
        account = accounts[row["account_id"]]
        amount = row["credit"] - row["debit"]
        if amount:
            flows[cash_flow_category(account)].append((account, amount))
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
        for account, amount in sorted(flows.get(key, []), key=lambda r: r[0].code):
            st.account(account, amount)
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
