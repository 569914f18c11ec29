"""Reads behind the member's own pages, in plain language: what they paid into
their simpanan, their bills by period, their payments with what each settled.

Invariants:
    - everything is filtered by the member passed in (the logged-in member; never
      from the URL);
    - descriptions are built from the member's own rows (kind and period of a bill,
      a receipt number), never from a journal entry's narration, which may describe
      a bulk entry for many members;
    - a fixed number of queries per call, however long the member's history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from members.models import (
    Allocation,
    ItemKind,
    Member,
    OpenItem,
    Payment,
    ShareTransaction,
)
from members.selectors import OUTSTANDING

ZERO = Decimal(0)


@dataclass(frozen=True)
class ShareMovement:
    date: dt.date
    kind: str  # pokok | wajib | sukarela
    period: str
    amount: Decimal  # positive in, negative out


def share_history(*, member: Member, limit: int = 10) -> list[ShareMovement]:
    """The member's latest movements of simpanan: pokok and wajib paid (what their
    payments settled on those bills) and sukarela deposits and withdrawals; newest
    first. Two queries."""
    paid = (
        Allocation.objects.filter(
            item__member=member, item__kind__in=[ItemKind.POKOK, ItemKind.WAJIB]
        )
        .select_related("item", "entry")
        .order_by("-entry__date", "-id")[:limit]
    )
    moves = [
        ShareMovement(a.entry.date, a.item.kind, a.item.period, a.amount.amount)
        for a in paid
    ]
    for row in ShareTransaction.objects.filter(member=member).order_by("-date", "-id")[
        :limit
    ]:
        sign = 1 if row.direction == "deposit" else -1
        moves.append(ShareMovement(row.date, "sukarela", "", sign * row.amount.amount))
    moves.sort(key=lambda move: move.date, reverse=True)
    return moves[:limit]


def member_bills(*, member: Member) -> QuerySet[OpenItem]:
    """Every bill of the member (open, paid, waived), newest period first, with
    ``outstanding_amount``."""
    return (
        OpenItem.objects.filter(member=member)
        .annotate(outstanding_amount=OUTSTANDING)
        .order_by("-due_date", "kind_order", "-id")
    )


def member_payments(*, member: Member) -> QuerySet[Payment]:
    """The member's payments, newest first, each with the bills it settled
    (``allocations`` prefetched with their items)."""
    return (
        Payment.objects.filter(member=member)
        .prefetch_related(
            Prefetch(
                "allocations",
                queryset=Allocation.objects.select_related("item").order_by(
                    "item__due_date", "id"
                ),
            )
        )
        .order_by("-date", "-id")
    )
