"""The cash book every member may read: money in and out of cash and bank per month
and category. It never names a member: it aggregates by category only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ledger.models import Account
from reports.labels import label
from reports.selectors.years import year_bounds
from reports.statements import (
    cash_account_ids,
    cash_balance,
    cash_movements,
    cash_purpose,
)

ZERO = Decimal(0)

CASHBOOK_CATEGORIES = (
    "dues_shares",
    "sales_services",
    "purchases",
    "operating_expenses",
    "other",
)
#: The cash book's categories of the cash flow's purposes (one rule for both).
PURPOSE_CATEGORY = {
    "receipts_sales": "sales_services",
    "receipts_dues": "dues_shares",
    "simpanan_pokok": "dues_shares",
    "simpanan_wajib": "dues_shares",
    "simpanan_sukarela": "dues_shares",
    "member_refunds": "dues_shares",
    "shu_paid": "dues_shares",
    "payments_suppliers": "purchases",
    "fixed_assets": "purchases",
    "payments_expenses": "operating_expenses",
    "payments_taxes": "operating_expenses",
    "payments_funds": "other",
    "other_operating": "other",
    "equity_other": "other",
}


def cashbook_category(account: Account) -> str:
    """The cash book category of cash moving against ``account`` (by its purpose)."""
    return PURPOSE_CATEGORY[cash_purpose(account)]


@dataclass
class CashbookMonth:
    month: int
    money_in: dict[str, Decimal]
    money_out: dict[str, Decimal]
    closing_balance: Decimal

    @property
    def total_in(self) -> Decimal:
        return sum(self.money_in.values(), ZERO)

    @property
    def total_out(self) -> Decimal:
        return sum(self.money_out.values(), ZERO)


@dataclass
class Cashbook:
    year: int
    opening_balance: Decimal
    months: list[CashbookMonth]
    lang: str = "id"

    @property
    def closing_balance(self) -> Decimal:
        return self.months[-1].closing_balance if self.months else self.opening_balance

    def category_label(self, key: str) -> str:
        return label(key, self.lang)


def cashbook(*, year: int, lang: str = "id") -> Cashbook:
    """Money in and out of cash and bank per month and category, with the running
    balance of cash plus bank. The cash flow's rules decide what each rupiah was for
    (``reports.statements.cash_purpose``): an entry's cash for one purpose is money
    in when positive, money out when negative."""
    start, end = year_bounds(year)
    cash_ids = cash_account_ids()
    accounts = {a.pk: a for a in Account.objects.filter(is_group=False)}
    money_in: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    money_out: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for movement in cash_movements(
        start=start, end=end, cash_ids=cash_ids, accounts=accounts
    ):
        category = PURPOSE_CATEGORY[movement.purpose]
        if movement.amount > 0:
            money_in[movement.date.month][category] += movement.amount
        else:
            money_out[movement.date.month][category] -= movement.amount
    opening = cash_balance(as_of=start - dt.timedelta(days=1), cash_ids=cash_ids)
    balance = opening
    months = []
    for month in range(1, 13):
        ins = {c: money_in[month].get(c, ZERO) for c in CASHBOOK_CATEGORIES}
        outs = {c: money_out[month].get(c, ZERO) for c in CASHBOOK_CATEGORIES}
        balance += sum(ins.values(), ZERO) - sum(outs.values(), ZERO)
        months.append(CashbookMonth(month, ins, outs, balance))
    return Cashbook(year, opening, months, lang)
