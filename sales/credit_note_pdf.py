"""The printable credit note (nota kredit) in Bahasa Indonesia, laid out like the
invoice (``sales/pdf.py``). Amounts read ``Rp 1.234.567``."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ledger.dates import tanggal
from sales.models import CreditNote, RefundMethod
from sales.pdf import ISSUER, TAX_LABEL, _grid, _rp

REFUND_LABEL = {
    RefundMethod.CASH: "Dikembalikan tunai",
    RefundMethod.BANK: "Dikembalikan lewat transfer bank",
    RefundMethod.CREDIT: "Dikreditkan ke titipan anggota",
}


def credit_note_pdf(note: CreditNote) -> bytes:
    """The credit note as an A4 PDF: the invoice it corrects, the lines returned,
    VAT reversed, and how the customer was refunded or credited."""
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        title=f"Nota kredit {note.number}",
        author=ISSUER,
    )
    invoice = note.invoice
    customer = invoice.customer_name
    if invoice.member_id:
        customer = f"{invoice.member.number} - {invoice.customer_name} (anggota)"
    story = [
        Paragraph(ISSUER, styles["Title"]),
        Paragraph("NOTA KREDIT (RETUR PENJUALAN)", styles["Heading2"]),
        Table(
            [
                ["Nomor", note.number],
                ["Tanggal", tanggal(note.date)],
                ["Atas faktur", f"{invoice.number} ({tanggal(invoice.date)})"],
                ["Kepada", customer],
                ["Alasan", note.reason or "-"],
            ],
            colWidths=[35 * mm, 130 * mm],
        ),
        Spacer(1, 6 * mm),
    ]
    rows = [["No", "Uraian", "Jml", "Harga", "Diskon", "DPP", "Pajak", "PPN"]]
    for index, line in enumerate(note.lines.all(), start=1):
        source = line.invoice_line
        rows.append(
            [
                str(index),
                Paragraph(source.description, styles["BodyText"]),
                str(line.quantity),
                _rp(source.unit_price),
                _rp(line.discount),
                _rp(line.base),
                TAX_LABEL.get(source.tax_code, source.tax_code),
                _rp(line.tax),
            ]
        )
    table = Table(
        rows,
        colWidths=[
            8 * mm,
            52 * mm,
            10 * mm,
            22 * mm,
            18 * mm,
            22 * mm,
            16 * mm,
            24 * mm,
        ],
        repeatRows=1,
    )
    table.setStyle(_grid())
    table.setStyle(TableStyle([("ALIGN", (2, 1), (-1, -1), "RIGHT")]))
    story += [table, Spacer(1, 4 * mm)]
    totals = [
        ["Subtotal", _rp(note.subtotal)],
        ["Diskon", _rp(note.discount)],
        ["PPN dikurangkan", _rp(note.tax)],
        ["Total nota kredit", _rp(note.total)],
        ["Potong sisa tagihan", _rp(note.to_receivable)],
        [REFUND_LABEL.get(note.refund, note.refund), _rp(note.refunded)],
    ]
    summary = Table(totals, colWidths=[55 * mm, 35 * mm], hAlign="RIGHT")
    summary.setStyle(
        TableStyle(
            [
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("FONTNAME", (0, 3), (-1, 3), "Helvetica-Bold"),
                ("LINEABOVE", (0, 3), (-1, 3), 0.6, colors.black),
            ]
        )
    )
    story.append(summary)
    story.append(Spacer(1, 6 * mm))
    story.append(
        Paragraph(
            f"Jurnal {note.entry.number}. Nota kredit ini mengurangi penjualan dan "
            "PPN Keluaran faktur di atas.",
            styles["BodyText"],
        )
    )
    doc.build(story)
    return buffer.getvalue()
