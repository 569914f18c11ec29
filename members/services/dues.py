"""Billing: the pokok on activation, dues plans, issuing a period, waivers, and
consuming member credit when new items are billed.

Issuing a period inserts one open item per eligible member per plan with
``INSERT ... SELECT ... ON CONFLICT DO NOTHING`` against the UNIQUE (member, bill key,
period) constraint, tagging the rows with a fresh run token: the rows returned (and
carrying the token) are exactly the ones this run created, so the accrual (ONE entry
per plan per period, one receivable line per member) covers them and nothing else. A
concurrent run of the same period waits on the constraint and then creates nothing.

Lock order: members with credit are locked before the accrual is posted (the ledger
chain lock), as everywhere in this app (see ``services.common``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from djmoney.money import Money

from audit.services import audit_record
from ledger import currency as cur
from ledger.chart import account_code
from ledger.models import EntrySource
from ledger.services import LineInput, entry_post, month_bounds
from members.accounts import accrual_credit_code, member_credit_code
from members.errors import InvalidMember, ItemNotOpen
from members.models import (
    AllocationSource,
    DuesFrequency,
    DuesKind,
    DuesPlan,
    ItemKind,
    ItemStatus,
    Member,
    MemberCategory,
    MemberStatus,
    OpenItem,
)
from members.models.dues import KIND_ORDER
from members.services.common import (
    ZERO,
    due_date_for,
    lock_member,
    member_line_balances,
    parse_period,
    user_or_none,
)
from members.services.settlement import (
    allocations_apply,
    locked_open_items,
    receivable_lines,
    settle,
)

BATCH = 2000
KIND_LABEL = {"pokok": "simpanan pokok", "wajib": "simpanan wajib", "iuran": "iuran"}


@dataclass(frozen=True)
class IssueResult:
    period: str
    created: int
    skipped: int


def dues_plan_create(
    *,
    name: str,
    kind: str,
    amount: Decimal,
    frequency: str = DuesFrequency.MONTHLY,
    category: str = "",
    user=None,
) -> DuesPlan:
    """Create a dues plan: iuran or wajib, monthly or annual, one or all categories.

    Raises:
        InvalidMember: an unknown kind, frequency or category, or a bad amount.
    """
    errors = {}
    if kind not in DuesKind.values:
        errors["kind"] = ["Use iuran or wajib."]
    if frequency not in DuesFrequency.values:
        errors["frequency"] = ["Use monthly or annual."]
    if category and category not in MemberCategory.values:
        errors["category"] = ["Unknown category."]
    if amount is None or amount <= 0 or not cur.is_exact(amount, "IDR"):
        errors["amount"] = ["A positive whole-rupiah amount is required."]
    if not (name or "").strip():
        errors["name"] = ["Required."]
    elif DuesPlan.objects.filter(name=name.strip()).exists():
        errors["name"] = ["A plan with this name exists."]
    if errors:
        raise InvalidMember("Rencana iuran tidak valid.", errors=errors)
    with transaction.atomic():
        plan = DuesPlan.objects.create(
            name=name.strip(),
            kind=kind,
            amount=Money(amount, "IDR"),
            frequency=frequency,
            category=category or "",
        )
        audit_record(
            actor=user,
            action="dues_plan.created",
            target=plan,
            after={"name": plan.name, "kind": kind, "amount": cur.plain(amount)},
        )
    return plan


def _accrue(
    *,
    rows: list[tuple[int, Decimal]],
    kind: str,
    code: str,
    period: str,
    members: dict[int, Member],
    date: dt.date,
    description: str,
    reference: str,
    user,
):
    """Post ONE accrual entry for ``rows`` of (member id, amount): a debit on 1-1310
    per member; a credit per member on pokok/wajib (member money), or one total
    credit on dues revenue for iuran (revenue lines need no member)."""
    memo = f"{kind} {period}".strip()
    receivable = account_code("member_receivable")
    lines = [
        LineInput(
            account=receivable, debit=amount, member=members[member_id], memo=memo
        )
        for member_id, amount in rows
    ]
    if kind == ItemKind.IURAN:
        total = sum((amount for _, amount in rows), ZERO)
        lines.append(LineInput(account=code, credit=total, memo=memo))
    else:
        lines.extend(
            LineInput(account=code, credit=amount, member=members[member_id], memo=memo)
            for member_id, amount in rows
        )
    return entry_post(
        date=date,
        description=description,
        lines=lines,
        source=EntrySource.DUES,
        reference=reference,
        user=user,
    )


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


def credit_consume(*, member_ids: list[int], date: dt.date, user=None) -> int:
    """Settle open items of ``member_ids`` from their member credit (2-1230), oldest
    first, in one entry. The caller holds the members' locks. Returns how many
    members' credit was used."""
    code = member_credit_code()
    credits = {
        member_id: net
        for (member_id, _), net in member_line_balances(
            member_ids=member_ids, codes=[code]
        ).items()
        if net > 0
    }
    if not credits:
        return 0
    items = locked_open_items(member_ids=sorted(credits))
    by_member: dict[int, list[OpenItem]] = {}
    for item in items:
        by_member.setdefault(item.member_id, []).append(item)
    members = Member.objects.in_bulk(sorted(credits))
    lines: list[LineInput] = []
    plans = []
    for member_id, credit in sorted(credits.items()):
        plan = settle(items=by_member.get(member_id, []), available=credit)
        used = sum((amount for _, amount in plan), ZERO)
        if not used:
            continue
        member = members[member_id]
        lines.append(LineInput(account=code, debit=used, member=member))
        lines.extend(receivable_lines(member=member, plan=plan))
        plans.extend(plan)
    if not lines:
        return 0
    entry = entry_post(
        date=date,
        description="Pemakaian titipan anggota untuk tagihan",
        lines=lines,
        source=EntrySource.PAYMENTS,
        user=user,
    )
    allocations_apply(plan=plans, source=AllocationSource.CREDIT, entry=entry)
    return len({item.member_id for item, _ in plans})


def _credit_holders(member_ids: set[int]) -> list[int]:
    balances = member_line_balances(member_ids=None, codes=[member_credit_code()])
    return sorted(
        member_id
        for (member_id, _), net in balances.items()
        if net > 0 and member_id in member_ids
    )


def pokok_bill(*, members: list[Member], date: dt.date, user=None) -> int:
    """Bill the one-off simpanan pokok to ``members`` (at most once per member: the
    UNIQUE constraint skips those billed before) in ONE accrual entry.

    The caller holds the members' locks. Returns how many were billed now."""
    amount = Decimal(settings.ESTAMA_POKOK_AMOUNT)
    if amount <= 0 or not members:
        return 0
    token = uuid.uuid4().hex
    code = accrual_credit_code("pokok")
    OpenItem.objects.bulk_create(
        [
            OpenItem(
                member=member,
                kind=ItemKind.POKOK,
                kind_order=KIND_ORDER[ItemKind.POKOK],
                bill_key="pokok",
                period="",
                due_date=date,
                amount=Money(amount, "IDR"),
                account_code=code,
                run_token=token,
            )
            for member in members
        ],
        ignore_conflicts=True,
    )
    billed = sorted(
        OpenItem.objects.filter(run_token=token).values_list("member_id", flat=True)
    )
    if not billed:
        return 0
    by_id = {member.pk: member for member in members}
    single = by_id[billed[0]] if len(billed) == 1 else None
    entry = _accrue(
        rows=[(member_id, amount) for member_id in billed],
        kind=ItemKind.POKOK,
        code=code,
        period="",
        members=by_id,
        date=date,
        description=f"Simpanan pokok {single.number} {single.name}"
        if single
        else f"Simpanan pokok {len(billed)} anggota baru",
        reference=single.number if single else "",
        user=user,
    )
    OpenItem.objects.filter(run_token=token).update(entry=entry)
    credit_consume(member_ids=billed, date=date, user=user)
    return len(billed)


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
        holders = _credit_holders(new_member_ids)
        if holders:  # lock before the ledger chain lock (see services.common)
            list(
                Member.objects.select_for_update()
                .filter(pk__in=holders)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
        members = Member.objects.only("pk", "number").in_bulk(sorted(new_member_ids))
        for plan, plan_period, code, billed in todo:
            amount = plan.amount.amount
            entry = _accrue(
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


def item_waive(
    *, item: OpenItem, reason: str, date: dt.date | None = None, user=None
) -> OpenItem:
    """Waive what is outstanding on an open item, with a recorded reason.

    Posts debit <the accrual's account> / credit 1-1310 (member on both lines).

    Raises:
        InvalidMember: no reason given.
        ItemNotOpen: nothing is outstanding.
    """
    if not (reason or "").strip():
        raise InvalidMember(
            "Alasan penghapusan wajib diisi.", errors={"reason": ["Required."]}
        )
    date = date or timezone.localdate()
    with transaction.atomic():
        member = lock_member(item.member)
        item = OpenItem.objects.select_for_update().get(pk=item.pk)
        outstanding = item.outstanding
        if item.status != ItemStatus.OPEN or outstanding <= 0:
            raise ItemNotOpen(
                "Tagihan ini tidak memiliki sisa yang dapat dihapuskan.",
                errors={"item": ["Nothing outstanding."]},
            )
        memo = f"{item.kind} {item.period}".strip()
        entry = entry_post(
            date=date,
            description=f"Penghapusan tagihan {memo} {member.number}: {reason}"[:255],
            lines=[
                LineInput(
                    account=item.account_code,
                    debit=outstanding,
                    member=member,
                    memo=memo,
                ),
                LineInput(
                    account=account_code("member_receivable"),
                    credit=outstanding,
                    member=member,
                    memo=memo,
                ),
            ],
            source=EntrySource.DUES,
            reference=member.number,
            user=user,
        )
        item.waived = Money(item.waived.amount + outstanding, "IDR")
        item.status = ItemStatus.WAIVED
        item.waive_reason = reason.strip()[:255]
        item.waived_by = user_or_none(user)
        item.waived_at = timezone.now()
        item.waive_entry = entry
        item.save(
            update_fields=[
                "waived",
                "status",
                "waive_reason",
                "waived_by",
                "waived_at",
                "waive_entry",
            ]
        )
        audit_record(
            actor=user,
            action="open_item.waived",
            target=item,
            before={"outstanding": cur.plain(outstanding)},
            after={"outstanding": "0", "entry": entry.number},
            note=reason,
        )
    return item
