"""Statements as downloadable documents: XLSX (openpyxl) and PDF (ReportLab).

Invariants:
    - XLSX amounts are numeric cells (with a display format), never locale text, and
      every text cell that a spreadsheet would read as a formula is neutralised;
    - PDF amounts read ``Rp 1.234.567`` (``ledger.currency.format_idr``) and dates are
      written in Bahasa Indonesia by default.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ledger.currency import format_idr
from ledger.dates import tanggal
from reports.exports.general_ledger import xlsx_text

BOLD_KINDS = frozenset({"heading", "subtotal", "total"})


def date_text(day: dt.date, lang: str = "id") -> str:
    """``31 Desember 2026`` (``December 31, 2026`` in English)."""
    if lang == "en":
        return f"{day:%B} {day.day}, {day.year}"
    return tanggal(day)


@dataclass
class Document:
    """A titled table: ``text_columns`` leading text cells, then amount cells."""

    title: str
    subtitle: str
    columns: list[str]
    text_columns: int = 1
    rows: list[tuple[list, str]] = field(default_factory=list)
    filename: str = "laporan"


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
    sheet.append([])
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
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
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
    amount_cols = len(doc.columns) - doc.text_columns
    label_width = 180 * mm - amount_cols * 32 * mm
    widths = (
        [label_width] if doc.text_columns == 1 else [22 * mm, label_width - 22 * mm]
    ) + [32 * mm] * amount_cols
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
    story = [
        Paragraph(doc.title, styles["Title"]),
        Paragraph(doc.subtitle, styles["Normal"]),
        Spacer(1, 6 * mm),
        table,
    ]
    pdf.build(story)
    return buffer.getvalue()
