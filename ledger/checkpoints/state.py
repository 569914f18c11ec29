"""The state a checkpoint records, read in one consistent moment."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from audit.models import GENESIS, AuditChainHead, AuditEvent
from ledger.locking import chain_lock
from ledger.models import AccountPeriodTotal, EntryStatus, JournalEntry, Sequence

ZERO = Decimal(0)

# (account code, currency) -> (debit, credit)
Totals = dict[tuple[str, str], tuple[Decimal, Decimal]]


@dataclass(frozen=True)
class LedgerState:
    chain_seq: int = 0
    last_number: str | None = None
    head_hash: str = GENESIS
    year_seqs: dict[int, int] = field(default_factory=dict)
    audit_seq: int = 0
    audit_hash: str = GENESIS
    totals: Totals = field(default_factory=dict)


def maintained_totals() -> Totals:
    """Per account and currency, the sum of the maintained monthly totals."""
    rows = (
        AccountPeriodTotal.objects.values("account__code", "currency")
        .annotate(debit=Sum("debit"), credit=Sum("credit"))
        .order_by()
    )
    return {
        (row["account__code"], row["currency"]): (
            row["debit"] or ZERO,
            row["credit"] or ZERO,
        )
        for row in rows
    }


def _read() -> LedgerState:
    head = (
        JournalEntry.objects.filter(status=EntryStatus.POSTED)
        .order_by("-chain_seq")
        .values_list("chain_seq", "number", "hash")
        .first()
    )
    audit = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first() or (
        0,
        GENESIS,
    )
    years = {
        int(key.rsplit(":", 1)[1]): value
        for key, value in Sequence.objects.filter(
            key__startswith="ledger:entry:"
        ).values_list("key", "last_value")
        if key.rsplit(":", 1)[1].isdigit()
    }
    chain_seq, number, digest = head or (0, None, GENESIS)
    return LedgerState(
        chain_seq=chain_seq,
        last_number=number,
        head_hash=digest,
        year_seqs=years,
        audit_seq=audit[0],
        audit_hash=audit[1],
        totals=maintained_totals(),
    )


def ledger_state(*, lock: bool = True) -> LedgerState:
    """The current state. With ``lock`` (the default) the ledger chain lock and the
    audit head lock are taken (in that order, for a few milliseconds) so nothing is
    posted or audited between the reads; without it the caller's transaction must
    already be a consistent snapshot."""
    if not lock:
        return _read()
    with transaction.atomic():
        chain_lock()
        list(AuditChainHead.objects.select_for_update().filter(pk=1).values_list("pk"))
        return _read()
