"""Bulk posting: many entries in one transaction, with every invariant of
``entry_post`` holding afterwards.

Each entry is validated exactly as ``entry_post`` validates it (the chart is read once).
Then, in one transaction: the lines are written (PostgreSQL: ``COPY``), the chain and
year counters are advanced once for the whole batch under the chain lock, each entry
is numbered and hashed in order in Python and the entries are written already posted,
the maintained month and day totals and the chain head are updated in one statement,
and one audit event records the import. The database checks every entry's balance at
commit as it does for a single posting. Nothing is written unless everything is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence as Seq
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone
from djmoney.money import Money

from audit.services import audit_record
from ledger.errors import DomainError
from ledger.hashing import canonical
from ledger.models import EntrySource, EntryStatus, JournalEntry, JournalLine
from ledger.services import chain
from ledger.services.sequences import entry_number
from ledger.services.validation import (
    LineInput,
    _check_balanced,
    _check_date,
    _check_description,
    _Line,
    _resolve,
    chart_forget,
)

MAX_ERRORS = 100


@dataclass(frozen=True)
class ImportEntry:
    """One entry to import, described as ``entry_post`` takes it."""

    date: dt.date
    description: str
    lines: Seq[LineInput]
    reference: str = ""
    source: str = EntrySource.MANUAL


@dataclass(frozen=True)
class ImportResult:
    count: int
    line_count: int
    first_number: str | None
    last_number: str | None
    head_hash: str
    dry_run: bool


class _DryRun(Exception):
    pass


def _validate(entries: Seq[ImportEntry]) -> list[tuple[ImportEntry, str, list[_Line]]]:
    """Validate every entry; raise the first failure's error class with the fields of
    every failing entry (up to ``MAX_ERRORS``) keyed ``entries.<index>.<field>``."""
    chart_forget()  # read the chart afresh once, then from the cache
    checked = []
    first: DomainError | None = None
    errors: dict[str, list[str]] = {}
    for index, item in enumerate(entries):
        try:
            _check_date(item.date)
            description = _check_description(item.description)
            resolved = _resolve(item.lines, cached=True)
            _check_balanced(resolved)
        except DomainError as error:
            first = first or error
            for key, messages in (error.errors or {"entry": [error.message]}).items():
                errors[f"entries.{index}.{key}"] = messages
            if len(errors) >= MAX_ERRORS:
                break
            continue
        checked.append((item, description, resolved))
    if first is not None:
        raise type(first)(
            f"{len({k.split('.')[1] for k in errors})} jurnal ditolak; tidak ada "
            f"yang diimpor. Pertama: {first.message}",
            errors=errors,
        )
    return checked


def entries_import(
    *, entries: Seq[ImportEntry], user=None, dry_run: bool = False
) -> ImportResult:
    """Post ``entries`` in order, all or nothing.

    Args:
        entries: the entries, in the order they are to be numbered and chained.
        user: who imports them (recorded as poster, audited).
        dry_run: check everything, including the database's own checks, then roll
            back.

    Returns:
        How many entries and lines were posted, the first and last numbers given and
        the chain head after the import.

    Raises:
        Any error ``entry_post`` raises (keys ``entries.<index>.<field>``), and
        PeriodLocked when an entry falls in a locked month.
    """
    checked = _validate(entries)
    if not checked:
        return ImportResult(0, 0, None, None, "", dry_run)
    try:
        with transaction.atomic():
            result = _write(checked, user=user, dry_run=dry_run)
            if dry_run:
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:  # run the commit-time checks
                        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                raise _DryRun
    except _DryRun:
        pass
    return result


def _write(checked, *, user, dry_run: bool) -> ImportResult:
    posted_by = user if getattr(user, "is_authenticated", False) else None
    posted_at = timezone.now()
    entry_ids = chain.reserve_ids(JournalEntry, len(checked))
    lines = [
        (entry_id, line, item.date)
        for entry_id, (item, _, resolved) in zip(entry_ids, checked, strict=True)
        for line in resolved
    ]
    _write_lines(lines)
    years = Counter(item.date.year for item, _, _ in checked)
    start = chain.chain_advance(years=dict(years))
    rows = []
    prev_hash = start.prev_hash
    year_seq = dict(start.year_seq)
    for offset, (entry_id, (item, description, resolved)) in enumerate(
        zip(entry_ids, checked, strict=True), start=1
    ):
        year = item.date.year
        year_seq[year] += 1
        number = entry_number(year=year, seq=year_seq[year])
        reference = item.reference[:100]
        digest = hashlib.sha256(
            canonical(
                number=number,
                date=item.date,
                description=description[:255],
                source=item.source,
                reference=reference,
                reverses_number="",
                posted_at=posted_at,
                posted_by_id=getattr(posted_by, "pk", None),
                prev_hash=prev_hash,
                lines=[
                    (
                        line.account.code,
                        line.side,
                        line.amount,
                        line.currency,
                        line.member.number if line.member is not None else "",
                        line.memo[:255],
                    )
                    for line in resolved
                ],
            )
        ).hexdigest()
        rows.append(
            JournalEntry(
                id=entry_id,
                number=number,
                fiscal_year=year,
                seq=year_seq[year],
                chain_seq=start.chain_seq + offset,
                date=item.date,
                description=description[:255],
                source=item.source,
                reference=reference,
                status=EntryStatus.POSTED,
                created_by=posted_by,
                created_at=posted_at,
                posted_by=posted_by,
                posted_at=posted_at,
                prev_hash=prev_hash,
                hash=digest,
            )
        )
        prev_hash = digest
    _write_entries(rows)
    month_rows, day_rows = chain.totals_rows(
        (line.account.pk, line.side, line.amount, line.currency, date)
        for _, line, date in lines
    )
    locked = chain.run_together(
        [
            chain.head_statement(prev_hash),
            *chain.totals_statements(month_rows, day_rows),
        ],
        query=chain.locked_months_query(
            {(i.date.year, i.date.month) for i, _, _ in checked}
        ),
    )
    chain.raise_if_locked(locked)
    result = ImportResult(
        count=len(rows),
        line_count=len(lines),
        first_number=rows[0].number,
        last_number=rows[-1].number,
        head_hash=prev_hash,
        dry_run=dry_run,
    )
    audit_record(
        actor=user,
        action="entries.imported",
        after={
            "count": result.count,
            "lines": result.line_count,
            "first": result.first_number,
            "last": result.last_number,
            "head_hash": result.head_hash,
        },
    )
    return result


def _totals_statements(entry_ids: list[int], lines):
    """The maintained totals of a batch. On PostgreSQL the database sums the lines
    just written (one array parameter instead of a row of parameters per total)."""
    if connection.vendor != "postgresql":
        month_rows, day_rows = chain.totals_rows(
            (line.account.pk, line.side, line.amount, line.currency, date)
            for _, line, date in lines
        )
        return chain.totals_statements(month_rows, day_rows)
    sums = (
        "SUM(CASE WHEN side = 'D' THEN amount ELSE 0 END), "
        "SUM(CASE WHEN side = 'C' THEN amount ELSE 0 END) "
        "FROM ledger_journalline WHERE entry_id = ANY(%s::bigint[]) "
    )
    update = (
        "DO UPDATE SET debit = {t}.debit + excluded.debit, "
        "credit = {t}.credit + excluded.credit"
    )
    return [
        (
            "INSERT INTO ledger_accountperiodtotal "
            "(account_id, year, month, currency, debit, credit) "
            "SELECT account_id, EXTRACT(YEAR FROM date)::int, "
            "EXTRACT(MONTH FROM date)::int, amount_currency, "
            + sums
            + "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 "
            "ON CONFLICT (account_id, year, month, currency) "
            + update.format(t="ledger_accountperiodtotal"),
            [entry_ids],
        ),
        (
            "INSERT INTO ledger_accountdaytotal "
            "(account_id, date, currency, debit, credit) "
            "SELECT account_id, date, amount_currency, "
            + sums
            + "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 "
            "ON CONFLICT (account_id, date, currency) "
            + update.format(t="ledger_accountdaytotal"),
            [entry_ids],
        ),
    ]


_LINE_COLUMNS = [
    "entry_id",
    "account_id",
    "side",
    "amount",
    "amount_currency",
    "member_id",
    "memo",
    "date",
]


def _write_lines(lines: list[tuple[int, _Line, dt.date]]) -> None:
    """Lines in the given order (so ids, and with them the hash order, follow it)."""
    if connection.vendor == "postgresql":
        _copy(
            JournalLine,
            _LINE_COLUMNS,
            (
                (
                    entry_id,
                    line.account.pk,
                    line.side,
                    line.amount,
                    line.currency,
                    getattr(line.member, "pk", None),
                    line.memo[:255],
                    date,
                )
                for entry_id, line, date in lines
            ),
        )
        return
    JournalLine.objects.bulk_create(
        [
            JournalLine(
                entry_id=entry_id,
                account=line.account,
                side=line.side,
                amount=Money(line.amount, line.currency),
                member=line.member,
                memo=line.memo[:255],
                date=date,
            )
            for entry_id, line, date in lines
        ],
        batch_size=500,
    )


def _write_entries(rows: list[JournalEntry]) -> None:
    if connection.vendor != "postgresql":
        JournalEntry.objects.bulk_create(rows, batch_size=500)
        return
    fields = list(JournalEntry._meta.concrete_fields)
    _copy(
        JournalEntry,
        [f.column for f in fields],
        (
            [f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields]
            for row in rows
        ),
    )


def _copy(model, columns: list[str], rows) -> None:
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
