"""The ``verify_ledger`` check of the maintained day totals: every
``AccountDayTotal`` row equals the sum of the posted lines of its account, day and
currency, and every such sum has its row. Reads only; streams the lines grouped by the
database, so memory grows with accounts × days, not lines."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Case, DecimalField, F, Sum, Value, When

from ledger.models import AccountDayTotal, EntryStatus, JournalLine, Side

ZERO = Decimal(0)
CENTS = Decimal("0.01")
_DEC = DecimalField(max_digits=28, decimal_places=2)


def _cents(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(CENTS)


def day_totals_match_lines() -> list:
    from ledger.integrity import Problem

    expected: dict[tuple, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    sums = (
        JournalLine.objects.filter(entry__status=EntryStatus.POSTED)
        .values("account_id", "account__code", "entry__date", "amount_currency")
        .annotate(
            d=Sum(
                Case(When(side=Side.DEBIT, then=F("amount")), default=Value(ZERO)),
                output_field=_DEC,
            ),
            c=Sum(
                Case(When(side=Side.CREDIT, then=F("amount")), default=Value(ZERO)),
                output_field=_DEC,
            ),
        )
    )
    codes = {}
    for row in sums.iterator(chunk_size=5000):
        key = (row["account_id"], row["entry__date"], row["amount_currency"])
        expected[key] = [_cents(row["d"]), _cents(row["c"])]
        codes[row["account_id"]] = row["account__code"]
    problems = []
    stored = AccountDayTotal.objects.values_list(
        "account_id", "account__code", "date", "currency", "debit", "credit"
    )
    for account_id, code, day, currency, debit, credit in stored.iterator(
        chunk_size=5000
    ):
        debit, credit = _cents(debit), _cents(credit)
        want = expected.pop((account_id, day, currency), [ZERO, ZERO])
        want = [_cents(want[0]), _cents(want[1])]
        if [debit, credit] != want:
            problems.append(
                Problem(
                    None,
                    f"day total of {code} on {day} ({currency}) is debit {debit} "
                    f"credit {credit}, but its posted lines sum to debit {want[0]} "
                    f"credit {want[1]}",
                )
            )
    for (account_id, day, currency), (debit, credit) in sorted(expected.items()):
        if debit or credit:
            problems.append(
                Problem(
                    None,
                    f"day total of {codes[account_id]} on {day} ({currency}) is "
                    f"missing: its posted lines sum to debit {debit} credit {credit}",
                )
            )
    return problems
