"""Maintained totals (check d of ``ledger.integrity``): every ``AccountPeriodTotal``
row equals the sum of the posted lines it covers."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Case, DecimalField, F, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear

from ledger.integrity.report import Problem
from ledger.models import AccountPeriodTotal, EntryStatus, JournalLine, Side

ZERO = Decimal(0)
_DEC = DecimalField(max_digits=28, decimal_places=2)


def _side_sum(side: str):
    return Coalesce(
        Sum(Case(When(side=side, then=F("amount")), default=Value(ZERO))),
        Value(ZERO),
        output_field=_DEC,
    )


def _plain(value: Decimal) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01')):f}"


def totals_problems() -> list[Problem]:
    from_lines = (
        JournalLine.objects.filter(entry__status=EntryStatus.POSTED)
        .annotate(y=ExtractYear("entry__date"), m=ExtractMonth("entry__date"))
        .values("account_id", "account__code", "y", "m", "amount_currency")
        .annotate(debit=_side_sum(Side.DEBIT), credit=_side_sum(Side.CREDIT))
        .order_by()
    )
    lines = {
        (row["account_id"], row["y"], row["m"], row["amount_currency"]): row
        for row in from_lines
    }
    stored = {
        (row["account_id"], row["year"], row["month"], row["currency"]): row
        for row in AccountPeriodTotal.objects.values(
            "account_id",
            "account__code",
            "year",
            "month",
            "currency",
            "debit",
            "credit",
        )
    }
    problems = []
    for key in sorted(set(lines) | set(stored)):
        _, year, month, code = key
        account = (lines.get(key) or stored[key])["account__code"]
        where = f"account {account} {year:04d}-{month:02d} {code}"
        if key not in stored:
            problems.append(
                Problem(None, f"{where}: posted lines have no maintained total")
            )
        elif key not in lines:
            problems.append(
                Problem(None, f"{where}: maintained total has no posted lines")
            )
        else:
            have, want = stored[key], lines[key]
            if have["debit"] != want["debit"] or have["credit"] != want["credit"]:
                problems.append(
                    Problem(
                        None,
                        f"{where}: maintained total is debit {_plain(have['debit'])}"
                        f" / credit {_plain(have['credit'])} but the lines sum to "
                        f"debit {_plain(want['debit'])} / credit "
                        f"{_plain(want['credit'])}",
                    )
                )
    return problems
