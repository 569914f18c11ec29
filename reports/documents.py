"""Statements as downloadable documents: XLSX (openpyxl) and PDF (ReportLab).

Invariants:
    - XLSX amounts are numeric cells (with a display format), never locale text, and
      every text cell that a spreadsheet would read as a formula is neutralised;
    - PDF amounts read ``Rp 1.234.567`` (``ledger.currency.format_idr``) and dates are
      written in Bahasa Indonesia by default;
    - a statement names the organisation (name, legal entity number, address) and its
      period in both formats; the PDF ends with the signature block of the Ketua,
      the Bendahara and the Pengawas (names from ``estama.organisation``).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ledger.currency import format_idr
from ledger.dates import tanggal
from reports.exports.general_ledger import xlsx_text

BOLD_KINDS = frozenset({"heading", "subtotal", "total"})


SIGNATORIES = (
    ("chair", "Ketua", "Chair"),
    ("treasurer", "Bendahara", "Treasurer"),
    ("supervisor", "Pengawas", "Supervisor"),
)


def date_text(day: dt.date, lang: str = "id") -> str:
    """``31 Desember 2026`` (``December 31, 2026`` in English)."""
    if lang == "en":
        return f"{day:%B} {day.day}, {day.year}"
    return tanggal(day)


def period_text(
    *,
    as_of: dt.date | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    lang: str = "id",
) -> str:
    """``Per 31 Desember 2026`` or ``Periode 1 Januari 2026 s.d. 31 Desember 2026``."""
    if as_of is not None:
        return f"{'As of' if lang == 'en' else 'Per'} {date_text(as_of, lang)}"
    between = "to" if lang == "en" else "s.d."
    word = "Period" if lang == "en" else "Periode"
    return f"{word} {date_text(start, lang)} {between} {date_text(end, lang)}"


def organisation_lines(org: dict | None, lang: str = "id") -> list[str]:
    """The letterhead: name, legal entity number, address and city (blanks left out)."""
    if not org:
        return []
    lines = [org.get("name", "")]
    if org.get("legal_number"):
        word = "Legal entity no." if lang == "en" else "Nomor badan hukum"
        lines.append(f"{word}: {org['legal_number']}")
    address = ", ".join(p for p in (org.get("address"), org.get("city")) if p)
    if address:
        lines.append(address)
    return [line for line in lines if line]


def signature_block(org: dict | None, lang: str = "id") -> list[tuple[str, str]]:
    """(role, name) of the Ketua, Bendahara and Pengawas."""
    if org is None:
        return []
    return [
        (en if lang == "en" else role, org.get(key, ""))
        for key, role, en in SIGNATORIES
    ]


@dataclass
class Document:
    """A titled table: ``text_columns`` leading text cells, then amount cells."""

    title: str
    subtitle: str
    columns: list[str]
    text_columns: int = 1
    rows: list[tuple[list, str]] = field(default_factory=list)
    filename: str = "laporan"
    #: Letterhead lines (organisation) and the signature block (role, name).
    header: list[str] = field(default_factory=list)
    signatures: list[tuple[str, str]] = field(default_factory=list)
    place_date: str = ""


def xlsx_bytes(doc: Document) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (
        "".join(ch for ch in doc.title if ch not in "[]:*?/\\")[:31] or "Laporan"
    )
    bold = Font(bold=True)
    sheet.append([xlsx_text(doc.title)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([xlsx_text(doc.subtitle)])
    sheet.append([xlsx_text(" — ".join(doc.header))])
    sheet.append([xlsx_text(c) for c in doc.columns])
    for cell in sheet[4]:
        cell.font = bold
    for cells, kind in doc.rows:
        values = []
        for index, value in enumerate(cells):
            if index < doc.text_columns:
                values.append(xlsx_text(str(value or "")))
            else:
                values.append(None if value is None else Decimal(value))
        sheet.append(values)
        row = sheet.max_row
        for index in range(doc.text_columns, len(cells)):
            sheet.cell(row=row, column=index + 1).number_format = "#,##0"
        if kind in BOLD_KINDS:
            for cell in sheet[row]:
                cell.font = bold
    if doc.signatures:
        sheet.append([])
        if doc.place_date:
            sheet.append([xlsx_text(doc.place_date)])
        for role, name in doc.signatures:
            sheet.append([xlsx_text(f"{role}: {name}")])
    sheet.column_dimensions["A"].width = 12 if doc.text_columns > 1 else 48
    if doc.text_columns > 1:
        sheet.column_dimensions["B"].width = 40
    for index in range(doc.text_columns, len(doc.columns)):
        sheet.column_dimensions[chr(ord("A") + index)].width = 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def pdf_bytes(doc: Document) -> bytes:
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    amount_cols = len(doc.columns) - doc.text_columns
    # Wide statements (the equity statement's components) go landscape.
    pagesize = landscape(A4) if amount_cols > 3 else A4
    usable = pagesize[0] - 30 * mm
    amount_width = min(32 * mm, (usable - 60 * mm) / max(amount_cols, 1))
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        title=doc.title,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    data = [doc.columns]
    bold_rows = []
    for cells, kind in doc.rows:
        row = []
        for index, value in enumerate(cells):
            if index < doc.text_columns:
                row.append(str(value or ""))
            else:
                row.append("" if value is None else format_idr(Decimal(value)))
        if kind in BOLD_KINDS:
            bold_rows.append(len(data))
        data.append(row)
    label_width = usable - amount_cols * amount_width
    widths = (
        [label_width] if doc.text_columns == 1 else [22 * mm, label_width - 22 * mm]
    ) + [amount_width] * amount_cols
    table = Table(data, colWidths=widths, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
        ("ALIGN", (doc.text_columns, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
    ]
    for row in bold_rows:
        style.append(("FONT", (0, row), (-1, row), "Helvetica-Bold", 8))
    table.setStyle(TableStyle(style))
    story = [Paragraph(escape(line), styles["Normal"]) for line in doc.header]
    story += [
        Paragraph(escape(doc.title), styles["Title"]),
        Paragraph(escape(doc.subtitle), styles["Normal"]),
        Spacer(1, 6 * mm),
        table,
    ]
    if doc.signatures:
        story += [Spacer(1, 10 * mm), _signature_table(doc, usable)]
    pdf.build(story)
    return buffer.getvalue()


def _signature_table(doc: Document, usable: float) -> Table:
    """Three columns (Ketua, Bendahara, Pengawas): role, room to sign, name."""
    roles = [role for role, _ in doc.signatures]
    names = [
        name or "(.................................)" for _, name in doc.signatures
    ]
    width = usable / len(roles)
    rows = [[doc.place_date] + [""] * (len(roles) - 1), roles, [""] * len(roles), names]
    table = Table(
        rows, colWidths=[width] * len(roles), rowHeights=[None, None, 18 * mm, None]
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Helvetica", 9),
                ("ALIGN", (0, 1), (-1, -1), "CENTER"),
                ("SPAN", (0, 0), (-1, 0)),
                ("ALIGN", (0, 0), (-1, 0), "RIGHT"),
                ("LINEBELOW", (0, 3), (-1, 3), 0.5, colors.black),
            ]
        )
    )
    return table
