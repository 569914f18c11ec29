"""Laporan perhitungan hasil usaha (income statement) and the result of a range.

Closing entries (and their reversals) are ignored, so a closed year shows the same
result as before it was closed, and that result is the change in SHU tahun berjalan
made by the closing entry.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q

from ledger.models import Account, AccountType, EntrySource
from ledger.selectors import Totals, posted_lines, totals_between
from reports.labels import label
from reports.statements.base import (
    MEMBER_REVENUE_ROLES,
    PUBLIC_REVENUE_ROLES,
    ZERO,
    Statement,
    _codes,
    _leaves,
    _shown,
    _unclosed_result,
    signed_sums,
)


def _closing_totals(start: dt.date, end: dt.date) -> dict[int, Totals]:
    """Per-account totals of closing entries (and reversals of closing entries) in the
    range: a handful of entries a year, read from their lines."""
    rows = (
        posted_lines()
        .filter(entry__date__gte=start, entry__date__lte=end)
        .filter(
            Q(entry__source=EntrySource.CLOSING)
            | Q(
                entry__source=EntrySource.REVERSAL,
                entry__reverses__source=EntrySource.CLOSING,
            )
        )
        .values("account_id")
        .annotate(**signed_sums())
    )
    return {r["account_id"]: Totals(r["debit"], r["credit"]) for r in rows}


def operating_totals(*, start: dt.date, end: dt.date) -> dict[int, Totals]:
    """Totals per account of what was posted in the range, closing entries and their
    reversals left out."""
    totals = totals_between(start=start, end=end)
    for account_id, value in _closing_totals(start, end).items():
        current = totals.get(account_id, Totals())
        totals[account_id] = Totals(
            current.debit - value.debit, current.credit - value.credit
        )
    return totals


def income_statement(*, start: dt.date, end: dt.date, lang: str = "id") -> Statement:
    """Laporan perhitungan hasil usaha for a range (inclusive).

    Returns:
        A ``Statement`` with totals ``revenue_member``, ``revenue_non_member``,
        ``returns``, ``revenue``, ``cogs``, ``gross``, ``expenses``, ``other_income``
        and ``result`` (= revenue - cogs - expenses + other income).
    """
    accounts = _leaves()
    totals = operating_totals(start=start, end=end)
    member_codes = _codes(MEMBER_REVENUE_ROLES)
    public_codes = _codes(PUBLIC_REVENUE_ROLES)
    buckets: dict[str, list[tuple[Account, Decimal]]] = defaultdict(list)
    for account in sorted(accounts.values(), key=lambda a: a.code):
        value = totals.get(account.pk)
        if value is None or value.net == 0:
            continue
        amount = _shown(account, value)
        if account.type == AccountType.REVENUE:
            if account.is_contra:
                bucket = "returns"
            elif account.code in member_codes:
                bucket = "revenue_member"
            elif account.code in public_codes:
                bucket = "revenue_non_member"
            else:
                bucket = "other_income"
        elif account.type == AccountType.EXPENSE:
            bucket = "cogs" if account.code.split("-")[0] == "5" else "expenses"
        else:
            continue
        buckets[bucket].append((account, amount))
    st = Statement(
        "income_statement",
        label("income_statement", lang),
        lang,
        [label("amount", lang)],
        start=start,
        end=end,
    )
    sums: dict[str, Decimal] = {}

    def section(key: str) -> Decimal:
        st.heading(key)
        value = ZERO
        for account, amount in buckets.get(key, []):
            st.account(account, amount)
            value += amount
        st.total(f"subtotal:{key}", value, kind="subtotal")
        sums[key] = value
        return value

    section("revenue_member")
    section("revenue_non_member")
    section("returns")
    revenue = sums["revenue_member"] + sums["revenue_non_member"] + sums["returns"]
    st.total("revenue", revenue)
    section("cogs")
    gross = revenue - sums["cogs"]
    st.total("gross", gross)
    section("expenses")
    section("other_income")
    result = gross - sums["expenses"] + sums["other_income"]
    st.total("result", result)
    st.totals = {**sums, "revenue": revenue, "gross": gross, "result": result}
    return st


def result_between(*, start: dt.date, end: dt.date) -> Decimal:
    """Revenue minus expenses posted in the range, closing entries left out."""
    accounts = _leaves()
    return _unclosed_result(accounts, operating_totals(start=start, end=end))
