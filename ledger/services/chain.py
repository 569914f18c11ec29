"""The one serialised step of posting: taking chain positions and entry numbers, and
writing what depends on them.

The hash chain needs a single order, and entry numbers must run without gaps, so every
posting passes through the row lock of the chain counter (``ledger:chain``). Everything
that does not depend on the position happens before that lock or in the statement that
takes it: validation, preparing the entry's INSERT and the totals, reserving the
entry's id and writing its lines. The statement that writes the lines also advances
the chain and year counters and returns the previous entry's hash (kept on the chain
counter row); the posting computes its own hash in Python and runs one more statement
that inserts the entry already numbered, hashed and posted, moves the chain head, adds
to the maintained month and day totals and checks the period. Then the audit record
and the commit. On PostgreSQL each of these is one round trip; SQLite, which has no
data-modifying WITH and serialises writers anyway, runs them as separate statements.

Lock order everywhere: the chain counter, then the year counters (key order, taken by
a ``SELECT ... ORDER BY key FOR UPDATE`` inside the counters' UPDATE), then totals rows
in (account, period) order, then entries by primary key.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import sql

from ledger.errors import PeriodLocked
from ledger.hashing import GENESIS
from ledger.models import (
    AccountDayTotal,
    AccountPeriodTotal,
    JournalEntry,
    Period,
    Sequence,
    Side,
)
from ledger.services.sequences import CHAIN_KEY


def year_key(year: int) -> str:
    return f"ledger:entry:{year}"


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


# --- Reserving ids --------------------------------------------------------------------

_SERIAL: dict[tuple[str, str], str] = {}


def _pg_sequence(table: str) -> str:
    key = (connection.alias, table)
    if key not in _SERIAL:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            _SERIAL[key] = cursor.fetchone()[0]
    return _SERIAL[key]


def reserve_ids(model, count: int) -> list[int]:
    """``count`` fresh primary keys of ``model``'s table, so that rows pointing at them
    can be written before the rows themselves (foreign keys are checked at commit).
    Ids are never reused; a rolled-back reservation leaves a harmless gap in ids (entry
    *numbers* are what must be gapless, and they come from the counters)."""
    if count <= 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                [_pg_sequence(table), count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite AUTOINCREMENT: the table's row in sqlite_sequence is its high-water
        # mark; raising it takes the database's write lock, so no one else can take
        # the same ids.
        sql_update = (
            "UPDATE sqlite_sequence SET seq = seq + %s WHERE name = %s RETURNING seq"
        )
        cursor.execute(sql_update, [count, table])
        row = cursor.fetchone()
        if row is None:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {_q(table)}")
            high = cursor.fetchone()[0]
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)",
                [table, high + count],
            )
            last = high + count
        else:
            last = row[0]
    return list(range(last - count + 1, last + 1))


# --- Advancing the counters -----------------------------------------------------------


@dataclass(frozen=True)
class ChainStart:
    """Where a posting (or a batch of them) starts: the chain position just before it,
    the hash at that position, and per fiscal year the number just before it."""

    chain_seq: int
    prev_hash: str
    year_seq: dict[int, int]


def chain_advance(*, years: dict[int, int], fetched=None) -> ChainStart:
    """Take the chain lock and advance the counters in one statement.

    Args:
        years: how many entries will be numbered in each fiscal year.
        fetched: the rows of ``advance_statement(years)`` when the caller ran it as
            part of a larger statement.

    Returns:
        The positions just before the new entries (the caller numbers them +1, +2...).

    Whether the entries' months are locked is checked by ``locked_months_query`` in the
    caller's next statement: under READ COMMITTED a statement that waited for the
    lock still reads the snapshot taken before it waited, so it could miss a period
    lock committed meanwhile.
    """
    count = sum(years.values())
    increments = _increments(years)
    if fetched is None:
        statement, params = advance_statement(years)
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            fetched = cursor.fetchall()
    rows = {key: (value, head) for key, value, head in fetched}
    missing = [key for key in increments if key not in rows]
    if missing:  # the first posting of a fiscal year (or ever)
        Sequence.objects.bulk_create(
            [Sequence(key=key) for key in missing], ignore_conflicts=True
        )
        statement, params = _advance_sql({key: increments[key] for key in missing})
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            rows.update({key: (value, head) for key, value, head in cursor.fetchall()})
    chain_value, head = rows[CHAIN_KEY]
    before = chain_value - count
    prev_hash = head or GENESIS
    if before and not head:  # counter rows written before the head was kept
        prev_hash = (
            JournalEntry.objects.filter(chain_seq=before)
            .values_list("hash", flat=True)
            .first()
            or GENESIS
        )
    return ChainStart(
        chain_seq=before,
        prev_hash=prev_hash,
        year_seq={y: rows[year_key(y)][0] - n for y, n in years.items()},
    )


def _increments(years: dict[int, int]) -> dict[str, int]:
    return {
        CHAIN_KEY: sum(years.values()),
        **{year_key(y): n for y, n in years.items()},
    }


def advance_statement(years: dict[int, int]) -> tuple[str, list]:
    """The UPDATE that advances the counters, returning (key, value, head hash)."""
    return _advance_sql(_increments(years))


def _advance_sql(increments: dict[str, int]) -> tuple[str, list]:
    keys = sorted(increments)
    case = " ".join("WHEN %s THEN %s" for _ in keys)
    params: list = []
    for key in keys:
        params += [key, increments[key]]
    table = _q(Sequence._meta.db_table)
    key_col = _q("key")
    marks = ", ".join(["%s"] * len(keys))
    if connection.vendor == "postgresql":
        # Lock the rows in key order (the chain counter first): an UPDATE alone
        # takes them in whatever order it finds them, and two postings could each
        # hold the row the other waits for.
        where = (
            f"{key_col} IN (SELECT {key_col} FROM {table} WHERE {key_col} IN "
            f"({marks}) ORDER BY {key_col} FOR UPDATE)"
        )
    else:  # SQLite has one writer at a time
        where = f"{key_col} IN ({marks})"
    return (
        f"UPDATE {table} SET last_value = last_value + CASE {key_col} {case} END "
        f"WHERE {where} RETURNING {key_col}, last_value, head_hash",
        params + keys,
    )


def locked_months_query(months: Iterable[tuple[int, int]]):
    """(sql, params) of a query whose one row lists the locked months among ``months``
    as ``"YYYY-M,..."`` (NULL when none is locked)."""
    months = sorted(set(months))
    pairs = " OR ".join("(year = %s AND month = %s)" for _ in months) or "1 = 0"
    aggregate = (
        "string_agg(year || '-' || month, ',')"
        if connection.vendor == "postgresql"
        else "group_concat(year || '-' || month, ',')"
    )
    return (
        f"SELECT {aggregate} FROM {_q(Period._meta.db_table)} "
        f"WHERE is_locked AND ({pairs})",
        [value for pair in months for value in pair],
    )


def raise_if_locked(found: str | None) -> None:
    if not found:
        return
    year, month = min(tuple(map(int, item.split("-"))) for item in found.split(","))
    raise PeriodLocked(
        f"Periode {year:04d}-{month:02d} terkunci; tidak dapat memposting.",
        errors={"date": [f"The period {year:04d}-{month:02d} is locked."]},
    )


# --- Writing what depends on the position --------------------------------------------


def totals_rows(
    lines: Iterable[tuple[int, str, Decimal, str, dt.date]],
) -> tuple[list[tuple], list[tuple]]:
    """Month and day total increments of (account id, side, amount, currency, date)
    lines, aggregated per key and sorted (the lock order of totals rows)."""
    months: dict[tuple, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    days: dict[tuple, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for account_id, side, amount, currency, date in lines:
        index = 0 if side == Side.DEBIT else 1
        months[(account_id, date.year, date.month, currency)][index] += amount
        days[(account_id, date, currency)][index] += amount
    return (
        [(*key, *value) for key, value in sorted(months.items())],
        [(*key, *value) for key, value in sorted(days.items())],
    )


def totals_statements(month_rows: list[tuple], day_rows: list[tuple]):
    """(sql, params) upserts that add the given increments to the maintained totals
    (``INSERT ... ON CONFLICT DO UPDATE``: PostgreSQL and SQLite alike)."""
    statements = []
    for model, columns, conflict, rows in (
        (
            AccountPeriodTotal,
            "account_id, year, month, currency, debit, credit",
            "account_id, year, month, currency",
            month_rows,
        ),
        (
            AccountDayTotal,
            "account_id, date, currency, debit, credit",
            "account_id, date, currency",
            day_rows,
        ),
    ):
        if not rows:
            continue
        table = _q(model._meta.db_table)
        width = len(rows[0])
        values = ", ".join(["(" + ", ".join(["%s"] * width) + ")"] * len(rows))
        statements.append(
            (
                f"INSERT INTO {table} ({columns}) VALUES {values} "
                f"ON CONFLICT ({conflict}) DO UPDATE SET "
                f"debit = {table}.debit + excluded.debit, "
                f"credit = {table}.credit + excluded.credit",
                [value for row in rows for value in row],
            )
        )
    return statements


def head_statement(head_hash: str):
    table = _q(Sequence._meta.db_table)
    return (
        f"UPDATE {table} SET head_hash = %s WHERE {_q('key')} = %s",
        [head_hash, CHAIN_KEY],
    )


def insert_statement(model, objs: list, fields=None):
    """The INSERT Django would run for ``objs`` (all concrete fields, primary key
    included), as (sql, params), so that it can share a round trip."""
    fields = fields or list(model._meta.concrete_fields)
    query = sql.InsertQuery(model)
    query.insert_values(fields, objs, raw=False)
    [(statement, params)] = query.get_compiler(connection=connection).as_sql()
    return statement, list(params)


def send_together(statements: list[tuple[str, list]], query=None):
    """Run data-modifying statements, then ``query``; returns a function giving the
    first column of the query's one row. On PostgreSQL it is one statement (a WITH of
    data-modifying statements, all of which run); elsewhere the statements run one by
    one."""
    statements = [item for item in statements if item]
    final, final_params = query or ("SELECT NULL", [])
    if connection.vendor == "postgresql":
        parts = [f"s{i} AS ({text})" for i, (text, _) in enumerate(statements)]
        params = [value for _, values in statements for value in values]
        prefix = ("WITH " + ", ".join(parts) + " ") if parts else ""
        cursor = connection.cursor()
        cursor.execute(prefix + final, params + list(final_params))

        def result():
            with cursor:
                return cursor.fetchone()[0]

        return result
    with connection.cursor() as cursor:
        for text, params in statements:
            cursor.execute(text, params)
        cursor.execute(final, final_params)
        value = cursor.fetchone()[0]
    return lambda: value


def run_together(statements: list[tuple[str, list]], query=None):
    """``send_together`` and read its result at once."""
    return send_together(statements, query)()
