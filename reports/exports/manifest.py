"""The manifest that comes with every ledger export.

It lets an auditor compare an export with ``verify_ledger`` and the trial balance:
entry count, first and last entry number of the range, the head hash (the hash of the
entry with the highest chain position dated on or before the range's end), per-account
opening balance, debit and credit of the range and closing balance (debit minus
credit; the closing balances are the trial balance as of the end), and how account
codes map to the names used in the Beancount and hledger files; and the newest signed
checkpoint of the ledger and audit chains (``ledger.checkpoints``), so the export can
be tied to a state anchored outside the database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from ledger import currency as cur
from ledger.checkpoints import checkpoint_latest
from ledger.models import Account, JournalEntry
from ledger.selectors import Totals, totals_as_of
from reports.exports.general_ledger import COLUMNS
from reports.exports.journals import account_mapping

ZERO = Decimal(0)


def ledger_manifest(
    *, start: dt.date | None, end: dt.date, fmt: str | None = None
) -> dict:
    """The manifest of the export of ``start``..``end`` (``start`` None: from the
    first entry). Amounts are plain-digit strings."""
    entries = JournalEntry.objects.posted().filter(date__lte=end)
    if start is not None:
        entries = entries.filter(date__gte=start)
    ordered = entries.order_by("date", "chain_seq")
    count = entries.aggregate(n=Count("id"))["n"]
    first = ordered.values_list("number", flat=True).first()
    last = ordered.reverse().values_list("number", flat=True).first()
    head = (
        JournalEntry.objects.posted()
        .filter(date__lte=end)
        .order_by("-chain_seq")
        .values("number", "hash", "chain_seq")
        .first()
    )
    closing = totals_as_of(as_of=end)
    opening = (
        totals_as_of(as_of=start - dt.timedelta(days=1)) if start is not None else {}
    )
    mapping = account_mapping()
    accounts = Account.objects.in_bulk(list(set(closing) | set(opening)))
    rows = []
    total_debit = total_credit = ZERO
    for pk in sorted(accounts, key=lambda pk: accounts[pk].code):
        account = accounts[pk]
        before = opening.get(pk, Totals())
        after = closing.get(pk, Totals())
        debit, credit = after.debit - before.debit, after.credit - before.credit
        if not (before.net or debit or credit or after.net):
            continue
        total_debit += debit
        total_credit += credit
        rows.append(
            {
                "code": account.code,
                "name": account.name,
                "beancount": mapping[account.code]["beancount"],
                "hledger": mapping[account.code]["hledger"],
                "opening_balance": cur.plain(before.net),
                "debit": cur.plain(debit),
                "credit": cur.plain(credit),
                "balance": cur.plain(after.net),
            }
        )
    return {
        "format": fmt,
        "range": {
            "start": start.isoformat() if start else None,
            "end": end.isoformat(),
        },
        "currency": cur.DEFAULT_CURRENCY,
        "entry_count": count,
        "first_number": first,
        "last_number": last,
        "head_hash": head["hash"] if head else None,
        "head_number": head["number"] if head else None,
        "head_chain_seq": head["chain_seq"] if head else None,
        "total_debit": cur.plain(total_debit),
        "total_credit": cur.plain(total_credit),
        "accounts": rows,
        "account_mapping": mapping,
        "csv_columns": COLUMNS,
        "balance_sign": "balance = debit - credit as of the range end (trial balance)",
        "generated_at": timezone.now().isoformat(),
        "checkpoint": checkpoint_latest(),
    }
