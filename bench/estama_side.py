"""The Estama side of the benchmark. Runs in Estama's virtualenv against its own
database (``DATABASE_URL``); ``run.py`` drives it. Commands:

    setup               migrate a fresh database (the seed chart comes with it)
    build --lines N     import N/2 two-line entries through ``ledger.services``'
                        bulk import (numbering, chain, totals, audit: all of it)
    post --start T --seconds S --seed K
                        ``entry_post`` one two-line entry per transaction until T+S
    reads               time balance, trial balance and ledger pages (JSON)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estama.settings.local")

import django  # noqa: E402

django.setup()

import common  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402


def setup() -> dict:
    call_command("migrate", verbosity=0)
    return {"ok": True}


def build(lines: int) -> dict:
    """Import entries up to ``lines`` lines through the product's bulk import, in
    batches (each batch one transaction); returns the import rate."""
    import time

    from ledger.models import JournalEntry
    from ledger.services import ImportEntry, LineInput, entries_import

    have = JournalEntry.objects.count()
    todo = list(common.entries(lines // 2))[have:]
    batch = 20_000
    started = time.perf_counter()
    for chunk_start in range(0, len(todo), batch):
        entries_import(
            entries=[
                ImportEntry(
                    date=day,
                    description="Bench",
                    lines=[
                        LineInput(debit, debit=amount),
                        LineInput(credit, credit=amount),
                    ],
                )
                for _, day, debit, credit, amount in todo[
                    chunk_start : chunk_start + batch
                ]
            ]
        )
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "imported": len(todo),
        "seconds": elapsed,
        "entries_per_s": len(todo) / elapsed if todo else None,
        "entries": JournalEntry.objects.count(),
    }


def reads() -> dict:
    from ledger.models import Account, JournalLine
    from ledger.selectors import account_balance, account_ledger_page, trial_balance

    cash = Account.objects.get(code=common.CASH)
    as_of = common.AS_OF
    first = account_ledger_page(account=cash, size=common.PAGE)
    last = account_ledger_page(account=cash, last=True, size=common.PAGE)
    # A cursor into the middle, as a reader paging through would hold one (finding
    # it is not timed).
    lines = JournalLine.objects.filter(account=cash).order_by("date", "entry_id", "id")
    total = lines.count()
    middle_line = lines[total // 2]
    from ledger.selectors import _cursor_encode

    middle_cursor = _cursor_encode("n", middle_line)
    assert first.rows and last.rows
    return {
        "balance": common.best_of(lambda: account_balance(account=cash, as_of=as_of)),
        "trial_balance": common.best_of(lambda: trial_balance(as_of=as_of)),
        "page_first": common.best_of(
            lambda: account_ledger_page(account=cash, size=common.PAGE)
        ),
        "page_middle": common.best_of(
            lambda: account_ledger_page(
                account=cash, cursor=middle_cursor, size=common.PAGE
            )
        ),
        "page_last": common.best_of(
            lambda: account_ledger_page(account=cash, last=True, size=common.PAGE)
        ),
        "lines": JournalLine.objects.count(),
    }


def post(start: float, seconds: float, seed: int) -> dict:
    from ledger.services import LineInput, entry_post

    connection.ensure_connection()

    def post_one(rng):
        debit, credit = common.PAIRS[rng.randrange(len(common.PAIRS))]
        amount = rng.randrange(1, 5000) * 1000
        entry_post(
            date=common.post_date(rng),
            description="Bench",
            lines=[LineInput(debit, debit=amount), LineInput(credit, credit=amount)],
        )

    return common.run_posting(post_one, start=start, seconds=seconds, seed=seed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["setup", "build", "post", "reads"])
    parser.add_argument("--lines", type=int, default=0)
    parser.add_argument("--start", type=float, default=0)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.command == "setup":
        common.emit(setup())
    elif args.command == "build":
        common.emit(build(args.lines))
    elif args.command == "post":
        common.emit(post(args.start, args.seconds, args.seed))
    else:
        common.emit(reads())


if __name__ == "__main__":
    main()
