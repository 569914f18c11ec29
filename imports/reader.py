"""One tabular reader for every import: CSV and XLSX, checked before anything is
written.

- CSV in UTF-8, UTF-8 with BOM or Windows-1252 (what Excel "Save as CSV" writes on an
  Indonesian Windows); the delimiter (``,`` ``;`` tab ``|``) is detected.
- XLSX read with openpyxl in read-only mode; only the first sheet is read.
- Headers in Indonesian or English, matched case-, accent- and punctuation-
  insensitively against each column's aliases; an unknown or duplicated column, or a
  required one missing, is an error.
- Formulas (XLSX formula cells, and text that Excel would run as one: ``=...``,
  ``@...``, ``+``/``-`` followed by a name) are refused: an import takes values, and a
  formula smuggled through a CSV runs when someone opens an export later.
- An empty file, one above ``ESTAMA_IMPORT_MAX_BYTES`` (50 MB), or one that is neither
  CSV nor XLSX is refused.
All problems are collected and raised together as ``ImportFileInvalid``, each naming
its row (as the spreadsheet numbers it) and column.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from django.conf import settings

from imports.errors import ImportFileInvalid, Issue
from imports.values import cell_text, header_key, is_blank

XLSX_MAGIC = b"PK\x03\x04"
_FORMULA = re.compile(r"^(?:[=@]|[+\-]\s*[A-Za-z_(@=]|[\t\r])")
HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class Column:
    """A column an import reads: ``key`` in the code, ``aliases`` as headers (any
    case, accents or punctuation; ``"Nomor Anggota"`` matches ``nomor_anggota``)."""

    key: str
    aliases: tuple[str, ...]
    required: bool = False


@dataclass
class Row:
    """One data row: ``line`` is its row number in the spreadsheet (header = 1 when
    the header is the first row)."""

    line: int
    cells: dict[str, object]

    def get(self, key: str) -> object:
        return self.cells.get(key)

    def text(self, key: str) -> str:
        return cell_text(self.cells.get(key))

    def blank(self, key: str) -> bool:
        return is_blank(self.cells.get(key))


@dataclass
class Table:
    rows: list[Row]
    headers: dict[str, str] = field(default_factory=dict)
    preamble: list[list[object]] = field(default_factory=list)

    def header(self, key: str) -> str:
        """The column's header as the file writes it (for messages)."""
        return self.headers.get(key) or key

    def has(self, key: str) -> bool:
        return key in self.headers


def max_bytes() -> int:
    return int(getattr(settings, "ESTAMA_IMPORT_MAX_BYTES", 50 * 1024 * 1024))


def check_size(size: int) -> None:
    """Refuse an empty or oversized upload before reading it."""
    limit = max_bytes()
    if size == 0:
        raise ImportFileInvalid([Issue(0, "", "berkas kosong.")])
    if size > limit:
        raise ImportFileInvalid(
            [
                Issue(
                    0,
                    "",
                    f"berkas terlalu besar ({size} byte; paling besar "
                    f"{limit // (1024 * 1024)} MB).",
                )
            ]
        )


def is_xlsx(data: bytes, filename: str = "") -> bool:
    return data[:4] == XLSX_MAGIC or filename.lower().endswith((".xlsx", ".xlsm"))


# --- Raw rows -------------------------------------------------------------------------


def raw_rows(*, data: bytes, filename: str) -> Iterator[tuple[int, list[object]]]:
    """(row number, cells) of every row, blank rows included; raises
    ImportFileInvalid for an empty, oversized or unreadable file."""
    check_size(len(data))
    if is_xlsx(data, filename):
        return _xlsx_rows(data)
    return _csv_rows(data)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252."""
    if b"\x00" in data[:4096]:
        raise ImportFileInvalid(
            [Issue(0, "", "bukan berkas CSV atau XLSX (berisi data biner).")]
        )
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ImportFileInvalid(
            [
                Issue(
                    0,
                    "",
                    "pengodean berkas tidak dikenal; simpan sebagai CSV UTF-8 "
                    "atau Windows-1252.",
                )
            ]
        ) from exc


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[object]]]:
    text = decode_text(data)
    if not text.strip():
        raise ImportFileInvalid([Issue(0, "", "berkas kosong.")])
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for index, cells in enumerate(reader, start=1):
            yield index, list(cells)
    except csv.Error as exc:
        raise ImportFileInvalid(
            [Issue(index + 1, "", f"CSV tidak dapat dibaca: {exc}")]
        ) from exc


class _Formula(str):
    """Marks an XLSX formula cell so the header pass can name its column."""


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[object]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ImportFileInvalid(
            [Issue(0, "", "berkas XLSX rusak atau bukan XLSX.")]
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        for index, row in enumerate(sheet.iter_rows(), start=1):
            cells: list[object] = []
            for cell in row:
                value = getattr(cell, "value", None)
                if getattr(cell, "data_type", None) == "f":
                    value = _Formula(value)
                cells.append(value)
            yield index, cells
    finally:
        workbook.close()


# --- Tables ---------------------------------------------------------------------------


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def formula_issue(value: object, line: int, column: str) -> Issue | None:
    if isinstance(value, _Formula) or (
        isinstance(value, str) and _FORMULA.match(value)
    ):
        return Issue(
            line,
            column,
            f"rumus Excel tidak diterima ({str(value)[:40]!r}); tempel sebagai nilai.",
        )
    return None


def _match_header(
    cells: list[object], columns: Sequence[Column], allow_unknown: bool = False
) -> tuple[dict[int, Column], list[Issue], list[str]]:
    """Map the cells of a header row to columns; returns (index -> column, issues
    for unknown/duplicate headers, required keys missing)."""
    by_alias = {alias: column for column in columns for alias in column.aliases}
    mapping: dict[int, Column] = {}
    issues: list[Issue] = []
    seen: dict[str, str] = {}
    for index, cell in enumerate(cells):
        if is_blank(cell):
            # A column with the alias "" takes the first header cell left blank
            # (BCA's CR/DB column has no header).
            blank = by_alias.get("")
            if blank is not None and blank.key not in seen:
                seen[blank.key] = ""
                mapping[index] = blank
            continue
        header = cell_text(cell)
        column = by_alias.get(header_key(header))
        if column is None and allow_unknown:
            continue
        if column is None:
            known = ", ".join(column.aliases[0] for column in columns)
            issues.append(
                Issue(1, header, f"kolom tidak dikenal; kolom yang dikenal: {known}.")
            )
            continue
        if column.key in seen:
            issues.append(
                Issue(1, header, f"kolom ganda (sama dengan '{seen[column.key]}').")
            )
            continue
        seen[column.key] = header
        mapping[index] = column
    missing = [c.aliases[0] for c in columns if c.required and c.key not in seen]
    return mapping, issues, missing


def table_read(
    *,
    data: bytes,
    filename: str,
    columns: Sequence[Column],
    find_header: bool = False,
    is_footer: Callable[[dict[str, object]], bool] | None = None,
    allow_unknown: bool = False,
) -> Table:
    """Read ``data`` into rows keyed by the columns' keys.

    Args:
        columns: the columns the import knows; any other header is an error.
        find_header: look for the header row among the first rows (bank exports put
            the account and period above it); otherwise the first non-blank row is
            the header.
        is_footer: a row for which it returns True ends the table (a bank's totals
            under the lines).
        allow_unknown: ignore columns the import does not know (a generic bank
            mapping names only the columns it needs).

    Raises:
        ImportFileInvalid: with every problem found, each naming row and column.
    """
    rows_iter = raw_rows(data=data, filename=filename)
    preamble: list[list[object]] = []
    mapping: dict[int, Column] | None = None
    issues: list[Issue] = []
    header_line = 0
    rows: list[Row] = []
    headers: dict[str, str] = {}
    ended = False
    for line, cells in rows_iter:
        if all(is_blank(cell) for cell in cells):
            continue
        if mapping is None:
            found, header_issues, missing = _match_header(cells, columns, allow_unknown)
            usable = not missing and (not header_issues or not find_header)
            if usable or not find_header or line > HEADER_SCAN_ROWS:
                if find_header and not usable:
                    break
                mapping, header_line = found, line
                issues.extend(
                    Issue(line, issue.column, issue.message) for issue in header_issues
                )
                issues.extend(
                    Issue(line, name, "kolom wajib tidak ada.") for name in missing
                )
                headers = {
                    column.key: cell_text(cells[index])
                    for index, column in found.items()
                }
                for cell in cells:
                    issue = formula_issue(cell, line, cell_text(cell) or "")
                    if issue:
                        issues.append(issue)
                continue
            preamble.append(cells)
            continue
        if ended:
            continue
        values: dict[str, object] = {}
        for index, cell in enumerate(cells):
            column = mapping.get(index)
            name = headers[column.key] if column else _column_letter(index)
            issue = formula_issue(cell, line, name)
            if issue:
                issues.append(issue)
                continue
            if column is None:
                if not is_blank(cell) and not allow_unknown:
                    issues.append(Issue(line, name, "isi di luar kolom yang dikenal."))
                continue
            values[column.key] = cell.strip() if isinstance(cell, str) else cell
        if is_footer is not None and is_footer(values):
            ended = True
            continue
        rows.append(Row(line=line, cells=values))
    if mapping is None:
        if find_header and preamble:
            wanted = ", ".join(c.aliases[0] for c in columns if c.required)
            raise ImportFileInvalid(
                [Issue(0, "", f"baris judul kolom tidak ditemukan (perlu: {wanted}).")]
            )
        raise ImportFileInvalid([Issue(0, "", "berkas kosong.")])
    if not rows and not issues:
        issues.append(Issue(header_line, "", "tidak ada baris data di bawah judul."))
    if issues:
        raise ImportFileInvalid(issues)
    return Table(rows=rows, headers=headers, preamble=preamble)
