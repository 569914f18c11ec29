"""Laporan perubahan ekuitas (statement of changes in equity).

One column per component of equity (simpanan pokok, simpanan wajib, modal penyertaan,
hibah, cadangan, SHU; any other equity account in "lainnya") plus the total, and one row
per kind of movement:
    - opening and closing: the balances the day before ``start`` and on ``end``; the
      SHU column holds SHU tahun lalu (3-3100), SHU tahun berjalan (3-3200) and the
      unclosed result, as on the balance sheet, so each column's closing agrees with
      the trial balance and the total with the balance sheet's equity;
    - SHU of the year: the income statement's result of the range;
    - distribution: the SHU distribution entries (Dr 3-3100, Cr the reserve part);
    - loss covered: the loss cover entries (Dr the covering account, Cr 3-3100);
    - paid in and withdrawn: every other credit and debit on the column's accounts.
Closing entries and the carry-forward of a year's SHU from 3-3200 to 3-3100 move
nothing between columns and are left out of the rows (as are their reversals).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q

from ledger.chart import account_code
from ledger.models import Account, AccountType, EntrySource
from ledger.selectors import Totals, posted_lines, totals_as_of
from reports.labels import label
from reports.statements.base import (
    ZERO,
    Line,
    Statement,
    _leaves,
    _shown,
    _unclosed_result,
    signed_sums,
)
from reports.statements.income import operating_totals

#: Columns: (key, account roles or codes).
COMPONENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("simpanan_pokok", ("pokok",)),
    ("simpanan_wajib", ("wajib",)),
    ("modal_penyertaan", ("3-1300",)),
    ("hibah", ("3-1400",)),
    ("cadangan", ("reserve",)),
    ("shu", ("shu_prior", "shu_current")),
)
ROWS = (
    "opening",
    "paid_in",
    "withdrawn",
    "shu_of_year",
    "distribution",
    "loss_covered",
    "closing",
)


def _component_of(accounts: dict[int, Account]) -> dict[int, str]:
    by_code = {}
    for key, refs in COMPONENTS:
        for ref in refs:
            by_code[ref if "-" in ref else account_code(ref)] = key
    return {
        pk: by_code.get(a.code, "other")
        for pk, a in accounts.items()
        if a.type == AccountType.EQUITY
    }


def _movement_kind(source, reference, reversed_source, reversed_reference) -> str:
    """closing | carry | distribution | loss_covered | other, for an entry (a
    reversal is classified as what it reverses)."""
    if source == EntrySource.REVERSAL:
        source, reference = reversed_source, reversed_reference or ""
    reference = reference or ""
    if source == EntrySource.CLOSING:
        return "closing"
    if source == EntrySource.OPENING and reference.startswith("SHU-LALU-"):
        return "carry"
    if source == EntrySource.SHU and reference.startswith("SHU-RUGI-"):
        return "loss_covered"
    if source == EntrySource.SHU:
        return "distribution"
    return "other"


def _special_movements(start, end, equity_ids):
    """(account id, kind, Totals) of the range's lines on equity accounts that are
    closing, carry-forward, distribution or loss cover entries (a few a year)."""
    special = (EntrySource.CLOSING, EntrySource.OPENING, EntrySource.SHU)
    rows = (
        posted_lines()
        .filter(entry__date__gte=start, entry__date__lte=end, account_id__in=equity_ids)
        .filter(
            Q(entry__source__in=special)
            | Q(entry__source=EntrySource.REVERSAL, entry__reverses__source__in=special)
        )
        .values(
            "account_id",
            "entry__source",
            "entry__reference",
            "entry__reverses__source",
            "entry__reverses__reference",
        )
        .annotate(**signed_sums())
    )
    for row in rows:
        kind = _movement_kind(
            row["entry__source"],
            row["entry__reference"],
            row["entry__reverses__source"],
            row["entry__reverses__reference"],
        )
        if kind != "other":
            yield row["account_id"], kind, Totals(row["debit"], row["credit"])


def equity_changes(*, start: dt.date, end: dt.date, lang: str = "id") -> Statement:
    """Laporan perubahan ekuitas for a range: one column per component, one row per
    kind of movement (see the module docstring).

    Returns:
        A ``Statement`` whose lines are the ``ROWS`` (keys ``row:<name>``), columns
        the components present plus the total; totals ``opening``, ``movement``,
        ``closing``, ``result`` (the income statement's result of the range) and,
        per row and component, ``<row>:<component>``.
    """
    accounts = _leaves()
    component = _component_of(accounts)
    equity_ids = list(component)
    opening_totals = totals_as_of(as_of=start - dt.timedelta(days=1))
    closing_totals = totals_as_of(as_of=end)
    result = _unclosed_result(accounts, operating_totals(start=start, end=end))
    keys = [key for key, _ in COMPONENTS] + ["other"]
    cells: dict[str, dict[str, Decimal]] = {
        row: dict.fromkeys(keys, ZERO) for row in ROWS
    }
    cells["opening"]["shu"] = _unclosed_result(accounts, opening_totals)
    cells["closing"]["shu"] = _unclosed_result(accounts, closing_totals)
    cells["shu_of_year"]["shu"] = result
    # Credit-positive, like the balance sheet's equity; "other" what is left over.
    # What was posted in the range: the balances' difference, debits and credits.
    plain: dict[int, list[Decimal]] = {}
    for pk in equity_ids:
        before, after = (
            opening_totals.get(pk, Totals()),
            closing_totals.get(pk, Totals()),
        )
        plain[pk] = [after.debit - before.debit, after.credit - before.credit]
    for account_id, kind, value in _special_movements(start, end, equity_ids):
        plain[account_id][0] -= value.debit
        plain[account_id][1] -= value.credit
        if kind in ("distribution", "loss_covered"):
            cells[kind][component[account_id]] += value.credit - value.debit
    for pk in equity_ids:
        account, key = accounts[pk], component[pk]
        cells["opening"][key] += _shown(account, opening_totals.get(pk, Totals()))
        cells["closing"][key] += _shown(account, closing_totals.get(pk, Totals()))
        cells["paid_in"][key] += plain[pk][1]
        cells["withdrawn"][key] -= plain[pk][0]
    shown = [k for k in keys if k != "other" or any(cells[r]["other"] for r in ROWS)]
    st = Statement(
        "equity_changes",
        label("equity_changes", lang),
        lang,
        [label(f"eq:{k}", lang) for k in shown] + [label("equity_total", lang)],
        start=start,
        end=end,
    )
    totals: dict[str, Decimal] = {}
    for row in ROWS:
        amounts = [cells[row][k] for k in shown]
        total = sum(amounts, ZERO)
        kind = {"opening": "subtotal", "closing": "total"}.get(row, "account")
        st.lines.append(
            Line(f"row:{row}", label(f"eq_row:{row}", lang), (*amounts, total), kind)
        )
        totals[row] = total
        totals.update({f"{row}:{k}": cells[row][k] for k in shown})
    st.totals = {
        **totals,
        "movement": totals["closing"] - totals["opening"],
        "result": result,
    }
    return st
