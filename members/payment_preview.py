"""What a payment would do before it is recorded: which open items it settles and
what is left over as credit.

Invariants:
    - the split is computed by ``members.services.settlement.settle``, the very
      function ``payment_record`` uses, over the same items in the same order (due
      date, then pokok, wajib, iuran, then id) and with the member's credit added, so
      the preview and the posted payment cannot disagree (short of a concurrent
      payment, which ``payment_record`` settles under its lock);
    - nothing is written and nothing is locked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from members.models import Member, OpenItem
from members.selectors import member_credit, member_open_items
from members.services.settlement import settle

ZERO = Decimal(0)


@dataclass(frozen=True)
class PreviewLine:
    """One open item and the part of the payment that would settle it."""

    item: OpenItem
    outstanding: Decimal
    settled: Decimal
    age_days: int

    @property
    def remaining(self) -> Decimal:
        return self.outstanding - self.settled

    @property
    def is_settled(self) -> bool:
        return self.settled > 0 and self.remaining == 0


@dataclass(frozen=True)
class PaymentPreview:
    member: Member
    amount: Decimal
    credit: Decimal
    lines: list[PreviewLine]
    owed: Decimal
    settled: Decimal
    overpaid: Decimal
    overpayment_to: str

    @property
    def remaining_owed(self) -> Decimal:
        return self.owed - self.settled

    @property
    def suggested_amount(self) -> Decimal:
        """What settles everything, net of the credit the member already holds."""
        return max(self.owed - self.credit, ZERO)


def payment_preview(
    *, member: Member, amount: Decimal | None, as_of: dt.date
) -> PaymentPreview:
    """Split ``amount`` (plus the member's credit) over their open items, oldest
    first, as ``payment_record`` would; ``amount=None`` previews the amount that
    settles everything (what is owed net of the member's credit).

    Args:
        member: who pays.
        amount: whole rupiah (validated by the caller) or None.
        as_of: the day item ages are counted from.

    Returns:
        PaymentPreview with one line per open item (settled zero when the amount
        does not reach it), the total owed, what would be settled and the overpayment.
    """
    items = list(member_open_items(member=member))
    credit = member_credit(member=member)
    if amount is None:
        owed = sum((item.outstanding_amount for item in items), ZERO)
        amount = max(owed - credit, ZERO)
    paid = amount
    plan = {
        item.pk: part
        for item, part in settle(items=items, available=paid + credit if paid else ZERO)
    }
    lines = [
        PreviewLine(
            item=item,
            outstanding=item.outstanding_amount,
            settled=plan.get(item.pk, ZERO),
            age_days=max((as_of - item.due_date).days, 0),
        )
        for item in items
    ]
    settled = sum(plan.values(), ZERO)
    credit_used = min(credit, settled) if paid else ZERO
    return PaymentPreview(
        member=member,
        amount=paid,
        credit=credit,
        lines=lines,
        owed=sum((line.outstanding for line in lines), ZERO),
        settled=settled,
        overpaid=paid + credit_used - settled if paid else ZERO,
        overpayment_to=settings.ESTAMA_OVERPAYMENT_TO,
    )
