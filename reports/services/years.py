"""Closing and reopening a fiscal year.

A year closes only once it has ended (its 31 December is in the past, Asia/Jakarta) and
in order (every earlier year with postings closed first). Closing posts two entries:
the closing entry on 31 December (revenue and expense into SHU tahun berjalan 3-3200)
and the carry-forward on 1 January of the next year (the year's SHU, profit or loss,
from 3-3200 to SHU tahun lalu 3-3100), so 3-3200 only ever shows the running year.
Years reopen in reverse order; reopening reverses both entries and unlocks the twelve
months; a year whose SHU was distributed, or whose loss was (partly) covered, is never
reopened.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from ledger.chart import account_code
from ledger.models import (
    Account,
    AccountPeriodTotal,
    AccountType,
    EntrySource,
    JournalEntry,
    Period,
    Side,
)
from ledger.selectors import totals_between
from ledger.services import (
    LineInput,
    entry_post,
    entry_reverse,
    period_lock,
    period_unlock,
)
from reports.errors import (
    InvalidYear,
    LaterYearClosed,
    LossAlreadyCovered,
    ReasonRequired,
    ShuAlreadyDistributed,
    YearAlreadyClosed,
    YearCloseOutOfOrder,
    YearNotClosed,
    YearNotEnded,
)
from reports.models import FiscalYear, YearStatus
from reports.selectors import year_bounds

ZERO = Decimal(0)
MIN_YEAR, MAX_YEAR = 2000, 2999


def year_check(year: int) -> None:
    """Refuse a year outside ``MIN_YEAR``..``MAX_YEAR`` with ``InvalidYear``."""
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidYear(
            "Tahun tidak valid.",
            errors={"year": [f"Give a year from {MIN_YEAR} to {MAX_YEAR}."]},
        )


def _lock_year(year: int) -> FiscalYear:
    year_check(year)
    FiscalYear.objects.bulk_create([FiscalYear(year=year)], ignore_conflicts=True)
    return FiscalYear.objects.select_for_update().get(year=year)


def _closing_lines(year: int) -> list[LineInput]:
    """Lines that bring every revenue and expense balance of the year to zero, the net
    going to SHU tahun berjalan."""
    start, end = year_bounds(year)
    accounts = {
        a.pk: a
        for a in Account.objects.filter(
            is_group=False, type__in=[AccountType.REVENUE, AccountType.EXPENSE]
        )
    }
    totals = totals_between(start=start, end=end, account_ids=list(accounts))
    lines: list[LineInput] = []
    net_sum = ZERO
    for account_id, value in sorted(
        totals.items(), key=lambda item: accounts[item[0]].code
    ):
        net = value.net
        if net == 0:
            continue
        net_sum += net
        side = "credit" if net > 0 else "debit"
        lines.append(LineInput(account=accounts[account_id], **{side: abs(net)}))
    result = -net_sum
    if result:
        side = "credit" if result > 0 else "debit"
        lines.append(
            LineInput(account=account_code("shu_current"), **{side: abs(result)})
        )
    return lines


def year_ended(year: int) -> bool:
    """True once the year's 31 December is in the past (``TIME_ZONE``, Asia/Jakarta)."""
    return timezone.localdate() > dt.date(year, 12, 31)


def _carry_lines(closing: JournalEntry | None) -> list[LineInput]:
    """Lines moving what ``closing`` put in 3-3200 to 3-3100 (a loss the other way)."""
    if closing is None:
        return []
    current = account_code("shu_current")
    result = sum(
        (
            line.amount.amount if line.side == Side.CREDIT else -line.amount.amount
            for line in closing.lines.filter(account__code=current)
        ),
        ZERO,
    )
    if not result:
        return []
    prior = account_code("shu_prior")
    if result > 0:
        return [
            LineInput(account=current, debit=result),
            LineInput(account=prior, credit=result),
        ]
    return [
        LineInput(account=prior, debit=-result),
        LineInput(account=current, credit=-result),
    ]


def year_close(*, year: int, user=None) -> FiscalYear:
    """Close a fiscal year: post the closing entry on 31 December and lock its months.

    Args:
        year: the calendar year to close.
        user: who closes it (recorded, audited).

    Returns:
        The closed ``FiscalYear`` (``closing_entry`` and ``carry_entry`` None when
        the year had no revenue or expense, ``carry_entry`` None when its SHU is 0).

    Raises:
        InvalidYear, YearNotEnded (its 31 December is not past yet),
        YearAlreadyClosed, YearCloseOutOfOrder (an earlier year with postings is
        still open), plus the posting errors of ``entry_post`` (PeriodLocked when
        January of the next year is locked).
    """
    year_check(year)
    if not year_ended(year):
        raise YearNotEnded(
            f"Tahun buku {year} belum berakhir; tutup buku sesudah 31 Desember {year}.",
            errors={"year": [f"{year} ends on {year}-12-31 (Asia/Jakarta)."]},
        )
    with transaction.atomic():
        fy = _lock_year(year)
        if fy.is_closed:
            raise YearAlreadyClosed(f"Tahun buku {year} sudah ditutup.")
        with_postings = set(
            AccountPeriodTotal.objects.filter(year__lt=year)
            .values_list("year", flat=True)
            .distinct()
        )
        closed = set(
            FiscalYear.objects.filter(
                year__lt=year, status=YearStatus.CLOSED
            ).values_list("year", flat=True)
        )
        still_open = sorted(with_postings - closed)
        if still_open:
            raise YearCloseOutOfOrder(
                f"Tutup dulu tahun buku {', '.join(map(str, still_open))}.",
                errors={"year": [f"Open earlier years: {still_open}."]},
            )
        if Period.objects.filter(year=year, month=12, is_locked=True).exists():
            period_unlock(year=year, month=12, user=user)
        lines = _closing_lines(year)
        entry = None
        if lines:
            entry = entry_post(
                date=dt.date(year, 12, 31),
                description=f"Jurnal penutup tahun buku {year}",
                lines=lines,
                source=EntrySource.CLOSING,
                reference=f"TUTUP-{year}",
                user=user,
            )
        carry = None
        carry_lines = _carry_lines(entry)
        if carry_lines:
            carry = entry_post(
                date=dt.date(year + 1, 1, 1),
                description=f"Pemindahan SHU tahun buku {year} ke SHU tahun lalu",
                lines=carry_lines,
                source=EntrySource.OPENING,
                reference=f"SHU-LALU-{year}",
                user=user,
            )
        for month in range(1, 13):
            period_lock(year=year, month=month, user=user)
        fy.status = YearStatus.CLOSED
        fy.closing_entry = entry
        fy.carry_entry = carry
        fy.closed_by = user if getattr(user, "is_authenticated", False) else None
        fy.closed_at = timezone.now()
        fy.save(
            update_fields=[
                "status",
                "closing_entry",
                "carry_entry",
                "closed_by",
                "closed_at",
            ]
        )
        audit_record(
            actor=user,
            action="fiscal_year.closed",
            target=fy,
            before={"year": year, "status": YearStatus.OPEN},
            after={
                "year": year,
                "status": YearStatus.CLOSED,
                "closing_entry": entry.number if entry else None,
                "carry_entry": carry.number if carry else None,
            },
        )
    return fy


def year_reopen(*, year: int, reason: str, user=None) -> FiscalYear:
    """Reopen a closed year: reverse its carry-forward and closing entries and unlock
    its months.

    Args:
        year: the closed year.
        reason: why (required; kept in the audit trail).
        user: who reopens it.

    Returns:
        The reopened ``FiscalYear``.

    Raises:
        ReasonRequired, YearNotClosed, LaterYearClosed, ShuAlreadyDistributed,
        LossAlreadyCovered, PeriodLocked (January of the next year locked).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired(
            "Alasan membuka kembali tahun buku wajib diisi.",
            errors={"reason": ["A reason is required."]},
        )
    with transaction.atomic():
        fy = _lock_year(year)
        if not fy.is_closed:
            raise YearNotClosed(f"Tahun buku {year} tidak dalam keadaan ditutup.")
        if FiscalYear.objects.filter(year__gt=year, status=YearStatus.CLOSED).exists():
            raise LaterYearClosed("Buka dulu tahun buku sesudahnya.")
        if fy.shu_entry_id:
            raise ShuAlreadyDistributed(
                f"SHU tahun {year} sudah dibagikan; tahun buku tidak dapat dibuka."
            )
        if fy.loss_covers.exists():
            raise LossAlreadyCovered(
                f"Rugi tahun {year} sudah ditutup (sebagian); tahun buku tidak dapat "
                "dibuka."
            )
        carry = fy.carry_entry
        if carry is not None:
            entry_reverse(
                entry=carry,
                user=user,
                date=carry.date,
                description=f"Pembukaan kembali tahun buku {year}: {reason}"[:255],
            )
        for month in range(1, 13):
            period_unlock(year=year, month=month, user=user)
        closing = fy.closing_entry
        reversal = None
        if closing is not None:
            reversal = entry_reverse(
                entry=closing,
                user=user,
                date=dt.date(year, 12, 31),
                description=f"Pembukaan kembali tahun buku {year}: {reason}"[:255],
            )
        fy.status = YearStatus.OPEN
        fy.closing_entry = None
        fy.carry_entry = None
        fy.closed_by = None
        fy.closed_at = None
        fy.save(
            update_fields=[
                "status",
                "closing_entry",
                "carry_entry",
                "closed_by",
                "closed_at",
            ]
        )
        audit_record(
            actor=user,
            action="fiscal_year.reopened",
            target=fy,
            before={
                "status": YearStatus.CLOSED,
                "closing_entry": closing.number if closing else None,
            },
            after={
                "status": YearStatus.OPEN,
                "reversal": reversal.number if reversal else None,
            },
            note=reason,
        )
    return fy
