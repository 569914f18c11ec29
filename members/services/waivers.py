"""Waiving what is outstanding on an open item, with a recorded reason."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from djmoney.money import Money

from audit.services import audit_record
from ledger import currency as cur
from ledger.chart import account_code
from ledger.models import EntrySource
from ledger.services import LineInput, entry_post
from members.errors import InvalidMember, ItemNotOpen
from members.models import ItemStatus, OpenItem
from members.services.common import lock_member, user_or_none


def item_waive(
    *, item: OpenItem, reason: str, date: dt.date | None = None, user=None
) -> OpenItem:
    """Waive what is outstanding on an open item, with a recorded reason.

    An accrued item (iuran) posts debit <the accrual's account> / credit 1-1310
    (member on both lines). Simpanan pokok/wajib not yet paid was never posted (it is
    not capital until paid), so waiving it posts nothing: the item is closed with the
    reason, who and when, and the audit record.

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
        entry = None
        if item.is_accrued:
            entry = entry_post(
                date=date,
                description=f"Penghapusan tagihan {memo} {member.number}: {reason}"[
                    :255
                ],
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
            after={"outstanding": "0", "entry": entry.number if entry else None},
            note=reason,
        )
    return item
