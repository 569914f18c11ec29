"""Refunding member credit (titipan anggota, 2-1230) in cash or by bank.

Typically the credit left over after a member has left (a left member accepts no new
deposits or charges, so the credit would otherwise sit there for ever), but an active
member may ask for theirs too. One entry: Dr 2-1230 (member) / Cr cash or bank.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from ledger import currency as cur
from ledger.models import EntrySource, JournalEntry
from ledger.services import LineInput, entry_post
from members.accounts import member_credit_code, money_account_code
from members.errors import InsufficientBalance
from members.models import Member
from members.services.common import ZERO, lock_member, member_balance
from members.services.payments import check_amount, check_method


def credit_refund(
    *,
    member: Member,
    method: str,
    amount: Decimal | None = None,
    date: dt.date | None = None,
    user=None,
) -> JournalEntry:
    """Pay a member's credit (2-1230) back to them.

    Args:
        member: whose credit.
        method: ``cash`` or ``bank``.
        amount: whole rupiah, at most the credit held; the whole credit by default.
        date: the refund's date (today, Asia/Jakarta, by default).

    Returns:
        The posted refund entry.

    Raises:
        InvalidMethod, InvalidAmount, InsufficientBalance (no credit, or less than
        ``amount``), PeriodLocked.
    """
    check_method(method)
    if amount is not None:
        amount = check_amount(amount)
    date = date or timezone.localdate()
    code = member_credit_code()
    with transaction.atomic():
        member = lock_member(member)
        credit = max(member_balance(member=member, codes=[code]), ZERO)
        wanted = credit if amount is None else amount
        if credit <= 0 or wanted > credit:
            raise InsufficientBalance(
                f"Titipan {member.number} {cur.format_idr(credit)} tidak cukup.",
                errors={"amount": [f"The member's credit is {cur.plain(credit)}."]},
            )
        entry = entry_post(
            date=date,
            description=f"Pengembalian titipan anggota {member.number} {member.name}",
            lines=[
                LineInput(account=code, debit=wanted, member=member),
                LineInput(account=money_account_code(method), credit=wanted),
            ],
            source=EntrySource.SHARES,
            reference=member.number,
            user=user,
        )
        audit_record(
            actor=user,
            action="member.credit_refunded",
            target=member,
            before={"credit": cur.plain(credit)},
            after={"credit": cur.plain(credit - wanted), "entry": entry.number},
        )
    return entry
