"""Reading the general-ledger CSV export back in, so that the books of one Estama load
into another (``manage.py import_entries``).

The file is exactly what ``general_ledger.csv_chunks`` writes: one row per line, the
rows of an entry next to each other, in ledger order. Each entry is posted again
through ``ledger.services.entries_import`` (all or nothing) with a new number in the
receiving books; its old number becomes the reference. The spreadsheet guard the export
adds (a ``'`` before a leading ``=``, ``+``, ``-``, ``@`` or control character) is
taken off again.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from ledger.errors import InvalidLine
from ledger.services import ImportEntry, ImportResult, LineInput, entries_import
from members.models import Member
from reports.exports.general_ledger import _DANGEROUS, COLUMNS

MAX_ERRORS = 100


def _restore(value: str) -> str:
    """Undo ``general_ledger.neutralise``."""
    if value.startswith("'") and value[1:].startswith(_DANGEROUS):
        return value[1:]
    return value


def general_ledger_read(rows: Iterable[list[str]]) -> list[ImportEntry]:
    """Entries from the CSV rows (header first).

    Raises:
        InvalidLine: the header is not the export's, or rows are malformed (every
        problem keyed ``row.<n>.<column>``, counting the header as row 1).
    """
    rows = iter(rows)
    header = next(rows, None)
    if header is None or [h.strip().lstrip("\ufeff") for h in header] != COLUMNS:
        raise InvalidLine(
            "Berkas bukan ekspor buku besar Estama (kolom tidak sesuai).",
            errors={"header": [f"Expected the columns {','.join(COLUMNS)}."]},
        )
    errors: dict[str, list[str]] = {}
    grouped: dict[str, dict] = {}
    member_numbers: set[str] = set()
    for row_number, row in enumerate(rows, start=2):
        if len(errors) >= MAX_ERRORS:
            break
        if not row or all(not cell for cell in row):
            continue
        if len(row) != len(COLUMNS):
            errors[f"row.{row_number}"] = [f"Expected {len(COLUMNS)} columns."]
            continue
        cell = dict(zip(COLUMNS, row, strict=True))
        try:
            day = dt.date.fromisoformat(cell["date"])
        except ValueError:
            errors[f"row.{row_number}.date"] = ["Not a date (YYYY-MM-DD)."]
            continue
        amounts = {}
        for side in ("debit", "credit"):
            if cell[side]:
                try:
                    amounts[side] = Decimal(cell[side])
                except InvalidOperation:
                    errors[f"row.{row_number}.{side}"] = ["Not a plain number."]
        if len(amounts) != 1:
            errors.setdefault(
                f"row.{row_number}", ["Give exactly one of debit or credit."]
            )
            continue
        member = _restore(cell["member_number"])
        if member:
            member_numbers.add(member)
        entry = grouped.setdefault(
            cell["entry_number"],
            {
                "date": day,
                "description": _restore(cell["description"]),
                "lines": [],
                "row": row_number,
            },
        )
        if entry["date"] != day:
            errors[f"row.{row_number}.date"] = [
                f"Entry {cell['entry_number']} has lines on different dates."
            ]
            continue
        ((side, amount),) = amounts.items()
        entry["lines"].append(
            (cell["account_code"], side, amount, cell["currency"], member, cell["memo"])
        )
    members = Member.objects.in_bulk(list(member_numbers), field_name="number")
    for number in sorted(member_numbers - set(members)):
        errors.setdefault("members", []).append(f"Unknown member {number}.")
    if errors:
        raise InvalidLine(
            "Berkas impor tidak valid; tidak ada yang diimpor.", errors=errors
        )
    return [
        ImportEntry(
            date=entry["date"],
            description=entry["description"],
            reference=number,
            lines=[
                LineInput(
                    code,
                    **{side: amount},
                    currency=currency or None,
                    member=members.get(member) if member else None,
                    memo=_restore(memo),
                )
                for code, side, amount, currency, member, memo in entry["lines"]
            ],
        )
        for number, entry in grouped.items()
    ]


def general_ledger_import(
    *, path: str, dry_run: bool = False, user=None
) -> ImportResult:
    """Post every entry of the CSV export at ``path``, all or nothing.

    Raises:
        InvalidLine for a malformed file, and whatever ``entries_import`` raises.
    """
    with open(path, newline="", encoding="utf-8-sig") as handle:
        entries = general_ledger_read(csv.reader(handle))
    return entries_import(entries=entries, user=user, dry_run=dry_run)
