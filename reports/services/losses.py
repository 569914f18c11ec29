"""Covering a year's loss (negative SHU) as the RAT decided it.

A loss is never distributed and never silently forgotten: closing carries it into SHU
tahun lalu (3-3100) as an accumulated loss, where it stays until covered. A cover is one
balanced entry, Dr the covering equity account (the reserve 3-2100 by default) and Cr
3-3100, dated after the year's end and not before its close, and never more than is
still uncovered nor more than the covering account holds. Each cover is a ``LossCover``
row and an audit record, in one transaction with the entry.
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
from ledger.errors import InvalidAmount, InvalidDate
from ledger.models import Account, AccountType, EntrySource
from ledger.selectors import account_balance
from ledger.services import LineInput, entry_post
from reports.errors import (
    InvalidLossCover,
    NoLossToCover,
    ReasonRequired,
    YearNotClosed,
)
from reports.models import LossCover
from reports.selectors.losses import loss_remaining
from reports.services.years import _lock_year

#: Equity accounts a loss may not be covered from: the SHU accounts themselves and
#: members' capital (which belongs to each member, not to the cooperative).
NOT_COVERING_ROLES = ("shu_prior", "shu_current", "pokok", "wajib")


def _covering_account(code: str) -> Account:
    refused = {account_code(role) for role in NOT_COVERING_ROLES}
    account = Account.objects.filter(
        code=code, type=AccountType.EQUITY, is_group=False, is_active=True
    ).first()
    if account is None or code in refused:
        raise InvalidLossCover(
            "Rugi hanya dapat ditutup dari akun ekuitas seperti cadangan (3-2100).",
            errors={
                "account": [
                    "Give an active equity account other than SHU and members' "
                    "simpanan pokok/wajib, e.g. 3-2100."
                ]
            },
        )
    return account


def shu_loss_cover(
    *,
    year: int,
    reason: str,
    account: str | None = None,
    amount: Decimal | None = None,
    date: dt.date | None = None,
    user=None,
) -> LossCover:
    """Cover (part of) a closed year's loss from an equity account.

    Args:
        year: a closed year whose SHU was negative.
        reason: the RAT decision (required; in the entry and the audit trail).
        account: the covering equity account; the reserve (3-2100) if omitted.
        amount: whole rupiah; the whole loss still uncovered if omitted.
        date: the posting date (after the year's end, not before its close, in an
            open month); today if omitted.
        user: who posts it (audited).

    Returns:
        The ``LossCover`` with its posted entry.

    Raises:
        ReasonRequired, InvalidLossCover (account not allowed, more than is
        uncovered, more than the account holds), InvalidAmount, YearNotClosed,
        NoLossToCover, InvalidDate, PeriodLocked.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(
            "Alasan (keputusan RAT) wajib diisi.",
            errors={"reason": ["A reason is required."]},
        )
    if amount is not None and (
        amount <= 0 or not cur.is_exact(amount, cur.DEFAULT_CURRENCY)
    ):
        raise InvalidAmount(
            "Jumlah harus rupiah utuh dan lebih dari nol.",
            errors={"amount": ["Give a positive whole-rupiah amount."]},
        )
    date = date or timezone.localdate()
    cover_from = _covering_account(account or account_code("reserve"))
    with transaction.atomic():
        fy = _lock_year(year)
        if not fy.is_closed:
            raise YearNotClosed(f"Tutup dulu tahun buku {year}.")
        remaining = loss_remaining(fy=fy)
        if remaining <= 0:
            raise NoLossToCover(f"Tidak ada rugi tahun {year} yang belum ditutup.")
        closed_on = timezone.localdate(fy.closed_at)
        earliest = max(dt.date(year + 1, 1, 1), closed_on)
        if date < earliest:
            raise InvalidDate(
                "Penutupan rugi diposting sesudah tahun bukunya dan tidak sebelum "
                "tutup buku.",
                errors={"date": [f"Give a date on or after {earliest.isoformat()}."]},
            )
        amount = remaining if amount is None else amount
        if amount > remaining:
            raise InvalidLossCover(
                f"Rugi tahun {year} yang belum ditutup hanya Rp {remaining:f}.",
                errors={"amount": [f"At most {remaining:f}."]},
            )
        available = account_balance(account=cover_from, as_of=date)
        if amount > available:
            raise InvalidLossCover(
                f"Saldo {cover_from.code} {cover_from.name} hanya Rp {available:f}.",
                errors={"account": [f"{cover_from.code} holds {available:f}."]},
            )
        entry = entry_post(
            date=date,
            description=f"Penutupan rugi tahun buku {year}: {reason}"[:255],
            lines=[
                LineInput(account=cover_from, debit=amount),
                LineInput(account=account_code("shu_prior"), credit=amount),
            ],
            source=EntrySource.SHU,
            reference=f"SHU-RUGI-{year}",
            user=user,
        )
        cover = LossCover.objects.create(
            fiscal_year=fy,
            entry=entry,
            account=cover_from,
            amount=Money(amount, cur.DEFAULT_CURRENCY),
            reason=reason[:255],
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        audit_record(
            actor=user,
            action="shu.loss_covered",
            target=fy,
            before={"uncovered": f"{remaining:f}"},
            after={
                "entry": entry.number,
                "account": cover_from.code,
                "amount": f"{amount:f}",
                "uncovered": f"{remaining - amount:f}",
            },
            note=reason,
        )
    return cover
