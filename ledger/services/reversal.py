"""Reversal: the only way to correct a posted entry is to post its mirror image."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.services import audit_record
from ledger.errors import AlreadyReversed, NotPosted
from ledger.models import EntrySource, EntryStatus, JournalEntry, Side
from ledger.services.posting import _entry_post
from ledger.services.sequences import _chain_lock
from ledger.services.validation import LineInput


def entry_reverse(
    *,
    entry: JournalEntry,
    user=None,
    date: dt.date | None = None,
    description: str | None = None,
) -> JournalEntry:
    """Correct a posted entry by posting its mirror image (debits and credits swapped).

    Args:
        entry: the posted entry to reverse.
        date: the reversal's date; today (Asia/Jakarta) when omitted.
        description: defaults to "Pembalikan <number>: <original description>".

    Returns:
        The reversing entry, linked to the original through ``reverses``.

    Raises:
        NotPosted, AlreadyReversed, PeriodLocked (for the reversal's date).
    """
    date = date or timezone.localdate()
    try:
        with transaction.atomic():
            _chain_lock()
            original = (
                JournalEntry.objects.select_for_update(of=("self",))
                .select_related("reverses")
                .get(pk=entry.pk)
            )
            if original.status != EntryStatus.POSTED:
                raise NotPosted("Hanya jurnal yang sudah diposting yang dapat dibalik.")
            if JournalEntry.objects.filter(reverses=original).exists():
                raise AlreadyReversed(f"Jurnal {original.number} sudah pernah dibalik.")
            mirror = [
                LineInput(
                    account=line.account,
                    **{"credit" if line.side == Side.DEBIT else "debit": line.amount},
                    member=line.member,
                    memo=line.memo,
                )
                for line in original.lines.select_related("account", "member")
            ]
            reversal = _entry_post(
                date=date,
                description=description
                or f"Pembalikan {original.number}: {original.description}",
                lines=mirror,
                source=EntrySource.REVERSAL,
                reference=original.number,
                user=user,
                reverses=original,
            )
            audit_record(
                actor=user,
                action="entry.reversed",
                target=original,
                after={"reversed_by": reversal.number},
            )
            return reversal
    except IntegrityError as exc:  # a concurrent reversal won the UNIQUE(reverses) race
        if JournalEntry.objects.filter(reverses_id=entry.pk).exists():
            raise AlreadyReversed(
                f"Jurnal {entry.number} sudah pernah dibalik."
            ) from exc
        raise
