"""Gapless counters: entry numbers per fiscal year, the chain position, and the
numbers other apps draw (receipts, member numbers, invoices).

A counter is a row in ``Sequence`` that is incremented inside the transaction that uses
the number. The row stays locked until commit, and a rollback gives the number back, so
numbers never skip (unlike database sequences).
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from ledger.models import Sequence

CHAIN_KEY = "ledger:chain"


def sequence_next(*, key: str) -> int:
    """Next value of the gapless counter ``key`` (1 for a new one).

    Must run inside a transaction: the row stays locked until commit, and a rollback
    gives the number back.
    """
    # One statement that increments, locks the row and returns the new value
    # (UPDATE ... RETURNING: PostgreSQL, and SQLite since 3.35).
    table = connection.ops.quote_name(Sequence._meta.db_table)
    sql = (
        f"UPDATE {table} SET last_value = last_value + 1 "
        f"WHERE {connection.ops.quote_name('key')} = %s RETURNING last_value"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key])
        row = cursor.fetchone()
        if row is None:
            Sequence.objects.bulk_create([Sequence(key=key)], ignore_conflicts=True)
            cursor.execute(sql, [key])
            row = cursor.fetchone()
    return int(row[0])


def _chain_lock() -> int:
    """Lock the chain counter row, creating it if need be; returns its value."""
    locked = Sequence.objects.select_for_update().filter(key=CHAIN_KEY)
    value = locked.values_list("last_value", flat=True).first()
    if value is None:
        Sequence.objects.bulk_create([Sequence(key=CHAIN_KEY)], ignore_conflicts=True)
        value = locked.values_list("last_value", flat=True).get()
    return value


def entry_number(*, year: int, seq: int) -> str:
    return f"{settings.ESTAMA_ENTRY_PREFIX}-{year:04d}-{seq:06d}"
