"""Writes of the reports capability: closing and reopening a year, the SHU table, its
distribution and its pay-out.

Invariants:
    - each service is one ``transaction.atomic()`` and locks the ``FiscalYear`` row
      first, so two closes (or two distributions) of one year cannot both happen;
    - every money movement is one balanced entry through ``ledger.services.entry_post``
      with ``source=`` set; member lines carry ``member=``;
    - years close in order (every earlier year with postings closed first) and reopen
      in reverse order; reopening reverses the closing entry on 31 December of that
      year and unlocks its twelve months; a year whose SHU was distributed is never
      reopened;
    - the SHU is distributed once, after the year is closed, dated after the year;
      members' SHU is paid out once, clearing what the distribution credited each
      member on 2-1400 (capped at their current balance there).
Every state change is written to the audit trail in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from ledger.chart import account_code
from ledger.errors import InvalidDate
from ledger.models import (
    Account,
    AccountPeriodTotal,
    AccountType,
    EntrySource,
    JournalEntry,
    Period,
)
from ledger.selectors import Totals, posted_lines, totals_between
from ledger.services import (
    LineInput,
    entry_post,
    entry_reverse,
    period_lock,
    period_unlock,
)
from reports.errors import (
    InvalidShuAllocation,
    InvalidYear,
    LaterYearClosed,
    NothingToAllocate,
    ReasonRequired,
    ShuAllocationMissing,
    ShuAllocationNot100,
    ShuAlreadyDistributed,
    ShuAlreadyPaid,
    ShuNotDistributed,
    ShuNotPositive,
    YearAlreadyClosed,
    YearCloseOutOfOrder,
    YearNotClosed,
)
from reports.models import FiscalYear, ShuPart, ShuPartKind, YearStatus
from reports.selectors import shu_preview, year_bounds
from reports.statements import signed_sums

ZERO = Decimal(0)
MIN_YEAR, MAX_YEAR = 2000, 2999
#: An RAT table has a handful of parts; the bound keeps ``position`` in range.
MAX_PARTS = 50
#: Liability accounts a fund part may name, and each fund kind's default.
FUND_ACCOUNTS = ("2-1410", "2-1420", "2-1430", "2-1440")
FUND_DEFAULTS = {
    ShuPartKind.MANAGEMENT: "2-1410",
    ShuPartKind.STAFF: "2-1420",
    ShuPartKind.EDUCATION: "2-1430",
    ShuPartKind.SOCIAL: "2-1440",
}


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


# --- SHU allocation table -------------------------------------------------------------


def _parse_percent(raw, index: int) -> Decimal:
    try:
        value = Decimal(str(raw).strip()) if not isinstance(raw, float) else None
    except (InvalidOperation, ValueError):
        value = None
    if value is None or not value.is_finite():
        raise InvalidShuAllocation(
            "Persentase tidak valid.",
            errors={f"parts.{index}.percent": ['Give a decimal string, e.g. "2.5".']},
        )
    if value < 0 or value > 100:
        raise InvalidShuAllocation(
            "Persentase harus antara 0 dan 100.",
            errors={f"parts.{index}.percent": ["Must be from 0 to 100."]},
        )
    if value != value.quantize(Decimal("0.0001")):
        raise InvalidShuAllocation(
            "Persentase paling banyak empat desimal.",
            errors={f"parts.{index}.percent": ["At most 4 decimal places."]},
        )
    return value


def _part_account(kind: str, account: str | None, index: int) -> Account | None:
    fixed = {
        ShuPartKind.CAPITAL: account_code("shu_member_payable"),
        ShuPartKind.BUSINESS: account_code("shu_member_payable"),
        ShuPartKind.RESERVE: account_code("reserve"),
    }
    if kind in fixed:
        if account and account != fixed[kind]:
            raise InvalidShuAllocation(
                "Akun bagian ini sudah ditetapkan.",
                errors={f"parts.{index}.account": [f"{kind} goes to {fixed[kind]}."]},
            )
        return None
    code = account or FUND_DEFAULTS.get(kind)
    if code not in FUND_ACCOUNTS:
        raise InvalidShuAllocation(
            "Dana harus menyebut akun liabilitas 2-1410 s.d. 2-1440.",
            errors={
                f"parts.{index}.account": [f"Use one of {', '.join(FUND_ACCOUNTS)}."]
            },
        )
    return Account.objects.get(code=code)


def shu_allocation_set(*, year: int, parts: list[dict], user=None) -> list[ShuPart]:
    """Store (replace) the year's SHU allocation table as the RAT decided it.

    Args:
        year: the fiscal year.
        parts: ``[{"kind", "percent", "account"?, "name"?}, ...]`` in table order
            (the tie-break order); percents are decimal strings adding up to 100.
        user: who stores it.

    Returns:
        The stored parts in order.

    Raises:
        InvalidShuAllocation (unknown kind, bad percent or account, a second capital
        or business part, no parts or more than ``MAX_PARTS``), ShuAllocationNot100,
        ShuAlreadyDistributed.
    """
    if not parts:
        raise InvalidShuAllocation(
            "Tabel pembagian SHU kosong.", errors={"parts": ["Give at least one part."]}
        )
    if len(parts) > MAX_PARTS:
        raise InvalidShuAllocation(
            f"Tabel pembagian SHU paling banyak {MAX_PARTS} bagian.",
            errors={"parts": [f"At most {MAX_PARTS} parts."]},
        )
    rows = []
    seen: set[str] = set()
    for index, part in enumerate(parts):
        kind = part.get("kind")
        if kind not in ShuPartKind.values:
            raise InvalidShuAllocation(
                "Jenis bagian SHU tidak dikenal.",
                errors={f"parts.{index}.kind": [f"Use one of {ShuPartKind.values}."]},
            )
        if kind in (ShuPartKind.CAPITAL, ShuPartKind.BUSINESS) and kind in seen:
            raise InvalidShuAllocation(
                "Hanya boleh satu bagian jasa modal dan satu jasa usaha.",
                errors={f"parts.{index}.kind": [f"Only one {kind} part."]},
            )
        seen.add(kind)
        percent = _parse_percent(part.get("percent"), index)
        account = _part_account(kind, part.get("account") or None, index)
        rows.append((kind, percent, account, (part.get("name") or "")[:120]))
    total = sum((row[1] for row in rows), Decimal(0))
    if total != 100:
        raise ShuAllocationNot100(
            f"Jumlah persentase pembagian SHU {total:f}%, harus tepat 100%.",
            errors={"parts": [f"The percents add up to {total:f}, not 100."]},
        )
    with transaction.atomic():
        fy = _lock_year(year)
        if fy.shu_entry_id:
            raise ShuAlreadyDistributed(f"SHU tahun {year} sudah dibagikan.")
        before = [
            {"kind": p.kind, "percent": f"{p.percent:f}"}
            for p in ShuPart.objects.filter(fiscal_year=fy)
        ]
        ShuPart.objects.filter(fiscal_year=fy).delete()
        stored = ShuPart.objects.bulk_create(
            [
                ShuPart(
                    fiscal_year=fy,
                    position=index,
                    kind=kind,
                    percent=percent,
                    account=account,
                    name=name,
                )
                for index, (kind, percent, account, name) in enumerate(rows)
            ]
        )
        audit_record(
            actor=user,
            action="shu.allocation_set",
            target=fy,
            before={"parts": before},
            after={"parts": [{"kind": r[0], "percent": f"{r[1]:f}"} for r in rows]},
        )
    return stored


# --- Distribution and pay-out ---------------------------------------------------------


def shu_distribute(
    *, year: int, date: dt.date | None = None, user=None
) -> JournalEntry:
    """Post the year's SHU distribution (after the RAT).

    Dr SHU tahun berjalan; Cr reserve, each fund's liability, and members' SHU payable
    (2-1400) once per member and pool (memo says which), all in whole rupiah that add
    up to the SHU exactly.

    Args:
        year: a closed year with a stored allocation table.
        date: the posting date (after the year, in an open month); today if omitted.
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
        if date <= dt.date(year, 12, 31):
            raise InvalidDate(
                "Pembagian SHU diposting sesudah tahun bukunya.",
                errors={"date": [f"Give a date after {year}-12-31."]},
            )
        preview = shu_preview(year=year)
        if not preview.parts:
            raise ShuAllocationMissing(f"Tabel pembagian SHU {year} belum disimpan.")
        if preview.shu <= 0:
            raise ShuNotPositive(f"Tidak ada SHU positif untuk tahun {year}.")
        if preview.unallocated:
            raise NothingToAllocate(
                "Bagian anggota tidak dapat dibagi: tidak ada simpanan atau transaksi "
                "anggota."
            )
        payable = account_code("shu_member_payable")
        lines = [LineInput(account=account_code("shu_current"), debit=preview.shu)]
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
            after={"entry": entry.number, "shu": f"{preview.shu:f}"},
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


def _member_sums(account: Account, member_ids: list[int], date: dt.date):
    return [
        {"member_id": r["member_id"], "d": r["debit"], "c": r["credit"]}
        for r in posted_lines()
        .filter(account=account, member_id__in=member_ids, entry__date__lte=date)
        .values("member_id")
        .annotate(**signed_sums())
    ]
