"""Leaving the cooperative: request -> approval (refund fixed and moved to 2-1300)
-> payout (2-1300 cleared against cash/bank). History is never deleted.

On approval the refund is pokok + wajib paid (their ledger balances, on whichever
account they were posted to: capital is what members paid) + member credit held
(2-1230) - arrears on the ledger (accrued open items such as iuran, offset oldest
first) - other receivables (1-1320). If the capital does not cover the deductions,
what it covers is offset and the rest stays open (to be paid or waived). Simpanan
pokok/wajib billed but never paid is not capital and is not owed by a member who
leaves: those items are closed (waived, nothing to post) with the reason. Simpanan
sukarela stays the member's and is withdrawn as usual; credit left over later can be
refunded (``credit_refund``).

A resignation is dated the day it is requested (default today); it cannot be approved
before that day.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from djmoney.money import Money

from audit.services import audit_record
from ledger import currency as cur
from ledger.chart import account_code
from ledger.errors import InvalidDate
from ledger.models import EntrySource
from ledger.services import LineInput, entry_post
from members.accounts import (
    capital_account_codes,
    member_credit_code,
    money_account_code,
)
from members.errors import InvalidMember, ResignationConflict
from members.models import (
    AllocationSource,
    LeftReason,
    Member,
    MemberStatus,
    Resignation,
    ResignationStatus,
)
from members.services.common import (
    ZERO,
    lock_member,
    member_balance,
    member_line_balances,
    user_or_none,
)
from members.services.payments import check_method
from members.services.registry import status_change_record
from members.services.settlement import (
    allocations_apply,
    items_close_unaccrued,
    locked_open_items,
    receivable_lines,
    settle,
)


def _open_resignation(member: Member) -> Resignation | None:
    return (
        Resignation.objects.select_for_update()
        .filter(member=member)
        .exclude(status=ResignationStatus.PAID)
        .first()
    )


def resignation_request(
    *,
    member: Member,
    reason: str,
    kind: str = LeftReason.RESIGNED,
    date: dt.date | None = None,
    user=None,
) -> Resignation:
    """Ask for a member to leave (resigned, deceased or dismissed), with a reason.

    Raises:
        InvalidMember: no reason or an unknown kind.
        ResignationConflict: the member has left or a request is pending.
    """
    if not (reason or "").strip():
        raise InvalidMember("Alasan wajib diisi.", errors={"reason": ["Required."]})
    if kind not in LeftReason.values:
        raise InvalidMember(
            "Jenis keluar tidak dikenal.",
            errors={"kind": [f"Use one of {', '.join(LeftReason.values)}."]},
        )
    with transaction.atomic():
        member = lock_member(member)
        if member.status == MemberStatus.LEFT or _open_resignation(member):
            raise ResignationConflict(
                f"Anggota {member.number} sudah keluar atau sedang mengajukan keluar.",
                errors={"member": ["Already left or a request is pending."]},
            )
        resignation = Resignation.objects.create(
            member=member,
            kind=kind,
            reason=reason.strip()[:255],
            requested_on=date or timezone.localdate(),
            requested_by=user_or_none(user),
        )
        audit_record(
            actor=user,
            action="member.resignation_requested",
            target=member,
            after={"kind": kind},
            note=reason,
        )
    return resignation


def resignation_approve(
    *, member: Member, date: dt.date | None = None, user=None
) -> Resignation:
    """Approve the pending request: compute the refund, post it to 2-1300, mark the
    member as left.

    Returns:
        The approved resignation with ``capital``, ``deductions`` and ``refund``.

    Raises:
        ResignationConflict: no pending request.
        InvalidDate: the approval date precedes the request date.
        PeriodLocked: the approval date's month is locked.
    """
    date = date or timezone.localdate()
    with transaction.atomic():
        member = lock_member(member)
        resignation = _open_resignation(member)
        if resignation is None or resignation.status != ResignationStatus.REQUESTED:
            raise ResignationConflict(
                f"Tidak ada pengajuan keluar yang menunggu untuk {member.number}.",
                errors={"member": ["No pending resignation request."]},
            )
        if date < resignation.requested_on:
            raise InvalidDate(
                "Tanggal persetujuan sebelum tanggal pengajuan keluar.",
                errors={"date": [f"The request is dated {resignation.requested_on}."]},
            )
        items = locked_open_items(member_ids=[member.pk])
        unpaid_capital = [item for item in items if not item.is_accrued]
        items = [item for item in items if item.is_accrued]
        items_close_unaccrued(
            items=unpaid_capital,
            reason="Anggota keluar: simpanan belum dibayar tidak ditagih",
            user=user,
        )
        capital_codes = capital_account_codes("pokok") + capital_account_codes("wajib")
        capital_by_code = {
            code: net
            for (_, code), net in member_line_balances(
                member_ids=[member.pk], codes=capital_codes
            ).items()
            if net > 0
        }
        capital = sum(capital_by_code.values(), ZERO)
        credit = max(member_balance(member=member, codes=[member_credit_code()]), ZERO)
        other_code = account_code("member_other_receivable")
        other = max(-member_balance(member=member, codes=[other_code]), ZERO)
        available = capital + credit
        plan = settle(items=items, available=available)
        offset = sum((part for _, part in plan), ZERO)
        other_offset = min(other, available - offset)
        refund = available - offset - other_offset
        lines = [
            LineInput(account=code, debit=net, member=member)
            for code, net in sorted(capital_by_code.items())
        ]
        if credit:
            lines.append(
                LineInput(account=member_credit_code(), debit=credit, member=member)
            )
        lines.extend(receivable_lines(member=member, plan=plan))
        if other_offset:
            lines.append(
                LineInput(account=other_code, credit=other_offset, member=member)
            )
        if refund:
            lines.append(
                LineInput(
                    account=account_code("leaving_member_payable"),
                    credit=refund,
                    member=member,
                )
            )
        entry = None
        if available:
            entry = entry_post(
                date=date,
                description=f"Anggota keluar {member.number} {member.name}: "
                f"pengembalian simpanan",
                lines=lines,
                source=EntrySource.SHARES,
                reference=member.number,
                user=user,
            )
            allocations_apply(plan=plan, source=AllocationSource.OFFSET, entry=entry)
        resignation.status = (
            ResignationStatus.APPROVED if refund else ResignationStatus.PAID
        )
        resignation.approved_on = date
        resignation.capital = Money(capital, "IDR")
        resignation.deductions = Money(offset + other_offset, "IDR")
        resignation.refund = Money(refund, "IDR")
        resignation.approval_entry = entry
        resignation.save()
        status_change_record(
            member=member,
            to_status=MemberStatus.LEFT,
            reason=resignation.reason,
            user=user,
            left_reason=resignation.kind,
            left_on=date,
        )
        audit_record(
            actor=user,
            action="member.resignation_approved",
            target=resignation,
            after={
                "capital": cur.plain(capital),
                "credit": cur.plain(credit),
                "deductions": cur.plain(offset + other_offset),
                "refund": cur.plain(refund),
                "unpaid_simpanan_closed": [item.pk for item in unpaid_capital],
                "entry": entry.number if entry else None,
            },
        )
    return resignation


def resignation_pay_out(
    *, member: Member, method: str, date: dt.date | None = None, user=None
) -> Resignation:
    """Pay out an approved refund: debit 2-1300 (member), credit cash/bank.

    Raises:
        InvalidMethod, ResignationConflict (nothing approved to pay), PeriodLocked.
    """
    check_method(method)
    date = date or timezone.localdate()
    with transaction.atomic():
        member = lock_member(member)
        resignation = _open_resignation(member)
        if resignation is None or resignation.status != ResignationStatus.APPROVED:
            raise ResignationConflict(
                f"Tidak ada pengembalian yang disetujui untuk {member.number}.",
                errors={"member": ["No approved refund to pay."]},
            )
        payable = account_code("leaving_member_payable")
        amount: Decimal = member_balance(member=member, codes=[payable])
        entry = None
        if amount > 0:
            entry = entry_post(
                date=date,
                description=f"Pembayaran pengembalian simpanan {member.number} "
                f"{member.name}",
                lines=[
                    LineInput(account=payable, debit=amount, member=member),
                    LineInput(account=money_account_code(method), credit=amount),
                ],
                source=EntrySource.SHARES,
                reference=member.number,
                user=user,
            )
        resignation.status = ResignationStatus.PAID
        resignation.paid_on = date
        resignation.payout_entry = entry
        resignation.save(update_fields=["status", "paid_on", "payout_entry"])
        audit_record(
            actor=user,
            action="member.refund_paid",
            target=resignation,
            after={
                "amount": cur.plain(amount),
                "entry": entry.number if entry else None,
            },
        )
    return resignation
