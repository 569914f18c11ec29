"""Simpanan sukarela: deposits and withdrawals of any amount.

A withdrawal never takes the balance below zero: the member row is locked before the
balance is read, so two racing withdrawals run one after the other.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from djmoney.money import Money

from audit.services import audit_record
from ledger import currency as cur
from ledger.chart import account_code
from ledger.models import EntrySource
from ledger.services import LineInput, entry_post
from members.accounts import money_account_code
from members.errors import InsufficientBalance, InvalidMember
from members.models import ShareDirection, ShareTransaction
from members.services.common import (
    lock_member,
    member_accepting_money,
    member_balance,
    user_or_none,
)
from members.services.payments import check_amount, check_method


def share_transaction_record(
    *,
    member,
    direction: str,
    amount: Decimal,
    date: dt.date,
    method: str,
    user=None,
) -> ShareTransaction:
    """Deposit to or withdraw from a member's simpanan sukarela.

    Deposit: debit cash/bank, credit 2-1200 (member). Withdrawal: the reverse.

    Raises:
        InvalidAmount, InvalidMethod, InvalidMember (unknown direction),
        InsufficientBalance (a withdrawal above the balance), PeriodLocked,
        MemberNotActive (a deposit for a member who has left).
    """
    amount = check_amount(amount)
    check_method(method)
    if direction not in ShareDirection.values:
        raise InvalidMember(
            "Arah transaksi tidak dikenal.",
            errors={"direction": ["Use deposit or withdraw."]},
        )
    code = account_code("sukarela")
    with transaction.atomic():
        member = lock_member(member)
        balance = member_balance(member=member, codes=[code])
        deposit = direction == ShareDirection.DEPOSIT
        if deposit:
            member_accepting_money(member, what="setoran")
        if not deposit and amount > balance:
            raise InsufficientBalance(
                f"Saldo simpanan sukarela {member.number} "
                f"{cur.format_idr(balance)} tidak cukup.",
                errors={"amount": [f"The balance is {cur.plain(balance)}."]},
            )
        cash = money_account_code(method)
        share = LineInput(
            account=code,
            **{"credit" if deposit else "debit": amount},
            member=member,
        )
        money = LineInput(account=cash, **{"debit" if deposit else "credit": amount})
        label = "Setoran" if deposit else "Penarikan"
        entry = entry_post(
            date=date,
            description=f"{label} simpanan sukarela {member.number} {member.name}",
            lines=[money, share],
            source=EntrySource.SHARES,
            reference=member.number,
            user=user,
        )
        row = ShareTransaction.objects.create(
            member=member,
            direction=direction,
            amount=Money(amount, "IDR"),
            date=date,
            method=method,
            entry=entry,
            created_by=user_or_none(user),
        )
        audit_record(
            actor=user,
            action=f"sukarela.{direction}",
            target=row,
            after={
                "member": member.number,
                "amount": cur.plain(amount),
                "entry": entry.number,
            },
        )
    return row
