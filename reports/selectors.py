"""Reads of the reports capability: statements, fiscal years, the SHU and the cash book.

Invariants:
    - everything is computed from posted ledger lines and the maintained totals;
    - the SHU of a year is its result (revenue minus expenses, closing entries left
      out); its parts are the largest-remainder split of that result over the stored
      table, and each members' pool is the largest-remainder split over members (in
      member-number order) of their paid simpanan at year end (capital) and of their
      purchases in the year (business);
    - a member's purchases are the credit minus debit of their lines on the member
      revenue accounts and on sales returns; a negative total counts as zero;
    - the cash book never names a member: it aggregates by category only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, Sum
from django.db.models.functions import ExtractMonth

from ledger.chart import account_code
from ledger.models import Account, AccountType
from ledger.selectors import posted_lines
from members.accounts import CAPITAL_LIABILITY, MEMBER_CREDIT, capital_account_codes
from members.models import Allocation, ItemKind, Member, OpenItem
from reports.allocation import allocate
from reports.errors import NothingToAllocate
from reports.labels import label
from reports.models import FiscalYear, ShuPart, ShuPartKind, YearStatus
from reports.statements import (
    balance_sheet,
    cash_account_ids,
    cash_balance,
    cash_flow,
    counter_lines,
    equity_changes,
    income_statement,
    result_between,
    signed_sums,
)

__all__ = [
    "balance_sheet",
    "cash_flow",
    "cashbook",
    "equity_changes",
    "fiscal_year_get",
    "income_statement",
    "member_shu",
    "shu_preview",
]

ZERO = Decimal(0)
PURCHASE_ROLES = (
    "sales_member",
    "training_member",
    "consulting_member",
    "sales_returns",
)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def fiscal_year_get(*, year: int) -> FiscalYear:
    """The year's row, or an unsaved open one when it was never closed."""
    return FiscalYear.objects.filter(year=year).first() or FiscalYear(
        year=year, status=YearStatus.OPEN
    )


def capital_bases(*, year: int) -> dict[int, Decimal]:
    """Paid simpanan per member id as of 31 December: pokok + wajib (on the equity
    or, by ``ESTAMA_MEMBER_CAPITAL_AS_LIABILITY``, the liability accounts; both are
    read since the setting may have changed), and sukarela when
    ``ESTAMA_SHU_SUKARELA_AS_CAPITAL``. Pokok and wajib billed but not yet paid (or
    waived) on 31 December are not paid simpanan and are left out."""
    end = dt.date(year, 12, 31)
    codes = capital_account_codes("pokok") + capital_account_codes("wajib")
    if settings.ESTAMA_SHU_SUKARELA_AS_CAPITAL:
        codes.append(account_code("sukarela"))
    rows = (
        posted_lines()
        .filter(account__code__in=codes, member__isnull=False, entry__date__lte=end)
        .values("member_id")
        .annotate(**signed_sums())
    )
    unpaid = _unpaid_capital(end)
    return {
        r["member_id"]: max(
            r["credit"] - r["debit"] - unpaid.get(r["member_id"], ZERO), ZERO
        )
        for r in rows
    }


def _unpaid_capital(end: dt.date) -> dict[int, Decimal]:
    """Billed pokok and wajib still open on ``end`` per member id: accrued by then
    (only items billed before capital followed cash were; their unpaid part left the
    ledger with ``unaccrual_entry``), less what waivers cleared and payments settled
    by then (two queries)."""
    items = OpenItem.objects.filter(
        Q(unaccrual_entry__isnull=True) | Q(unaccrual_entry__date__gt=end),
        kind__in=[ItemKind.POKOK, ItemKind.WAJIB],
        entry__isnull=False,
        entry__date__lte=end,
    )
    unpaid: dict[int, Decimal] = defaultdict(Decimal)
    billed = items.values("member_id").annotate(
        total=Sum("amount"),
        waived_total=Sum("waived", filter=Q(waive_entry__date__lte=end)),
    )
    for row in billed:
        unpaid[row["member_id"]] += row["total"] - (row["waived_total"] or ZERO)
    settled = Allocation.objects.filter(item__in=items, entry__date__lte=end)
    for row in settled.values("item__member_id").annotate(total=Sum("amount")):
        unpaid[row["item__member_id"]] -= row["total"]
    return {pk: value for pk, value in unpaid.items() if value > 0}


def member_purchases(*, year: int) -> dict[int, Decimal]:
    """Members' purchases in the year per member id (returns deducted, floor 0)."""
    start, end = year_bounds(year)
    rows = (
        posted_lines()
        .filter(
            account__code__in=[account_code(r) for r in PURCHASE_ROLES],
            member__isnull=False,
            entry__date__gte=start,
            entry__date__lte=end,
        )
        .values("member_id")
        .annotate(**signed_sums())
    )
    return {r["member_id"]: max(r["credit"] - r["debit"], ZERO) for r in rows}


@dataclass(frozen=True)
class PartAmount:
    kind: str
    name: str
    percent: Decimal
    account: str
    amount: Decimal


@dataclass(frozen=True)
class MemberShu:
    member: Member
    capital_base: Decimal
    purchases: Decimal
    capital_share: Decimal
    business_share: Decimal

    @property
    def total(self) -> Decimal:
        return self.capital_share + self.business_share


@dataclass
class ShuPreview:
    year: int
    status: str
    shu: Decimal
    distributed: bool
    paid_out: bool
    parts: list[PartAmount] = field(default_factory=list)
    capital_pool: Decimal = ZERO
    business_pool: Decimal = ZERO
    capital_base_total: Decimal = ZERO
    purchases_total: Decimal = ZERO
    unallocated: Decimal = ZERO
    members: list[MemberShu] = field(default_factory=list)


def part_account(part: ShuPart) -> str:
    """The account a part is credited to (members' pools: 2-1400 per member)."""
    if part.kind in (ShuPartKind.CAPITAL, ShuPartKind.BUSINESS):
        return account_code("shu_member_payable")
    if part.kind == ShuPartKind.RESERVE:
        return account_code("reserve")
    return part.account.code if part.account_id else ""


def _pool_split(pool: Decimal, weights: list[Decimal]) -> tuple[list[Decimal], bool]:
    try:
        return allocate(pool, weights), True
    except NothingToAllocate:
        return [ZERO for _ in weights], False


def shu_preview(*, year: int) -> ShuPreview:
    """The year's SHU from the ledger, split over the stored table and the members.

    Returns:
        A ``ShuPreview``; ``parts`` and ``members`` are empty until a table is
        stored; ``unallocated`` is a pool no member can receive (no simpanan or no
        purchases at all), which distribution refuses.
    """
    fy = fiscal_year_get(year=year)
    start, end = year_bounds(year)
    shu = result_between(start=start, end=end)
    preview = ShuPreview(
        year=year,
        status=fy.status,
        shu=shu,
        distributed=fy.shu_entry_id is not None,
        paid_out=fy.payout_entry_id is not None,
    )
    parts = (
        list(ShuPart.objects.filter(fiscal_year=fy).select_related("account"))
        if fy.pk
        else []
    )
    if not parts:
        return preview
    amounts = (
        allocate(shu, [p.percent for p in parts]) if shu > 0 else [ZERO for _ in parts]
    )
    for part, amount in zip(parts, amounts, strict=True):
        preview.parts.append(
            PartAmount(
                part.kind,
                part.name or label_of_kind(part.kind),
                part.percent,
                part_account(part),
                amount,
            )
        )
        if part.kind == ShuPartKind.CAPITAL:
            preview.capital_pool = amount
        elif part.kind == ShuPartKind.BUSINESS:
            preview.business_pool = amount
    capital = capital_bases(year=year)
    purchases = member_purchases(year=year)
    ids = {k for k, v in capital.items() if v} | {k for k, v in purchases.items() if v}
    members = list(Member.objects.filter(pk__in=ids).order_by("number"))
    cap_weights = [capital.get(m.pk, ZERO) for m in members]
    bus_weights = [purchases.get(m.pk, ZERO) for m in members]
    cap_shares, cap_ok = _pool_split(preview.capital_pool, cap_weights)
    bus_shares, bus_ok = _pool_split(preview.business_pool, bus_weights)
    preview.unallocated = (ZERO if cap_ok else preview.capital_pool) + (
        ZERO if bus_ok else preview.business_pool
    )
    preview.capital_base_total = sum(cap_weights, ZERO)
    preview.purchases_total = sum(bus_weights, ZERO)
    preview.members = [
        MemberShu(m, cw, bw, cs, bs)
        for m, cw, bw, cs, bs in zip(
            members, cap_weights, bus_weights, cap_shares, bus_shares, strict=True
        )
    ]
    return preview


def label_of_kind(kind: str) -> str:
    return str(ShuPartKind(kind).label) if kind in ShuPartKind.values else kind


def member_shu(*, member: Member, year: int) -> MemberShu:
    """One member's SHU of the year (zeros when they have none), for ``/me/``."""
    preview = shu_preview(year=year)
    for row in preview.members:
        if row.member.pk == member.pk:
            return row
    return MemberShu(member, ZERO, ZERO, ZERO, ZERO)


# --- Cash book ------------------------------------------------------------------------

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


@dataclass(frozen=True)
class MemberShuYear:
    year: int
    capital_share: Decimal
    business_share: Decimal
    distributed: bool
    paid_out: bool

    @property
    def total(self) -> Decimal:
        return self.capital_share + self.business_share


def member_shu_years(*, member: Member, limit: int = 5) -> list[MemberShuYear]:
    """The member's SHU in each of the latest ``limit`` years that have a stored
    allocation table, newest first (a preview until the year is distributed)."""
    years = (
        FiscalYear.objects.filter(shu_parts__isnull=False)
        .distinct()
        .order_by("-year")
        .values_list("year", flat=True)[:limit]
    )
    result = []
    for year in years:
        preview = shu_preview(year=year)
        row = next((r for r in preview.members if r.member.pk == member.pk), None)
        result.append(
            MemberShuYear(
                year=year,
                capital_share=row.capital_share if row else ZERO,
                business_share=row.business_share if row else ZERO,
                distributed=preview.distributed,
                paid_out=preview.paid_out,
            )
        )
    return result
