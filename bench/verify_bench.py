"""Verification benchmark: ``verify_ledger --full`` speed and peak memory at size, and
an incremental run after a small addition.

It builds a ledger of N valid posted entries (2-3 lines each, chained and hashed like
``entry_post`` does, maintained totals, counters, one audit event per entry, chained)
with bulk COPY straight into a PostgreSQL database made for it (the database's row
triggers are disabled only while loading, since the rows arrive already posted), then:

1. runs a full verification in a fresh process and reports entries/s and its peak
   resident memory;
2. writes a verified checkpoint, adds ``--added`` more entries the same way, and times
   the incremental verification (only the added entries are read).

    .venv/bin/python bench/verify_bench.py --entries 200000 [--added 2000]

Database: ``postgres://postgres@127.0.0.1:5432/estama_integrity_bench`` (dropped and
created afresh; ``--database-url`` to change). Nothing else is touched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/estama_integrity_bench"
START = dt.date(2025, 1, 1)

MEASURE = r"""
import json, os, sys, time
import django

def peak_mb():
    # VmHWM: this process's own peak (getrusage's ru_maxrss survives exec and would
    # report the parent's peak at fork time).
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024

django.setup()
from ledger.integrity import ledger_verify
t, cpu = time.perf_counter(), time.process_time()
report = ledger_verify(full=sys.argv[1] == "full", checkpoints_dir=sys.argv[2])
elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
print(json.dumps({
    "ok": report.ok, "mode": report.mode, "entries": report.entry_count,
    "audit_events": report.audit_count, "seconds": elapsed,
    "client_cpu_seconds": cpu,
    "problems": [p.message for p in report.problems[:5]],
    "peak_rss_mb": peak_mb(),
}))
"""


def _env(url: str, checkpoint_dir: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "estama.settings.local",
        "DATABASE_URL": url,
        "ESTAMA_CHECKPOINT_DIR": checkpoint_dir,
        "ESTAMA_CHECKPOINT_KEY": "bench-checkpoint-key",
        "PYTHONPATH": str(ROOT),
    }


def _recreate(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


class Loader:
    """Appends valid posted entries to the chain with COPY."""

    def __init__(self) -> None:
        from audit.models import GENESIS
        from ledger.models import Account

        self.accounts = dict(Account.objects.values_list("code", "pk"))
        self.chain = 0
        self.head = GENESIS
        self.audit_seq = 0
        self.audit_head = GENESIS
        self.year_seq: dict[int, int] = defaultdict(int)
        self.totals: dict[tuple, list[Decimal]] = defaultdict(
            lambda: [Decimal(0), Decimal(0)]
        )
        self.entry_id = 0
        self.line_id = 0
        self.event_id = 0

    def resume(self) -> None:
        from audit.models import AuditEvent
        from ledger.models import JournalEntry, JournalLine

        last = JournalEntry.objects.order_by("-chain_seq").first()
        self.chain, self.head = last.chain_seq, last.hash
        event = AuditEvent.objects.order_by("-seq").first()
        self.audit_seq, self.audit_head = event.seq, event.hash
        self.entry_id = last.pk
        self.line_id = JournalLine.objects.order_by("-id").first().pk
        self.event_id = event.pk

    def append(self, count: int) -> None:
        from django.db import connection

        from audit.chain import event_hash
        from ledger.hashing import canonical
        from ledger.services import entry_number

        entries, lines, events = io.StringIO(), io.StringIO(), io.StringIO()
        shapes = [
            [("1-1100", "D", 3), ("4-1110", "C", 3)],
            [("1-1200", "D", 5), ("4-1210", "C", 4), ("2-1600", "C", 1)],
            [("6-1200", "D", 2), ("1-1100", "C", 2)],
        ]
        for n in range(count):
            self.chain += 1
            self.entry_id += 1
            date = START + dt.timedelta(days=(self.chain * 7) % 700)
            year = date.year
            self.year_seq[year] += 1
            number = entry_number(year=year, seq=self.year_seq[year])
            posted_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(
                seconds=self.chain
            )
            unit = Decimal(1000 + (n % 97) * 10)
            rows = [
                (code, side, unit * part) for code, side, part in shapes[self.chain % 3]
            ]
            description = f"Bench {self.chain}"
            data = canonical(
                number=number,
                date=date,
                description=description,
                source="manual",
                reference="",
                reverses_number="",
                posted_at=posted_at,
                posted_by_id=None,
                prev_hash=self.head,
                lines=[
                    (code, side, amount, "IDR", "", "") for code, side, amount in rows
                ],
            )
            digest = hashlib.sha256(data).hexdigest()
            stamp = posted_at.isoformat()
            entries.write(
                f"{self.entry_id}\t{number}\t{year}\t{self.year_seq[year]}\t"
                f"{self.chain}\t{date}\t{description}\tmanual\t\tposted\t{stamp}\t"
                f"{stamp}\t{self.head}\t{digest}\n"
            )
            for code, side, amount in rows:
                self.line_id += 1
                lines.write(
                    f"{self.line_id}\t{self.entry_id}\t{self.accounts[code]}\t{side}\t"
                    f"{amount}\tIDR\t\n"
                )
                bucket = self.totals[(self.accounts[code], year, date.month)]
                bucket[0 if side == "D" else 1] += amount
            self.head = digest
            self.audit_seq += 1
            self.event_id += 1
            after = {"number": number, "hash": digest, "source": "manual"}
            audit_digest = event_hash(
                seq=self.audit_seq,
                prev_hash=self.audit_head,
                at=posted_at,
                actor_id=None,
                action="entry.posted",
                object_type="ledger.journalentry",
                object_id=str(self.entry_id),
                note="",
                before=None,
                after=after,
            )
            events.write(
                f"{self.event_id}\t{self.audit_seq}\t{stamp}\tentry.posted\t"
                f"ledger.journalentry\t{self.entry_id}\t\t{json.dumps(after)}\t"
                f"{self.audit_head}\t{audit_digest}\n"
            )
            self.audit_head = audit_digest
        raw = connection.connection
        with raw.cursor() as cursor:
            for table in (
                "ledger_journalentry",
                "ledger_journalline",
                "audit_auditevent",
            ):
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            with cursor.copy(
                "COPY ledger_journalentry (id, number, fiscal_year, seq, chain_seq, "
                "date, description, source, reference, status, created_at, posted_at, "
                "prev_hash, hash) FROM STDIN"
            ) as copy:
                copy.write(entries.getvalue())
            with cursor.copy(
                "COPY ledger_journalline (id, entry_id, account_id, side, amount, "
                "amount_currency, memo) FROM STDIN"
            ) as copy:
                copy.write(lines.getvalue())
            with cursor.copy(
                "COPY audit_auditevent (id, seq, at, action, object_type, object_id, "
                "note, after, prev_hash, hash) FROM STDIN"
            ) as copy:
                copy.write(events.getvalue())
            for table in (
                "ledger_journalentry",
                "ledger_journalline",
                "audit_auditevent",
            ):
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        self._counters()

    def _counters(self) -> None:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE ledger_accountperiodtotal DISABLE TRIGGER USER")
            cursor.execute("DELETE FROM ledger_accountperiodtotal")
            cursor.execute("ALTER TABLE ledger_accountperiodtotal ENABLE TRIGGER USER")
            for (account, year, month), (debit, credit) in self.totals.items():
                cursor.execute(
                    "INSERT INTO ledger_accountperiodtotal (account_id, year, month, "
                    "currency, debit, credit) VALUES (%s, %s, %s, 'IDR', %s, %s)",
                    [account, year, month, debit, credit],
                )
            counters = {"ledger:chain": self.chain} | {
                f"ledger:entry:{year}": seq for year, seq in self.year_seq.items()
            }
            for key, value in counters.items():
                cursor.execute(
                    "INSERT INTO ledger_sequence (key, last_value) VALUES (%s, %s) "
                    "ON CONFLICT (key) DO UPDATE SET last_value = excluded.last_value",
                    [key, value],
                )
            cursor.execute(
                "INSERT INTO audit_auditchainhead (id, seq, hash) VALUES (1, %s, %s) "
                "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, "
                "hash = excluded.hash",
                [self.audit_seq, self.audit_head],
            )
            for table in (
                "ledger_journalentry",
                "ledger_journalline",
                "audit_auditevent",
            ):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            cursor.execute("ANALYZE")


def _measure(url: str, mode: str, checkpoint_dir: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, mode, checkpoint_dir],
        env=_env(url, checkpoint_dir),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--added", type=int, default=2_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    args = parser.parse_args()
    checkpoint_dir = tempfile.mkdtemp(prefix="estama-bench-checkpoints-")
    os.environ.update(_env(args.database_url, checkpoint_dir))
    sys.path.insert(0, str(ROOT))
    _recreate(args.database_url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    loader = Loader()
    started = time.perf_counter()
    for offset in range(0, args.entries, 50_000):
        loader.append(min(50_000, args.entries - offset))
    print(f"built {args.entries} entries in {time.perf_counter() - started:.1f} s")

    full = _measure(args.database_url, "full", checkpoint_dir)
    rate = full["entries"] / full["seconds"]
    print(
        f"full:        {full['entries']} entries + {full['audit_events']} audit events "
        f"in {full['seconds']:.2f} s = {rate:,.0f} entries/s (client CPU "
        f"{full['client_cpu_seconds']:.1f} s), peak RSS "
        f"{full['peak_rss_mb']:.0f} MB, ok={full['ok']} {full['problems']}"
    )
    from ledger.checkpoints import checkpoint_write

    checkpoint_write(reason="verify", verified=True, directory=checkpoint_dir)
    loader.append(args.added)
    incremental = _measure(args.database_url, "incremental", checkpoint_dir)
    print(
        f"incremental: {incremental['entries']} entries added since the checkpoint "
        f"in {incremental['seconds']:.2f} s, peak RSS "
        f"{incremental['peak_rss_mb']:.0f} MB, ok={incremental['ok']} "
        f"{incremental['problems']}"
    )
    return 0 if full["ok"] and incremental["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
