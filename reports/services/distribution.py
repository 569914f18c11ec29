"""Distributing a closed year's SHU and paying members their part.

The SHU is distributed once, after the year is closed, dated after the year's end and
on or after the day it was closed; it debits SHU tahun lalu (3-3100), where closing
carried the year's SHU, by the distributable SHU (the SHU minus earlier years' loss
still uncovered). Members' SHU is paid out once, on or after the distribution, clearing
what the distribution credited each member on 2-1400 (capped at their current balance
there).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from ledger.chart import account_code
from ledger.errors import InvalidDate
from ledger.models import Account, EntrySource, JournalEntry
from ledger.selectors import Totals, posted_lines
from ledger.services import LineInput, entry_post
from reports.errors import (
    InvalidShuAllocation,
    NothingToAllocate,
    ShuAllocationMissing,
    ShuAlreadyDistributed,
    ShuAlreadyPaid,
    ShuNotDistributed,
    ShuNotPositive,
    YearNotClosed,
)
from reports.models import ShuPartKind
from reports.selectors import shu_preview
from reports.services.years import _lock_year
from reports.statements import signed_sums

ZERO = Decimal(0)


def shu_distribute(
    *, year: int, date: dt.date | None = None, user=None
) -> JournalEntry:
    """Post the year's SHU distribution (after the RAT).

    Dr SHU tahun lalu (3-3100) by the distributable SHU; Cr reserve, each fund's
    liability, and members' SHU payable (2-1400) once per member and pool (memo says
    which), all in whole rupiah that add up to the distributable SHU exactly.

    Args:
        year: a closed year with a stored allocation table.
        date: the posting date (after the year's end, on or after the close, in an
            open month); today if omitted.
        user: who posts it.

    Returns:
        The posted distribution entry.

    Raises:
        YearNotClosed, ShuAllocationMissing, ShuAlreadyDistributed, ShuNotPositive,
        NothingToAllocate (a members' pool with no simpanan or purchases at all),
        InvalidDate, PeriodLocked.
    """
    date = date or timezone.localdate()
    with transaction.atomic():
        fy = _lock_year(year)
        if not fy.is_closed:
            raise YearNotClosed(f"Tutup dulu tahun buku {year}.")
        if fy.shu_entry_id:
            raise ShuAlreadyDistributed(f"SHU tahun {year} sudah dibagikan.")
        _check_date_after_close(fy, date, "Pembagian SHU")
        preview = shu_preview(year=year)
        if not preview.parts:
            raise ShuAllocationMissing(f"Tabel pembagian SHU {year} belum disimpan.")
        if preview.distributable <= 0:
            loss = preview.uncovered_loss
            raise ShuNotPositive(
                f"Tidak ada SHU yang dapat dibagikan untuk tahun {year}"
                + (f" (rugi yang belum ditutup Rp {loss:f})." if loss else "."),
                errors={"uncovered_loss": [f"{loss:f}"]} if loss else None,
            )
        if preview.unallocated:
            raise NothingToAllocate(
                "Bagian anggota tidak dapat dibagi: tidak ada simpanan atau transaksi "
                "anggota."
            )
        payable = account_code("shu_member_payable")
        # Years closed before the carry-forward existed keep their SHU in 3-3200.
        source = "shu_prior" if fy.carry_entry_id else "shu_current"
        lines = [LineInput(account=account_code(source), debit=preview.distributable)]
        for part in preview.parts:
            if (
                part.kind in (ShuPartKind.CAPITAL, ShuPartKind.BUSINESS)
                or not part.amount
            ):
                continue
            lines.append(
                LineInput(account=part.account, credit=part.amount, memo=part.name)
            )
        for row in preview.members:
            for amount, memo in (
                (row.capital_share, f"Jasa modal SHU {year}"),
                (row.business_share, f"Jasa usaha SHU {year}"),
            ):
                if amount:
                    lines.append(
                        LineInput(
                            account=payable, credit=amount, member=row.member, memo=memo
                        )
                    )
        entry = entry_post(
            date=date,
            description=f"Pembagian SHU tahun buku {year}",
            lines=lines,
            source=EntrySource.SHU,
            reference=f"SHU-{year}",
            user=user,
        )
        fy.shu_entry = entry
        fy.save(update_fields=["shu_entry"])
        audit_record(
            actor=user,
            action="shu.distributed",
            target=fy,
            after={
                "entry": entry.number,
                "shu": f"{preview.shu:f}",
                "uncovered_loss": f"{preview.uncovered_loss:f}",
                "distributed": f"{preview.distributable:f}",
            },
        )
    return entry


def shu_pay_out(
    *, year: int, method: str = "cash", date: dt.date | None = None, user=None
) -> JournalEntry:
    """Pay members' SHU of the year: clear what the distribution credited each member on
    2-1400 against cash or bank (``method``), or credit it to their simpanan sukarela
    when ``ESTAMA_SHU_PAYOUT_TO == "sukarela"``.

    Returns:
        The posted pay-out entry.

    Raises:
        ShuNotDistributed, ShuAlreadyPaid (also when nothing is left to pay),
        InvalidShuAllocation (unknown method), InvalidDate (before the
        distribution), PeriodLocked.
    """
    if method not in ("cash", "bank"):
        raise InvalidShuAllocation(
            "Metode pembayaran harus cash atau bank.",
            errors={"method": ['Use "cash" or "bank".']},
        )
    date = date or timezone.localdate()
    to_sukarela = settings.ESTAMA_SHU_PAYOUT_TO == "sukarela"
    with transaction.atomic():
        fy = _lock_year(year)
        if not fy.shu_entry_id:
            raise ShuNotDistributed(f"SHU tahun {year} belum dibagikan.")
        if fy.payout_entry_id:
            raise ShuAlreadyPaid(f"SHU anggota tahun {year} sudah dibayarkan.")
        _check_date_after_close(fy, date, "Pembayaran SHU")
        if date < fy.shu_entry.date:
            raise InvalidDate(
                "Pembayaran SHU tidak boleh sebelum pembagiannya.",
                errors={"date": [f"Give a date on or after {fy.shu_entry.date}."]},
            )
        payable = Account.objects.get(code=account_code("shu_member_payable"))
        credited: dict[int, Decimal] = {}
        members = {}
        for line in fy.shu_entry.lines.filter(account=payable).select_related("member"):
            credited[line.member_id] = (
                credited.get(line.member_id, ZERO) + line.amount.amount
            )
            members[line.member_id] = line.member
        balances = {
            r["member_id"]: Totals(r["d"], r["c"])
            for r in _member_sums(payable, list(credited), date)
        }
        lines: list[LineInput] = []
        total = ZERO
        for member_id in sorted(credited, key=lambda pk: members[pk].number):
            outstanding = -balances.get(member_id, Totals()).net
            amount = min(credited[member_id], outstanding)
            if amount <= 0:
                continue
            total += amount
            lines.append(
                LineInput(account=payable, debit=amount, member=members[member_id])
            )
            if to_sukarela:
                lines.append(
                    LineInput(
                        account=account_code("sukarela"),
                        credit=amount,
                        member=members[member_id],
                    )
                )
        if not total:
            raise ShuAlreadyPaid(f"Tidak ada SHU anggota tahun {year} yang terutang.")
        if not to_sukarela:
            lines.append(LineInput(account=account_code(method), credit=total))
        entry = entry_post(
            date=date,
            description=f"Pembayaran SHU anggota tahun buku {year}",
            lines=lines,
            source=EntrySource.SHU,
            reference=f"SHU-BAYAR-{year}",
            user=user,
        )
        fy.payout_entry = entry
        fy.save(update_fields=["payout_entry"])
        audit_record(
            actor=user,
            action="shu.paid_out",
            target=fy,
            after={
                "entry": entry.number,
                "total": f"{total:f}",
                "to": "sukarela" if to_sukarela else method,
            },
        )
    return entry


def _check_date_after_close(fy, date: dt.date, what: str) -> None:
    """Refuse a date on or before the year's 31 December or before its close."""
    closed_on = timezone.localdate(fy.closed_at) if fy.closed_at else None
    earliest = max(dt.date(fy.year, 12, 31) + dt.timedelta(days=1), closed_on or date)
    if date < earliest:
        raise InvalidDate(
            f"{what} diposting sesudah tahun bukunya dan tidak sebelum tutup buku.",
            errors={"date": [f"Give a date on or after {earliest.isoformat()}."]},
        )


def _member_sums(account: Account, member_ids: list[int], date: dt.date):
    return [
        {"member_id": r["member_id"], "d": r["debit"], "c": r["credit"]}
        for r in posted_lines()
        .filter(account=account, member_id__in=member_ids, entry__date__lte=date)
        .values("member_id")
        .annotate(**signed_sums())
    ]
