"""Backups restore to the same books: the README's commands (pg_dump -Fc / pg_restore
on PostgreSQL; SQLite's online backup, what ``sqlite3 ... .backup`` does), then a full
``verify_ledger`` on the restored copy: green, same ledger and audit head hashes, and
consistent with the signed checkpoints written before the backup."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from audit.models import AuditEvent
from ledger.checkpoints import checkpoint_write
from ledger.models import JournalEntry
from ledger.services import LineInput, entry_post, entry_reverse

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def _books(make_member):
    member = make_member()
    first = entry_post(
        date=dt.date(2026, 1, 9),
        description="Simpanan pokok",
        lines=[
            LineInput("1-1100", debit="100000"),
            LineInput("3-1100", credit="100000", member=member),
        ],
    )
    entry_post(
        date=dt.date(2026, 2, 1),
        description="Pendapatan lain",
        lines=[LineInput("1-1200", debit="7500"), LineInput("4-9100", credit="7500")],
    )
    entry_reverse(entry=first, date=dt.date(2026, 2, 2))
    checkpoint_write(reason="manual")


def _verify_copy(database_url: str) -> dict:
    """``manage.py verify_ledger --full --json`` against another database."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "estama.settings.test",
        "DATABASE_URL": database_url,
        "ESTAMA_CHECKPOINT_DIR": settings.ESTAMA_CHECKPOINT_DIR,
    }
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "verify_ledger",
            "--full",
            "--json",
            "--no-checkpoint",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


def _heads() -> tuple[str, str]:
    head = JournalEntry.objects.order_by("-chain_seq").values_list("hash", flat=True)
    audit = AuditEvent.objects.order_by("-seq").values_list("hash", flat=True)
    return head.first(), audit.first()


@pytest.mark.postgres
def test_pg_dump_and_pg_restore_give_the_same_verified_books(make_member, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump/pg_restore: PostgreSQL only")
    _books(make_member)
    head, audit_head = _heads()
    db = connection.settings_dict
    where = [
        "-h",
        db["HOST"] or "127.0.0.1",
        "-p",
        str(db["PORT"] or 5432),
        "-U",
        db["USER"],
    ]
    dump = tmp_path / "estama.dump"
    copy = f"{db['NAME']}_restore_{uuid.uuid4().hex[:6]}"
    subprocess.run(
        ["pg_dump", "-Fc", *where, "-d", db["NAME"], "-f", str(dump)], check=True
    )
    subprocess.run(["createdb", *where, copy], check=True)
    try:
        subprocess.run(
            [
                "pg_restore",
                *where,
                "--no-owner",
                "--exit-on-error",
                "-d",
                copy,
                str(dump),
            ],
            check=True,
        )
        report = _verify_copy(f"postgres://{db['USER']}@{where[1]}:{where[3]}/{copy}")
    finally:
        subprocess.run(["dropdb", *where, "--if-exists", copy], check=True)

    assert report["ok"] is True and report["mode"] == "full"
    assert report["head_hash"] == head
    assert report["audit_head_hash"] == audit_head
    assert report["entry_count"] == 3 and report["checkpoints"] == 1


def test_an_sqlite_online_backup_gives_the_same_verified_books(make_member, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's backup: SQLite only")
    _books(make_member)
    head, audit_head = _heads()
    target = tmp_path / "backup.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(target) as backup:
        connection.connection.backup(backup)  # what `sqlite3 db ".backup x"` does

    report = _verify_copy(f"sqlite:///{target}")

    assert report["ok"] is True
    assert (report["head_hash"], report["audit_head_hash"]) == (head, audit_head)
    assert report["entry_count"] == 3 and report["checkpoints"] == 1
