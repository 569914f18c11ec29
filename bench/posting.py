"""Posting and reading benchmark for the ledger core.

Posts N realistic entries (3-4 lines each, dates spread over two years), each in its
own transaction through ``ledger.services.entry_post``, and reports entries/second.
Then it times the reads that must not scan the whole ledger: the trial balance, one
account balance, one page of an account's ledger with running balances, and a full
``ledger_verify``.

    DJANGO_SETTINGS_MODULE=estama.settings.local DATABASE_URL=... \\
        .venv/bin/python bench/posting.py --entries 2000 [--migrate]

Run it against a database made for the purpose: it adds entries that cannot be
deleted (posted entries are immutable).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START = dt.date(2025, 1, 1)
DAYS = 730


def setup_django(migrate: bool) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estama.settings.local")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def entry_lines(rng: random.Random):
    """(description, lines) of one typical cooperative transaction."""
    from ledger.services import LineInput

    base = rng.randrange(10, 5000) * 1000
    vat = base * 11 // 100
    kind = rng.randrange(4)
    if kind == 0:  # cash sale to the public with output VAT
        return "Penjualan tunai", [
            LineInput("1-1100", debit=base + vat),
            LineInput("4-1110", credit=base),
            LineInput("2-1600", credit=vat),
        ]
    if kind == 1:  # training fee received by bank
        fee = rng.randrange(1, 10) * base // 100  # bank charge, below the fee
        return "Jasa pelatihan", [
            LineInput("1-1200", debit=base + vat - fee),
            LineInput("6-1400", debit=fee),
            LineInput("4-1210", credit=base),
            LineInput("2-1600", credit=vat),
        ]
    if kind == 2:  # office expense with input VAT
        return "Beban administrasi", [
            LineInput("6-1200", debit=base),
            LineInput("1-1500", debit=vat),
            LineInput("1-1200", credit=base + vat),
        ]
    tax = base * 5 // 100  # honorarium with income tax withheld
    return "Honor narasumber", [
        LineInput("6-1100", debit=base),
        LineInput("2-1700", credit=tax),
        LineInput("1-1100", credit=base - tax),
    ]


def timed(label: str, fn: Callable, repeat: int = 1):
    best = None
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label:<44} {best * 1000:10.1f} ms")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--page-size", type=int, default=50)
    parser.add_argument(
        "--migrate", action="store_true", help="Run migrations before posting."
    )
    args = parser.parse_args()
    setup_django(args.migrate)

    from django.db import connection

    from ledger.integrity import ledger_verify
    from ledger.models import Account, JournalEntry, JournalLine
    from ledger.selectors import (
        account_balance,
        account_ledger_lines,
        trial_balance,
        with_running_balance,
    )
    from ledger.services import entry_post

    rng = random.Random(args.seed)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"posting {args.entries} entries, one transaction each ...")
    started = time.perf_counter()
    for _ in range(args.entries):
        description, lines = entry_lines(rng)
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        entry_post(date=day, description=description, lines=lines, source="manual")
    elapsed = time.perf_counter() - started
    print(
        f"posted {args.entries} entries in {elapsed:.2f} s: "
        f"{args.entries / elapsed:.1f} entries/s"
    )
    print(
        f"ledger now holds {JournalEntry.objects.posted().count()} posted entries, "
        f"{JournalLine.objects.count()} lines"
    )

    as_of = START + dt.timedelta(days=DAYS * 3 // 4)
    cash = Account.objects.get(code="1-1100")
    tb = timed(f"trial_balance(as_of={as_of})", lambda: trial_balance(as_of=as_of), 3)
    assert tb.total_debit == tb.total_credit
    timed(
        f"account_balance(1-1100, as_of={as_of})",
        lambda: account_balance(account=cash, as_of=as_of),
        3,
    )
    lines = account_ledger_lines(account=cash)
    total = lines.count()
    offset = max(0, total // 2 - args.page_size // 2)

    def page():
        chunk = list(lines[offset : offset + args.page_size])
        return with_running_balance(account=cash, lines=chunk)

    timed(f"ledger page 1-1100 [{offset}:{offset + args.page_size}] + running", page, 3)
    report = timed("ledger_verify()", ledger_verify)
    print(f"verify: ok={report.ok} entries={report.entry_count}")
    if not report.ok:
        for problem in report.problems[:10]:
            print(f"  {problem.number}: {problem.message}")
        sys.exit(1)


if __name__ == "__main__":
    main()
