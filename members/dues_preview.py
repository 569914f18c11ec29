"""What issuing a period would bill, before it is issued: members to bill and the
total per plan, and who is skipped and why.

Invariants:
    - the rules are those of ``members.services.dues_issue_period``: active plans;
      monthly plans every month, annual plans in January (period ``YYYY``); active
      members who joined on or before the period's last day, of the plan's category
      when it has one; a member already billed for the plan and period is not billed
      again (the UNIQUE constraint the service relies on);
    - nothing is written; the number of queries depends on the number of plans, not
      on the number of members.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from ledger.services import month_bounds
from members.models import (
    DuesFrequency,
    DuesPlan,
    Member,
    MemberStatus,
    OpenItem,
)
from members.services.common import parse_period

ZERO = Decimal(0)
#: How many skipped members the preview names (the counts cover all of them).
SKIPPED_SAMPLE = 50


@dataclass(frozen=True)
class PlanPreview:
    plan: DuesPlan
    period: str
    eligible: int
    already_billed: int

    @property
    def to_bill(self) -> int:
        return self.eligible - self.already_billed

    @property
    def total(self) -> Decimal:
        return self.plan.amount.amount * self.to_bill


@dataclass(frozen=True)
class SkippedMember:
    number: str
    name: str
    reason: str  # a MemberStatus value, or "joined_after"


@dataclass
class DuesPreview:
    period: str
    plans: list[PlanPreview] = field(default_factory=list)
    #: reason -> how many members: applicant, suspended, left, joined_after
    skipped: dict[str, int] = field(default_factory=dict)
    skipped_sample: list[SkippedMember] = field(default_factory=list)

    @property
    def items_to_bill(self) -> int:
        return sum(p.to_bill for p in self.plans)

    @property
    def already_billed(self) -> int:
        return sum(p.already_billed for p in self.plans)

    @property
    def total(self) -> Decimal:
        return sum((p.total for p in self.plans), ZERO)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())


def dues_preview(*, period: str) -> DuesPreview:
    """Preview ``dues_issue_period(period=period)``.

    Args:
        period: ``YYYY-MM``.

    Returns:
        DuesPreview: per plan the eligible members, those already billed and the
        amount to bill; members skipped by reason (not active, joined after the
        period) with a sample of names.

    Raises:
        InvalidPeriod.
    """
    year, month = parse_period(period)
    _start, end = month_bounds(year, month)
    preview = DuesPreview(period=period)
    for plan in DuesPlan.objects.filter(is_active=True).order_by("pk"):
        if plan.frequency == DuesFrequency.ANNUAL and month != 1:
            continue
        plan_period = (
            f"{year:04d}" if plan.frequency == DuesFrequency.ANNUAL else period
        )
        members = Member.objects.filter(status=MemberStatus.ACTIVE, joined_on__lte=end)
        if plan.category:
            members = members.filter(category=plan.category)
        counts = members.aggregate(eligible=Count("pk"))
        billed = OpenItem.objects.filter(
            bill_key=f"plan-{plan.pk}", period=plan_period, member__in=members
        ).count()
        preview.plans.append(
            PlanPreview(
                plan=plan,
                period=plan_period,
                eligible=counts["eligible"],
                already_billed=billed,
            )
        )
    by_status = (
        Member.objects.exclude(status=MemberStatus.ACTIVE)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    preview.skipped = dict(by_status)
    late = Member.objects.filter(status=MemberStatus.ACTIVE, joined_on__gt=end)
    joined_after = late.count()
    if joined_after:
        preview.skipped["joined_after"] = joined_after
    sample = list(
        Member.objects.exclude(status=MemberStatus.ACTIVE)
        .values_list("number", "name", "status")
        .order_by("number")[:SKIPPED_SAMPLE]
    )
    sample += [
        (number, name, "joined_after")
        for number, name in late.values_list("number", "name").order_by("number")[
            : max(SKIPPED_SAMPLE - len(sample), 0)
        ]
    ]
    preview.skipped_sample = [
        SkippedMember(number=number, name=name, reason=reason)
        for number, name, reason in sample
    ]
    return preview
