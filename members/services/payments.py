"""Recording member payments.

A payment (plus any credit the member already holds) settles the member's open items
oldest first, across kinds; a partial payment leaves the rest open; what is left over
becomes the member's credit (2-1230, consumed by the next items billed) or simpanan
sukarela (2-1200) when ESTAMA_OVERPAYMENT_TO = "sukarela". One entry per payment:
debit cash/bank [+ debit 2-1230 for credit used] = credit 1-1310 per item
[+ credit 2-1230/2-1200 for the overpayment].
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from djmoney.money import Money

from audit.services import audit_record
from ledger import currency as cur
from ledger.errors import InvalidAmount
from ledger.models import EntrySource
from ledger.services import LineInput, entry_post, sequence_next
from members.accounts import member_credit_code, money_account_code, overpayment_code
from members.errors import InvalidMethod
from members.models import AllocationSource, Member, Payment, PaymentMethod
from members.services.common import (
    ZERO,
    lock_member,
    member_accepting_money,
    member_balance,
    user_or_none,
)
from members.services.settlement import (
    allocations_apply,
    locked_open_items,
    receivable_lines,
    settle,
)


def receipt_number_next(*, year: int) -> str:
    """Next kuitansi number of ``year`` (``KW-2026-00001``), gapless per year."""
    value = sequence_next(key=f"members:receipt:{year}")
    return f"{settings.ESTAMA_RECEIPT_PREFIX}-{year:04d}-{value:05d}"


def check_amount(amount: Decimal, field: str = "amount") -> Decimal:
    value = cur.to_decimal(amount)
    if value is None or value <= 0 or value >= cur.MAX_AMOUNT:
        raise InvalidAmount(
            "Jumlah harus positif.", errors={field: ["A positive amount is required."]}
        )
    if not cur.is_exact(value, "IDR"):
        raise InvalidAmount(
            "Jumlah harus dalam rupiah bulat.",
            errors={field: ["IDR amounts must be whole rupiah (no fractions)."]},
        )
    return value


def check_method(method: str) -> str:
    if method not in PaymentMethod.values:
        raise InvalidMethod(
            "Cara bayar tidak dikenal.", errors={"method": ["Use cash, bank or qris."]}
        )
    return method


def payment_record(
    *,
    member: Member,
    amount: Decimal,
    method: str,
    date: dt.date,
    reference: str = "",
    user=None,
) -> Payment:
    """Record a member's payment, settle their oldest open items, issue a receipt.

    Args:
        member: who pays.
        amount: whole rupiah, positive.
        method: ``cash``, ``bank`` or ``qris`` (QRIS settles into the bank).
        date: the payment date (its year numbers the receipt).
        reference: the bank reference or note.
        user: who records it (audited).

    Returns:
        The Payment with its receipt ``number`` and allocations.

    Raises:
        InvalidAmount, InvalidMethod, PeriodLocked, InvalidDate,
        MemberNotActive (a member who has left may settle what they owe, but not
        pay more than that).
    """
    amount = check_amount(amount)
    check_method(method)
    with transaction.atomic():
        member = lock_member(member)
        items = locked_open_items(member_ids=[member.pk])
        credit_code = member_credit_code()
        credit = max(member_balance(member=member, codes=[credit_code]), ZERO)
        plan = settle(items=items, available=amount + credit)
        settled = sum((part for _, part in plan), ZERO)
        credit_used = min(credit, settled)
        overpaid = amount + credit_used - settled
        over_code = overpayment_code()
        if overpaid:  # an overpayment is a new deposit (credit or sukarela)
            member_accepting_money(member, what="titipan atau setoran")
        number = receipt_number_next(year=date.year)
        lines = [
            LineInput(
                account=money_account_code(method),
                debit=amount,
                memo=number,
            )
        ]
        if credit_used:
            lines.append(
                LineInput(account=credit_code, debit=credit_used, member=member)
            )
        lines.extend(receivable_lines(member=member, plan=plan))
        if overpaid:
            lines.append(
                LineInput(
                    account=over_code,
                    credit=overpaid,
                    member=member,
                    memo="kelebihan bayar",
                )
            )
        entry = entry_post(
            date=date,
            description=f"Pembayaran anggota {member.number} {member.name} ({number})",
            lines=lines,
            source=EntrySource.PAYMENTS,
            reference=number,
            user=user,
        )
        payment = Payment.objects.create(
            number=number,
            member=member,
            date=date,
            amount=Money(amount, "IDR"),
            method=method,
            reference=(reference or "")[:100],
            credit_used=Money(credit_used, "IDR"),
            credit_amount=Money(overpaid, "IDR"),
            overpayment_to=settings.ESTAMA_OVERPAYMENT_TO if overpaid else "",
            entry=entry,
            created_by=user_or_none(user),
        )
        allocations_apply(
            plan=plan, source=AllocationSource.PAYMENT, entry=entry, payment=payment
        )
        audit_record(
            actor=user,
            action="payment.recorded",
            target=payment,
            after={
                "number": number,
                "member": member.number,
                "amount": cur.plain(amount),
                "settled": cur.plain(settled),
                "overpaid": cur.plain(overpaid),
                "entry": entry.number,
            },
        )
    return payment
