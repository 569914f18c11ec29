"""Estama against django-hordak 2.0 on the same PostgreSQL, side by side.

    python bench/run.py            # full size: 1,000,000 lines
    python bench/run.py --quick    # CI smoke: small data, short runs (< 1 minute)

Builds two fresh databases (``<db>`` for Estama, ``<db>_hordak`` for hordak), fills
each to the same number of lines (Estama through its own bulk import,
``ledger.services.entries_import``; hordak through its models' ``bulk_create``), then
measures, alternating Estama and hordak for every figure:

- posting: one entry of two lines per transaction with 1, 4 and 8 client processes
  (Estama: ``entry_post``; hordak: ``Account.transfer_to``), entries per second;
- the balance of the cash account as of a date, the trial balance as of that date, and
  a 50-line page of the cash ledger with running balances (first, middle and last page),
  best of several runs, at a middle size (10% of full) and at full size.

Every figure is printed with Estama / hordak as a ratio (above 1: Estama is better)
and the machine it ran on. hordak runs in its own virtualenv (``bench/.venv-hordak``,
made from ``bench/requirements-hordak.txt`` on first use): it is only imported, never
copied.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HORDAK_VENV = HERE / ".venv-hordak"
ESTAMA_PY = Path(sys.executable)


def hordak_python() -> Path:
    python = HORDAK_VENV / "bin" / "python"
    if not python.exists():
        print("creating bench/.venv-hordak (django-hordak 2.0) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(HORDAK_VENV)], check=True)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                "-r",
                str(HERE / "requirements-hordak.txt"),
            ],
            check=True,
        )
    return python


class Side:
    def __init__(self, name: str, python: Path, script: str, env: dict):
        self.name, self.python, self.script, self.env = name, python, script, env

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [str(self.python), str(HERE / self.script), *args],
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, *args: str) -> dict:
        process = self.start(*args)
        out, _ = process.communicate()
        if process.returncode:
            raise SystemExit(
                f"{self.name} {' '.join(args)} failed ({process.returncode})"
            )
        return json.loads(out.strip().splitlines()[-1])


def fresh_database(url_base: str, name: str) -> None:
    for sql in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
        subprocess.run(
            ["psql", url_base + "/postgres", "-q", "-c", sql],
            check=True,
            stderr=subprocess.DEVNULL,
        )


def posting(side: Side, clients: int, seconds: float) -> dict:
    processes = [
        side.start("post", "--seconds", str(seconds), "--seed", str(index + 1))
        for index in range(clients)
    ]
    for process in processes:  # every client set up (Django loaded, connected)
        while process.stdout.readline().strip() != "ready":
            if process.poll() is not None:
                raise SystemExit(f"{side.name}: a posting client failed")
    start = time.time() + 1
    for process in processes:
        process.stdin.write(f"{start}\n")
        process.stdin.flush()
    results = []
    for process in processes:
        out, _ = process.communicate()
        results.append(json.loads(out.strip().splitlines()[-1]))
    counts = [r["count"] for r in results]
    p50 = sorted(r["p50"] or 0 for r in results)[len(results) // 2]
    return {
        "per_s": sum(counts) / seconds,
        "p50_ms": p50,
        "cpu_ms": sum(r["cpu"] for r in results) * 1000 / max(sum(counts), 1),
    }


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    except OSError:
        memory = 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0
    pg = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory} GiB, PostgreSQL {pg}, "
        f"Python {platform.python_version()}, load {load:.1f} at start"
    )


def ratio_line(
    label: str, estama: float, hordak: float, *, higher_is_better: bool, unit: str
) -> str:
    if not (estama and hordak):
        return f"| {label} | {estama:,.1f} {unit} | {hordak:,.1f} {unit} | — |"
    ratio = (estama / hordak) if higher_is_better else (hordak / estama)
    return f"| {label} | {estama:,.1f} {unit} | {hordak:,.1f} {unit} | {ratio:,.2f}× |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI smoke run.")
    parser.add_argument("--lines", type=int, help="Full size (default 1,000,000).")
    parser.add_argument("--seconds", type=float, help="Per posting measurement.")
    parser.add_argument("--clients", default="1,4,8")
    parser.add_argument(
        "--db",
        default=os.environ.get("BENCH_DB", "estama_bench"),
        help="Database name for Estama (hordak gets <db>_hordak). Dropped first.",
    )
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    full = args.lines or (20_000 if args.quick else 1_000_000)
    sizes = [full // 10, full]
    seconds = args.seconds or (3 if args.quick else 10)
    clients = [int(c) for c in args.clients.split(",")] if not args.quick else [1, 4]

    hordak_db = f"{args.db}_hordak"
    fresh_database(args.pg, args.db)
    fresh_database(args.pg, hordak_db)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "estama.settings.local",
        "DATABASE_URL": f"{args.pg}/{args.db}",
        "HORDAK_DB": hordak_db,
    }
    env.pop("PYTHONPATH", None)
    estama = Side("estama", ESTAMA_PY, "estama_side.py", env)
    hordak = Side("hordak", hordak_python(), "hordak_side.py", env)

    today = dt.datetime.now(dt.UTC).date()
    print(f"# Estama vs django-hordak 2.0 — {today}")
    print(f"machine: {machine()}")
    for side in (estama, hordak):
        side.run("setup")
    rows = []

    print("posting (fresh books) ...", flush=True)
    for n in clients:
        mine, theirs = posting(estama, n, seconds), posting(hordak, n, seconds)
        rows.append(
            ratio_line(
                f"posting, {n} client{'s' if n > 1 else ''} "
                f"(p50 {mine['p50_ms']:.1f} / {theirs['p50_ms']:.1f} ms, client CPU "
                f"{mine['cpu_ms']:.1f} / {theirs['cpu_ms']:.1f} ms per entry)",
                mine["per_s"],
                theirs["per_s"],
                higher_is_better=True,
                unit="entries/s",
            )
        )
        print(rows[-1], flush=True)

    for size in sizes:
        print(f"building {size:,} lines ...", flush=True)
        built = estama.run("build", "--lines", str(size))
        hordak.run("build", "--lines", str(size))
        if built.get("entries_per_s"):
            rows.append(
                f"| bulk import to {size:,} lines (Estama entries_import) | "
                f"{built['entries_per_s']:,.0f} entries/s | — | — |"
            )
            print(rows[-1], flush=True)
        mine, theirs = estama.run("reads"), hordak.run("reads")
        label = f"{mine['lines'] / 1000:,.0f}k lines"
        for key, name in (
            ("balance", "account balance"),
            ("trial_balance", "trial balance"),
            ("page_first", "ledger page, first"),
            ("page_middle", "ledger page, middle"),
            ("page_last", "ledger page, last"),
        ):
            rows.append(
                ratio_line(
                    f"{name}, {label}",
                    mine[key],
                    theirs[key],
                    higher_is_better=False,
                    unit="ms",
                )
            )
            print(rows[-1], flush=True)
        print(f"(hordak {theirs['lines']:,} lines)", flush=True)

    print()
    print("| measure | Estama | hordak | Estama / hordak |")
    print("|---|---|---|---|")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
