"""The parts every printed document shares (ReportLab platypus flowables): the
organisation's letterhead, the amount in words in Indonesian (terbilang), a money
table ending in a total row, and the signature block.

Receipts (``members.receipts``, ``sales.pdf``), invoices (``sales.pdf``) and the
member statement (``web.pdf``) draw them from here, so the organisation's identity
(``estama.organisation``) and the wording of amounts are the same on every document.

Invariants:
    - the terbilang of an amount names whole rupiah only (rupiah have no sen); a
      negative amount reads "minus ...";
    - every text taken from settings or data is escaped before it reaches a
      ``Paragraph`` (which parses a small markup language).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

from num2words import num2words
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from estama.organisation import organisation
from ledger.currency import format_idr
from ledger.dates import tanggal


def terbilang(amount: Decimal | int) -> str:
    """``125000`` -> ``Seratus dua puluh lima ribu rupiah`` (num2words, Indonesian)."""
    value = int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    words = num2words(abs(value), lang="id")
    if value < 0:
        words = f"minus {words}"
    text = f"{words} rupiah"
    return text[:1].upper() + text[1:]


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "name": ParagraphStyle(
            "org-name", parent=base["Heading2"], spaceAfter=0, spaceBefore=0
        ),
        "small": ParagraphStyle("org-small", parent=base["Normal"], fontSize=8.5),
        "body": base["BodyText"],
        "title": ParagraphStyle(
            "doc-title", parent=base["Heading3"], spaceBefore=4, spaceAfter=2
        ),
    }


def letterhead(*, title: str = "") -> list[Flowable]:
    """Name, address and city, legal entity number, a rule; then ``title``."""
    org = organisation()
    styles = _styles()
    lines = [Paragraph(escape(org.name), styles["name"])]
    address = ", ".join(part for part in (org.address, org.city) if part)
    if address:
        lines.append(Paragraph(escape(address), styles["small"]))
    if org.legal_number:
        lines.append(
            Paragraph(f"Badan hukum: {escape(org.legal_number)}", styles["small"])
        )
    lines.append(
        HRFlowable(width="100%", thickness=1, color=colors.black, spaceBefore=2)
    )
    if title:
        lines.append(Paragraph(escape(title), styles["title"]))
    return lines


def amount_in_words(amount: Decimal | int, *, label: str = "Terbilang") -> Paragraph:
    """``Terbilang: Seratus dua puluh lima ribu rupiah`` (italic)."""
    return Paragraph(
        f"{escape(label)}: <i>{escape(terbilang(amount))}</i>", _styles()["body"]
    )


def money_table(
    *,
    rows: list[tuple[str, Decimal]],
    total_label: str,
    total: Decimal,
    widths: tuple[float, float] = (110 * mm, 40 * mm),
    header: tuple[str, str] | None = None,
) -> Table:
    """Description / amount rows ending in a bold total row with a rule above."""
    body = _styles()["body"]
    data: list[list] = []
    if header:
        data.append(list(header))
    data += [
        [Paragraph(escape(label), body), format_idr(amount)] for label, amount in rows
    ]
    data.append([total_label, format_idr(total)])
    table = Table(data, colWidths=list(widths))
    style = [
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
    ]
    if header:
        style += [
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
        ]
    table.setStyle(TableStyle(style))
    return table


def signature_block(
    *, date: dt.date, role: str = "Bendahara", name: str | None = None
) -> Table:
    """Right-aligned ``<city>, <date>`` / role / space to sign / ``( name )``."""
    org = organisation()
    signer = name if name is not None else org.treasurer
    place = f"{org.city}, " if org.city else ""
    data = [
        [f"{place}{tanggal(date)}"],
        [role],
        [Spacer(1, 14 * mm)],
        [f"( {signer or '.' * 30} )"],
    ]
    table = Table(data, colWidths=[70 * mm], hAlign="RIGHT")
    table.setStyle(
        TableStyle(
            [
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("LINEBELOW", (0, 2), (-1, 2), 0.5, colors.black),
            ]
        )
    )
    return table
