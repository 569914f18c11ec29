"""The django-hordak 2.0 side of the benchmark. Runs in ``bench/.venv-hordak`` against
its own database; ``run.py`` drives it. Commands:

    setup               migrate a fresh database and create the accounts
    build --lines N     add N/2 two-line transactions (bulk, hordak's own models)
    post --start T --seconds S --seed K
                        post one transaction per database transaction until T+S
    reads               time balance, trial balance and ledger pages (JSON)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ["DJANGO_SETTINGS_MODULE"] = "hordak_project.settings"

import django  # noqa: E402

django.setup()

import common  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from djmoney.money import Money  # noqa: E402
from hordak.models import Account, Leg, Transaction  # noqa: E402

TYPES = {"asset": "AS", "equity": "EQ", "income": "IN", "expense": "EX"}


def accounts() -> dict[str, Account]:
    return {a.code: a for a in Account.objects.all()}


def setup() -> dict:
    call_command("migrate", verbosity=0)
    for code, (name, kind) in common.ACCOUNTS.items():
        Account.objects.get_or_create(
            code=code.replace("-", ""),
            defaults={"name": name, "type": TYPES[kind], "currencies": ["IDR"]},
        )
    return {"ok": True}


def build(lines: int) -> dict:
    chart = dict(accounts().items())
    batch = 5000
    done = 0
    have = Transaction.objects.count()
    todo = list(common.entries(lines // 2))[have:]
    for chunk_start in range(0, len(todo), batch):
        chunk = todo[chunk_start : chunk_start + batch]
        with transaction.atomic():
            txs = Transaction.objects.bulk_create(
                [Transaction(date=day, description="Bench") for _, day, *_ in chunk]
            )
            legs = []
            for tx, (_, _, debit, credit, amount) in zip(txs, chunk, strict=True):
                legs.append(
                    Leg(
                        transaction=tx,
                        account=chart[debit.replace("-", "")],
                        debit=Money(amount, "IDR"),
                    )
                )
                legs.append(
                    Leg(
                        transaction=tx,
                        account=chart[credit.replace("-", "")],
                        credit=Money(amount, "IDR"),
                    )
                )
            Leg.objects.bulk_create(legs)
        done += len(chunk)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"transactions": Transaction.objects.count(), "legs": Leg.objects.count()}


def post(start: float, seconds: float, seed: int) -> dict:
    chart = accounts()
    pairs = [
        (chart[d.replace("-", "")], chart[c.replace("-", "")]) for d, c in common.PAIRS
    ]
    connection.ensure_connection()

    def post_one(rng):
        debit, credit = pairs[rng.randrange(len(pairs))]
        # hordak's own API: one transaction, a credit leg and a debit leg.
        credit.transfer_to(
            debit,
            Money(rng.randrange(1, 5000) * 1000, "IDR"),
            description="Bench",
            date=common.post_date(rng),
        )

    return common.run_posting(post_one, start=start, seconds=seconds, seed=seed)


def reads() -> dict:
    cash = Account.objects.get(code=common.CASH.replace("-", ""))
    as_of = common.AS_OF
    legs = cash.legs.order_by("transaction__date", "id")
    total = legs.count()

    def page(offset):
        # hordak's ``with_account_balance_after`` computes a balance per row and
        # evaluates it for every row OFFSET skips (minutes at 100k lines). The fair
        # fast path: the page by OFFSET, one balance before its first leg, then
        # running sums in Python.
        def run():
            rows = list(
                legs.select_related("transaction")[offset : offset + common.PAGE]
            )
            first = rows[0]
            day = first.transaction.date
            before = cash.get_simple_balance(
                leg_query=Q(transaction__date__lt=day)
                | Q(transaction__date=day, id__lt=first.id)
            )
            running = before["IDR"].amount
            for leg in rows:
                running += (leg.debit.amount if leg.debit else 0) - (
                    leg.credit.amount if leg.credit else 0
                )
            return rows, running

        return run

    result = {
        "balance": common.best_of(lambda: cash.get_balance(as_of=as_of)),
        "trial_balance": common.best_of(
            lambda: [a.balance for a in Account.objects.with_balances(as_of=as_of)]
        ),
    }
    repeat = 3 if total > 200_000 else 5
    for name, offset in (
        ("page_first", 0),
        ("page_middle", total // 2),
        ("page_last", max(0, total - common.PAGE)),
    ):
        result[name] = common.best_of(page(offset), repeat=repeat)
    result["lines"] = Leg.objects.count()
    return result


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
