"""What both sides of the benchmark share: the workload and the timing helpers.

Imported by ``estama_side.py`` (Estama's virtualenv) and ``hordak_side.py`` (the
django-hordak virtualenv), so it imports nothing but the standard library.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import sys
import time
from collections.abc import Callable

START = dt.date(2025, 1, 1)
DAYS = 700  # data dates run 2025-01-01 .. 2026-12-01
AS_OF = START + dt.timedelta(days=DAYS * 3 // 4)
PAGE = 50

# (debit, credit) account pairs in Estama's chart; hordak gets accounts of the same
# names and types. Cash is in half of all lines, as in a small cooperative.
PAIRS = [
    ("1-1100", "4-1110"),  # cash sale
    ("1-1100", "4-1210"),  # training fee in cash
    ("6-1200", "1-1100"),  # office expense paid in cash
    ("1-1200", "4-1400"),  # dues received by bank
    ("6-1100", "1-1200"),  # honoraria paid by bank
    ("1-1310", "3-1200"),  # simpanan wajib billed
]
ACCOUNTS = {
    "1-1100": ("Kas", "asset"),
    "1-1200": ("Bank", "asset"),
    "1-1310": ("Piutang Anggota", "asset"),
    "3-1200": ("Simpanan Wajib", "equity"),
    "4-1110": ("Penjualan", "income"),
    "4-1210": ("Jasa Pelatihan", "income"),
    "4-1400": ("Iuran", "income"),
    "6-1100": ("Honor", "expense"),
    "6-1200": ("Administrasi", "expense"),
}
CASH = "1-1100"


def entries(count: int, *, seed: int = 2026):
    """``count`` two-line entries: (index, date, debit code, credit code, amount) in
    date order (as a ledger is built: mostly forward)."""
    rng = random.Random(seed)
    for index in range(count):
        day = START + dt.timedelta(days=index * DAYS // max(count, 1))
        debit, credit = PAIRS[rng.randrange(len(PAIRS))]
        yield index, day, debit, credit, rng.randrange(1, 5000) * 1000


def post_date(rng: random.Random) -> dt.date:
    """Date of an entry posted during the posting benchmark: the last 60 days."""
    return START + dt.timedelta(days=DAYS - rng.randrange(60))


def best_of(fn: Callable, repeat: int = 5) -> float:
    """Best wall time of ``repeat`` calls, in milliseconds (after one warm-up)."""
    fn()
    best = None
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        elapsed = (time.perf_counter() - started) * 1000
        best = elapsed if best is None else min(best, elapsed)
    return best


def run_posting(
    post_one: Callable[[random.Random], None],
    *,
    start: float,
    seconds: float,
    seed: int,
) -> dict:
    """Post until ``start + seconds`` (wall clock, shared by all clients) and report
    how many entries this client posted and its latency percentiles (ms)."""
    rng = random.Random(seed)
    if not start:
        # Tell the driver this client is set up, then wait for the common start.
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        start = float(sys.stdin.readline())
    while time.time() < start:
        time.sleep(0.001)
    latencies = []
    cpu = time.process_time()
    end = start + seconds
    while True:
        began = time.perf_counter()
        if time.time() >= end:
            break
        post_one(rng)
        latencies.append((time.perf_counter() - began) * 1000)
    latencies.sort()
    return {
        "count": len(latencies),
        "p50": statistics.median(latencies) if latencies else None,
        "p95": latencies[int(len(latencies) * 0.95)] if latencies else None,
        "cpu": time.process_time() - cpu,
    }


def emit(result: dict) -> None:
    """The last line of a side's stdout is its JSON result."""
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
