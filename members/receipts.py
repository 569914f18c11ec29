"""The printable receipt (kuitansi) of a payment, in Bahasa Indonesia (ReportLab)."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from ledger.currency import format_idr
from ledger.dates import tanggal
from members.models import Payment

KIND_LABEL = {"pokok": "Simpanan pokok", "wajib": "Simpanan wajib", "iuran": "Iuran"}


def receipt_pdf(*, payment: Payment) -> bytes:
    """Render the receipt of ``payment`` as PDF bytes."""
    allocations = list(
        payment.allocations.select_related("item").order_by("item__due_date", "id")
    )
    buffer = io.BytesIO()
    width, height = landscape(A5)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(f"Kuitansi {payment.number}")
    y = height - 18 * mm
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(15 * mm, y, "KUITANSI PEMBAYARAN")
    pdf.setFont("Helvetica", 9)
    pdf.drawRightString(width - 15 * mm, y, "Estama - DPD IPSPI Jawa Timur")
    y -= 9 * mm
    member = payment.member
    rows = [
        ("Nomor", payment.number),
        ("Tanggal", tanggal(payment.date)),
        ("Diterima dari", f"{member.name} ({member.number})"),
        ("Cara bayar", "Tunai" if payment.method == "cash" else "Transfer bank"),
        ("Referensi", payment.reference or "-"),
        ("Jumlah", format_idr(payment.amount.amount)),
    ]
    pdf.setFont("Helvetica", 10)
    for label, value in rows:
        pdf.drawString(15 * mm, y, label)
        pdf.drawString(50 * mm, y, f": {value}")
        y -= 6 * mm
    y -= 3 * mm
    pdf.setFont("Helvetica-Bold", 10)
    pdf.drawString(15 * mm, y, "Untuk pembayaran")
    pdf.drawRightString(width - 15 * mm, y, "Jumlah")
    y -= 6 * mm
    pdf.setFont("Helvetica", 10)
    lines = [
        (
            f"{KIND_LABEL[a.item.kind]} {a.item.period}".strip(),
            a.amount.amount,
        )
        for a in allocations
    ]
    if payment.credit_used.amount:
        lines.append(("Dikurangi titipan anggota", -payment.credit_used.amount))
    if payment.credit_amount.amount:
        target = (
            "simpanan sukarela"
            if payment.overpayment_to == "sukarela"
            else "titipan anggota"
        )
        lines.append((f"Kelebihan bayar ke {target}", payment.credit_amount.amount))
    for label, amount in lines:
        if y < 25 * mm:
            pdf.showPage()
            pdf.setFont("Helvetica", 10)
            y = height - 18 * mm
        pdf.drawString(15 * mm, y, label)
        pdf.drawRightString(width - 15 * mm, y, format_idr(amount))
        y -= 5.5 * mm
    pdf.setFont("Helvetica-Oblique", 8)
    pdf.drawString(
        15 * mm,
        12 * mm,
        f"Jurnal {payment.entry.number}. Kuitansi ini sah tanpa tanda tangan.",
    )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
