"""Sending a payment's receipt (kuitansi) by email, with its PDF attached.

The email leaves in ``transaction.on_commit`` after the audit record is written: a
rolled-back request sends nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from audit.services import audit_record
from ledger import currency as cur
from members.errors import MissingEmail
from members.models import Payment
from members.receipts import receipt_pdf
from members.services.common import user_or_none


def receipt_email_send(*, payment: Payment, to: str = "", user=None) -> str:
    """Email the receipt of ``payment`` (PDF attached) to ``to`` or, by default, to
    the member's own address.

    Args:
        payment: the payment whose receipt is sent.
        to: an email address; empty for the member's address.
        user: who sends it (audited).

    Returns:
        The address the receipt was sent to.

    Raises:
        MissingEmail: no address given and the member has none.
    """
    address = (to or payment.member.email or "").strip()
    if not address:
        raise MissingEmail(
            "Anggota belum punya alamat email.",
            errors={"email": ["The member has no email address; give one."]},
        )
    content = receipt_pdf(payment=payment)
    member = payment.member
    message = EmailMessage(
        subject=f"Kuitansi {payment.number} - Estama",
        body=(
            f"Yth. {member.name} ({member.number}),\n\n"
            f"Terima kasih, pembayaran Anda sebesar "
            f"{cur.format_idr(payment.amount.amount)} tanggal "
            f"{payment.date:%d-%m-%Y} sudah kami terima. Kuitansi {payment.number} "
            "terlampir.\n\nSalam,\nBendahara Estama\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
    )
    message.attach(f"{payment.number}.pdf", content, "application/pdf")
    with transaction.atomic():
        audit_record(
            actor=user_or_none(user),
            action="payment.receipt_emailed",
            target=payment,
            after={"number": payment.number, "to": address},
        )
        transaction.on_commit(message.send)
    return address
