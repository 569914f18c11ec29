"""Posting: turning validated lines into a numbered, hashed, posted entry.

Every money movement in Estama ends in ``entry_post``. A draft can also be saved first
(``entry_draft_create``) and posted later (``entry_draft_post``).

Each service runs in ``transaction.atomic()``, deliberately not ``durable=True``: the
API's idempotency layer wraps a service call and the record of its response in one
transaction, so that "posted" and "remembered as posted" commit together.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Sequence as Seq
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone
from djmoney.money import Money

from audit.services import audit_record
from ledger.errors import AlreadyPosted
from ledger.hashing import GENESIS, entry_hash
from ledger.models import (
    AccountPeriodTotal,
    EntrySource,
    EntryStatus,
    JournalEntry,
    JournalLine,
    Side,
)
from ledger.services.sequences import CHAIN_KEY, entry_number, sequence_next
from ledger.services.validation import (
    LineInput,
    _check_balanced,
    _check_date,
    _check_description,
    _check_period_open,
    _Line,
    _resolve_lines,
)


def _post_locked(
    entry: JournalEntry, lines: list[JournalLine], *, user, chain_seq: int
) -> JournalEntry:
    """Number, hash and post a draft whose lines are saved.

    The caller took ``chain_seq`` from the chain counter, which holds its lock."""
    prev_hash = (
        JournalEntry.objects.filter(chain_seq=chain_seq - 1)
        .values_list("hash", flat=True)
        .first()
        or GENESIS
    )
    year = entry.date.year
    seq = sequence_next(key=f"ledger:entry:{year}")
    entry.fiscal_year = year
    entry.seq = seq
    entry.number = entry_number(year=year, seq=seq)
    entry.chain_seq = chain_seq
    entry.posted_by = user if getattr(user, "is_authenticated", False) else None
    entry.posted_at = timezone.now()
    entry.prev_hash = prev_hash
    entry.hash = entry_hash(entry, lines, prev_hash=prev_hash)
    entry.status = EntryStatus.POSTED
    entry.save(
        update_fields=[
            "fiscal_year",
            "seq",
            "number",
            "chain_seq",
            "posted_by",
            "posted_at",
            "prev_hash",
            "hash",
            "status",
        ]
    )
    _totals_add(entry.date, lines)
    audit_record(
        actor=user,
        action="entry.posted",
        target=entry,
        after={"number": entry.number, "hash": entry.hash, "source": entry.source},
    )
    return entry


def _totals_add(date: dt.date, lines: Iterable[JournalLine]) -> None:
    sums: dict[tuple[int, str], list[Decimal]] = defaultdict(
        lambda: [Decimal(0), Decimal(0)]
    )
    for line in lines:
        bucket = sums[(line.account_id, str(line.amount.currency))]
        bucket[0 if line.side == Side.DEBIT else 1] += line.amount.amount
    if not sums:
        return
    # One upsert for all accounts of the entry (ON CONFLICT ... DO UPDATE works on
    # PostgreSQL and SQLite alike).
    table = connection.ops.quote_name(AccountPeriodTotal._meta.db_table)
    rows = sorted(sums.items())
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(rows))
    params: list = []
    for (account_id, code), (debit, credit) in rows:
        params += [account_id, date.year, date.month, code, debit, credit]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (account_id, year, month, currency, debit, credit) "
            f"VALUES {values} ON CONFLICT (account_id, year, month, currency) "
            f"DO UPDATE SET debit = {table}.debit + excluded.debit, "
            f"credit = {table}.credit + excluded.credit",
            params,
        )


def _build_lines(entry: JournalEntry, resolved: list[_Line]) -> list[JournalLine]:
    objs = [
        JournalLine(
            entry=entry,
            account=line.account,
            side=line.side,
            amount=Money(line.amount, line.currency),
            member=line.member,
            memo=line.memo[:255],
        )
        for line in resolved
    ]
    created = JournalLine.objects.bulk_create(objs)
    if any(line.pk is None for line in created):  # backends without RETURNING
        created = list(entry.lines.select_related("account", "member"))
    return created


def entry_post(
    *,
    date: dt.date,
    description: str,
    lines: Seq[LineInput],
    source: str = EntrySource.MANUAL,
    reference: str = "",
    user=None,
) -> JournalEntry:
    """Record and post a balanced journal entry in one step.

    Args:
        date: the accounting date; its month must not be locked.
        description: what happened, as it will read in the ledger.
        lines: two or more ``LineInput``; debits equal credits per currency.
        source: which part of Estama produced it (``EntrySource``).
        reference: the document it comes from (receipt, invoice number...).
        user: who posts it (recorded, audited).

    Returns:
        The posted entry with its number and hash.

    Raises:
        TooFewLines, InvalidLine, InvalidAmount, InvalidAccount, InvalidCurrency,
        UnbalancedEntry, InvalidDate, PeriodLocked.
    """
    return _entry_post(
        date=date,
        description=description,
        lines=lines,
        source=source,
        reference=reference,
        user=user,
        reverses=None,
    )


def _entry_post(
    *,
    date: dt.date,
    description: str,
    lines: Seq[LineInput],
    source: str,
    reference: str,
    user,
    reverses: JournalEntry | None,
) -> JournalEntry:
    """``entry_post`` plus the link to a reversed entry (only ``entry_reverse`` sets
    it, with mirror lines it builds itself)."""
    _check_date(date)
    description = _check_description(description)
    resolved = _resolve_lines(lines)
    _check_balanced(resolved)
    with transaction.atomic():
        # Taking the next chain position locks the chain: posting is serialised from
        # here, and a failure below rolls the position back (no gap).
        chain_seq = sequence_next(key=CHAIN_KEY)
        _check_period_open(date)
        entry = JournalEntry.objects.create(
            date=date,
            description=description[:255],
            source=source,
            reference=reference[:100],
            created_by=user if getattr(user, "is_authenticated", False) else None,
            reverses=reverses,
        )
        created = _build_lines(entry, resolved)
        return _post_locked(entry, created, user=user, chain_seq=chain_seq)


def entry_draft_create(
    *,
    date: dt.date,
    description: str,
    lines: Seq[LineInput],
    source: str = EntrySource.MANUAL,
    reference: str = "",
    user=None,
) -> JournalEntry:
    """Save an entry as a draft (no number, not in any balance). Lines are checked for
    shape, amounts and accounts; balance and period are checked when it is posted."""
    _check_date(date)
    description = _check_description(description)
    resolved = _resolve_lines(lines)
    with transaction.atomic():
        entry = JournalEntry.objects.create(
            date=date,
            description=description[:255],
            source=source,
            reference=reference[:100],
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        _build_lines(entry, resolved)
        audit_record(actor=user, action="entry.drafted", target=entry)
    return entry


def entry_draft_post(*, entry: JournalEntry, user=None) -> JournalEntry:
    """Post a draft: re-validate its lines, then number, hash and post it.

    Raises:
        AlreadyPosted, plus everything ``entry_post`` raises.
    """
    with transaction.atomic():
        chain_seq = sequence_next(key=CHAIN_KEY)
        entry = JournalEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status != EntryStatus.DRAFT:
            raise AlreadyPosted(f"Jurnal {entry.number} sudah diposting.")
        _check_date(entry.date)
        _check_description(entry.description)
        lines = list(entry.lines.select_related("account", "member"))
        resolved = _resolve_lines(
            [
                LineInput(
                    account=line.account,
                    **{"debit" if line.side == Side.DEBIT else "credit": line.amount},
                    member=line.member,
                    memo=line.memo,
                )
                for line in lines
            ]
        )
        _check_balanced(resolved)
        _check_period_open(entry.date)
        return _post_locked(entry, lines, user=user, chain_seq=chain_seq)
