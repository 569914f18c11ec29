"""Tamper evidence beyond the triggers: TRUNCATE is refused, the audit trail is a hash
chain, and signed checkpoints outside the database expose what a database superuser
could otherwise make consistent again (a deleted tail with counters and totals fixed
up, a rewritten chain, an emptied or truncated audit table), as well as an altered or
foreign checkpoint file. Tampering is done with raw SQL, triggers dropped."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from audit.models import GENESIS, AuditEvent
from audit.services import audit_record
from ledger import triggers
from ledger.checkpoints import checkpoint_write, checkpoints_load
from ledger.hashing import entry_hash
from ledger.integrity import ledger_verify
from ledger.models import Account, JournalEntry, VerificationRun

pytestmark = pytest.mark.django_db(transaction=True)


def sql(statement: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def verify(*args) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify_ledger", *args, stdout=out)
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


@pytest.fixture
def books(post):
    """Four entries over two months and one checkpoint after them."""
    entries = [
        post(date=dt.date(2026, 1, 5), amount=1000),
        post(date=dt.date(2026, 1, 6), debit="6-1200", credit="1-1100", amount=200),
        post(date=dt.date(2026, 2, 1), amount=50),
        post(date=dt.date(2026, 2, 3), amount=7),
    ]
    checkpoint_write(reason="manual")
    return entries


def _drop_triggers():
    triggers.uninstall(connection)


def _delete_newest_entry_and_fix_everything_up(entries):
    """What a careful superuser would do to make the newest entry vanish."""
    target = entries[-1]
    _drop_triggers()
    sql("DELETE FROM ledger_journalline WHERE entry_id = %s", [target.pk])
    sql("DELETE FROM ledger_journalentry WHERE id = %s", [target.pk])
    sql(
        "UPDATE ledger_sequence SET last_value = last_value - 1 WHERE key = %s",
        ["ledger:chain"],
    )
    sql(
        "UPDATE ledger_sequence SET last_value = last_value - 1 WHERE key = %s",
        ["ledger:entry:2026"],
    )
    for code, column in (("1-1100", "debit"), ("4-9100", "credit")):
        sql(
            f"UPDATE ledger_accountperiodtotal SET {column} = {column} - 7 "
            "WHERE account_id = %s AND year = 2026 AND month = 2",
            [Account.objects.get(code=code).pk],
        )
    # the day totals of its day (it was that day's only entry) and the chain head
    sql("DELETE FROM ledger_accountdaytotal WHERE date = %s", [target.date])
    sql(
        "UPDATE ledger_sequence SET head_hash = %s WHERE key = %s",
        [entries[-2].hash, "ledger:chain"],
    )
    # ...and its audit event, with the audit chain head moved back
    last = AuditEvent.objects.order_by("-seq").first()
    assert last.action == "entry.posted"
    sql("DELETE FROM audit_auditevent WHERE id = %s", [last.pk])
    sql(
        "UPDATE audit_auditchainhead SET seq = %s, hash = %s WHERE id = 1",
        [last.seq - 1, last.prev_hash],
    )
    triggers.install(connection)
    return target


def test_a_clean_ledger_and_audit_trail_verify_against_their_checkpoint(books):
    report = ledger_verify()
    assert report.ok, report.problems
    assert report.checkpoints == 1
    assert report.audit_count == AuditEvent.objects.count() > 0


def test_a_deleted_tail_with_counters_and_totals_fixed_up_is_caught(books, tmp_path):
    target = _delete_newest_entry_and_fix_everything_up(books)

    # without the checkpoint the books look consistent: that is what it is for
    empty = tmp_path / "elsewhere"
    assert verify("--full", "--checkpoints", str(empty), "--no-checkpoint")[0] == 0
    # with it, the deleted entry is named
    code, out = verify("--full")
    assert code == 1
    assert f"{target.number}: entries were deleted from the end of the ledger" in out
    assert out.strip().endswith(f"FAILED: first broken entry {target.number}")
    # and the incremental default finds it too
    assert verify()[0] == 1


def test_a_rewritten_chain_is_caught(books):
    # given entry 3's amount changed, every hash from it on recomputed and the
    # totals adjusted, so the chain is internally consistent again
    _drop_triggers()
    target = books[2]
    sql("UPDATE ledger_journalline SET amount = 60 WHERE entry_id = %s", [target.pk])
    for code, column in (("1-1100", "debit"), ("4-9100", "credit")):
        sql(
            f"UPDATE ledger_accountperiodtotal SET {column} = {column} + 10 "
            "WHERE account_id = %s AND year = 2026 AND month = 2",
            [Account.objects.get(code=code).pk],
        )
        sql(
            f"UPDATE ledger_accountdaytotal SET {column} = {column} + 10 "
            "WHERE account_id = %s AND date = %s",
            [Account.objects.get(code=code).pk, target.date],
        )
    prev = JournalEntry.objects.get(chain_seq=target.chain_seq - 1).hash
    for entry in JournalEntry.objects.filter(chain_seq__gte=target.chain_seq).order_by(
        "chain_seq"
    ):
        lines = list(entry.lines.select_related("account", "member"))
        digest = entry_hash(entry, lines, prev_hash=prev)
        sql(
            "UPDATE ledger_journalentry SET prev_hash = %s, hash = %s WHERE id = %s",
            [prev, digest, entry.pk],
        )
        prev = digest
    sql(
        "UPDATE ledger_sequence SET head_hash = %s WHERE key = %s",
        [prev, "ledger:chain"],
    )
    triggers.install(connection)
    assert ledger_verify(checkpoints_dir="/nonexistent").ok  # consistent in itself

    report = ledger_verify()

    assert not report.ok
    messages = [problem.message for problem in report.problems]
    assert any(message.startswith("the chain was rewritten") for message in messages)
    assert any("maintained totals less what was posted since" in m for m in messages)
    code, _ = verify()
    assert code == 1


@pytest.mark.parametrize("how", ["emptied", "truncated"])
def test_an_emptied_or_truncated_audit_table_is_caught(books, how):
    events = AuditEvent.objects.count()
    _drop_triggers()
    if how == "emptied":
        if connection.vendor == "postgresql":
            sql("TRUNCATE audit_auditevent")
        else:
            sql("DELETE FROM audit_auditevent")
        sql(
            "UPDATE audit_auditchainhead SET seq = 0, hash = %s WHERE id = 1", [GENESIS]
        )
    else:  # the last two events removed, the head moved back over them
        keep = AuditEvent.objects.get(seq=events - 2)
        sql("DELETE FROM audit_auditevent WHERE seq > %s", [keep.seq])
        sql(
            "UPDATE audit_auditchainhead SET seq = %s, hash = %s WHERE id = 1",
            [keep.seq, keep.hash],
        )
    triggers.install(connection)
    assert ledger_verify(checkpoints_dir="/nonexistent").ok

    code, out = verify("--full")

    assert code == 1
    assert "the audit trail was emptied or truncated" in out
    assert f"recorded audit event {events}" in out


def test_an_altered_audit_event_is_caught_by_the_audit_chain(books):
    event = AuditEvent.objects.get(seq=2)
    _drop_triggers()
    sql("UPDATE audit_auditevent SET note = 'bukan saya' WHERE id = %s", [event.pk])
    triggers.install(connection)

    code, out = verify("--full", "--checkpoints", "/nonexistent")

    assert code == 1
    assert f"audit event 2 ({event.action}): stored hash does not match" in out


def test_a_deleted_audit_event_in_the_middle_is_caught(books):
    _drop_triggers()
    sql("DELETE FROM audit_auditevent WHERE seq = 2")
    triggers.install(connection)
    report = ledger_verify(checkpoints_dir="/nonexistent")
    messages = [problem.message for problem in report.problems]
    assert (
        "audit event 3: the audit chain jumps from 1 to 3 (1 events are missing)"
        in (messages)
    )


def test_an_altered_checkpoint_file_is_caught(books, settings):
    (checkpoint,) = checkpoints_load()
    data = json.loads(checkpoint.path.read_text())
    data["totals"][0]["debit"] = "1.00"
    checkpoint.path.write_text(json.dumps(data))

    code, out = verify()

    assert code == 1
    assert (
        f"checkpoint {checkpoint.name}: the signature does not verify (its content "
        "was altered after signing" in out
    )


def test_a_checkpoint_signed_with_another_key_is_caught(books, settings):
    settings.ESTAMA_CHECKPOINT_KEY = "another-key"
    forged = checkpoint_write(reason="manual")
    settings.ESTAMA_CHECKPOINT_KEY = "test-checkpoint-key-not-secret"

    code, out = verify()

    assert code == 1
    assert (
        f"checkpoint {forged.name}: the signature does not verify (it was signed "
        "with another key" in out
    )


def test_truncate_is_refused_on_every_table_of_the_books(books):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE (its DELETE triggers are tested below)")
    for table in triggers.NO_TRUNCATE_TABLES:
        with pytest.raises(IntegrityError, match="cannot be truncated"):
            with transaction.atomic():
                sql(f"TRUNCATE {table} CASCADE")
    assert JournalEntry.objects.count() == 4


@pytest.mark.parametrize("table", triggers.NO_DELETE_TABLES)
def test_totals_counters_and_the_audit_head_refuse_delete(books, table):
    with pytest.raises(IntegrityError, match="never deleted"):
        with transaction.atomic():
            sql(f"DELETE FROM {table}")


def test_incremental_verification_reads_only_what_was_added(books, post):
    # given a successful run, which writes a verified checkpoint
    code, out = verify()
    assert code == 0 and out.startswith("OK: 4 entries (")
    # when two more entries are posted
    post(date=dt.date(2026, 3, 1), amount=5)
    post(date=dt.date(2026, 3, 2), amount=6)

    # then the default run verifies those two (and their audit events) only
    report = ledger_verify(full=False)
    assert report.ok, report.problems
    assert report.mode == "incremental"
    assert report.entry_count == 2 and report.verified_from == 4
    assert report.audit_count == 2
    assert verify()[1].startswith("OK: 2 entries since chain position 4 (")
    # and --full still reads everything
    full = ledger_verify(full=True)
    assert full.ok and full.mode == "full" and full.entry_count == 6


def test_incremental_runs_do_not_reread_the_old_chain_full_runs_do(books):
    assert verify()[0] == 0  # verified checkpoint at position 4
    _drop_triggers()
    sql("UPDATE ledger_journalentry SET description = 'x' WHERE id = %s", [books[0].pk])
    triggers.install(connection)

    assert ledger_verify(full=False).ok  # what was verified is not read again
    code, out = verify("--full")
    assert code == 1 and f"{books[0].number}: stored hash does not match" in out


def test_every_run_is_recorded_and_a_good_one_writes_a_verified_checkpoint(
    books, settings
):
    assert verify()[0] == 0
    run = VerificationRun.objects.get()
    assert run.ok and run.trigger == "command" and run.checkpoint
    written = Path(settings.ESTAMA_CHECKPOINT_DIR) / run.checkpoint
    assert json.loads(written.read_text())["verified"] is True

    _delete_newest_entry_and_fix_everything_up(books)
    assert verify()[0] == 1
    failed = VerificationRun.objects.order_by("-id").first()
    assert not failed.ok and failed.checkpoint == ""
    assert failed.first_broken == books[-1].number
    assert failed.problem_count == len(failed.problems) > 0


def test_audit_events_chain_in_order(db):
    first = audit_record(actor=None, action="uji.satu", after={"n": 1})
    second = audit_record(actor=None, action="uji.dua", note="kedua")
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == GENESIS and second.prev_hash == first.hash


def test_the_export_manifest_carries_the_newest_signed_checkpoint(books, tmp_path):
    # given a newer checkpoint and an older one whose file was altered
    (older,) = checkpoints_load()
    newest = checkpoint_write(reason="period_lock")
    path = tmp_path / "ledger.csv"

    call_command(
        "export_ledger", "--format", "csv", "--output", str(path), "--end", "2026-12-31"
    )

    manifest = json.loads(Path(f"{path}.manifest.json").read_text(encoding="utf-8"))
    assert manifest["checkpoint"] == json.loads(newest.path.read_text())
    assert manifest["checkpoint"]["ledger"]["head_hash"] == manifest["head_hash"]
    assert manifest["checkpoint"]["reason"] == "period_lock"
    assert manifest["checkpoint"]["signature"]["alg"] == "HMAC-SHA256"
    assert older.name != newest.name


def test_locking_a_period_writes_a_signed_checkpoint_of_the_books(books):
    from ledger.services import period_lock

    before = len(checkpoints_load())
    period_lock(year=2026, month=1)

    written = checkpoints_load()
    assert len(written) == before + 1
    assert written[-1].payload["reason"] == "period_lock"
    assert verify()[0] == 0
