"""Checks an entry passes before anything is written: the shape of each line, its
amount and account, the balance per currency, the date and the period.

Each check raises the most specific domain error with every offending field listed, so
an interface can show the user exactly what to fix. The database enforces the same
invariants again; these checks exist to give a clear message instead of an
IntegrityError.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Sequence as Seq
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.utils import timezone
from djmoney.money import Money

from ledger import currency as cur
from ledger.errors import (
    InvalidAccount,
    InvalidAmount,
    InvalidCurrency,
    InvalidDate,
    InvalidLine,
    PeriodLocked,
    TooFewLines,
    UnbalancedEntry,
)
from ledger.member_money import member_lines_check
from ledger.models import Account, Period, Side

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


# The chart as this process last read it, per database alias. Only a hint: the posting
# statement that writes lines re-checks every account in the database (active, not a
# group, its currency) and the posting starts over uncached when one has changed.
_CHART: dict[str, dict[str, Account]] = {}


def chart_forget() -> None:
    """Drop the cached chart (the next posting reads the accounts again)."""
    _CHART.clear()


def _accounts_by_code(codes: set[str], *, cached: bool) -> dict[str, Account]:
    if not codes:
        return {}
    if not cached:
        return Account.objects.in_bulk(list(codes), field_name="code")
    chart = _CHART.setdefault(connection.alias, {})
    missing = [code for code in codes if code not in chart]
    if missing:
        chart.update(Account.objects.in_bulk(missing, field_name="code"))
    return {code: chart[code] for code in codes if code in chart}


def _resolve_lines(lines: Seq[LineInput], *, cached: bool = False) -> list[_Line]:
    """Check each line's shape, amount and account; return resolved lines.

    Raises the most specific error with every offending field listed, keyed
    ``lines.<index>.<field>``. With ``cached`` the accounts may come from the cached
    chart; an account error is then confirmed against the database before it is
    raised.
    """
    if cached:
        try:
            return _resolve(lines, cached=True)
        except (InvalidAccount, InvalidCurrency):
            chart_forget()
    return _resolve(lines, cached=False)


def _resolve(lines: Seq[LineInput], *, cached: bool) -> list[_Line]:
    if len(lines) < 2:
        raise TooFewLines(
            "Jurnal harus memiliki paling sedikit dua baris.",
            errors={"lines": ["At least two lines are required."]},
        )
    codes = {line.account for line in lines if isinstance(line.account, str)}
    by_code = _accounts_by_code(codes, cached=cached)

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


def latest_entry_date() -> dt.date:
    """The last date an entry may carry: 31 December of the year
    ``ESTAMA_ENTRY_DATE_YEARS_AHEAD`` years after today's (Asia/Jakarta)."""
    ahead = max(0, int(settings.ESTAMA_ENTRY_DATE_YEARS_AHEAD))
    return min(MAX_DATE, dt.date(timezone.localdate().year + ahead, 12, 31))


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
    latest = latest_entry_date()
    if date > latest:
        raise InvalidDate(
            f"Tanggal {date} terlalu jauh di masa depan (paling lambat {latest}).",
            errors={"date": [f"The date must not be later than {latest}."]},
        )


def _check_period_open(date: dt.date) -> None:
    if Period.objects.filter(year=date.year, month=date.month, is_locked=True).exists():
        raise PeriodLocked(
            f"Periode {date:%Y-%m} terkunci; tidak dapat memposting pada {date}.",
            errors={"date": [f"The period {date:%Y-%m} is locked."]},
        )


def _check_description(description: str) -> str:
    description = (description or "").strip()
    if not description:
        raise InvalidLine(
            "Uraian jurnal wajib diisi.",
            errors={"description": ["A description is required."]},
        )
    return description
