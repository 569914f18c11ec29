"""Import benchmark: members, and a bank statement with matching.

Builds a realistic member CSV of N rows (Indonesian headers, Indonesian dates,
regions by name and by BPS code) and times the dry run, the real import and the
second import of the same file (which must change nothing). Then it builds a BCA
statement of M lines, most naming a member number, and times importing it with the
suggestions computed, and importing it again (every line seen before).

    DJANGO_SETTINGS_MODULE=estama.settings.local DATABASE_URL=... \\
        .venv/bin/python bench/imports.py --members 5000 --lines 1000 [--migrate]

Run it against a database made for the purpose (it adds members and bank lines).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from posting import setup_django  # noqa: E402

FIRST = ["Siti", "Agus", "Dewi", "Budi", "Sri", "Eko", "Rina", "Joko", "Nur", "Wahyu"]
LAST = ["Wahyuni", "Santoso", "Lestari", "Hidayat", "Rahayu", "Saputra", "Utami"]


def members_csv(n: int, rng: random.Random, prefix: str) -> bytes:
    from members.regions import REGIONS

    rows = ["nomor_anggota,nama,kategori,kabupaten_kota,tanggal_bergabung,status,email"]
    for i in range(1, n + 1):
        code, name, _ = REGIONS[rng.randrange(len(REGIONS))]
        region = code if i % 2 else name
        joined = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        rows.append(
            f"{prefix}-{i:05d},{person},biasa,{region},{joined:%d/%m/%Y},aktif,"
            f"anggota{i}@example.org"
        )
    return ("\r\n".join(rows) + "\r\n").encode("utf-8")


def bca_csv(m: int, members: int, rng: random.Random, prefix: str) -> bytes:
    out = [
        "No. rekening : 0881234567",
        "Periode : 01/01/2027 - 31/01/2027",
        "",
        "Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo",
    ]
    balance = 10_000_000
    for i in range(m):
        amount = rng.randrange(1, 40) * 25_000
        who = rng.randrange(1, members + 1)
        balance += amount
        out.append(
            f"'{1 + i % 28:02d}/01,TRSF E-BANKING CR {i:06d} {prefix}-{who:05d} IURAN,"
            f'0000,"{amount:,.2f}",CR,"{balance:,.2f}"'
        )
    return ("\r\n".join(out) + "\r\n").encode("cp1252")


def timed(label: str, fn):
    started = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - started
    print(f"{label:<48} {elapsed:8.2f} s")
    return result, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--lines", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--prefix", default="BEN")
    parser.add_argument("--migrate", action="store_true")
    args = parser.parse_args()
    setup_django(args.migrate)

    from django.db import connection

    from bank.statements import statement_import
    from imports.members import members_import

    rng = random.Random(args.seed)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    data = members_csv(args.members, rng, args.prefix)
    n = args.members
    _, dry = timed(
        f"members dry run ({n} rows)",
        lambda: members_import(data=data, filename="m.csv", dry_run=True),
    )
    result, real = timed(
        f"members import ({n} rows)",
        lambda: members_import(data=data, filename="m.csv"),
    )
    print(f"  {result.counts}  -> {n / real:.0f} rows/s (dry run {n / dry:.0f} rows/s)")
    result, _ = timed(
        f"members import again ({n} rows)",
        lambda: members_import(data=data, filename="m.csv"),
    )
    assert result.counts["unchanged"] == n, result.counts
    statement = bca_csv(args.lines, args.members, rng, args.prefix)
    result, elapsed = timed(
        f"bank statement ({args.lines} lines) + suggestions",
        lambda: statement_import(
            account="1-1200", data=statement, filename="b.csv", preset="bca"
        ),
    )
    print(f"  {result.summary}  -> {args.lines / elapsed:.0f} lines/s")
    result, _ = timed(
        "bank statement again (all seen before)",
        lambda: statement_import(
            account="1-1200", data=statement, filename="b.csv", preset="bca"
        ),
    )
    assert result.counts["unchanged"] == args.lines, result.counts


if __name__ == "__main__":
    main()
