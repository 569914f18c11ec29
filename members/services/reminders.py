"""Arrears reminders by email: at most once per member per period.

The ``ReminderSent`` row (UNIQUE member + period) is written first, in the same
transaction that schedules the email with ``transaction.on_commit``: a rolled-back run
sends nothing, and a second run in the same period finds the row and sends nothing.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Min, Sum
from django.utils import timezone

from audit.services import audit_record
from ledger.currency import format_idr
from members.models import ItemStatus, Member, OpenItem, ReminderSent
from members.selectors import OUTSTANDING
from members.services.common import user_or_none


def _message(member: Member, total, oldest: dt.date) -> tuple[str, str]:
    subject = f"Pengingat tunggakan iuran/simpanan {member.number}"
    body = (
        f"Yth. {member.name} ({member.number}),\n\n"
        f"Menurut catatan Estama, masih ada tagihan yang belum dibayar sebesar "
        f"{format_idr(total)}, yang tertua jatuh tempo pada {oldest:%d-%m-%Y}.\n"
        "Mohon melakukan pembayaran kepada bendahara, atau abaikan pesan ini jika "
        "sudah membayar.\n\nSalam,\nBendahara Estama DPD IPSPI Jawa Timur\n"
    )
    return subject, body


def arrears_reminders_send(
    *,
    period: str | None = None,
    as_of: dt.date | None = None,
    member_ids: list[int] | None = None,
    user=None,
) -> int:
    """Email every member with an overdue open item (due before ``as_of``) who has an
    email address and was not reminded in ``period`` yet.

    Args:
        period: the reminder period ``YYYY-MM`` (default: the month of ``as_of``).
        as_of: the day that decides what is overdue (default: today, Asia/Jakarta).
        member_ids: only these members (the treasurer's selection); None for all.
        user: who sends them (audited; None for the scheduler).

    Returns:
        How many reminders were scheduled.
    """
    as_of = as_of or timezone.localdate()
    period = period or f"{as_of:%Y-%m}"
    overdue = (
        OpenItem.objects.filter(status=ItemStatus.OPEN, due_date__lt=as_of)
        .exclude(member__email="")
        .filter(**({"member_id__in": member_ids} if member_ids is not None else {}))
        .values("member_id")
        .annotate(total=Sum(OUTSTANDING), oldest=Min("due_date"))
        .order_by("member_id")
    )
    rows = {row["member_id"]: row for row in overdue if row["total"] > 0}
    already = set(
        ReminderSent.objects.filter(
            period=period, member_id__in=list(rows)
        ).values_list("member_id", flat=True)
    )
    members = Member.objects.in_bulk([pk for pk in rows if pk not in already])
    sent = 0
    with transaction.atomic():
        for member_id, member in sorted(members.items()):
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(
                        member=member, period=period, email=member.email
                    )
            except IntegrityError:  # a concurrent run reminded them first
                continue
            subject, body = _message(
                member, rows[member_id]["total"], rows[member_id]["oldest"]
            )
            transaction.on_commit(
                lambda s=subject, b=body, to=member.email: send_mail(
                    s, b, settings.DEFAULT_FROM_EMAIL, [to]
                )
            )
            sent += 1
        audit_record(
            actor=user_or_none(user),
            action="members.reminders_sent",
            after={
                "period": period,
                "sent": sent,
                "selected": None if member_ids is None else len(member_ids),
            },
        )
    return sent
