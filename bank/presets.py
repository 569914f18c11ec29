"""Reading bank statement exports into plain lines.

Presets for the internet-banking exports of BCA (KlikBCA "Mutasi Rekening" CSV),
Mandiri (Livin'/MCM "Account Statement" CSV or XLSX) and BRI (BRImo/CMS "Mutasi
Rekening" CSV or XLSX), OFX (``bank.ofx``), and a generic column mapping saved per
bank account. Every preset goes through the one tabular reader (``imports.reader``),
so encodings, formulas, sizes and bad cells are refused the same way, naming row and
column.

A line's ``amount`` is signed: positive is money in (the bank's credit).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from imports.errors import ImportFileInvalid, Issue
from imports.reader import Column, Row, Table, table_read
from imports.values import cell_text, fold, header_key, parse_amount, parse_date

ZERO = Decimal(0)


@dataclass(frozen=True)
class ParsedLine:
    line_no: int
    date: dt.date
    description: str
    amount: Decimal
    balance: Decimal | None = None
    reference: str = ""


class _Lines:
    """Collects parsed lines and the problems of cells, naming row and column."""

    def __init__(self, table: Table):
        self.table = table
        self.lines: list[ParsedLine] = []
        self.issues: list[Issue] = []

    def value(self, row: Row, key: str, parse, **kwargs):
        try:
            return parse(row.get(key), **kwargs)
        except ValueError as exc:
            self.issues.append(Issue(row.line, self.table.header(key), str(exc)))
            return None

    def amount(self, row: Row, key: str) -> Decimal:
        if row.blank(key):
            return ZERO
        value = self.value(row, key, parse_amount)
        if value is not None and value < 0:
            self.issues.append(
                Issue(row.line, self.table.header(key), "tidak boleh negatif.")
            )
        return value or ZERO

    def add(self, row: Row, date, description: str, amount, balance, reference=""):
        if date is None or amount is None:
            return
        if amount == 0:
            self.issues.append(
                Issue(row.line, "", "baris tanpa jumlah (debit dan kredit kosong).")
            )
            return
        self.lines.append(
            ParsedLine(
                line_no=row.line,
                date=date,
                description=" ".join(description.split())[:255],
                amount=amount,
                balance=balance,
                reference=reference[:64],
            )
        )

    def done(self) -> list[ParsedLine]:
        if self.issues:
            raise ImportFileInvalid(self.issues)
        if not self.lines:
            raise ImportFileInvalid([Issue(0, "", "tidak ada transaksi di berkas.")])
        return self.lines


def _balance(lines: _Lines, row: Row, key: str = "balance") -> Decimal | None:
    if row.blank(key):
        return None
    return lines.value(row, key, parse_amount)


# --- BCA ------------------------------------------------------------------------------

BCA_COLUMNS = [
    Column("date", ("tanggal_transaksi", "tanggal", "tgl"), required=True),
    Column("description", ("keterangan",), required=True),
    Column("branch", ("cabang",)),
    Column("amount", ("jumlah",), required=True),
    Column("side", ("", "db_cr", "cr_db", "mutasi")),
    Column("balance", ("saldo",)),
]
BCA_FOOTER = {"saldo awal", "mutasi kredit", "mutasi debet", "saldo akhir"}
_PERIOD = re.compile(r"(\d{2})/(\d{2})/(\d{4})\s*-\s*(\d{2})/(\d{2})/(\d{4})")


def _bca_period(table: Table) -> tuple[dt.date, dt.date] | None:
    for cells in table.preamble:
        match = _PERIOD.search(" ".join(cell_text(c) for c in cells))
        if match:
            d1, m1, y1, d2, m2, y2 = (int(g) for g in match.groups())
            return dt.date(y1, m1, d1), dt.date(y2, m2, d2)
    return None


def parse_bca(data: bytes, filename: str, mapping: dict | None = None):
    table = table_read(
        data=data,
        filename=filename,
        columns=BCA_COLUMNS,
        find_header=True,
        is_footer=lambda v: fold(cell_text(v.get("date"))).rstrip(" :") in BCA_FOOTER,
    )
    period = _bca_period(table)
    lines = _Lines(table)
    for row in table.rows:
        raw = row.text("date").lstrip("'")
        if fold(raw) == "pend":  # pending: the bank books it later, with a date
            continue
        date = None
        try:
            day_month = re.fullmatch(r"(\d{1,2})/(\d{1,2})", raw)
            if day_month and period:
                start, end = period
                month = int(day_month[2])
                year = end.year if month <= end.month else start.year
                date = parse_date(raw, year=year)
            else:
                date = parse_date(raw)
        except ValueError as exc:
            lines.issues.append(Issue(row.line, table.header("date"), str(exc)))
        amount = lines.amount(row, "amount")
        side = fold(row.text("side"))
        if side not in ("cr", "db"):
            lines.issues.append(
                Issue(row.line, table.header("side") or "CR/DB", "harus CR atau DB.")
            )
            continue
        signed = amount if side == "cr" else -amount
        lines.add(row, date, row.text("description"), signed, _balance(lines, row))
    return lines.done()


# --- Mandiri --------------------------------------------------------------------------

MANDIRI_COLUMNS = [
    Column("account_no", ("account_no", "no_rekening")),
    Column("currency", ("ccy", "currency")),
    Column("date", ("post_date", "tanggal", "date"), required=True),
    Column("value_date", ("value_date",)),
    Column("code", ("transaction_code",)),
    Column(
        "description", ("description1", "description_1", "keterangan"), required=True
    ),
    Column("description2", ("description2", "description_2")),
    Column("reference", ("reference_no", "no_referensi")),
    Column("debit", ("debit", "debet"), required=True),
    Column("credit", ("credit", "kredit"), required=True),
    Column("balance", ("balance", "saldo")),
]


def parse_mandiri(data: bytes, filename: str, mapping: dict | None = None):
    table = table_read(
        data=data, filename=filename, columns=MANDIRI_COLUMNS, find_header=True
    )
    lines = _Lines(table)
    for row in table.rows:
        date = lines.value(row, "date", parse_date)
        amount = lines.amount(row, "credit") - lines.amount(row, "debit")
        description = f"{row.text('description')} {row.text('description2')}"
        lines.add(
            row,
            date,
            description,
            amount,
            _balance(lines, row),
            row.text("reference"),
        )
    return lines.done()


# --- BRI ------------------------------------------------------------------------------

BRI_COLUMNS = [
    Column("date", ("tanggal", "tanggal_transaksi", "tgl_tran"), required=True),
    Column("description", ("uraian_transaksi", "uraian", "desk_tran"), required=True),
    Column("teller", ("teller",)),
    Column("debit", ("debet", "mutasi_debet", "debit"), required=True),
    Column("credit", ("kredit", "mutasi_kredit", "credit"), required=True),
    Column("balance", ("saldo", "saldo_akhir_mutasi")),
]


def parse_bri(data: bytes, filename: str, mapping: dict | None = None):
    table = table_read(
        data=data, filename=filename, columns=BRI_COLUMNS, find_header=True
    )
    lines = _Lines(table)
    for row in table.rows:
        date = lines.value(row, "date", parse_date)
        amount = lines.amount(row, "credit") - lines.amount(row, "debit")
        lines.add(row, date, row.text("description"), amount, _balance(lines, row))
    return lines.done()


# --- Generic --------------------------------------------------------------------------

MAPPING_FIELDS = ("date", "description", "amount", "debit", "credit", "balance")
MAPPING_OPTIONAL = ("reference",)


def mapping_check(mapping: dict) -> dict[str, str]:
    """A saved mapping: field -> header. Needs date, description, and either amount
    (signed, positive = in) or debit and credit; balance and reference optional."""
    clean = {
        key: str(value).strip()
        for key, value in (mapping or {}).items()
        if key in MAPPING_FIELDS + MAPPING_OPTIONAL and str(value or "").strip()
    }
    errors = {}
    for key in ("date", "description"):
        if key not in clean:
            errors[key] = ["Required: the header of this column."]
    if "amount" not in clean and not {"debit", "credit"} <= set(clean):
        errors["amount"] = ["Give amount, or both debit and credit."]
    unknown = set(mapping or {}) - set(MAPPING_FIELDS + MAPPING_OPTIONAL)
    for key in sorted(unknown):
        errors[key] = ["Unknown field."]
    if errors:
        from bank.errors import InvalidPreset

        raise InvalidPreset("Pemetaan kolom tidak lengkap.", errors=errors)
    return clean


def parse_generic(data: bytes, filename: str, mapping: dict | None = None):
    mapping = mapping_check(mapping or {})
    columns = [
        Column(
            key,
            (header_key(header),),
            required=key in ("date", "description", "amount", "debit", "credit"),
        )
        for key, header in mapping.items()
    ]
    table = table_read(
        data=data,
        filename=filename,
        columns=columns,
        find_header=True,
        allow_unknown=True,
    )
    lines = _Lines(table)
    for row in table.rows:
        date = lines.value(row, "date", parse_date)
        if "amount" in mapping:
            amount = lines.value(row, "amount", parse_amount)
        else:
            amount = lines.amount(row, "credit") - lines.amount(row, "debit")
        lines.add(
            row,
            date,
            row.text("description"),
            amount,
            _balance(lines, row) if "balance" in mapping else None,
            row.text("reference") if "reference" in mapping else "",
        )
    return lines.done()
