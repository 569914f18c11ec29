"""Closing and reopening a fiscal year.

Years close in order (every earlier year with postings closed first) and reopen in
reverse order; reopening reverses the closing entry on 31 December of that year and
unlocks its twelve months; a year whose SHU was distributed is never reopened.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from ledger.chart import account_code
from ledger.models import Account, AccountPeriodTotal, AccountType, EntrySource, Period
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
    ReasonRequired,
    ShuAlreadyDistributed,
    YearAlreadyClosed,
    YearCloseOutOfOrder,
    YearNotClosed,
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


def year_close(*, year: int, user=None) -> FiscalYear:
    """Close a fiscal year: post the closing entry on 31 December and lock its months.

    Args:
        year: the calendar year to close.
        user: who closes it (recorded, audited).

    Returns:
        The closed ``FiscalYear`` (``closing_entry`` None when the year had no revenue
        or expense).

    Raises:
        InvalidYear, YearAlreadyClosed, YearCloseOutOfOrder (an earlier year with
        postings is still open), plus the posting errors of ``entry_post``.
    """
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
        for month in range(1, 13):
            period_lock(year=year, month=month, user=user)
        fy.status = YearStatus.CLOSED
        fy.closing_entry = entry
        fy.closed_by = user if getattr(user, "is_authenticated", False) else None
        fy.closed_at = timezone.now()
        fy.save(update_fields=["status", "closing_entry", "closed_by", "closed_at"])
        audit_record(
            actor=user,
            action="fiscal_year.closed",
            target=fy,
            before={"year": year, "status": YearStatus.OPEN},
            after={
                "year": year,
                "status": YearStatus.CLOSED,
                "closing_entry": entry.number if entry else None,
            },
        )
    return fy


def year_reopen(*, year: int, reason: str, user=None) -> FiscalYear:
    """Reopen a closed year: unlock its months and reverse its closing entry.

    Args:
        year: the closed year.
        reason: why (required; kept in the audit trail).
        user: who reopens it.

    Returns:
        The reopened ``FiscalYear``.

    Raises:
        ReasonRequired, YearNotClosed, LaterYearClosed, ShuAlreadyDistributed.
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
        fy.closed_by = None
        fy.closed_at = None
        fy.save(update_fields=["status", "closing_entry", "closed_by", "closed_at"])
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
