"""API under load: gunicorn on PostgreSQL, N concurrent clients, p50/p95 per endpoint.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/estama_bench \\
        .venv/bin/python bench/api_load.py --setup --members 10000
    DATABASE_URL=... .venv/bin/python bench/api_load.py [--clients 16] [--seconds 20]

``--setup`` (once, on a database made for the purpose) adds members up to
``--members``, one posted simpanan pokok entry per new member dated in ``YEAR`` and a
sale to every tenth (inserted in SQL with triggers off, like
``bench/export_bench.py --build``: the load test reads them, it does not care how
they were posted), the SHU allocation table of ``YEAR`` (so ``/me/`` splits the SHU
over every member), a treasurer ``bench-bendahara`` and a member login
``bench-anggota``, each with an API token.

The run starts gunicorn (``--workers``/``--threads``, gthread) on a free port and
drives each endpoint in turn with ``--clients`` threads for ``--seconds`` (after a
short warm-up), each thread on its own keep-alive connection; the workers share a
Redis cache (``CACHE_URL``, default ``redis://127.0.0.1:6379/9``):

    GET  /api/v1/me/                        as the member
    GET  /api/v1/accounts/                  as the treasurer
    GET  /api/v1/reports/trial-balance/     as the treasurer
    POST /api/v1/journal-entries/           as the treasurer (2 lines, today)

and prints requests, errors, throughput, p50 and p95 in milliseconds. Targets (issue
11): p95 < 50 ms for the GETs, < 100 ms for the POST.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2025
TREASURER, MEMBER = "bench-bendahara", "bench-anggota"
MEMBER_SQL = """
SET session_replication_role = replica;
INSERT INTO ledger_journalentry
    (number, fiscal_year, seq, chain_seq, date, description, source, reference,
     status, created_at, posted_at, prev_hash, hash)
SELECT 'BM' || m.id, %(year)s, 5000000 + m.id, 5000000 + m.id,
       make_date(%(year)s, 1 + (m.id %% 12)::int, 1 + (m.id %% 28)::int),
       'Simpanan pokok ' || m.number, 'shares', 'bench-' || m.id, 'posted', now(),
       now(), repeat('0', 64), md5(m.id::text) || md5(m.number)
FROM members_member m WHERE m.id > %(after)s;
INSERT INTO ledger_journalline (side, amount_currency, amount, memo, account_id,
                                entry_id, member_id)
SELECT s.side, 'IDR', 100000, '', CASE WHEN s.side = 'D' THEN %(cash)s
       ELSE %(pokok)s END, e.id, CASE WHEN s.side = 'C' THEN m.id END
FROM members_member m JOIN ledger_journalentry e ON e.reference = 'bench-' || m.id
CROSS JOIN (VALUES ('D'), ('C')) s(side) WHERE m.id > %(after)s;
INSERT INTO ledger_journalentry
    (number, fiscal_year, seq, chain_seq, date, description, source, reference,
     status, created_at, posted_at, prev_hash, hash)
SELECT 'BS' || m.id, %(year)s, 6000000 + m.id, 6000000 + m.id,
       make_date(%(year)s, 1 + (m.id %% 12)::int, 1 + (m.id %% 28)::int),
       'Pelatihan ' || m.number, 'sales', 'bench-sale-' || m.id, 'posted', now(),
       now(), repeat('0', 64), md5(m.number) || md5(m.id::text)
FROM members_member m WHERE m.id > %(after)s AND m.id %% 10 = 0;
INSERT INTO ledger_journalline (side, amount_currency, amount, memo, account_id,
                                entry_id, member_id)
SELECT s.side, 'IDR', 250000, '', CASE WHEN s.side = 'D' THEN %(cash)s
       ELSE %(training)s END, e.id, CASE WHEN s.side = 'C' THEN m.id END
FROM members_member m JOIN ledger_journalentry e ON e.reference = 'bench-sale-' || m.id
CROSS JOIN (VALUES ('D'), ('C')) s(side) WHERE m.id > %(after)s AND m.id %% 10 = 0;
SET session_replication_role = origin;
"""


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "estama.settings.local")
    import django

    django.setup()


def setup(members: int) -> None:
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from estama.roles import TREASURER_GROUP
    from ledger.models import Account
    from members.models import Member, MemberCategory, MemberStatus, Region
    from reports.models import ShuPart
    from reports.services import shu_allocation_set

    started = time.perf_counter()
    have = Member.objects.count()
    after = Member.objects.order_by("-id").values_list("id", flat=True).first() or 0
    regions = list(Region.objects.all())
    Member.objects.bulk_create(
        [
            Member(
                number=f"BN-{n:06d}",
                name=f"Anggota Uji {n}",
                category=MemberCategory.values[0],
                region=regions[n % len(regions)],
                joined_on=dt.date(YEAR, 1, 1),
                status=MemberStatus.ACTIVE,
            )
            for n in range(have + 1, members + 1)
        ],
        batch_size=2000,
    )
    codes = dict(
        Account.objects.filter(code__in=["1-1100", "3-1100", "4-1200"]).values_list(
            "code", "pk"
        )
    )
    with connection.cursor() as cursor:
        cursor.execute(
            MEMBER_SQL,
            {
                "year": YEAR,
                "after": after,
                "cash": codes["1-1100"],
                "pokok": codes["3-1100"],
                "training": codes["4-1200"],
            },
        )
        cursor.execute("ANALYZE")
    if not ShuPart.objects.filter(fiscal_year__year=YEAR).exists():
        shu_allocation_set(
            year=YEAR,
            parts=[
                {"kind": "capital", "percent": "40"},
                {"kind": "business", "percent": "30"},
                {"kind": "reserve", "percent": "30"},
            ],
        )
    treasurer, _ = User.objects.get_or_create(username=TREASURER)
    treasurer.groups.add(Group.objects.get_or_create(name=TREASURER_GROUP)[0])
    member_user, _ = User.objects.get_or_create(username=MEMBER)
    member = Member.objects.filter(user__isnull=True).order_by("id").first()
    if not Member.objects.filter(user=member_user).exists():
        member.user = member_user
        member.save(update_fields=["user"])
    Token.objects.get_or_create(user=treasurer)
    Token.objects.get_or_create(user=member_user)
    print(
        f"setup: {Member.objects.count()} members "
        f"in {time.perf_counter() - started:.1f} s"
    )


def tokens() -> dict[str, str]:
    from rest_framework.authtoken.models import Token

    return {
        name: Token.objects.get(user__username=name).key for name in (TREASURER, MEMBER)
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, workers: int, threads: int) -> subprocess.Popen:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "estama.settings.local"}
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    # One cache for every worker (the SHU split is computed once, not per process).
    env.setdefault("CACHE_URL", "redis://127.0.0.1:6379/9")
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "estama.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--worker-class=gthread",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def entry_body(n: int) -> bytes:
    from django.utils import timezone

    return json.dumps(
        {
            "date": timezone.localdate().isoformat(),
            "description": f"Beban uji beban {n}",
            "lines": [
                {"account": "6-1200", "debit": "15000"},
                {"account": "1-1100", "credit": "15000"},
            ],
        }
    ).encode()


def drive(port, method, path, token, clients, seconds, warmup) -> dict:
    """``clients`` threads, each on its own connection, until ``seconds`` pass."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start_at = time.perf_counter() + warmup
    stop_at = start_at + seconds
    counter = iter(range(10**9))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Authorization": f"Token {token}", "Host": "127.0.0.1"}
        mine: list[float] = []
        while (now := time.perf_counter()) < stop_at:
            body = None
            if method == "POST":
                body = entry_body(next(counter))
                headers["Content-Type"] = "application/json"
            began = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                status = repr(exc)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            took = time.perf_counter() - began
            if now >= start_at:
                if status in (200, 201):
                    mine.append(took)
                else:
                    with lock:
                        errors.append(str(status))
        conn.close()
        with lock:
            latencies.extend(mine)

    if method == "GET":
        # One request first: a cold cache (the SHU split) is filled once, not by
        # every client at the same moment.
        prime = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        prime.request(method, path, headers={"Authorization": f"Token {token}"})
        prime.getresponse().read()
        prime.close()
        start_at = time.perf_counter() + warmup
        stop_at = start_at + seconds
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    count = len(latencies)

    def pct(p: float) -> float:
        return latencies[min(count - 1, int(p * count))] * 1000 if count else 0.0

    return {
        "requests": count,
        "errors": len(errors),
        "error_sample": errors[:3],
        "rps": count / seconds,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "mean": statistics.fmean(latencies) * 1000 if count else 0.0,
    }


ENDPOINTS = [
    ("GET", "/api/v1/me/", MEMBER, 50),
    ("GET", "/api/v1/accounts/", TREASURER, 50),
    ("GET", "/api/v1/reports/trial-balance/", TREASURER, 50),
    ("POST", "/api/v1/journal-entries/", TREASURER, 100),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--setup", action="store_true")
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--only", help="Comma-separated paths to run.")
    args = parser.parse_args()
    setup_django()
    if args.setup:
        setup(args.members)
    keys = tokens()
    port = free_port()
    server = start_gunicorn(port, args.workers, args.threads)
    try:
        print(
            f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; gunicorn "
            f"{args.workers}x{args.threads} gthread; {args.clients} clients, "
            f"{args.seconds:.0f} s each"
        )
        for method, path, user, target in ENDPOINTS:
            if args.only and path not in args.only.split(","):
                continue
            r = drive(
                port, method, path, keys[user], args.clients, args.seconds, args.warmup
            )
            met = r["requests"] and r["p95"] < target and not r["errors"]
            verdict = "ok" if met else "MISSED"
            print(
                f"{method:4} {path:34} n={r['requests']:>5} err={r['errors']:>3} "
                f"{r['rps']:6.1f}/s p50={r['p50']:7.1f} ms p95={r['p95']:7.1f} ms "
                f"(target p95<{target}) {verdict} {' '.join(r['error_sample'])}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
