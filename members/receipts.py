"""The printable receipt (kuitansi) of a payment, in Bahasa Indonesia (ReportLab):
letterhead, who paid what and how, the bills it settled with a total row, the
amount in words (terbilang) and the treasurer's signature line."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from estama.documents import amount_in_words, letterhead, money_table, signature_block
from ledger.currency import format_idr
from ledger.dates import MONTHS_ID, tanggal
from members.models import Payment

KIND_LABEL = {"pokok": "Simpanan pokok", "wajib": "Simpanan wajib", "iuran": "Iuran"}
METHOD_LABEL = {"cash": "Tunai", "bank": "Transfer bank", "qris": "QRIS"}


def period_text(period: str) -> str:
    """``2026-03`` -> ``Maret 2026``; ``2026`` and empty stay as they are."""
    if len(period) == 7 and period[4] == "-" and period[5:].isdigit():
        return f"{MONTHS_ID[int(period[5:]) - 1]} {period[:4]}"
    return period


def receipt_pdf(*, payment: Payment) -> bytes:
    """Render the receipt of ``payment`` as PDF bytes."""
    allocations = list(
        payment.allocations.select_related("item").order_by("item__due_date", "id")
    )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A5),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=f"Kuitansi {payment.number}",
    )
    member = payment.member
    amount = payment.amount.amount
    facts = Table(
        [
            ["Nomor", payment.number],
            ["Tanggal", tanggal(payment.date)],
            ["Telah terima dari", f"{member.name} ({member.number})"],
            ["Cara bayar", METHOD_LABEL.get(payment.method, payment.method)],
            ["Referensi", payment.reference or "-"],
            ["Sejumlah", format_idr(amount)],
        ],
        colWidths=[40 * mm, 130 * mm],
    )
    facts.setStyle(
        TableStyle(
            [
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("FONTNAME", (1, 5), (1, 5), "Helvetica-Bold"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    rows = [
        (
            f"{KIND_LABEL[a.item.kind]} {period_text(a.item.period)}".strip(),
            a.amount.amount,
        )
        for a in allocations
    ]
    if payment.credit_used.amount:
        rows.append(("Dikurangi titipan anggota", -payment.credit_used.amount))
    if payment.credit_amount.amount:
        target = (
            "simpanan sukarela"
            if payment.overpayment_to == "sukarela"
            else "titipan anggota"
        )
        rows.append((f"Kelebihan bayar menjadi {target}", payment.credit_amount.amount))
    story = [
        *letterhead(title="KUITANSI PEMBAYARAN"),
        facts,
        Spacer(1, 2 * mm),
        money_table(
            rows=rows,
            total_label="Jumlah diterima",
            total=amount,
            widths=(130 * mm, 40 * mm),
            header=("Untuk pembayaran", "Jumlah"),
        ),
        Spacer(1, 2 * mm),
        amount_in_words(amount),
        Spacer(1, 2 * mm),
        signature_block(date=payment.date),
    ]
    doc.build(story)
    return buffer.getvalue()
