"""Billing members: the accrual entry of new iuran items, the one-off simpanan
pokok, and consuming member credit when new items are billed.

Members' capital is what members paid: billing simpanan pokok or wajib creates the
tracked open item only and posts nothing; the payment (or member credit used) posts
it, Dr cash or 2-1230 / Cr 3-1100 or 3-1200 with the member. Iuran, a fee, is
accrued as revenue when billed: Dr 1-1310 per member / Cr 4-1400.

Lock order: the caller holds the members' locks before anything here posts (the
ledger chain lock), as everywhere in this app (see ``services.common``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.conf import settings
from djmoney.money import Money

from ledger.chart import account_code
from ledger.models import EntrySource
from ledger.services import LineInput, entry_post
from members.accounts import accrual_credit_code, member_credit_code
from members.models import AllocationSource, ItemKind, Member, OpenItem
from members.models.dues import KIND_ORDER
from members.services.common import ZERO, member_line_balances
from members.services.settlement import (
    allocations_apply,
    locked_open_items,
    receivable_lines,
    settle,
)


def is_accrued_kind(kind: str) -> bool:
    """Whether billing an item of ``kind`` posts it (iuran) or only tracks it
    (simpanan pokok and wajib: capital counts once paid)."""
    return kind == ItemKind.IURAN


def accrue(
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
    """Post ONE accrual entry of iuran for ``rows`` of (member id, amount): a debit
    on 1-1310 per member and one total credit on dues revenue ``code`` (revenue lines
    need no member)."""
    if not is_accrued_kind(kind):
        raise ValueError(f"{kind} items are not posted when billed")
    memo = f"{kind} {period}".strip()
    receivable = account_code("member_receivable")
    lines = [
        LineInput(
            account=receivable, debit=amount, member=members[member_id], memo=memo
        )
        for member_id, amount in rows
    ]
    total = sum((amount for _, amount in rows), ZERO)
    lines.append(LineInput(account=code, credit=total, memo=memo))
    return entry_post(
        date=date,
        description=description,
        lines=lines,
        source=EntrySource.DUES,
        reference=reference,
        user=user,
    )


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


def credit_holders(member_ids: set[int]) -> list[int]:
    balances = member_line_balances(member_ids=None, codes=[member_credit_code()])
    return sorted(
        member_id
        for (member_id, _), net in balances.items()
        if net > 0 and member_id in member_ids
    )


def pokok_bill(*, members: list[Member], date: dt.date, user=None) -> int:
    """Bill the one-off simpanan pokok to ``members`` (at most once per member: the
    UNIQUE constraint skips those billed before). Nothing is posted: the pokok
    becomes capital when paid (member credit held is used at once).

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
    credit_consume(member_ids=billed, date=date, user=user)
    return len(billed)
