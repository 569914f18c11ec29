"""Laporan perubahan ekuitas (changes in equity)."""

from __future__ import annotations

import datetime as dt

from ledger.chart import account_code
from ledger.models import AccountType
from ledger.selectors import Totals, totals_as_of
from reports.labels import label
from reports.statements.base import ZERO, Statement, _leaves, _shown, _unclosed_result
from reports.statements.income import income_statement


def equity_changes(*, start: dt.date, end: dt.date, lang: str = "id") -> Statement:
    """Laporan perubahan ekuitas: opening, movement and closing per equity account.

    SHU tahun berjalan includes the unclosed result at both ends (as on the balance
    sheet), so the closing total equals the balance sheet's equity as of ``end``.

    Returns:
        A ``Statement`` with totals ``opening``, ``movement``, ``closing`` and
        ``result`` (the income statement's result of the range).
    """
    accounts = _leaves()
    before = start - dt.timedelta(days=1)
    opening_totals = totals_as_of(as_of=before)
    closing_totals = totals_as_of(as_of=end)
    opening_result = _unclosed_result(accounts, opening_totals)
    closing_result = _unclosed_result(accounts, closing_totals)
    shu_current = account_code("shu_current")
    st = Statement(
        "equity_changes",
        label("equity_changes", lang),
        lang,
        [label("opening", lang), label("movement", lang), label("closing", lang)],
        start=start,
        end=end,
    )
    st.heading("equity")
    total_open = total_close = ZERO
    for account in sorted(accounts.values(), key=lambda a: a.code):
        if account.type != AccountType.EQUITY:
            continue
        opening = _shown(account, opening_totals.get(account.pk, Totals()))
        closing = _shown(account, closing_totals.get(account.pk, Totals()))
        if account.code == shu_current:
            opening += opening_result
            closing += closing_result
        if not opening and not closing:
            continue
        st.account(account, opening, closing - opening, closing)
        total_open += opening
        total_close += closing
    st.total("equity_total", total_open, total_close - total_open, total_close)
    result = income_statement(start=start, end=end, lang=lang).totals["result"]
    st.totals = {
        "opening": total_open,
        "movement": total_close - total_open,
        "closing": total_close,
        "result": result,
    }
    return st
