"""Writes to the ledger. Every money movement in Estama ends in ``entry_post``.

Transactions: each public service runs in ``transaction.atomic()``. It is deliberately
not
``durable=True``: the API's idempotency layer wraps a service call and the record of its
response in one transaction, so that "posted" and "remembered as posted" commit
together.

Locking: posting takes the row lock of the ``ledger:chain`` counter first. That
serialises
posting (the hash chain needs a single order) and makes entry numbers gapless. Locking
and
unlocking a period take the same lock, so a post can never slip into a month that is
being
locked. Lock order everywhere: chain counter, then year counter, then entries by pk.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Sequence as Seq
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from djmoney.money import Money

from audit.services import audit_record
from ledger import currency as cur
from ledger.errors import (
    AlreadyPosted,
    AlreadyReversed,
    InvalidAccount,
    InvalidAmount,
    InvalidCurrency,
    InvalidDate,
    InvalidLine,
    NotPosted,
    PeriodLocked,
    TooFewLines,
    UnbalancedEntry,
)
from ledger.hashing import GENESIS, entry_hash
from ledger.member_money import member_lines_check
from ledger.models import (
    Account,
    AccountPeriodTotal,
    EntrySource,
    EntryStatus,
    JournalEntry,
    JournalLine,
    Period,
    Sequence,
    Side,
)

CHAIN_KEY = "ledger:chain"
MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2999, 12, 31)


@dataclass(frozen=True)
class LineInput:
    """One line as callers describe it. Give exactly one of ``debit`` / ``credit``.

    ``account`` is an Account or its code; amounts are Money, Decimal, int or decimal
    strings (never float). ``currency`` defaults to the Money's currency or the
    account's.
    """

    account: Account | str
    debit: Money | Decimal | int | str | None = None
    credit: Money | Decimal | int | str | None = None
    currency: str | None = None
    member: object | None = None
    memo: str = ""


@dataclass(frozen=True)
class _Line:
    account: Account
    side: str
    amount: Decimal
    currency: str
    member: object | None
    memo: str


# --- Sequences
# ---------------------------------------------------------------------------


def sequence_next(*, key: str) -> int:
    """Next value of the gapless counter ``key`` (1 for a new one).

    Must run inside a transaction: the row stays locked until commit, and a rollback
    gives the number back.
    """
    # One statement that increments, locks the row and returns the new value
    # (UPDATE ... RETURNING: PostgreSQL, and SQLite since 3.35).
    table = connection.ops.quote_name(Sequence._meta.db_table)
    sql = (
        f"UPDATE {table} SET last_value = last_value + 1 "
        f"WHERE {connection.ops.quote_name('key')} = %s RETURNING last_value"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [key])
        row = cursor.fetchone()
        if row is None:
            Sequence.objects.bulk_create([Sequence(key=key)], ignore_conflicts=True)
            cursor.execute(sql, [key])
            row = cursor.fetchone()
    return int(row[0])


def _chain_lock() -> int:
    """Lock the chain counter row, creating it if need be; returns its value."""
    locked = Sequence.objects.select_for_update().filter(key=CHAIN_KEY)
    value = locked.values_list("last_value", flat=True).first()
    if value is None:
        Sequence.objects.bulk_create([Sequence(key=CHAIN_KEY)], ignore_conflicts=True)
        value = locked.values_list("last_value", flat=True).get()
    return value


def entry_number(*, year: int, seq: int) -> str:
    return f"{settings.ESTAMA_ENTRY_PREFIX}-{year:04d}-{seq:06d}"


# --- Validation
# --------------------------------------------------------------------------


def _resolve_lines(lines: Seq[LineInput]) -> list[_Line]:
    """Check each line's shape, amount and account; return resolved lines.

    Raises the most specific error with every offending field listed, keyed
    ``lines.<index>.<field>``.
    """
    if len(lines) < 2:
        raise TooFewLines(
            "Jurnal harus memiliki paling sedikit dua baris.",
            errors={"lines": ["At least two lines are required."]},
        )
    codes = {line.account for line in lines if isinstance(line.account, str)}
    by_code = Account.objects.in_bulk(list(codes), field_name="code") if codes else {}

    shape_errors: dict[str, list[str]] = {}
    amount_errors: dict[str, list[str]] = {}
    account_errors: dict[str, list[str]] = {}
    currency_errors: dict[str, list[str]] = {}
    resolved: list[_Line] = []
    for index, line in enumerate(lines):
        key = f"lines.{index}"
        has_debit = line.debit is not None and line.debit != ""
        has_credit = line.credit is not None and line.credit != ""
        if has_debit == has_credit:
            shape_errors[key] = ["Give exactly one of debit or credit."]
            continue
        side, raw, field = (
            (Side.DEBIT, line.debit, "debit")
            if has_debit
            else (Side.CREDIT, line.credit, "credit")
        )
        account = (
            line.account
            if isinstance(line.account, Account)
            else by_code.get(line.account)
        )
        if account is None:
            account_errors[f"{key}.account"] = [f"Unknown account {line.account!r}."]
            continue
        if account.is_group:
            account_errors[f"{key}.account"] = [
                f"{account.code} is a group account and takes no postings."
            ]
            continue
        if not account.is_active:
            account_errors[f"{key}.account"] = [f"{account.code} is inactive."]
            continue
        currency = (
            line.currency
            or (str(raw.currency) if isinstance(raw, Money) else None)
            or account.currency
        )
        if not cur.is_supported(currency) or currency != account.currency:
            currency_errors[f"{key}.currency"] = [
                f"{account.code} holds {account.currency}, not {currency}."
            ]
            continue
        amount = cur.to_decimal(raw)
        if amount is None:
            amount_errors[f"{key}.{field}"] = ["Not a valid decimal amount."]
        elif amount <= 0:
            amount_errors[f"{key}.{field}"] = ["The amount must be positive."]
        elif amount >= cur.MAX_AMOUNT:
            amount_errors[f"{key}.{field}"] = ["The amount is too large."]
        elif not cur.is_exact(amount, currency):
            places = cur.precision(currency)
            amount_errors[f"{key}.{field}"] = [
                f"{currency} amounts must be whole units"
                + (
                    f" with at most {places} decimals."
                    if places
                    else " (no fractions)."
                )
            ]
        else:
            resolved.append(
                _Line(account, side, amount, currency, line.member, line.memo or "")
            )
    if shape_errors:
        raise InvalidLine("Setiap baris harus debit atau kredit.", errors=shape_errors)
    if amount_errors:
        raise InvalidAmount(
            "Jumlah tidak valid: harus positif dan dalam rupiah bulat.",
            errors=amount_errors,
        )
    if account_errors:
        raise InvalidAccount(
            "Akun tidak dapat menerima posting.", errors=account_errors
        )
    if currency_errors:
        raise InvalidCurrency("Mata uang tidak sesuai akun.", errors=currency_errors)
    member_lines_check(resolved)
    return resolved


def _check_balanced(lines: Iterable[_Line]) -> None:
    net: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines:
        net[line.currency] += line.amount if line.side == Side.DEBIT else -line.amount
    off = {code: value for code, value in net.items() if value != 0}
    if off:
        detail = ", ".join(
            f"{code} debit - credit = {cur.plain(value, code)}"
            for code, value in off.items()
        )
        raise UnbalancedEntry(
            f"Debit dan kredit tidak seimbang ({detail}).",
            errors={"lines": [f"Debits and credits differ: {detail}."]},
        )


def _check_date(date: dt.date) -> None:
    if (
        not isinstance(date, dt.date)
        or isinstance(date, dt.datetime)
        or not (MIN_DATE <= date <= MAX_DATE)
    ):
        raise InvalidDate(
            "Tanggal di luar rentang yang diizinkan.",
            errors={"date": [f"The date must be between {MIN_DATE} and {MAX_DATE}."]},
        )


def _check_period_open(date: dt.date) -> None:
    if Period.objects.filter(year=date.year, month=date.month, is_locked=True).exists():
        raise PeriodLocked(
            f"Periode {date:%Y-%m} terkunci; tidak dapat memposting pada {date}.",
            errors={"date": [f"The period {date:%Y-%m} is locked."]},
        )


# --- Posting
# -----------------------------------------------------------------------------


def _post_locked(
    entry: JournalEntry, lines: list[JournalLine], *, user, chain_seq: int
) -> JournalEntry:
    """Number, hash and post a draft whose lines are saved.

    The caller took ``chain_seq`` from the chain counter, which holds its lock."""
    prev_hash = (
        JournalEntry.objects.filter(chain_seq=chain_seq - 1)
        .values_list("hash", flat=True)
        .first()
        or GENESIS
    )
    year = entry.date.year
    seq = sequence_next(key=f"ledger:entry:{year}")
    entry.fiscal_year = year
    entry.seq = seq
    entry.number = entry_number(year=year, seq=seq)
    entry.chain_seq = chain_seq
    entry.posted_by = user if getattr(user, "is_authenticated", False) else None
    entry.posted_at = timezone.now()
    entry.prev_hash = prev_hash
    entry.hash = entry_hash(entry, lines, prev_hash=prev_hash)
    entry.status = EntryStatus.POSTED
    entry.save(
        update_fields=[
            "fiscal_year",
            "seq",
            "number",
            "chain_seq",
            "posted_by",
            "posted_at",
            "prev_hash",
            "hash",
            "status",
        ]
    )
    _totals_add(entry.date, lines)
    audit_record(
        actor=user,
        action="entry.posted",
        target=entry,
        after={"number": entry.number, "hash": entry.hash, "source": entry.source},
    )
    return entry


def _totals_add(date: dt.date, lines: Iterable[JournalLine]) -> None:
    sums: dict[tuple[int, str], list[Decimal]] = defaultdict(
        lambda: [Decimal(0), Decimal(0)]
    )
    for line in lines:
        bucket = sums[(line.account_id, str(line.amount.currency))]
        bucket[0 if line.side == Side.DEBIT else 1] += line.amount.amount
    if not sums:
        return
    # One upsert for all accounts of the entry (ON CONFLICT ... DO UPDATE works on
    # PostgreSQL and SQLite alike).
    table = connection.ops.quote_name(AccountPeriodTotal._meta.db_table)
    rows = sorted(sums.items())
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(rows))
    params: list = []
    for (account_id, code), (debit, credit) in rows:
        params += [account_id, date.year, date.month, code, debit, credit]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (account_id, year, month, currency, debit, credit) "
            f"VALUES {values} ON CONFLICT (account_id, year, month, currency) "
            f"DO UPDATE SET debit = {table}.debit + excluded.debit, "
            f"credit = {table}.credit + excluded.credit",
            params,
        )


def _build_lines(entry: JournalEntry, resolved: list[_Line]) -> list[JournalLine]:
    objs = [
        JournalLine(
            entry=entry,
            account=line.account,
            side=line.side,
            amount=Money(line.amount, line.currency),
            member=line.member,
            memo=line.memo[:255],
        )
        for line in resolved
    ]
    created = JournalLine.objects.bulk_create(objs)
    if any(line.pk is None for line in created):  # backends without RETURNING
        created = list(entry.lines.select_related("account", "member"))
    return created


def entry_post(
    *,
    date: dt.date,
    description: str,
    lines: Seq[LineInput],
    source: str = EntrySource.MANUAL,
    reference: str = "",
    user=None,
) -> JournalEntry:
    """Record and post a balanced journal entry in one step.

    Args:
        date: the accounting date; its month must not be locked.
        description: what happened, as it will read in the ledger.
        lines: two or more ``LineInput``; debits equal credits per currency.
        source: which part of Estama produced it (``EntrySource``).
        reference: the document it comes from (receipt, invoice number...).
        user: who posts it (recorded, audited).

    Returns:
        The posted entry with its number and hash.

    Raises:
        TooFewLines, InvalidLine, InvalidAmount, InvalidAccount, InvalidCurrency,
        UnbalancedEntry, InvalidDate, PeriodLocked.
    """
    return _entry_post(
        date=date,
        description=description,
        lines=lines,
        source=source,
        reference=reference,
        user=user,
        reverses=None,
    )


def _check_description(description: str) -> str:
    description = (description or "").strip()
    if not description:
        raise InvalidLine(
            "Uraian jurnal wajib diisi.",
            errors={"description": ["A description is required."]},
        )
    return description


def _entry_post(
    *,
    date: dt.date,
    description: str,
    lines: Seq[LineInput],
    source: str,
    reference: str,
    user,
    reverses: JournalEntry | None,
) -> JournalEntry:
    """``entry_post`` plus the link to a reversed entry (only ``entry_reverse`` sets
    it, with mirror lines it builds itself)."""
    _check_date(date)
    description = _check_description(description)
    resolved = _resolve_lines(lines)
    _check_balanced(resolved)
    with transaction.atomic():
        # Taking the next chain position locks the chain: posting is serialised from
        # here, and a failure below rolls the position back (no gap).
        chain_seq = sequence_next(key=CHAIN_KEY)
        _check_period_open(date)
        entry = JournalEntry.objects.create(
            date=date,
            description=description[:255],
            source=source,
            reference=reference[:100],
            created_by=user if getattr(user, "is_authenticated", False) else None,
            reverses=reverses,
        )
        created = _build_lines(entry, resolved)
        return _post_locked(entry, created, user=user, chain_seq=chain_seq)


def entry_draft_create(
    *,
    date: dt.date,
    description: str,
    lines: Seq[LineInput],
    source: str = EntrySource.MANUAL,
    reference: str = "",
    user=None,
) -> JournalEntry:
    """Save an entry as a draft (no number, not in any balance). Lines are checked for
    shape, amounts and accounts; balance and period are checked when it is posted."""
    _check_date(date)
    description = _check_description(description)
    resolved = _resolve_lines(lines)
    with transaction.atomic():
        entry = JournalEntry.objects.create(
            date=date,
            description=description[:255],
            source=source,
            reference=reference[:100],
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        _build_lines(entry, resolved)
        audit_record(actor=user, action="entry.drafted", target=entry)
    return entry


def entry_draft_post(*, entry: JournalEntry, user=None) -> JournalEntry:
    """Post a draft: re-validate its lines, then number, hash and post it.

    Raises:
        AlreadyPosted, plus everything ``entry_post`` raises.
    """
    with transaction.atomic():
        chain_seq = sequence_next(key=CHAIN_KEY)
        entry = JournalEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status != EntryStatus.DRAFT:
            raise AlreadyPosted(f"Jurnal {entry.number} sudah diposting.")
        _check_date(entry.date)
        _check_description(entry.description)
        lines = list(entry.lines.select_related("account", "member"))
        resolved = _resolve_lines(
            [
                LineInput(
                    account=line.account,
                    **{"debit" if line.side == Side.DEBIT else "credit": line.amount},
                    member=line.member,
                    memo=line.memo,
                )
                for line in lines
            ]
        )
        _check_balanced(resolved)
        _check_period_open(entry.date)
        return _post_locked(entry, lines, user=user, chain_seq=chain_seq)


def entry_reverse(
    *,
    entry: JournalEntry,
    user=None,
    date: dt.date | None = None,
    description: str | None = None,
) -> JournalEntry:
    """Correct a posted entry by posting its mirror image (debits and credits swapped).

    Args:
        entry: the posted entry to reverse.
        date: the reversal's date; today (Asia/Jakarta) when omitted.
        description: defaults to "Pembalikan <number>: <original description>".

    Returns:
        The reversing entry, linked to the original through ``reverses``.

    Raises:
        NotPosted, AlreadyReversed, PeriodLocked (for the reversal's date).
    """
    date = date or timezone.localdate()
    try:
        with transaction.atomic():
            _chain_lock()
            original = (
                JournalEntry.objects.select_for_update(of=("self",))
                .select_related("reverses")
                .get(pk=entry.pk)
            )
            if original.status != EntryStatus.POSTED:
                raise NotPosted("Hanya jurnal yang sudah diposting yang dapat dibalik.")
            if JournalEntry.objects.filter(reverses=original).exists():
                raise AlreadyReversed(f"Jurnal {original.number} sudah pernah dibalik.")
            mirror = [
                LineInput(
                    account=line.account,
                    **{"credit" if line.side == Side.DEBIT else "debit": line.amount},
                    member=line.member,
                    memo=line.memo,
                )
                for line in original.lines.select_related("account", "member")
            ]
            reversal = _entry_post(
                date=date,
                description=description
                or f"Pembalikan {original.number}: {original.description}",
                lines=mirror,
                source=EntrySource.REVERSAL,
                reference=original.number,
                user=user,
                reverses=original,
            )
            audit_record(
                actor=user,
                action="entry.reversed",
                target=original,
                after={"reversed_by": reversal.number},
            )
            return reversal
    except IntegrityError as exc:  # a concurrent reversal won the UNIQUE(reverses) race
        if JournalEntry.objects.filter(reverses_id=entry.pk).exists():
            raise AlreadyReversed(
                f"Jurnal {entry.number} sudah pernah dibalik."
            ) from exc
        raise


# --- Periods
# -----------------------------------------------------------------------------


def _period_set(*, year: int, month: int, locked: bool, user) -> Period:
    if not (1 <= month <= 12) or not (MIN_DATE.year <= year <= MAX_DATE.year):
        raise InvalidDate(
            "Periode tidak valid.",
            errors={"period": ["Use YYYY-MM with a real month."]},
        )
    with transaction.atomic():
        _chain_lock()
        Period.objects.bulk_create(
            [Period(year=year, month=month)], ignore_conflicts=True
        )
        period = Period.objects.select_for_update().get(year=year, month=month)
        before = period.is_locked
        period.is_locked = locked
        period.changed_by = user if getattr(user, "is_authenticated", False) else None
        period.changed_at = timezone.now()
        period.save(update_fields=["is_locked", "changed_by", "changed_at"])
        audit_record(
            actor=user,
            action="period.locked" if locked else "period.unlocked",
            target=period,
            before={"period": str(period), "is_locked": before},
            after={"period": str(period), "is_locked": locked},
        )
    return period


def period_lock(*, year: int, month: int, user=None) -> Period:
    """Lock a month: nothing more is posted with a date in it until it is unlocked."""
    return _period_set(year=year, month=month, locked=True, user=user)


def period_unlock(*, year: int, month: int, user=None) -> Period:
    """Unlock a month (an explicit, audited act)."""
    return _period_set(year=year, month=month, locked=False, user=user)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)
