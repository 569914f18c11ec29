"""Printable sales documents in Bahasa Indonesia (ReportLab): the invoice (faktur)
and the payment receipt (kuitansi). Amounts read ``Rp 1.234.567``; both carry the
letterhead, the amount in words and a signature line (``estama.documents``)."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from estama.documents import amount_in_words, letterhead, money_table, signature_block
from ledger.currency import format_idr
from ledger.dates import tanggal
from sales.models import Invoice, InvoiceStatus, Payment

ISSUER = "Estama - DPD IPSPI Jawa Timur"
STATUS_LABEL = {
    InvoiceStatus.DRAFT: "DRAF (belum terbit)",
    InvoiceStatus.ISSUED: "Belum dibayar",
    InvoiceStatus.PARTIALLY_PAID: "Dibayar sebagian",
    InvoiceStatus.PAID: "LUNAS",
    InvoiceStatus.VOID: "BATAL",
}
TAX_LABEL = {"none": "-", "ppn": "PPN 11%", "ppn_luxury": "PPN 12%"}


def _rp(money) -> str:
    return format_idr(getattr(money, "amount", money))


def _grid() -> TableStyle:
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )


def invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice as a one-or-more page A4 PDF."""
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        title=f"Faktur {invoice.number or 'draf'}",
        author=ISSUER,
    )
    customer = invoice.customer_name
    if invoice.member_id:
        customer = f"{invoice.member.number} - {invoice.customer_name} (anggota)"
    story = [
        *letterhead(title="FAKTUR PENJUALAN"),
        Table(
            [
                ["Nomor", invoice.number or "(draf)"],
                ["Tanggal", tanggal(invoice.date)],
                ["Kepada", customer],
                ["Status", STATUS_LABEL.get(invoice.status, invoice.status)],
            ],
            colWidths=[35 * mm, 130 * mm],
        ),
        Spacer(1, 6 * mm),
    ]
    rows = [["No", "Uraian", "Jml", "Harga", "Diskon", "DPP", "Pajak", "Jumlah"]]
    for index, line in enumerate(invoice.lines.all(), start=1):
        rows.append(
            [
                str(index),
                Paragraph(line.description, styles["BodyText"]),
                str(line.quantity),
                _rp(line.unit_price),
                _rp(line.discount),
                _rp(line.base),
                TAX_LABEL.get(line.tax_code, line.tax_code),
                _rp(line.line_total),
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
    story.append(table)
    story.append(Spacer(1, 4 * mm))
    totals = [
        ["Subtotal", _rp(invoice.subtotal)],
        ["Diskon", _rp(invoice.discount_total)],
        ["PPN", _rp(invoice.tax_total)],
        ["Total", _rp(invoice.total)],
        ["Dibayar", _rp(invoice.amount_paid)],
        ["Nota kredit", _rp(invoice.amount_credited)],
        ["Sisa tagihan", _rp(invoice.outstanding)],
    ]
    summary = Table(totals, colWidths=[40 * mm, 35 * mm], hAlign="RIGHT")
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
    story.append(Spacer(1, 3 * mm))
    story.append(amount_in_words(invoice.total.amount, label="Terbilang (total)"))
    story.append(Spacer(1, 5 * mm))
    story.append(
        Paragraph(
            "Harga belum termasuk PPN. PPN dihitung dari total faktur per kode pajak, "
            "dibulatkan ke rupiah penuh dan dibagi ke baris dengan metode sisa "
            "terbesar. Pembayaran melalui kas atau transfer bank Estama.",
            styles["BodyText"],
        )
    )
    if invoice.status == InvoiceStatus.VOID:
        story.append(
            Paragraph(
                f"Faktur ini DIBATALKAN. {invoice.void_reason}", styles["Heading3"]
            )
        )
    story.append(Spacer(1, 6 * mm))
    story.append(signature_block(date=invoice.date))
    doc.build(story)
    return buffer.getvalue()


def receipt_pdf(payment: Payment) -> bytes:
    """The receipt (kuitansi) of one payment, A5 landscape."""
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A5),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=12 * mm,
        title=f"Kuitansi {payment.receipt_number}",
        author=ISSUER,
    )
    invoice = payment.invoice
    payer = invoice.customer_name
    if invoice.member_id:
        payer = f"{invoice.member.number} - {invoice.customer_name}"
    method = "Tunai" if payment.method == "cash" else "Transfer bank"
    table = Table(
        [
            ["Nomor kuitansi", payment.receipt_number],
            ["Tanggal", tanggal(payment.date)],
            ["Telah terima dari", payer],
            ["Cara bayar", method],
        ],
        colWidths=[45 * mm, 125 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    amount = payment.amount.amount
    doc.build(
        [
            *letterhead(title="KUITANSI PEMBAYARAN"),
            table,
            Spacer(1, 2 * mm),
            money_table(
                rows=[(f"Pembayaran faktur {invoice.number}", amount)],
                total_label="Jumlah diterima",
                total=amount,
                widths=(130 * mm, 40 * mm),
            ),
            Paragraph(
                f"Sisa tagihan faktur (saat dicetak): {_rp(invoice.outstanding)}",
                styles["BodyText"],
            ),
            amount_in_words(amount),
            Spacer(1, 2 * mm),
            signature_block(date=payment.date),
        ]
    )
    return buffer.getvalue()
