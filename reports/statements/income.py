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
from reports.statements.balance import year_earlier
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


def _bucket(account: Account, member_codes, public_codes) -> str | None:
    if account.type == AccountType.REVENUE:
        if account.is_contra:
            return "returns"
        if account.code in member_codes:
            return "revenue_member"
        if account.code in public_codes:
            return "revenue_non_member"
        return "other_income"
    if account.type == AccountType.EXPENSE:
        return "cogs" if account.code.split("-")[0] == "5" else "expenses"
    return None


def _range_header(start: dt.date, end: dt.date) -> str:
    """``2026`` for a calendar year, else ``01/01/2026–30/06/2026``."""
    if start.year == end.year and (start.month, start.day, end.month, end.day) == (
        1,
        1,
        12,
        31,
    ):
        return str(start.year)
    return f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"


def income_statement(
    *, start: dt.date, end: dt.date, lang: str = "id", compare: bool = False
) -> Statement:
    """Laporan perhitungan hasil usaha for a range (inclusive), with the same range a
    year earlier beside it when ``compare``.

    Returns:
        A ``Statement`` with totals ``revenue_member``, ``revenue_non_member``,
        ``returns``, ``revenue``, ``cogs``, ``gross``, ``expenses``, ``other_income``
        and ``result`` (= revenue - cogs - expenses + other income) of the range
        (``prior_totals`` the same of the year before).
    """
    accounts = _leaves()
    ranges = [(start, end)]
    if compare:
        ranges.append((year_earlier(start), year_earlier(end)))
    columns = [operating_totals(start=a, end=b) for a, b in ranges]
    member_codes = _codes(MEMBER_REVENUE_ROLES)
    public_codes = _codes(PUBLIC_REVENUE_ROLES)
    buckets: dict[str, list[tuple[Account, tuple]]] = defaultdict(list)
    for account in sorted(accounts.values(), key=lambda a: a.code):
        bucket = _bucket(account, member_codes, public_codes)
        if bucket is None:
            continue
        row = tuple(_shown(account, col.get(account.pk, Totals())) for col in columns)
        if any(row):
            buckets[bucket].append((account, row))
    headers = (
        [_range_header(a, b) for a, b in ranges] if compare else [label("amount", lang)]
    )
    st = Statement(
        "income_statement",
        label("income_statement", lang),
        lang,
        headers,
        start=start,
        end=end,
    )
    width = len(ranges)
    sums: dict[str, list[Decimal]] = {}

    def section(key: str) -> list[Decimal]:
        st.heading(key)
        value = [ZERO] * width
        for account, row in buckets.get(key, []):
            st.account(account, *row)
            value = [a + b for a, b in zip(value, row, strict=True)]
        st.total(f"subtotal:{key}", *value, kind="subtotal")
        sums[key] = value
        return value

    def combine(*parts: tuple[int, str]) -> list[Decimal]:
        return [
            sum((sign * sums[key][i] for sign, key in parts), ZERO)
            for i in range(width)
        ]

    section("revenue_member")
    section("revenue_non_member")
    section("returns")
    sums["revenue"] = combine(
        (1, "revenue_member"), (1, "revenue_non_member"), (1, "returns")
    )
    st.total("revenue", *sums["revenue"])
    section("cogs")
    sums["gross"] = combine((1, "revenue"), (-1, "cogs"))
    st.total("gross", *sums["gross"])
    section("expenses")
    section("other_income")
    sums["result"] = combine((1, "gross"), (-1, "expenses"), (1, "other_income"))
    st.total("result", *sums["result"])
    st.totals = {key: values[0] for key, values in sums.items()}
    if compare:
        st.prior_totals = {key: values[1] for key, values in sums.items()}
    return st


def result_between(*, start: dt.date, end: dt.date) -> Decimal:
    """Revenue minus expenses posted in the range, closing entries left out."""
    accounts = _leaves()
    return _unclosed_result(accounts, operating_totals(start=start, end=end))
