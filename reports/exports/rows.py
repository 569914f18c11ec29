"""Posted lines of a range straight from a database cursor, in batches.

Invariants:
    - one query, read through a server-side cursor on PostgreSQL (Django's
      ``chunked_cursor``; a plain cursor where server-side cursors are disabled or the
      backend has none), ``BATCH`` rows at a time, so memory stays flat at any size;
    - the query is the ORM's own (``posted_lines`` filtered by the range, in ledger
      order: date, chain position, line), only the per-row model/converter work is
      skipped: rows are plain tuples, and ``amount_text`` turns the raw amount into
      plain digits for its currency's precision (never locale formatting).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal

from django.db import connections

from ledger import currency as cur
from ledger.selectors import posted_lines

BATCH = 5000
#: Row layout of ``line_batches``.
LINE_FIELDS = (
    "entry_id",
    "entry__number",
    "entry__date",
    "entry__description",
    "entry__source",
    "entry__hash",
    "account_id",
    "side",
    "amount",
    "amount_currency",
    "member__number",
    "memo",
)


def line_batches(*, start: dt.date | None, end: dt.date) -> Iterator[list[tuple]]:
    """Lists of up to ``BATCH`` raw row tuples (``LINE_FIELDS``) in ledger order.

    Raw means as the driver returns them: the date may be a ``date`` or an ISO
    string, the amount a ``Decimal``, int, float or string (``str()`` and
    ``amount_text`` handle each).
    """
    lines = posted_lines().filter(entry__date__lte=end)
    if start is not None:
        lines = lines.filter(entry__date__gte=start)
    query = lines.order_by("entry__date", "entry__chain_seq", "id").values_list(
        *LINE_FIELDS
    )
    connection = connections[query.db]
    sql, params = query.query.sql_with_params()
    server_side = connection.features.can_use_chunked_reads and not (
        connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS")
    )
    with connection.chunked_cursor() if server_side else connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(BATCH):
            yield rows


def amount_text(currency: str) -> Callable[[object], str]:
    """A function from a raw amount of ``currency`` to its plain digits.

    Whole-unit currencies (IDR) take the fast path ``str(int(value))``: the database
    only holds whole amounts of them (``line_amount_exact``), so nothing is rounded
    away; others go through ``currency.plain``.
    """
    if cur.precision(currency) == 0:
        return _whole
    return lambda value: cur.plain(Decimal(str(value)), currency)


def _whole(value: object) -> str:
    return str(int(value))


class AmountFormats(dict):
    """currency -> ``amount_text(currency)``, made on first use."""

    def __missing__(self, currency: str) -> Callable[[object], str]:
        self[currency] = formatter = amount_text(currency)
        return formatter
