"""The reconciliation of a bank account on a date, and marking a month reconciled.

Window: from the first imported bank line of the account to ``as_of``.
    statement balance  S = the bank's running balance after its last line <= as_of;
    ledger balance     L = the account's balance in the ledger at as_of;
    difference         S - L, explained line by line:
        - the opening difference: the bank's balance before its first line minus the
          ledger's balance the day before it;
        - bank lines in the window not in the books (unmatched, suggested, ignored):
          + their amount;
        - ledger lines on the account in the window that no bank line produced
          (e.g. a payment keyed by hand, a cheque not yet cleared): - their amount;
        - whatever is left (``unexplained``) means the bank's balances do not add up
          (a statement missing in between).
Matched and booked lines post exactly their amount on their date, so they cancel out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from djmoney.money import Money

from audit.services import audit_record
from bank.errors import NotReconciled
from bank.models import BankAccount, BankLine, BankLineMatch, ReconciliationMark
from bank.models.lines import OPEN_STATUSES
from ledger import currency as cur
from ledger.errors import InvalidDate
from ledger.models import EntryStatus, JournalLine, Side
from ledger.selectors import account_balance
from ledger.services import month_bounds

ZERO = Decimal(0)


@dataclass(frozen=True)
class Item:
    kind: str  # opening | bank_line | ledger_line
    date: dt.date | None
    description: str
    amount: Decimal  # its effect on statement - ledger
    ref: str = ""


@dataclass
class Reconciliation:
    account: str
    as_of: dt.date
    statement_balance: Decimal | None
    ledger_balance: Decimal
    items: list[Item] = field(default_factory=list)

    @property
    def difference(self) -> Decimal | None:
        if self.statement_balance is None:
            return None
        return self.statement_balance - self.ledger_balance

    @property
    def explained(self) -> Decimal:
        return sum((item.amount for item in self.items), ZERO)

    @property
    def unexplained(self) -> Decimal | None:
        diff = self.difference
        return None if diff is None else diff - self.explained


def _window_lines(bank_account: BankAccount, as_of: dt.date):
    return BankLine.objects.filter(bank_account=bank_account, date__lte=as_of)


def reconciliation(*, bank_account: BankAccount, as_of: dt.date) -> Reconciliation:
    """Statement vs ledger for ``bank_account`` at ``as_of`` (reads only; a constant
    number of queries)."""
    account = bank_account.account
    ledger = account_balance(account=account, as_of=as_of)
    result = Reconciliation(account.code, as_of, None, ledger)
    if not bank_account.pk:
        return result
    lines = _window_lines(bank_account, as_of)
    first = lines.order_by("date", "statement_id", "line_no").first()
    last = (
        lines.filter(balance__isnull=False)
        .order_by("-date", "-statement_id", "-line_no")
        .first()
    )
    if first is None or last is None or first.balance is None:
        return result
    result.statement_balance = last.balance.amount
    start = first.date
    opening_bank = first.balance.amount - first.amount.amount
    opening_ledger = account_balance(account=account, as_of=start - dt.timedelta(1))
    if opening_bank != opening_ledger:
        result.items.append(
            Item(
                "opening",
                start,
                "Selisih saldo awal (sebelum mutasi pertama yang diimpor)",
                opening_bank - opening_ledger,
            )
        )
    for line in lines.filter(status__in=[*OPEN_STATUSES, "ignored"]).order_by(
        "date", "statement_id", "line_no"
    ):
        result.items.append(
            Item(
                "bank_line",
                line.date,
                f"Mutasi bank belum dibukukan ({line.get_status_display()}): "
                f"{line.description}",
                line.amount.amount,
                str(line.pk),
            )
        )
    linked = BankLineMatch.objects.filter(line__bank_account=bank_account).values_list(
        "entry_id", flat=True
    )
    ledger_lines = (
        JournalLine.objects.filter(
            account=account,
            entry__status=EntryStatus.POSTED,
            entry__date__gte=start,
            entry__date__lte=as_of,
        )
        .exclude(entry_id__in=linked)
        .select_related("entry")
        .order_by("entry__date", "entry__chain_seq", "id")
    )
    for line in ledger_lines:
        signed = line.amount.amount if line.side == Side.DEBIT else -line.amount.amount
        result.items.append(
            Item(
                "ledger_line",
                line.entry.date,
                f"Jurnal tanpa mutasi bank: {line.entry.description}",
                -signed,
                line.entry.number,
            )
        )
    return result


def reconciliation_mark(
    *, bank_account: BankAccount, year: int, month: int, user=None
) -> ReconciliationMark:
    """Mark a month reconciled: only when, at its last day, the statement balance
    equals the ledger balance. Audited.

    Raises:
        InvalidDate (not a month), NotReconciled (a difference, or no statement).
    """
    if not (1 <= month <= 12 and 2000 <= year <= 2999):
        raise InvalidDate(
            "Periode tidak valid.",
            errors={"period": ["Use YYYY-MM with a real month."]},
        )
    as_of = month_bounds(year, month)[1]
    with transaction.atomic():
        BankAccount.objects.select_for_update().get(pk=bank_account.pk)
        report = reconciliation(bank_account=bank_account, as_of=as_of)
        if report.difference is None or report.difference != 0:
            shown = (
                "tidak ada saldo bank"
                if report.difference is None
                else cur.plain(report.difference)
            )
            raise NotReconciled(
                f"Bulan {year}-{month:02d} belum dapat ditandai: selisih {shown}.",
                errors={"difference": [f"Statement minus ledger: {shown}."]},
            )
        mark, created = ReconciliationMark.objects.get_or_create(
            bank_account=bank_account,
            year=year,
            month=month,
            defaults={
                "as_of": as_of,
                "statement_balance": Money(report.statement_balance, "IDR"),
                "ledger_balance": Money(report.ledger_balance, "IDR"),
                "marked_by": user if getattr(user, "is_authenticated", False) else None,
            },
        )
        if created:
            audit_record(
                actor=user,
                action="bank.reconciled",
                target=mark,
                after={
                    "account": bank_account.account.code,
                    "period": f"{year}-{month:02d}",
                    "balance": cur.plain(report.statement_balance),
                },
            )
    return mark


def last_reconciled() -> list[ReconciliationMark]:
    """The latest reconciled month of each bank account (for the dashboard)."""
    marks = ReconciliationMark.objects.select_related("bank_account__account").order_by(
        "bank_account_id", "-year", "-month"
    )
    latest: dict[int, ReconciliationMark] = {}
    for mark in marks:
        latest.setdefault(mark.bank_account_id, mark)
    return list(latest.values())
