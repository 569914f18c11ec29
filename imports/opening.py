"""Opening balances: last year's books brought in as ONE opening entry.

Columns (Indonesian or English headers): kode_akun / account, debit, kredit / credit,
nomor_anggota / member (required on member-money accounts), keterangan / memo, and for
member receivables (1-1310) jenis / kind (iuran, wajib or pokok; default iuran) and
periode / period (``YYYY-MM``, optional).

The entry (source ``opening``) is dated on the given date and posted through
``ledger.services.entry_post``; it is refused unless debits equal credits. Every line
on a member-money account names its member, so each member's opening simpanan, credit
and arrears are theirs and show in their statement; each arrears line becomes an open
item the member can pay like any other. The month of the date is then locked. There is
one opening entry: a second import is refused (a mistake in it is corrected with an
adjusting entry, as any posted entry is).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from djmoney.money import Money

from audit.services import audit_record
from imports.errors import ImportInvalid, Issue
from imports.reader import Column, Row, Table, table_read
from imports.results import ImportResult, RowAction, RowResult
from imports.values import is_blank, parse_amount
from ledger import currency as cur
from ledger.chart import account_code
from ledger.errors import DomainError, UnbalancedEntry
from ledger.models import Account, EntrySource, EntryStatus, JournalEntry, Period
from ledger.services import LineInput, entry_post, period_lock
from members.accounts import CAPITAL_LIABILITY, MEMBER_CREDIT, accrual_credit_code
from members.models import ItemKind, ItemStatus, Member, OpenItem
from members.models.dues import KIND_ORDER
from members.services.common import parse_period

Progress = Callable[[int, int], None]
ZERO = Decimal(0)

COLUMNS = [
    Column(
        "account",
        ("kode_akun", "akun", "kode", "no_akun", "account", "account_code"),
        required=True,
    ),
    Column("debit", ("debit", "debet"), required=True),
    Column("credit", ("kredit", "credit"), required=True),
    Column(
        "member",
        ("nomor_anggota", "no_anggota", "anggota", "member", "member_number"),
    ),
    Column("memo", ("keterangan", "uraian", "memo", "description")),
    Column("kind", ("jenis", "jenis_tagihan", "kind")),
    Column("period", ("periode", "period")),
]

KIND_WORDS = {
    "iuran": ItemKind.IURAN,
    "dues": ItemKind.IURAN,
    "wajib": ItemKind.WAJIB,
    "simpanan wajib": ItemKind.WAJIB,
    "pokok": ItemKind.POKOK,
    "simpanan pokok": ItemKind.POKOK,
}


class OpeningExists(DomainError):
    code = "opening_exists"
    kind = "conflict"
    default_message = "Opening balances were already imported."


#: Kinds of open item that are members' capital once paid (never accrued).
CAPITAL_KINDS = frozenset({ItemKind.POKOK, ItemKind.WAJIB})


def member_account_codes() -> set[str]:
    """Accounts whose lines must name a member (what ``verify_ledger`` checks)."""
    roles = (
        "member_receivable",
        "member_other_receivable",
        "sukarela",
        "leaving_member_payable",
        "shu_member_payable",
        "pokok",
        "wajib",
    )
    return (
        {account_code(r) for r in roles}
        | set(CAPITAL_LIABILITY.values())
        | {MEMBER_CREDIT}
    )


def _opening_standing() -> JournalEntry | None:
    return (
        JournalEntry.objects.filter(
            status=EntryStatus.POSTED, source=EntrySource.OPENING
        )
        .order_by("chain_seq")
        .first()
    )


class _Plan:
    def __init__(self, table: Table, date: dt.date):
        self.table = table
        self.date = date
        self.accounts = {a.code: a for a in Account.objects.all()}
        numbers = {row.text("member") for row in table.rows if row.text("member")}
        self.members = Member.objects.in_bulk(list(numbers), field_name="number")
        self.member_codes = member_account_codes()
        self.optional_member_codes = {account_code("trade_receivable")}
        self.lines: list[LineInput] = []
        self.items: list[tuple[Member, str, str, Decimal]] = []
        self.item_keys: dict[tuple, int] = {}
        self.debit = ZERO
        self.credit = ZERO

    def row(self, row: Row) -> RowResult:
        header = self.table.header
        result = RowResult(line=row.line, action=RowAction.CREATED)
        code = row.text("account")
        result.key = code
        account = self.accounts.get(code)
        if account is None:
            result.fail(header("account"), f"akun tidak dikenal: {code!r}")
        elif account.is_group:
            result.fail(header("account"), f"{code} akun grup; tidak menerima posting.")
        elif not account.is_active:
            result.fail(header("account"), f"{code} tidak aktif.")
        elif code == account_code("inventory"):
            result.fail(
                header("account"),
                "saldo awal persediaan dicatat per barang (pembelian/stok), "
                "bukan lewat saldo awal.",
            )
        else:
            result.label = account.name
        sides = {}
        for key in ("debit", "credit"):
            if row.blank(key):
                continue
            try:
                amount = parse_amount(row.get(key))
            except ValueError as exc:
                result.fail(header(key), str(exc))
                continue
            if amount < 0:
                result.fail(header(key), "jumlah tidak boleh negatif.")
            elif amount > 0:
                sides[key] = amount
        if len(sides) != 1 and result.action != RowAction.ERROR:
            result.fail(
                header("debit"), "isi tepat satu dari debit atau kredit (lebih dari 0)."
            )
        member = self._member(row, code, result)
        if result.action == RowAction.ERROR:
            return result
        side, amount = next(iter(sides.items()))
        if code == account_code("member_receivable"):
            self._item(row, member, side, amount, result)
            if result.action == RowAction.ERROR:
                return result
            kind = self.items[-1][1]
            if kind in CAPITAL_KINDS:
                # Unpaid simpanan is not capital (DOMAIN.md): the arrears become an
                # open item that is not on 1-1310, and the line is taken off the
                # member's capital instead, so the capital shown is what was paid.
                account = self.accounts[accrual_credit_code(kind)]
        memo = row.text("memo")[:255] or "Saldo awal"
        self.lines.append(
            LineInput(account=account, **{side: amount}, member=member, memo=memo)
        )
        if side == "debit":
            self.debit += amount
        else:
            self.credit += amount
        result.changes = {side: ["", cur.plain(amount)]}
        if member is not None:
            result.changes["member"] = ["", member.number]
        return result

    def _member(self, row: Row, code: str, result: RowResult) -> Member | None:
        header = self.table.header
        number = row.text("member")
        if not number:
            if code in self.member_codes:
                result.fail(
                    header("member") if self.table.has("member") else "nomor_anggota",
                    f"nomor anggota wajib diisi untuk akun {code} (uang anggota).",
                )
            return None
        if code not in self.member_codes | self.optional_member_codes:
            result.fail(
                header("member"), f"akun {code} bukan akun anggota; kosongkan nomor."
            )
            return None
        member = self.members.get(number)
        if member is None:
            result.fail(header("member"), f"anggota tidak dikenal: {number!r}")
        return member

    def _item(self, row, member, side, amount, result) -> None:
        header = self.table.header
        if side != "debit":
            result.fail(
                header("credit"),
                "piutang anggota hanya di sisi debit; kelebihan bayar masuk "
                f"titipan anggota {MEMBER_CREDIT}.",
            )
            return
        kind = ItemKind.IURAN
        if not row.blank("kind"):
            kind = KIND_WORDS.get(" ".join(row.text("kind").casefold().split()))
            if kind is None:
                result.fail(header("kind"), "jenis harus iuran, wajib atau pokok.")
                return
        period = ""
        if not row.blank("period"):
            try:
                year, month = parse_period(row.text("period"))
            except DomainError:
                result.fail(header("period"), "periode harus YYYY-MM.")
                return
            period = f"{year:04d}-{month:02d}"
        key = (member.pk, kind, period)
        if key in self.item_keys:
            result.fail(
                header("member"),
                f"tunggakan {kind} {period} anggota {member.number} sudah ada di "
                f"baris {self.item_keys[key]}; gabungkan.",
            )
            return
        self.item_keys[key] = row.line
        self.items.append((member, kind, period, amount))

    def problems(self) -> list[Issue]:
        problems = []
        if self.debit != self.credit:
            problems.append(
                Issue(
                    0,
                    "",
                    f"debit {cur.plain(self.debit)} dan kredit "
                    f"{cur.plain(self.credit)} tidak seimbang (selisih "
                    f"{cur.plain(self.debit - self.credit)}).",
                )
            )
        if Period.objects.filter(
            year=self.date.year, month=self.date.month, is_locked=True
        ).exists():
            problems.append(Issue(0, "", f"periode {self.date:%Y-%m} sudah terkunci."))
        standing = _opening_standing()
        if standing is not None:
            problems.append(
                Issue(
                    0,
                    "",
                    f"saldo awal sudah diimpor ({standing.number}); koreksi "
                    "dengan jurnal penyesuaian.",
                )
            )
        return problems


def _parse_date(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ImportInvalid(
            [Issue(0, "date", "tanggal saldo awal harus YYYY-MM-DD.")]
        ) from None


def opening_balances_import(
    *,
    data: bytes,
    filename: str,
    date: dt.date | str,
    dry_run: bool = False,
    user=None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import opening balances as one opening entry dated ``date``; lock its month.

    Args:
        data, filename: the CSV or XLSX file.
        date: the opening date (e.g. 2025-12-31, the last day of the old books).
        dry_run: report the lines and totals, post nothing.
        user: who imports (audited).

    Returns:
        The report; ``summary`` carries the totals and, after a real run, the entry.

    Raises:
        ImportFileInvalid, ImportInvalid (rows in error, nothing posted),
        UnbalancedEntry, OpeningExists, PeriodLocked.
    """
    date = _parse_date(date)
    table = table_read(data=data, filename=filename, columns=COLUMNS)
    plan = _Plan(table, date)
    result = ImportResult(kind="opening", dry_run=dry_run)
    total = len(table.rows)
    for index, row in enumerate(table.rows, start=1):
        if all(is_blank(value) for value in row.cells.values()):
            continue
        result.rows.append(plan.row(row))
        if progress and (index % 500 == 0 or index == total):
            progress(index, total)
    result.problems = plan.problems()
    result.summary = {
        "date": date.isoformat(),
        "debit": cur.plain(plan.debit),
        "credit": cur.plain(plan.credit),
        "difference": cur.plain(plan.debit - plan.credit),
        "open_items": len(plan.items),
    }
    if dry_run:
        return result
    row_issues = [issue for row in result.rows for issue in row.issues]
    if row_issues:
        raise ImportInvalid(row_issues)
    if plan.debit != plan.credit:
        raise UnbalancedEntry(
            result.problems[0].text,
            errors={"lines": [result.problems[0].text]},
        )
    with transaction.atomic():
        standing = _opening_standing()
        if standing is not None:
            raise OpeningExists(
                f"Saldo awal sudah diimpor ({standing.number}); koreksi dengan "
                "jurnal penyesuaian.",
                errors={"file": [f"Opening entry {standing.number} stands."]},
            )
        entry = entry_post(
            date=date,
            description=f"Saldo awal per {date:%d-%m-%Y}",
            lines=plan.lines,
            source=EntrySource.OPENING,
            reference=f"SALDO-AWAL-{date:%Y%m%d}",
            user=user,
        )
        _items_create(plan.items, entry=entry, date=date)
        period_lock(year=date.year, month=date.month, user=user)
        result.summary["entry"] = entry.number
        result.summary["locked"] = f"{date:%Y-%m}"
        audit_record(
            actor=user,
            action="import.opening_balances",
            target=entry,
            after={
                "filename": filename,
                "entry": entry.number,
                "lines": len(plan.lines),
                "debit": cur.plain(plan.debit),
            },
        )
    return result


def _items_create(items, *, entry: JournalEntry, date: dt.date) -> None:
    """Each member's opening arrears as an open item: iuran accrued by the opening
    entry (on 1-1310), simpanan pokok/wajib tracked but not posted (not capital until
    paid)."""
    token = uuid.uuid4().hex
    OpenItem.objects.bulk_create(
        [
            OpenItem(
                member=member,
                kind=kind,
                kind_order=KIND_ORDER[kind],
                bill_key=f"opening-{kind}",
                period=period,
                due_date=date,
                amount=Money(amount, "IDR"),
                paid=Money(ZERO, "IDR"),
                waived=Money(ZERO, "IDR"),
                status=ItemStatus.OPEN,
                account_code=accrual_credit_code(kind),
                run_token=token,
                # Only iuran is accrued on 1-1310; unpaid simpanan is not posted.
                entry=entry if kind not in CAPITAL_KINDS else None,
            )
            for member, kind, period, amount in items
        ]
    )
