"""Export benchmark: lines/second and peak memory of the ledger exports.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/estama_bench \\
        .venv/bin/python bench/export_bench.py --build 1000000 --migrate
    DATABASE_URL=... .venv/bin/python bench/export_bench.py [--formats csv,hledger]

``--build N`` fills a database made for the purpose with N posted lines (N/2 entries
of two lines, a third of them naming a member) straight in SQL with triggers off
(``session_replication_role = replica``, PostgreSQL superuser): the export reads rows,
it does not care how they were posted, and posting 1M lines through ``entry_post``
would take hours. Never point it at a real ledger.

Each format then runs in its own Python process (so the peak resident memory,
``ru_maxrss``, is that format's alone), streams the whole ledger to ``/dev/null``
through ``reports.exports.files.export_chunks`` (XLSX: ``xlsx_write`` to a temporary
file) and prints ledger lines (postings) per second and peak MB. The text line count is
printed too (a Beancount posting with metadata takes more than one text line).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(migrate: bool = False) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estama.settings.local")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


BUILD_SQL = """
SET session_replication_role = replica;
INSERT INTO ledger_journalentry
    (id, number, fiscal_year, seq, chain_seq, date, description, source, reference,
     status, created_at, posted_at, prev_hash, hash)
SELECT g + %(offset)s,
       'B' || (g + %(offset)s),
       2025, g + %(offset)s, g + %(offset)s,
       DATE '2025-01-01' + (g %% 730),
       CASE WHEN g %% 97 = 0 THEN '=SUM(A1) "quoted", semi; colon'
            ELSE 'Penjualan pelatihan nomor ' || g END,
       'manual', '', 'posted', now(), now(),
       md5((g - 1)::text) || md5((g - 1)::text), md5(g::text) || md5(g::text)
FROM generate_series(1, %(entries)s) g;
INSERT INTO ledger_journalline (side, amount_currency, amount, memo, account_id,
                                entry_id, member_id)
SELECT s.side, 'IDR', ((g %% 5000) + 1) * 1000,
       CASE WHEN g %% 101 = 0 THEN '-catatan' ELSE '' END,
       CASE WHEN s.side = 'D' THEN %(debit)s ELSE %(credit)s END,
       g + %(offset)s, NULL
FROM generate_series(1, %(entries)s) g CROSS JOIN (VALUES ('D'), ('C')) s(side);
SET session_replication_role = origin;
"""


def build(lines: int) -> None:
    from django.db import connection

    from ledger.models import Account, JournalEntry

    debit = Account.objects.get(code="1-1100").pk
    credit = Account.objects.get(code="4-1200").pk
    last = JournalEntry.objects.order_by("-id").values_list("id", flat=True).first()
    offset = (last or 0) + 1_000_000
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            BUILD_SQL,
            {"entries": lines // 2, "offset": offset, "debit": debit, "credit": credit},
        )
        cursor.execute("ANALYZE ledger_journalentry; ANALYZE ledger_journalline")
    print(f"built {lines} lines in {time.perf_counter() - started:.1f} s")


def run_one(fmt: str) -> dict:
    """Stream the whole ledger in ``fmt``; lines/s and peak RSS of this process."""
    import datetime as dt

    from reports.exports.files import export_chunks
    from reports.exports.general_ledger import xlsx_write

    end = dt.date(9999, 12, 30)
    from ledger.models import JournalLine

    ledger_lines = JournalLine.objects.count()
    started = time.perf_counter()
    lines = 0
    if fmt == "xlsx":
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
            xlsx_write(start=None, end=end, path=handle.name)
            size = os.path.getsize(handle.name)
        lines = ledger_lines + 1
    else:
        size = 0
        with open(os.devnull, "w", encoding="utf-8") as sink:
            for chunk in export_chunks(fmt=fmt, start=None, end=end):
                sink.write(chunk)
                lines += chunk.count("\n")
                size += len(chunk)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "format": fmt,
        "lines": ledger_lines,
        "text_lines": lines,
        "seconds": round(seconds, 2),
        "lines_per_s": round(ledger_lines / seconds),
        "peak_mb": round(peak_mb, 1),
        "bytes": size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", type=int, default=0, help="Add N posted lines.")
    parser.add_argument("--migrate", action="store_true")
    parser.add_argument("--formats", default="csv,beancount,hledger,xlsx")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        setup_django()
        print(json.dumps(run_one(args.one)))
        return
    setup_django(args.migrate)
    if args.build:
        build(args.build)
    for fmt in args.formats.split(","):
        out = subprocess.run(
            [sys.executable, __file__, "--one", fmt],
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"{fmt:10} {result['lines']:>9} ledger lines "
            f"({result['text_lines']:>9} text lines) {result['seconds']:>7.2f} s "
            f"{result['lines_per_s']:>9} lines/s  peak {result['peak_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
