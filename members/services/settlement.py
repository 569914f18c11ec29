"""Settling open items: oldest first (due date, then pokok, wajib, iuran, then id).

What a settlement credits follows the item: an accrued item (iuran) clears the member
receivable 1-1310; a simpanan pokok/wajib item, never posted when billed, becomes
capital only now, so its part credits the item's capital account (3-1100/3-1200 or
the liability twins) with the member. The caller holds the member lock and the locks
of the items it passes.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import F
from django.utils import timezone
from djmoney.money import Money

from ledger.chart import account_code
from ledger.models import JournalEntry
from ledger.services import LineInput
from members.models import Allocation, ItemStatus, Member, OpenItem, Payment
from members.models.dues import KIND_ORDER

ZERO = Decimal(0)


def locked_open_items(*, member_ids: list[int]) -> list[OpenItem]:
    """Lock the members' open items in pk order; return them in settlement order."""
    items = list(
        OpenItem.objects.select_for_update()
        .filter(member_id__in=member_ids, status=ItemStatus.OPEN)
        .order_by("pk")
    )
    items.sort(key=lambda item: (item.due_date, KIND_ORDER[item.kind], item.pk))
    return items


def settle(
    *, items: list[OpenItem], available: Decimal
) -> list[tuple[OpenItem, Decimal]]:
    """Split ``available`` over ``items`` in order; partial on the last one."""
    plan: list[tuple[OpenItem, Decimal]] = []
    for item in items:
        if available <= 0:
            break
        part = min(item.outstanding, available)
        if part > 0:
            plan.append((item, part))
            available -= part
    return plan


def receivable_lines(
    *, member: Member, plan: list[tuple[OpenItem, Decimal]]
) -> list[LineInput]:
    """Credit lines for what ``plan`` settles, one per item: on 1-1310 for an accrued
    item, on the item's capital account otherwise (see the module docstring)."""
    receivable = account_code("member_receivable")
    return [
        LineInput(
            account=receivable if item.is_accrued else item.account_code,
            credit=amount,
            member=member,
            memo=f"{item.kind} {item.period}".strip(),
        )
        for item, amount in plan
    ]


def allocations_apply(
    *,
    plan: list[tuple[OpenItem, Decimal]],
    source: str,
    entry: JournalEntry,
    payment: Payment | None = None,
) -> None:
    """Record the allocations of a posted entry and update the items' paid/status."""
    rows = []
    settled, partial = [], []
    for item, amount in plan:
        item.paid = Money(item.paid.amount + amount, item.paid.currency)
        if item.outstanding == 0:
            item.status = ItemStatus.PAID
            settled.append(item.pk)
        else:
            partial.append(item)
        rows.append(
            Allocation(
                item=item,
                payment=payment,
                source=source,
                amount=Money(amount, "IDR"),
                entry=entry,
            )
        )
    if settled:  # open items carry no waiver, so settled means paid == amount
        OpenItem.objects.filter(pk__in=settled).update(
            paid=F("amount"), status=ItemStatus.PAID
        )
    for item in partial:
        item.save(update_fields=["paid"])
    Allocation.objects.bulk_create(rows)


def items_close_unaccrued(*, items: list[OpenItem], reason: str, user=None) -> None:
    """Close unpaid simpanan items that were never posted (not accrued): the unpaid
    rest is waived with ``reason``; nothing to post, since it never was capital.
    The caller holds the locks and writes the audit record of the act."""
    now = timezone.now()
    waived_by = user if getattr(user, "is_authenticated", False) else None
    for item in items:
        if item.is_accrued or item.outstanding <= 0:
            continue
        item.waived = Money(item.waived.amount + item.outstanding, "IDR")
        item.status = ItemStatus.WAIVED
        item.waive_reason = reason[:255]
        item.waived_by = waived_by
        item.waived_at = now
        item.save(
            update_fields=["waived", "status", "waive_reason", "waived_by", "waived_at"]
        )
