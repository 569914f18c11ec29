"""The member statement as a PDF (ReportLab), in the reader's language (Bahasa
Indonesia by default).

Invariants: the PDF shows exactly the rows of ``members.selectors.member_statement``
(the same numbers as the page), amounts as ``Rp 1.234.567``; it names no member other
than the statement's own.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from estama.documents import amount_in_words, letterhead, signature_block
from ledger.chart import account_code
from ledger.currency import format_idr


def statement_pdf(*, statement, account_name) -> bytes:
    """Render a member statement.

    Args:
        statement: a ``members.selectors.Statement``.
        account_name: maps an account code to its name in the active language.

    Returns:
        The PDF document as bytes.
    """
    member = statement.member
    period = str(statement.year) if statement.year else _("semua tahun")
    buffer = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=_("Mutasi anggota %(number)s") % {"number": member.number},
        author="Estama",
    )
    story = [
        *letterhead(
            title=_("Mutasi anggota %(number)s, %(period)s")
            % {"number": member.number, "period": period}
        ),
        Paragraph(
            _("%(name)s, %(region)s")
            % {"name": escape(member.name), "region": escape(member.region.name)},
            styles["Normal"],
        ),
        Spacer(1, 4 * mm),
    ]
    header = [
        _("Tanggal"),
        _("Nomor jurnal"),
        _("Uraian"),
        _("Akun"),
        _("Debit"),
        _("Kredit"),
        _("Saldo"),
    ]
    cell = styles["BodyText"]
    cell.fontSize = 8
    cell.leading = 10
    data = [header]
    for code, balance in sorted(statement.opening.items()):
        data.append(
            [
                "",
                "",
                Paragraph(_("Saldo awal"), cell),
                Paragraph(escape(f"{code} {account_name(code)}"), cell),
                "",
                "",
                format_idr(balance),
            ]
        )
    for row in statement.rows:
        data.append(
            [
                formats.date_format(row.date, "SHORT_DATE_FORMAT"),
                row.entry,
                Paragraph(escape(row.description), cell),
                Paragraph(escape(f"{row.account} {account_name(row.account)}"), cell),
                format_idr(row.debit) if row.debit else "",
                format_idr(row.credit) if row.credit else "",
                format_idr(row.balance),
            ]
        )
    if len(data) == 1:
        data.append(["", "", _("Belum ada mutasi."), "", "", "", ""])
    total_debit = sum((row.debit for row in statement.rows), 0)
    total_credit = sum((row.credit for row in statement.rows), 0)
    data.append(
        [
            "",
            "",
            _("Jumlah mutasi"),
            "",
            format_idr(total_debit),
            format_idr(total_credit),
            "",
        ]
    )
    widths = [22 * mm, 34 * mm, 80 * mm, 60 * mm, 26 * mm, 26 * mm, 26 * mm]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3eee7")),
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("ALIGN", (4, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
                ("LINEABOVE", (0, -1), (-1, -1), 1, colors.black),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 4 * mm))
    closing = ", ".join(
        f"{code} {account_name(code)}: {format_idr(amount)}"
        for code, amount in sorted(statement.closing.items())
    )
    story.append(
        Paragraph(
            _("Saldo akhir: %(closing)s") % {"closing": escape(closing) or "-"},
            styles["Normal"],
        )
    )
    owed = statement.closing.get(account_code("member_receivable"), 0)
    story.append(Spacer(1, 2 * mm))
    story.append(
        Paragraph(
            _("Sisa tagihan per akhir periode: %(amount)s")
            % {"amount": format_idr(owed)},
            styles["Normal"],
        )
    )
    story.append(amount_in_words(owed))
    story.append(Spacer(1, 4 * mm))
    story.append(signature_block(date=timezone.localdate()))
    doc.build(story)
    return buffer.getvalue()
