"""Laporan posisi keuangan (balance sheet).

It balances as of any date: the unclosed result (revenue minus expense balances not yet
closed) is shown inside SHU tahun berjalan (3-3200).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from ledger.chart import account_code
from ledger.models import Account, AccountType
from ledger.selectors import Totals, totals_as_of
from reports.labels import label
from reports.statements.base import (
    ZERO,
    Line,
    Statement,
    _leaves,
    _shown,
    _unclosed_result,
)


def balance_sheet(*, as_of: dt.date, lang: str = "id") -> Statement:
    """Laporan posisi keuangan as of a date (inclusive).

    Returns:
        A ``Statement`` with totals ``assets``, ``liabilities``, ``equity``,
        ``liabilities_and_equity`` and ``current_result`` (the unclosed result shown
        in SHU tahun berjalan); ``assets == liabilities_and_equity`` always.
    """
    accounts = _leaves()
    totals = totals_as_of(as_of=as_of)
    result = _unclosed_result(accounts, totals)
    shu_current = account_code("shu_current")
    st = Statement(
        "balance_sheet", label("balance_sheet", lang), lang, [label("amount", lang)]
    )
    st.as_of = as_of
    sums: dict[str, Decimal] = {}
    for type_, key in (
        (AccountType.ASSET, "assets"),
        (AccountType.LIABILITY, "liabilities"),
        (AccountType.EQUITY, "equity"),
    ):
        st.heading(key)
        section = ZERO
        by_group: dict[str, list[tuple[Account, Decimal]]] = defaultdict(list)
        for account in sorted(accounts.values(), key=lambda a: a.code):
            if account.type != type_:
                continue
            amount = _shown(account, totals.get(account.pk, Totals()))
            if account.code == shu_current:
                amount += result
            if amount:
                by_group[account.parent.code if account.parent else ""].append(
                    (account, amount)
                )
        for group_code in sorted(by_group):
            rows = by_group[group_code]
            parent = rows[0][0].parent
            name = ""
            if parent is not None:
                name = (
                    parent.name_en if lang == "en" and parent.name_en else parent.name
                )
                st.lines.append(
                    Line(f"group:{group_code}", name, (None,), "heading", group_code)
                )
            group_sum = ZERO
            for account, amount in rows:
                st.account(account, amount)
                group_sum += amount
            st.total(
                f"subtotal:{group_code}",
                group_sum,
                kind="subtotal",
                text=f"{label('subtotal', lang)} {name}".strip(),
            )
            section += group_sum
        st.total(f"total_{key}", section)
        sums[key] = section
    both = sums["liabilities"] + sums["equity"]
    st.total("total_liabilities_equity", both)
    st.totals = {
        "assets": sums["assets"],
        "liabilities": sums["liabilities"],
        "equity": sums["equity"],
        "liabilities_and_equity": both,
        "current_result": result,
    }
    return st
