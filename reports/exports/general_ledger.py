"""The general ledger as rows, CSV chunks and an XLSX file.

Invariants:
    - rows come from one server-side cursor (``rows.line_batches``) in ledger order
      (date, posting order, line), a batch at a time, so memory stays flat however
      large the ledger is;
    - amounts are plain numbers (CSV: plain digits with '.' as decimal mark; XLSX:
      numeric cells), never locale-formatted text;
    - a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
      return, a line feed or NUL is prefixed with ``'`` so no spreadsheet runs it as a
      formula (OWASP, ASVS 1.2.10); XLSX text first loses the control characters the
      format cannot hold (openpyxl would refuse the whole file), then is neutralised.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from collections.abc import Iterator
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ledger import currency as cur
from ledger.models import Account, Side
from reports.exports.rows import AmountFormats, line_batches

DEBIT, CREDIT = Side.DEBIT.value, Side.CREDIT.value
COLUMNS = [
    "entry_number",
    "date",
    "account_code",
    "account_name",
    "description",
    "memo",
    "member_number",
    "debit",
    "credit",
    "currency",
    "entry_hash",
]
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def neutralise(value: str) -> str:
    """Prefix a text that a spreadsheet would read as a formula with ``'``."""
    if value and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def xlsx_text(value: str) -> str:
    """A text cell for XLSX: control characters XML cannot carry removed, then
    neutralised (removing first, so they cannot hide a leading ``=``)."""
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))


def _account_cells() -> dict[int, tuple[str, str]]:
    """Account id -> (code, neutralised name): looked up once, not per line."""
    return {
        pk: (code, neutralise(name))
        for pk, code, name in Account.objects.values_list("pk", "code", "name")
    }


def ledger_rows(*, start: dt.date | None, end: dt.date) -> Iterator[list]:
    """One row per posted line (``COLUMNS``): text neutralised, amounts as Decimal
    (empty side: None)."""
    accounts = _account_cells()
    for rows in line_batches(start=start, end=end):
        for (
            _,
            number,
            date,
            description,
            _source,
            entry_hash,
            account_id,
            side,
            amount,
            currency,
            member,
            memo,
        ) in rows:
            amount = cur.quantize(Decimal(str(amount)), currency)
            code, name = accounts[account_id]
            yield [
                number,
                dt.date.fromisoformat(str(date)),
                code,
                name,
                neutralise(description),
                neutralise(memo or ""),
                neutralise(member or ""),
                amount if side == Side.DEBIT else None,
                amount if side == Side.CREDIT else None,
                currency,
                entry_hash,
            ]


def csv_chunks(
    *, start: dt.date | None, end: dt.date, on_progress=None
) -> Iterator[str]:
    """The CSV text (header first) in chunks of up to ``BATCH`` lines, for a
    streaming response or a file; ``on_progress(n)`` after each chunk of n lines.

    Per line only what differs per line is formatted: the entry's cells are built
    once per entry, the account's once per export, amounts through a per-currency
    formatter.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield buffer.getvalue()
    accounts = _account_cells()
    formats = AmountFormats()
    last_entry = None
    head: tuple = ()
    for rows in line_batches(start=start, end=end):
        buffer.seek(0)
        buffer.truncate()
        out = []
        for (
            entry_id,
            number,
            date,
            description,
            _source,
            entry_hash,
            account_id,
            side,
            amount,
            currency,
            member,
            memo,
        ) in rows:
            if entry_id != last_entry:
                last_entry = entry_id
                head = (number, str(date))
                tail_hash = entry_hash
                text = neutralise(description)
            value = formats[currency](amount)
            out.append(
                (
                    *head,
                    *accounts[account_id],
                    text,
                    neutralise(memo) if memo else "",
                    neutralise(member) if member else "",
                    value if side == DEBIT else "",
                    value if side == CREDIT else "",
                    currency,
                    tail_hash,
                )
            )
        writer.writerows(out)
        if on_progress:
            on_progress(len(rows))
        yield buffer.getvalue()


def xlsx_write(
    *, start: dt.date | None, end: dt.date, path: str, on_progress=None
) -> None:
    """Write the XLSX workbook (write-only mode, so rows are not kept) to ``path``;
    ``on_progress(1)`` after each ledger line."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Buku Besar")
    sheet.append(COLUMNS)
    for row in ledger_rows(start=start, end=end):
        if on_progress:
            on_progress(1)
        sheet.append([xlsx_text(v) if isinstance(v, str) else v for v in row])
    workbook.save(path)


def xlsx_tempfile(*, start: dt.date | None, end: dt.date):
    """The workbook in a named temporary file (deleted when closed), rewound."""
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115
    xlsx_write(start=start, end=end, path=handle.name)
    handle.seek(0)
    return handle
