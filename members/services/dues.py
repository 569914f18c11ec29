"""Issuing a dues period: one open item per eligible member per active plan.

Issuing a period inserts one open item per eligible member per plan with
``INSERT ... SELECT ... ON CONFLICT DO NOTHING`` against the UNIQUE (member, bill key,
period) constraint, tagging the rows with a fresh run token: the rows returned (and
carrying the token) are exactly the ones this run created, so the accrual of an iuran
plan (ONE entry per plan per period, one receivable line per member) covers them and
nothing else. Simpanan wajib items are tracked only: they post when paid (capital is
what members paid, see ``billing.py``). A concurrent run of the same period waits on
the constraint and then creates nothing.

Lock order: members with credit are locked before the accrual is posted (the ledger
chain lock), as everywhere in this app (see ``services.common``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from audit.services import audit_record
from ledger.services import month_bounds
from members.accounts import accrual_credit_code
from members.models import (
    DuesFrequency,
    DuesPlan,
    ItemStatus,
    Member,
    MemberStatus,
    OpenItem,
)
from members.models.dues import KIND_ORDER
from members.services.billing import (
    accrue,
    credit_consume,
    credit_holders,
    is_accrued_kind,
)
from members.services.common import ZERO, due_date_for, parse_period

BATCH = 2000
KIND_LABEL = {"pokok": "simpanan pokok", "wajib": "simpanan wajib", "iuran": "iuran"}


@dataclass(frozen=True)
class IssueResult:
    period: str
    created: int
    skipped: int


_INSERT_SQL = """
    INSERT INTO {item} (
        member_id, kind, kind_order, plan_id, bill_key, period, due_date,
        amount, amount_currency, paid, paid_currency, waived, waived_currency,
        status, account_code, run_token, waive_reason, created_at
    )
    SELECT m.id, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '', %s
    FROM {member} m
    WHERE m.status = %s AND m.joined_on <= %s AND m.id BETWEEN %s AND %s {category}
    ON CONFLICT DO NOTHING
    RETURNING member_id
"""


def _insert_items(
    *,
    plan: DuesPlan,
    period: str,
    due: dt.date,
    end: dt.date,
    code: str,
    token: str,
    low: int,
    high: int,
) -> list[int]:
    """Insert the plan's items for eligible members with ids in [low, high]; members
    already billed are skipped by the UNIQUE constraint. Returns the ids of the
    members billed now.

    One INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING statement per batch
    (PostgreSQL and SQLite >= 3.35): building model instances for tens of thousands of
    rows costs more than the database work itself."""
    ops = connection.ops
    currency = str(plan.amount.currency)
    zero = ops.adapt_decimalfield_value(ZERO, 20, 2)
    sql = _INSERT_SQL.format(
        item=connection.ops.quote_name(OpenItem._meta.db_table),
        member=connection.ops.quote_name(Member._meta.db_table),
        category="AND m.category = %s" if plan.category else "",
    )
    params = [
        plan.kind,
        KIND_ORDER[plan.kind],
        plan.pk,
        f"plan-{plan.pk}",
        period,
        ops.adapt_datefield_value(due),
        ops.adapt_decimalfield_value(plan.amount.amount, 20, 2),
        currency,
        zero,
        currency,
        zero,
        currency,
        ItemStatus.OPEN,
        code,
        token,
        ops.adapt_datetimefield_value(timezone.now()),
        MemberStatus.ACTIVE,
        ops.adapt_datefield_value(end),
        low,
        high,
    ]
    if plan.category:
        params.append(plan.category)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _eligible(plan: DuesPlan, end: dt.date):
    members = Member.objects.filter(status=MemberStatus.ACTIVE, joined_on__lte=end)
    if plan.category:
        members = members.filter(category=plan.category)
    return members


def dues_issue_period(
    *,
    period: str,
    user=None,
    on_progress: Callable[[int], None] | None = None,
) -> IssueResult:
    """Bill every active member for every active plan in ``period`` (``YYYY-MM``).

    Monthly plans bill each month; annual plans bill in January (period ``YYYY``).
    Members who joined after the period's last day, and members who are not active
    (applicant, suspended, left), are not billed. Member credit is consumed.

    Args:
        period: ``YYYY-MM``.
        user: who issues (audited; None for the scheduler).
        on_progress: called with the number of members handled after each batch.

    Returns:
        IssueResult(period, created, skipped).

    Raises:
        InvalidPeriod, PeriodLocked (the period's first day is in a locked month).
    """
    year, month = parse_period(period)
    start, end = month_bounds(year, month)
    due = due_date_for(year, month)
    token = uuid.uuid4().hex
    created = skipped = 0
    with transaction.atomic():
        plans = list(DuesPlan.objects.filter(is_active=True).order_by("pk"))
        todo = []
        for plan in plans:
            if plan.frequency == DuesFrequency.ANNUAL and month != 1:
                continue
            plan_period = (
                f"{year:04d}" if plan.frequency == DuesFrequency.ANNUAL else period
            )
            code = accrual_credit_code(plan.kind)
            ids = list(_eligible(plan, end).order_by("pk").values_list("pk", flat=True))
            billed: list[int] = []
            for offset in range(0, len(ids), BATCH):
                batch = ids[offset : offset + BATCH]
                billed += _insert_items(
                    plan=plan,
                    period=plan_period,
                    due=due,
                    end=end,
                    code=code,
                    token=token,
                    low=batch[0],
                    high=batch[-1],
                )
                if on_progress:
                    on_progress(len(batch))
            created += len(billed)
            skipped += len(ids) - len(billed)
            if billed:
                todo.append((plan, plan_period, code, sorted(billed)))
        new_member_ids = {pk for *_, billed in todo for pk in billed}
        holders = credit_holders(new_member_ids)
        if holders:  # lock before the ledger chain lock (see services.common)
            list(
                Member.objects.select_for_update()
                .filter(pk__in=holders)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
        members = Member.objects.only("pk", "number").in_bulk(sorted(new_member_ids))
        for plan, plan_period, code, billed in todo:
            if not is_accrued_kind(plan.kind):
                continue  # simpanan wajib: tracked, posted when paid (billing.py)
            amount = plan.amount.amount
            entry = accrue(
                rows=[(member_id, amount) for member_id in billed],
                kind=plan.kind,
                code=code,
                period=plan_period,
                members=members,
                date=start,
                description=f"Tagihan {KIND_LABEL[plan.kind]} {plan.name} "
                f"periode {plan_period}",
                reference=f"{plan_period}/{plan.pk}",
                user=user,
            )
            OpenItem.objects.filter(run_token=token, plan=plan).update(entry=entry)
        if holders:
            credit_consume(member_ids=holders, date=start, user=user)
        audit_record(
            actor=user,
            action="dues.issued",
            after={"period": period, "created": created, "skipped": skipped},
        )
    return IssueResult(period=period, created=created, skipped=skipped)
