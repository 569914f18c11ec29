"""The cash book every member may read: money in and out of cash and bank per month
and category. It never names a member: it aggregates by category only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models.functions import ExtractMonth

from ledger.chart import account_code
from ledger.models import Account, AccountType
from members.accounts import CAPITAL_LIABILITY, MEMBER_CREDIT
from reports.labels import label
from reports.selectors.years import year_bounds
from reports.statements import (
    cash_account_ids,
    cash_balance,
    counter_lines,
    signed_sums,
)

ZERO = Decimal(0)

CASHBOOK_CATEGORIES = (
    "dues_shares",
    "sales_services",
    "purchases",
    "operating_expenses",
    "other",
)
#: Member-money accounts the members app adds (capital as liability, member credit).
_DUES_SHARES_CODES = (*CAPITAL_LIABILITY.values(), MEMBER_CREDIT)
_DUES_SHARES_ROLES = (
    "dues_revenue",
    "pokok",
    "wajib",
    "sukarela",
    "member_receivable",
    "member_other_receivable",
    "leaving_member_payable",
    "shu_member_payable",
)
_SALES_ROLES = ("trade_receivable", "output_vat", "unearned_revenue")
_PURCHASE_ROLES = ("inventory", "input_vat", "trade_payable")


def cashbook_category(account: Account) -> str:
    """The cash book category of a counter-account of a cash or bank line."""
    code = account.code
    if code in {account_code(r) for r in _DUES_SHARES_ROLES} | set(_DUES_SHARES_CODES):
        return "dues_shares"
    if code in {account_code(r) for r in _SALES_ROLES} or (
        account.type == AccountType.REVENUE and code.startswith("4-1")
    ):
        return "sales_services"
    if (
        code in {account_code(r) for r in _PURCHASE_ROLES}
        or code.startswith("5")
        or code.startswith("1-2")
    ):
        return "purchases"
    if code.startswith("6") or code == "1-1600":
        return "operating_expenses"
    return "other"


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
    balance of cash plus bank. Counter lines of each cash entry decide the category;
    their credit is money in, their debit money out."""
    start, end = year_bounds(year)
    cash_ids = cash_account_ids()
    accounts = {a.pk: a for a in Account.objects.filter(is_group=False)}
    rows = (
        counter_lines(start=start, end=end, cash_ids=cash_ids)
        .annotate(month=ExtractMonth("entry__date"))
        .values("month", "account_id")
        .annotate(**signed_sums())
    )
    money_in: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    money_out: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for row in rows:
        category = cashbook_category(accounts[row["account_id"]])
        money_in[row["month"]][category] += row["credit"]
        money_out[row["month"]][category] += row["debit"]
    opening = cash_balance(as_of=start - dt.timedelta(days=1), cash_ids=cash_ids)
    balance = opening
    months = []
    for month in range(1, 13):
        ins = {c: money_in[month].get(c, ZERO) for c in CASHBOOK_CATEGORIES}
        outs = {c: money_out[month].get(c, ZERO) for c in CASHBOOK_CATEGORIES}
        balance += sum(ins.values(), ZERO) - sum(outs.values(), ZERO)
        months.append(CashbookMonth(month, ins, outs, balance))
    return Cashbook(year, opening, months, lang)
