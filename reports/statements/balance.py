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
from reports.documents import date_text
from reports.labels import label
from reports.statements.base import (
    ZERO,
    Line,
    Statement,
    _leaves,
    _shown,
    _unclosed_result,
)


def year_earlier(day: dt.date) -> dt.date:
    """The same date a year earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _amounts(accounts: dict[int, Account], as_of: dt.date):
    """Shown amount per account id as of a date (unclosed result in 3-3200), and the
    unclosed result."""
    totals = totals_as_of(as_of=as_of)
    result = _unclosed_result(accounts, totals)
    shu_current = account_code("shu_current")
    amounts = {}
    for account in accounts.values():
        if account.type not in BALANCE_TYPES:
            continue
        amount = _shown(account, totals.get(account.pk, Totals()))
        if account.code == shu_current:
            amount += result
        amounts[account.pk] = amount
    return amounts, result


BALANCE_TYPES = (AccountType.ASSET, AccountType.LIABILITY, AccountType.EQUITY)


def balance_sheet(
    *, as_of: dt.date, lang: str = "id", compare: bool = False
) -> Statement:
    """Laporan posisi keuangan as of a date (inclusive), with the same date a year
    earlier beside it when ``compare``.

    Returns:
        A ``Statement`` with totals ``assets``, ``liabilities``, ``equity``,
        ``liabilities_and_equity`` and ``current_result`` (the unclosed result shown
        in SHU tahun berjalan) of ``as_of`` (``prior_totals`` the same of the
        comparative date); ``assets == liabilities_and_equity`` always.
    """
    accounts = _leaves()
    dates = [as_of, year_earlier(as_of)] if compare else [as_of]
    columns = [_amounts(accounts, day) for day in dates]
    headers = (
        [date_text(day, lang) for day in dates] if compare else [label("amount", lang)]
    )
    st = Statement("balance_sheet", label("balance_sheet", lang), lang, headers)
    st.as_of = as_of
    width = len(dates)
    sums: list[dict[str, Decimal]] = [{} for _ in dates]
    for type_, key in (
        (AccountType.ASSET, "assets"),
        (AccountType.LIABILITY, "liabilities"),
        (AccountType.EQUITY, "equity"),
    ):
        st.heading(key)
        section = [ZERO] * width
        by_group: dict[str, list[tuple[Account, tuple]]] = defaultdict(list)
        for account in sorted(accounts.values(), key=lambda a: a.code):
            if account.type != type_:
                continue
            row = tuple(col[0].get(account.pk, ZERO) for col in columns)
            if any(row):
                by_group[account.parent.code if account.parent else ""].append(
                    (account, row)
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
                    Line(
                        f"group:{group_code}",
                        name,
                        (None,) * width,
                        "heading",
                        group_code,
                    )
                )
            group_sum = [ZERO] * width
            for account, row in rows:
                st.account(account, *row)
                group_sum = [a + b for a, b in zip(group_sum, row, strict=True)]
            st.total(
                f"subtotal:{group_code}",
                *group_sum,
                kind="subtotal",
                text=f"{label('subtotal', lang)} {name}".strip(),
            )
            section = [a + b for a, b in zip(section, group_sum, strict=True)]
        st.total(f"total_{key}", *section)
        for index in range(width):
            sums[index][key] = section[index]
    both = [s["liabilities"] + s["equity"] for s in sums]
    st.total("total_liabilities_equity", *both)
    totals = [
        {
            "assets": s["assets"],
            "liabilities": s["liabilities"],
            "equity": s["equity"],
            "liabilities_and_equity": both[index],
            "current_result": columns[index][1],
        }
        for index, s in enumerate(sums)
    ]
    st.totals = totals[0]
    if compare:
        st.prior_totals = totals[1]
    return st
