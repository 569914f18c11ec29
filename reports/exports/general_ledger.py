"""The general ledger as rows, CSV chunks and an XLSX file.

Invariants:
    - rows come from one server-side cursor (``.iterator(chunk_size=2000)``) in ledger
      order (date, posting order, line), so memory stays flat however large the
      ledger is;
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
import tempfile
from collections.abc import Iterator
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ledger import currency as cur
from ledger.models import Side
from ledger.selectors import posted_lines

CHUNK_SIZE = 2000
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


def ledger_lines(*, start: dt.date | None, end: dt.date):
    """Posted lines in the range as value tuples, in ledger order."""
    lines = posted_lines().filter(entry__date__lte=end)
    if start is not None:
        lines = lines.filter(entry__date__gte=start)
    return lines.order_by("entry__date", "entry__chain_seq", "id").values_list(
        "entry__number",
        "entry__date",
        "account__code",
        "account__name",
        "entry__description",
        "memo",
        "member__number",
        "side",
        "amount",
        "amount_currency",
        "entry__hash",
    )


def ledger_rows(*, start: dt.date | None, end: dt.date) -> Iterator[list]:
    """One row per posted line: text neutralised, amounts as Decimal (empty side:
    None)."""
    for (
        number,
        date,
        code,
        name,
        description,
        memo,
        member,
        side,
        amount,
        currency,
        entry_hash,
    ) in ledger_lines(start=start, end=end).iterator(chunk_size=CHUNK_SIZE):
        amount = cur.quantize(Decimal(amount), currency)
        yield [
            number,
            date,
            code,
            neutralise(name),
            neutralise(description),
            neutralise(memo or ""),
            neutralise(member or ""),
            amount if side == Side.DEBIT else None,
            amount if side == Side.CREDIT else None,
            currency,
            entry_hash,
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(
    *, start: dt.date | None, end: dt.date, on_progress=None
) -> Iterator[str]:
    """The CSV text, one line at a time (header first), for a streaming response;
    ``on_progress(1)`` after each ledger line."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield writer.writerow(COLUMNS)
    for row in ledger_rows(start=start, end=end):
        if on_progress:
            on_progress(1)
        yield writer.writerow(
            [
                ""
                if value is None
                else (f"{value:f}" if isinstance(value, Decimal) else str(value))
                for value in row
            ]
        )


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
