"""Posting: turning validated lines into a numbered, hashed, posted entry.

Every money movement in Estama ends in ``entry_post``. A draft can also be saved first
(``entry_draft_create``) and posted later (``entry_draft_post``).

Each service runs in ``transaction.atomic()``, deliberately not ``durable=True``: the
API's idempotency layer wraps a service call and the record of its response in one
transaction, so that "posted" and "remembered as posted" commit together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence as Seq

from django.db import connection, transaction
from django.utils import timezone
from djmoney.money import Money

from audit.services import audit_record
from ledger.errors import AlreadyPosted
from ledger.hashing import entry_hash
from ledger.models import (
    Account,
    EntrySource,
    EntryStatus,
    JournalEntry,
    JournalLine,
    Side,
)
from ledger.services import chain
from ledger.services.sequences import _chain_lock, entry_number
from ledger.services.validation import (
    LineInput,
    _check_balanced,
    _check_date,
    _check_description,
    _check_period_open,
    _Line,
    _resolve_lines,
    chart_forget,
)


def _posted_by(user):
    return user if getattr(user, "is_authenticated", False) else None


def _line_objects(entry_id: int, date: dt.date, resolved: list[_Line]):
    return [
        JournalLine(
            entry_id=entry_id,
            account=line.account,
            side=line.side,
            amount=Money(line.amount, line.currency),
            member=line.member,
            memo=line.memo[:255],
            date=date,
        )
        for line in resolved
    ]


class _StaleChart(Exception):
    """An account changed since this process cached the chart."""


def _write_lines_and_advance(date: dt.date, resolved: list[_Line]):
    """Reserve the entry's id, write its lines and take the chain position.

    On PostgreSQL this is one statement (a WITH of the id, the line insert and the
    counter update), which also re-checks each account in the database (the chart may
    be cached); the lines' own work is done by the time the counters are locked.
    Returns (lines, ChainStart).
    """
    years = {date.year: 1}
    if connection.vendor != "postgresql":
        [entry_id] = chain.reserve_ids(JournalEntry, 1)
        lines = JournalLine.objects.bulk_create(_line_objects(entry_id, date, resolved))
        return lines, chain.chain_advance(years=years)
    line_table = connection.ops.quote_name(JournalLine._meta.db_table)
    account_table = connection.ops.quote_name(Account._meta.db_table)
    values = ", ".join(
        ["(%s::int, %s::bigint, %s, %s::numeric, %s, %s::bigint, %s)"] * len(resolved)
    )
    params: list = [chain._pg_sequence(JournalEntry._meta.db_table), date]
    for index, line in enumerate(resolved):
        params += [
            index,
            line.account.pk,
            line.side,
            line.amount,
            line.currency,
            getattr(line.member, "pk", None),
            line.memo[:255],
        ]
    advance_sql, advance_params = chain.advance_statement(years)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH e AS (SELECT nextval(%s) AS id), "
            f"l AS (INSERT INTO {line_table} (entry_id, account_id, side, amount, "
            f"amount_currency, member_id, memo, date) "
            f"SELECT e.id, v.a, v.s, v.am, v.c, v.m, v.memo, %s::date "
            f"FROM e, (VALUES {values}) AS v(o, a, s, am, c, m, memo) "
            f"JOIN {account_table} acc ON acc.id = v.a AND acc.is_active "
            f"AND NOT acc.is_group AND acc.currency = v.c "
            f"ORDER BY v.o RETURNING id, entry_id), "
            f"c AS ({advance_sql}) "
            f"SELECT NULL::text, id, entry_id, NULL::text FROM l "
            f'UNION ALL SELECT "key", last_value, NULL::bigint, head_hash FROM c',
            params + advance_params,
        )
        fetched = cursor.fetchall()
    ids = sorted((row[1], row[2]) for row in fetched if row[0] is None)
    counters = [(row[0], row[1], row[3]) for row in fetched if row[0] is not None]
    if len(ids) != len(resolved):
        raise _StaleChart
    lines = _line_objects(ids[0][1], date, resolved)
    for line, (line_id, _) in zip(lines, ids, strict=True):
        line.pk = line_id
    return lines, chain.chain_advance(years=years, fetched=counters)


def _totals_increments(lines: Iterable[JournalLine]):
    return chain.totals_rows(
        (
            line.account_id,
            line.side,
            line.amount.amount,
            str(line.amount.currency),
            line.date,
        )
        for line in lines
    )


def _number(entry: JournalEntry, lines, *, user, start=None) -> None:
    """Take the chain position and number for ``entry`` (locks the chain until
    commit; ``start`` when the caller took it already) and fill in everything a
    posted entry carries, its hash last. ``lines`` may be a function giving them."""
    year = entry.date.year
    start = start or chain.chain_advance(years={year: 1})
    lines = lines() if callable(lines) else lines
    entry.fiscal_year = year
    entry.seq = start.year_seq[year] + 1
    entry.number = entry_number(year=year, seq=entry.seq)
    entry.chain_seq = start.chain_seq + 1
    entry.posted_by = _posted_by(user)
    entry.posted_at = entry.posted_at or timezone.now()
    entry.prev_hash = start.prev_hash
    entry.status = EntryStatus.POSTED
    entry.hash = entry_hash(entry, lines, prev_hash=start.prev_hash)


def _audit_posted(entry: JournalEntry, user) -> None:
    audit_record(
        actor=user,
        action="entry.posted",
        target=entry,
        after={"number": entry.number, "hash": entry.hash, "source": entry.source},
    )


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
    cached = connection.vendor == "postgresql"  # re-checked by the line insert
    try:
        return _post_once(
            date=date,
            description=description,
            resolved=_resolve_lines(lines, cached=cached),
            source=source,
            reference=reference,
            user=user,
            reverses=reverses,
        )
    except _StaleChart:
        chart_forget()
    return _post_once(
        date=date,
        description=description,
        resolved=_resolve_lines(lines),
        source=source,
        reference=reference,
        user=user,
        reverses=reverses,
    )


_PATCHED = ("id", "number", "fiscal_year", "seq", "chain_seq", "prev_hash", "hash")


def _post_once(*, date, description, resolved, source, reference, user, reverses):
    _check_balanced(resolved)
    entry = JournalEntry(
        date=date,
        description=description[:255],
        source=source,
        reference=reference[:100],
        created_by=_posted_by(user),
        reverses=reverses,
        posted_by=_posted_by(user),
        posted_at=timezone.now(),
        status=EntryStatus.POSTED,
    )
    # Everything that does not depend on the chain position is prepared before the
    # lock: the entry's INSERT (its positional values patched in later), the totals
    # upserts and the period check.
    fields = list(JournalEntry._meta.concrete_fields)
    insert_sql, insert_params = chain.insert_statement(JournalEntry, [entry], fields)
    slots = {f.attname: i for i, f in enumerate(fields) if f.attname in _PATCHED}
    month_rows, day_rows = chain.totals_rows(
        (line.account.pk, line.side, line.amount, line.currency, date)
        for line in resolved
    )
    statements = chain.totals_statements(month_rows, day_rows)
    period_query = chain.locked_months_query([(date.year, date.month)])
    # Statements on PostgreSQL: (1) write the lines and take the chain position,
    # (2) insert the entry with the totals and the chain head, (3) the audit record,
    # then the commit. The chain is locked from the end of (1) to the commit.
    with transaction.atomic():
        created, start = _write_lines_and_advance(date, resolved)
        entry.id = created[0].entry_id
        _number(entry, created, user=user, start=start)
        for attname, index in slots.items():
            insert_params[index] = getattr(entry, attname)
        locked = chain.send_together(
            [
                (insert_sql, insert_params),
                chain.head_statement(entry.hash),
                *statements,
            ],
            query=period_query,
        )
        _audit_posted(entry, user)
        chain.raise_if_locked(locked())  # rolls everything back
        entry._state.adding = False
    return entry


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
            created_by=_posted_by(user),
        )
        JournalLine.objects.bulk_create(_line_objects(entry.pk, date, resolved))
        audit_record(actor=user, action="entry.drafted", target=entry)
    return entry


def entry_draft_post(*, entry: JournalEntry, user=None) -> JournalEntry:
    """Post a draft: re-validate its lines, then number, hash and post it.

    Raises:
        AlreadyPosted, plus everything ``entry_post`` raises.
    """
    with transaction.atomic():
        _chain_lock()
        entry = JournalEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status != EntryStatus.DRAFT:
            raise AlreadyPosted(f"Jurnal {entry.number} sudah diposting.")
        _check_date(entry.date)
        _check_description(entry.description)
        # A draft's lines may have been written without the entry's date (the admin's
        # inline) or the draft re-dated since: they take its date now.
        entry.lines.exclude(date=entry.date).update(date=entry.date)
        entry.lines.filter(date__isnull=True).update(date=entry.date)
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
        _number(entry, lines, user=user)
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
        month_rows, day_rows = _totals_increments(lines)
        chain.run_together(
            [
                chain.head_statement(entry.hash),
                *chain.totals_statements(month_rows, day_rows),
            ]
        )
        _audit_posted(entry, user)
        return entry
