"""Members' capital is what members paid: taking billed-but-unpaid simpanan off the
ledger for items billed before that rule (issue 12).

Before, billing simpanan pokok/wajib posted Dr 1-1310 / Cr 3-1100 or 3-1200 at once,
so equity, "Simpanan saya" and the SHU capital base included simpanan nobody had paid.
Now billing posts nothing for them (``services.billing``). For an item billed the old
way and still open, ``unpaid_capital_unaccrue`` posts the reclassification through
the ledger (posted entries are never edited): Dr its capital account / Cr 1-1310, both
naming the member, for what is outstanding; the item stays open and is chased as
before, and is marked (``unaccrual_entry``) so that paying it now credits capital
directly. The per-member 1-1310 balance keeps equal to the accrued items' outstanding,
so ``verify_ledger`` stays green.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from ledger import currency as cur
from ledger.chart import account_code
from ledger.models import EntrySource
from ledger.services import LineInput, entry_post
from members.models import ItemKind, ItemStatus, Member, OpenItem
from members.models.dues import ACCRUED

BATCH = 500


def unpaid_capital_unaccrue(*, date: dt.date | None = None, user=None) -> int:
    """Take the unpaid part of old accrued simpanan items off capital (idempotent:
    items already handled are skipped).

    Args:
        date: the reclassification entries' date (today, Asia/Jakarta, by default).

    Returns:
        How many items were reclassified.

    Raises:
        PeriodLocked: ``date`` is in a locked month.
    """
    date = date or timezone.localdate()
    receivable = account_code("member_receivable")
    done = 0
    with transaction.atomic():
        candidates = (
            OpenItem.objects.filter(
                ACCRUED,
                status=ItemStatus.OPEN,
                kind__in=[ItemKind.POKOK, ItemKind.WAJIB],
            )
            .order_by("member_id")
            .values_list("member_id", flat=True)
            .distinct()
        )
        member_ids = list(candidates)
        if not member_ids:
            return 0
        # Lock order of the members app: members by pk, their items, then the chain.
        members = {
            member.pk: member
            for member in Member.objects.select_for_update()
            .filter(pk__in=member_ids)
            .order_by("pk")
        }
        items = [
            item
            for item in OpenItem.objects.select_for_update()
            .filter(
                ACCRUED,
                status=ItemStatus.OPEN,
                kind__in=[ItemKind.POKOK, ItemKind.WAJIB],
            )
            .order_by("member_id", "pk")
            if item.outstanding > 0
        ]
        for offset in range(0, len(items), BATCH):
            batch = items[offset : offset + BATCH]
            lines: list[LineInput] = []
            for item in batch:
                member = members[item.member_id]
                memo = f"{item.kind} {item.period}".strip()
                lines += [
                    LineInput(
                        account=item.account_code,
                        debit=item.outstanding,
                        member=member,
                        memo=memo,
                    ),
                    LineInput(
                        account=receivable,
                        credit=item.outstanding,
                        member=member,
                        memo=memo,
                    ),
                ]
            entry = entry_post(
                date=date,
                description="Simpanan belum dibayar bukan modal: reklasifikasi "
                "tagihan lama (modal dicatat saat dibayar)",
                lines=lines,
                source=EntrySource.DUES,
                reference="modal-dibayar",
                user=user,
            )
            OpenItem.objects.filter(pk__in=[item.pk for item in batch]).update(
                unaccrual_entry=entry
            )
            audit_record(
                actor=user,
                action="open_items.unaccrued",
                target=entry,
                after={
                    "items": len(batch),
                    "amount": cur.plain(sum(item.outstanding for item in batch)),
                    "entry": entry.number,
                },
            )
            done += len(batch)
    return done
