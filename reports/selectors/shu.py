"""The SHU of a year: its result split over the stored table and over the members.

The SHU of a year is its result (revenue minus expenses, closing entries left out);
its parts are the largest-remainder split of that result over the stored table, and
each members' pool is the largest-remainder split over members (in member-number
order) of their paid simpanan at year end (capital) and of their purchases in the
year (business). A member's purchases are the credit minus debit of their lines on
the member revenue accounts and on sales returns; a negative total counts as zero.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, Sum

from ledger.chart import account_code
from ledger.selectors import posted_lines
from members.accounts import capital_account_codes
from members.models import Allocation, ItemKind, Member, OpenItem
from reports.allocation import allocate
from reports.errors import NothingToAllocate
from reports.models import ShuPart, ShuPartKind
from reports.selectors.losses import (
    loss_covered,
    loss_remaining,
    loss_uncovered_before,
)
from reports.selectors.years import fiscal_year_get, year_bounds
from reports.statements import result_between, signed_sums

ZERO = Decimal(0)
PURCHASE_ROLES = (
    "sales_member",
    "training_member",
    "consulting_member",
    "sales_returns",
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
    #: Earlier years' loss still uncovered, absorbed first by this year's profit.
    uncovered_loss: Decimal = ZERO
    #: SHU minus the uncovered loss (never negative): what the table splits.
    distributable: Decimal = ZERO
    #: This year's own loss (when the SHU is negative), covered so far and left.
    loss: Decimal = ZERO
    loss_covered: Decimal = ZERO
    loss_remaining: Decimal = ZERO


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

    The table splits the distributable SHU: the year's SHU minus the loss of earlier
    years still uncovered (``loss_uncovered_before``), never below zero. With
    ``ESTAMA_SHU_MEMBERS_AT_YEAR_END`` (default on) only those who are members on 31
    December share: a member who left before then drops out of both the numerator
    and the denominator of both pools.

    Returns:
        A ``ShuPreview``; ``parts`` and ``members`` are empty until a table is
        stored; ``unallocated`` is a pool no member can receive (no simpanan or no
        purchases at all), which distribution refuses.
    """
    fy = fiscal_year_get(year=year)
    start, end = year_bounds(year)
    shu = result_between(start=start, end=end)
    uncovered = loss_uncovered_before(year=year)
    preview = ShuPreview(
        year=year,
        status=fy.status,
        shu=shu,
        distributed=fy.shu_entry_id is not None,
        paid_out=fy.payout_entry_id is not None,
        uncovered_loss=uncovered,
        distributable=max(shu - uncovered, ZERO),
    )
    if shu < 0:
        preview.loss = -shu
        preview.loss_covered = loss_covered(fy=fy)
        preview.loss_remaining = loss_remaining(fy=fy) if fy.is_closed else -shu
    parts = (
        list(ShuPart.objects.filter(fiscal_year=fy).select_related("account"))
        if fy.pk
        else []
    )
    if not parts:
        return preview
    distributable = preview.distributable
    amounts = (
        allocate(distributable, [p.percent for p in parts])
        if distributable > 0
        else [ZERO for _ in parts]
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
    eligible = Member.objects.filter(pk__in=ids)
    if settings.ESTAMA_SHU_MEMBERS_AT_YEAR_END:
        eligible = eligible.exclude(left_on__isnull=False, left_on__lt=end)
    members = list(eligible.order_by("number"))
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
