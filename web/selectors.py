"""Reads behind the web pages that no domain app offers as such.

Invariants:
    - every function runs a fixed number of queries, whatever the size of the ledger:
      positions come from the per-month account totals (``AccountPeriodTotal``) plus one
      opening balance, never from a scan of every line;
    - money is Decimal; a month with no movement is present with zeros.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from ledger.chart import account_code
from ledger.models import (
    Account,
    AccountPeriodTotal,
    JournalEntry,
    Side,
)
from ledger.selectors import totals_as_of

ZERO = Decimal(0)
_DEC = DecimalField(max_digits=24, decimal_places=2)
#: Cash-like accounts by the series they belong to on the dashboard.
CASH_GROUPS = {"cash": ("cash", "petty_cash"), "bank": ("bank",)}


def _cash_accounts() -> dict[str, list[int]]:
    """Ids of the cash and bank accounts, by group (one query)."""
    codes = {
        account_code(role): group
        for group, roles in CASH_GROUPS.items()
        for role in roles
    }
    groups: dict[str, list[int]] = {group: [] for group in CASH_GROUPS}
    for pk, code in Account.objects.filter(code__in=codes).values_list("pk", "code"):
        groups[codes[code]].append(pk)
    return groups


def _month_back(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - count
    return index // 12, index % 12 + 1


@dataclass(frozen=True)
class MonthPosition:
    """Cash and bank balances at the end of one month (or today for this month)."""

    year: int
    month: int
    cash: Decimal
    bank: Decimal

    @property
    def total(self) -> Decimal:
        return self.cash + self.bank


def cash_position_by_month(*, as_of: dt.date, months: int = 12) -> list[MonthPosition]:
    """Cash and bank balances at each month end over the ``months`` months up to and
    including ``as_of``'s month, from the per-month totals (four queries).

    Args:
        as_of: the last month shown is this date's month.
        months: how many months to show (at least one).

    Returns:
        One ``MonthPosition`` per month, oldest first.
    """
    groups = _cash_accounts()
    account_ids = [pk for ids in groups.values() for pk in ids]
    group_of = {pk: group for group, ids in groups.items() for pk in ids}
    first_year, first_month = _month_back(as_of.year, as_of.month, months - 1)
    opening_day = dt.date(first_year, first_month, 1) - dt.timedelta(days=1)
    running = defaultdict(Decimal)
    for account_id, totals in totals_as_of(
        as_of=opening_day, account_ids=account_ids
    ).items():
        running[group_of[account_id]] += totals.net
    in_range = Q(year__gt=first_year) | Q(year=first_year, month__gte=first_month)
    up_to = Q(year__lt=as_of.year) | Q(year=as_of.year, month__lte=as_of.month)
    movements: dict[tuple[int, int], dict[str, Decimal]] = defaultdict(
        lambda: defaultdict(Decimal)
    )
    rows = (
        AccountPeriodTotal.objects.filter(in_range & up_to, account_id__in=account_ids)
        .values("account_id", "year", "month")
        .annotate(d=Sum("debit"), c=Sum("credit"))
    )
    for row in rows:
        movements[(row["year"], row["month"])][group_of[row["account_id"]]] += (
            row["d"] or ZERO
        ) - (row["c"] or ZERO)
    result = []
    for offset in range(months - 1, -1, -1):
        year, month = _month_back(as_of.year, as_of.month, offset)
        for group in CASH_GROUPS:
            running[group] += movements[(year, month)][group]
        result.append(MonthPosition(year, month, running["cash"], running["bank"]))
    return result


def entries_recent(*, limit: int = 10) -> QuerySet[JournalEntry]:
    """The last ``limit`` posted entries in posting order, newest first, each with its
    debit total as ``total`` (one query)."""
    return (
        JournalEntry.objects.posted()
        .annotate(
            total=Coalesce(
                Sum("lines__amount", filter=Q(lines__side=Side.DEBIT)),
                Value(ZERO),
                output_field=_DEC,
            )
        )
        .order_by("-chain_seq")[:limit]
    )


@dataclass(frozen=True)
class RegionCollection:
    """Dues and simpanan wajib billed for one period in one region, and how much of
    it has been paid."""

    code: str
    name: str
    billed: Decimal
    paid: Decimal

    @property
    def rate(self) -> Decimal:
        """Percentage paid of what is due (waived amounts are not due); 0 when
        nothing was billed."""
        if self.billed <= 0:
            return ZERO
        return (self.paid / self.billed * 100).quantize(Decimal("0.1"))


def dues_collection_by_region(*, year: int, month: int) -> list[RegionCollection]:
    """Collection of the monthly dues and simpanan wajib of one period, per region,
    for every region (a region with no bill shows zeros). Two queries.

    Args:
        year / month: the period (``YYYY-MM``) the items were issued for.

    Returns:
        One ``RegionCollection`` per region in BPS code order.
    """
    from members.models import ItemKind, OpenItem, Region

    totals = {
        row["member__region_id"]: row
        for row in OpenItem.objects.filter(
            period=f"{year:04d}-{month:02d}",
            kind__in=[ItemKind.IURAN, ItemKind.WAJIB],
        )
        .values("member__region_id")
        .annotate(
            billed=Coalesce(Sum("amount"), Value(ZERO), output_field=_DEC),
            paid=Coalesce(Sum("paid"), Value(ZERO), output_field=_DEC),
            waived=Coalesce(Sum("waived"), Value(ZERO), output_field=_DEC),
        )
    }
    result = []
    for code, name in Region.objects.order_by("code").values_list("code", "name"):
        row = totals.get(code)
        result.append(
            RegionCollection(
                code=code,
                name=name,
                billed=(row["billed"] - row["waived"]) if row else ZERO,
                paid=row["paid"] if row else ZERO,
            )
        )
    return result


def member_receipts(*, member) -> QuerySet:
    """The member's payment receipts (kuitansi), newest first."""
    from members.models import Payment

    return Payment.objects.filter(member=member).order_by("-date", "-id")


def member_invoices(*, user) -> QuerySet:
    """The invoices the user may read that have a number (drafts have none),
    newest first; for a member, only their own (``sales.selectors``)."""
    from sales.selectors import invoices_visible_to

    return (
        invoices_visible_to(user).filter(number__isnull=False).order_by("-date", "-id")
    )


def member_invoice_receipts(*, user) -> QuerySet:
    """Receipts of invoice payments the user may read (a member: for their own
    invoices only, ``sales.selectors``), newest first."""
    from sales.selectors import payments_visible_to

    return payments_visible_to(user).order_by("-date", "-id")


def account_names() -> dict[str, tuple[str, str]]:
    """Account code -> (Indonesian name, English name), one query."""
    return {
        code: (name, name_en or name)
        for code, name, name_en in Account.objects.values_list(
            "code", "name", "name_en"
        )
    }


def member_search(*, query: str, limit: int = 20) -> list:
    """Members whose number or name contains ``query`` (case-insensitive), an exact
    number first, then by number; at most ``limit``, one query. Empty for a query
    shorter than two characters."""
    from django.db.models import Case, IntegerField, When

    from members.models import Member

    text = (query or "").strip()
    if len(text) < 2:
        return []
    return list(
        Member.objects.select_related("region")
        .filter(Q(number__icontains=text) | Q(name__icontains=text))
        .annotate(
            exact=Case(
                When(number__iexact=text, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("exact", "number")[:limit]
    )
