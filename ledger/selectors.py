"""Reads from the ledger: balances, account ledgers, the trial balance.

Balances as of a date read the maintained per-month totals for every month before the
date's month, plus the per-day totals of that one month up to the date. No balance
reads a line: the cost grows with the number of accounts and months, not lines.

An account's ledger is read a page at a time by key (``account_ledger_page``): lines
carry their entry's date and one index orders them by (date, entry, line), so the
first, a middle and the last page cost the same, and the running balance starts from
the totals before the page's first day plus that day's earlier lines.

Signs: ``net`` is debit minus credit. A debit-normal account (assets, expenses) shows a
positive balance as ``net``; a credit-normal one as ``-net`` (see ``normal_balance``).
"""

from __future__ import annotations

import base64
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Case, DecimalField, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from ledger.errors import InvalidCursor
from ledger.models import (
    Account,
    AccountDayTotal,
    AccountPeriodTotal,
    EntryStatus,
    JournalEntry,
    JournalLine,
    Side,
)

ZERO = Decimal(0)
_DEC = DecimalField(max_digits=24, decimal_places=2)


@dataclass(frozen=True)
class Totals:
    debit: Decimal = ZERO
    credit: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        return self.debit - self.credit

    def __add__(self, other: Totals) -> Totals:
        return Totals(self.debit + other.debit, self.credit + other.credit)


def _signed_sums():
    return {
        "debit": Coalesce(
            Sum(Case(When(side=Side.DEBIT, then=F("amount")), default=Value(ZERO))),
            Value(ZERO),
            output_field=_DEC,
        ),
        "credit": Coalesce(
            Sum(Case(When(side=Side.CREDIT, then=F("amount")), default=Value(ZERO))),
            Value(ZERO),
            output_field=_DEC,
        ),
    }


def posted_lines() -> QuerySet[JournalLine]:
    return JournalLine.objects.filter(entry__status=EntryStatus.POSTED)


def totals_as_of(
    *, as_of: dt.date, account_ids: list[int] | None = None
) -> dict[int, Totals]:
    """Debit and credit totals per account of everything posted up to ``as_of``."""
    before_month = Q(year__lt=as_of.year) | Q(year=as_of.year, month__lt=as_of.month)
    periods = AccountPeriodTotal.objects.filter(before_month)
    days = AccountDayTotal.objects.filter(
        date__gte=as_of.replace(day=1), date__lte=as_of
    )
    if account_ids is not None:
        periods = periods.filter(account_id__in=account_ids)
        days = days.filter(account_id__in=account_ids)
    result: dict[int, Totals] = defaultdict(Totals)
    for query in (periods, days):
        for row in query.values("account_id").annotate(d=Sum("debit"), c=Sum("credit")):
            result[row["account_id"]] += Totals(row["d"] or ZERO, row["c"] or ZERO)
    return dict(result)


def totals_between(
    *, start: dt.date, end: dt.date, account_ids: list[int] | None = None
) -> dict[int, Totals]:
    """Totals per account of what was posted from ``start`` to ``end`` inclusive."""
    closing = totals_as_of(as_of=end, account_ids=account_ids)
    opening = totals_as_of(as_of=start - dt.timedelta(days=1), account_ids=account_ids)
    return {
        account_id: Totals(
            value.debit - opening.get(account_id, Totals()).debit,
            value.credit - opening.get(account_id, Totals()).credit,
        )
        for account_id, value in closing.items()
    }


def normal_balance(account: Account, totals: Totals) -> Decimal:
    """Balance on the account's normal side (positive when it is as it should be)."""
    return totals.net if account.is_debit_normal else -totals.net


def account_balance(*, account: Account, as_of: dt.date) -> Decimal:
    """Normal-side balance of one leaf account as of a date (inclusive)."""
    totals = totals_as_of(as_of=as_of, account_ids=[account.pk]).get(
        account.pk, Totals()
    )
    return normal_balance(account, totals)


@dataclass(frozen=True)
class TrialBalanceRow:
    account: Account
    debit: Decimal
    credit: Decimal

    @property
    def balance(self) -> Decimal:
        return self.debit - self.credit


@dataclass(frozen=True)
class TrialBalance:
    as_of: dt.date
    rows: list[TrialBalanceRow] = field(default_factory=list)

    @property
    def total_debit(self) -> Decimal:
        return sum((row.debit for row in self.rows), ZERO)

    @property
    def total_credit(self) -> Decimal:
        return sum((row.credit for row in self.rows), ZERO)


def trial_balance(*, as_of: dt.date) -> TrialBalance:
    """One row per leaf account with a non-zero balance as of ``as_of``: the net balance
    stands on its side (debit or credit, the other is zero), so the totals are equal."""
    totals = totals_as_of(as_of=as_of)
    accounts = Account.objects.in_bulk(list(totals))
    rows = []
    for account_id, value in totals.items():
        net = value.net
        if net == 0:
            continue
        rows.append(
            TrialBalanceRow(
                account=accounts[account_id],
                debit=net if net > 0 else ZERO,
                credit=-net if net < 0 else ZERO,
            )
        )
    rows.sort(key=lambda row: row.account.code)
    return TrialBalance(as_of=as_of, rows=rows)


def chart_with_balances(*, as_of: dt.date) -> list[tuple[Account, Decimal]]:
    """Every account in code order with its normal-side balance as of ``as_of``; a group
    account's balance is the sum of its descendants' (in its own normal sense)."""
    accounts = list(Account.objects.select_related("parent").order_by("code"))
    totals = totals_as_of(as_of=as_of)
    subtree: dict[int, Totals] = defaultdict(Totals)
    by_id = {account.pk: account for account in accounts}
    for account_id, value in totals.items():
        node = by_id.get(account_id)
        while node is not None:
            subtree[node.pk] += value
            node = by_id.get(node.parent_id) if node.parent_id else None
    return [
        (account, normal_balance(account, subtree.get(account.pk, Totals())))
        for account in accounts
    ]


def account_ledger_lines(
    *,
    account: Account,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[JournalLine]:
    """Posted lines of one account in ledger order: date, then entry, then line."""
    lines = posted_lines().filter(account=account)
    if date_from:
        lines = lines.filter(date__gte=date_from)
    if date_to:
        lines = lines.filter(date__lte=date_to)
    return lines.select_related("entry", "member").order_by("date", "entry_id", "id")


def balance_before_line(*, account: Account, line: JournalLine) -> Decimal:
    """Normal-side balance of ``account`` just before ``line`` in ledger order: the
    month totals before its month, the day totals of its month before its day, and
    the same day's earlier lines, summed in one query."""
    day = line.date
    sql = """
        SELECT COALESCE(SUM(d), 0), COALESCE(SUM(c), 0) FROM (
            SELECT debit AS d, credit AS c FROM ledger_accountperiodtotal
            WHERE account_id = %s AND (year < %s OR (year = %s AND month < %s))
            UNION ALL
            SELECT debit, credit FROM ledger_accountdaytotal
            WHERE account_id = %s AND date >= %s AND date < %s
            UNION ALL
            SELECT CASE WHEN l.side = 'D' THEN l.amount ELSE 0 END,
                   CASE WHEN l.side = 'C' THEN l.amount ELSE 0 END
            FROM ledger_journalline l
            JOIN ledger_journalentry e ON e.id = l.entry_id
            WHERE l.account_id = %s AND l.date = %s AND e.status = 'posted'
            AND (l.entry_id < %s OR (l.entry_id = %s AND l.id < %s))
        ) AS before_line
    """
    params = [
        account.pk,
        day.year,
        day.year,
        day.month,
        account.pk,
        day.replace(day=1),
        day,
        account.pk,
        day,
        line.entry_id,
        line.entry_id,
        line.id,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        debit, credit = cursor.fetchone()
    # SQLite may sum decimals as floats: go through str and back to cents.
    cents = Decimal("0.01")
    return normal_balance(
        account,
        Totals(
            Decimal(str(debit)).quantize(cents), Decimal(str(credit)).quantize(cents)
        ),
    )


def with_running_balance(
    *, account: Account, lines: list[JournalLine]
) -> list[tuple[JournalLine, Decimal]]:
    """Pair each line of one page of an account's ledger with the balance after it."""
    if not lines:
        return []
    balance = balance_before_line(account=account, line=lines[0])
    sign = 1 if account.is_debit_normal else -1
    result = []
    for line in lines:
        amount = line.amount.amount
        balance += sign * (amount if line.side == Side.DEBIT else -amount)
        result.append((line, balance))
    return result


def _cursor_encode(direction: str, line: JournalLine) -> str:
    raw = f"{direction}.{line.date.isoformat()}.{line.entry_id}.{line.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _cursor_decode(cursor: str) -> tuple[str, tuple[dt.date, int, int]]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        direction, day, entry_id, line_id = raw.split(".")
        if direction not in ("n", "p"):
            raise ValueError(direction)
        return direction, (dt.date.fromisoformat(day), int(entry_id), int(line_id))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidCursor(
            "Kursor halaman tidak valid.",
            errors={"cursor": ["Use a next or previous link from a ledger page."]},
        ) from exc


@dataclass(frozen=True)
class LedgerPage:
    """One page of an account's ledger: (line, balance after it) pairs in ledger
    order, and opaque cursors to the pages around it (None at either end)."""

    rows: list[tuple[JournalLine, Decimal]]
    next_cursor: str | None
    previous_cursor: str | None


def account_ledger_page(
    *,
    account: Account,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    cursor: str | None = None,
    last: bool = False,
    size: int = 50,
) -> LedgerPage:
    """A page of ``account``'s ledger with running balances, read by key.

    Args:
        cursor: from a previous page's ``next_cursor`` / ``previous_cursor``; none
            for the first page.
        last: the last page instead of the first (ignored with a cursor).
        size: lines per page.

    Raises:
        InvalidCursor: the cursor is not one this selector wrote.
    """
    lines = account_ledger_lines(account=account, date_from=date_from, date_to=date_to)
    direction, key = _cursor_decode(cursor) if cursor else (None, None)
    backwards = direction == "p" or (direction is None and last)
    if key is not None:
        day, entry_id, line_id = key
        after = (
            Q(date__gt=day)
            | Q(date=day, entry_id__gt=entry_id)
            | Q(date=day, entry_id=entry_id, id__gt=line_id)
        )
        before = (
            Q(date__lt=day)
            | Q(date=day, entry_id__lt=entry_id)
            | Q(date=day, entry_id=entry_id, id__lt=line_id)
        )
        # The plain date bound gives the index its range start; the rest only sorts
        # out the lines of that one day.
        lines = (
            lines.filter(before, date__lte=day)
            if backwards
            else lines.filter(after, date__gte=day)
        )
    if backwards:
        lines = lines.order_by("-date", "-entry_id", "-id")
    chunk = list(lines[: size + 1])
    more = len(chunk) > size
    chunk = chunk[:size]
    if backwards:
        chunk.reverse()
    if not chunk:
        return LedgerPage(rows=[], next_cursor=None, previous_cursor=None)
    has_next = more if not backwards else key is not None
    has_previous = more if backwards else key is not None
    return LedgerPage(
        rows=with_running_balance(account=account, lines=chunk),
        next_cursor=_cursor_encode("n", chunk[-1]) if has_next else None,
        previous_cursor=_cursor_encode("p", chunk[0]) if has_previous else None,
    )


def entries_posted() -> QuerySet[JournalEntry]:
    return JournalEntry.objects.posted()
