"""verify_ledger: a clean ledger verifies green; each kind of tampering done through
raw SQL with the triggers dropped is caught and the first broken entry is named."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from ledger import integrity, triggers
from ledger.integrity import Problem, ledger_verify, register_check
from ledger.models import Account, AccountPeriodTotal, JournalEntry, Sequence
from ledger.services import LineInput, entry_post, entry_reverse

pytestmark = pytest.mark.django_db(transaction=True)


def verify(*args) -> tuple[int, str]:
    """Run the command; return its exit status and output."""
    out = io.StringIO()
    try:
        call_command("verify_ledger", *args, stdout=out)
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


def sql(statement: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def ledger(post, make_member):
    """Six posted entries over two years with a member line and a reversal."""
    member = make_member()
    entries = [
        post(date=dt.date(2025, 12, 30), amount=1000),
        post(date=dt.date(2026, 1, 5), debit="6-1200", credit="1-1100", amount=200),
        entry_post(
            date=dt.date(2026, 1, 9),
            description="Simpanan",
            lines=[
                LineInput("1-1200", debit="300"),
                LineInput("3-1100", credit="100", member=member),
                LineInput("3-1200", credit="200", member=member, memo="Jan"),
            ],
        ),
        post(date=dt.date(2026, 2, 1), amount=50),
    ]
    entries.append(entry_reverse(entry=entries[1], date=dt.date(2026, 2, 2)))
    entries.append(post(date=dt.date(2026, 2, 3), amount=7))
    return entries


def test_a_clean_ledger_verifies_green(ledger):
    code, out = verify()

    assert code == 0
    head = JournalEntry.objects.get(chain_seq=6).hash
    assert (
        out.strip() == f"OK: 6 entries (JU-2025-000001 … JU-2026-000005), head {head}"
    )
    report = ledger_verify()
    assert report.ok and report.problems == [] and report.entry_count == 6


def test_an_empty_ledger_verifies_green():
    code, out = verify()
    assert code == 0 and out.startswith("OK: 0 entries, head 000")


def test_json_output(ledger):
    code, out = verify("--json")
    data = json.loads(out)
    assert code == 0
    assert data["ok"] is True and data["entry_count"] == 6
    assert data["first_number"] == "JU-2025-000001"
    assert data["last_number"] == "JU-2026-000005"
    assert data["problems"] == [] and data["first_broken"] is None


def test_verification_reads_the_chain_in_pages(ledger, monkeypatch):
    monkeypatch.setattr(integrity.chain, "PAGE_SIZE", 4)
    assert ledger_verify().ok
    monkeypatch.setattr(integrity.chain, "PAGE_SIZE", 1)
    assert ledger_verify().ok


def failed(*args) -> tuple[list[str], str]:
    code, out = verify(*args)
    assert code == 1, out
    lines = out.strip().splitlines()
    assert lines[-1].startswith("FAILED: ")
    return lines[:-1], lines[-1]


def test_an_altered_amount_is_caught(ledger, triggers_dropped):
    # given one line's amount changed behind the ledger's back
    target = ledger[2]
    line = target.lines.get(account__code="1-1200")
    sql("UPDATE ledger_journalline SET amount = 301 WHERE id = %s", [line.pk])
    triggers.install(connection)

    # then verification fails and names that entry first
    problems, last = failed()
    assert last == f"FAILED: first broken entry {target.number}"
    assert problems[0].startswith(f"{target.number}: ")
    text = "\n".join(problems)
    assert "hash does not match" in text
    assert "does not balance" in text
    assert "account 1-1200 2026-01 IDR: maintained total" in text
    # and the JSON report says the same
    code, out = verify("--json")
    data = json.loads(out)
    assert code == 1 and data["ok"] is False
    assert data["first_broken"] == target.number
    assert data["problems"][0]["number"] == target.number


def test_an_altered_amount_with_matching_totals_is_caught_by_the_hash(
    ledger, triggers_dropped
):
    # given both lines of an entry and the matching totals all changed consistently
    target = ledger[3]
    sql("UPDATE ledger_journalline SET amount = 5000 WHERE entry_id = %s", [target.pk])
    for code in ("1-1100", "4-9100"):
        column = "debit" if code == "1-1100" else "credit"
        sql(
            f"UPDATE ledger_accountperiodtotal SET {column} = {column} + 4950 "
            "WHERE account_id = %s AND year = 2026 AND month = 2",
            [Account.objects.get(code=code).pk],
        )
        sql(
            f"UPDATE ledger_accountdaytotal SET {column} = {column} + 4950 "
            "WHERE account_id = %s AND date = %s",
            [Account.objects.get(code=code).pk, target.date],
        )
    triggers.install(connection)

    # then balance and totals agree, but the hash names the entry
    problems, last = failed()
    assert last == f"FAILED: first broken entry {target.number}"
    assert problems == [
        f"{target.number}: stored hash does not match its content: the entry or its "
        "lines were altered after posting"
    ]


def test_an_altered_description_is_caught(ledger, triggers_dropped):
    target = ledger[0]
    sql(
        "UPDATE ledger_journalentry SET description = 'lain' WHERE id = %s",
        [target.pk],
    )
    triggers.install(connection)
    _, last = failed()
    assert last == f"FAILED: first broken entry {target.number}"


def test_a_deleted_entry_is_caught_and_named(ledger, triggers_dropped):
    # given a posted entry deleted with its lines (and its totals fixed up)
    target = ledger[3]
    sql("DELETE FROM ledger_journalline WHERE entry_id = %s", [target.pk])
    sql("DELETE FROM ledger_journalentry WHERE id = %s", [target.pk])
    sql(
        "UPDATE ledger_accountperiodtotal SET debit = debit - 50 "
        "WHERE account_id = %s AND year = 2026 AND month = 2",
        [Account.objects.get(code="1-1100").pk],
    )
    sql(
        "UPDATE ledger_accountperiodtotal SET credit = credit - 50 "
        "WHERE account_id = %s AND year = 2026 AND month = 2",
        [Account.objects.get(code="4-9100").pk],
    )
    triggers.install(connection)

    # then the missing number is the first broken entry; the next one shows the gap
    problems, last = failed()
    assert last == f"FAILED: first broken entry {target.number}"
    assert problems[0].startswith(f"{target.number}: missing")
    following = ledger[4].number
    assert any(
        line.startswith(f"{following}: chain position jumps from 3 to 5")
        for line in problems
    )
    assert any(line.startswith(f"{following}: prev_hash") for line in problems)


def test_deleting_the_newest_entry_is_caught_by_the_counters(ledger, triggers_dropped):
    target = ledger[-1]
    sql("DELETE FROM ledger_journalline WHERE entry_id = %s", [target.pk])
    sql("DELETE FROM ledger_journalentry WHERE id = %s", [target.pk])
    triggers.install(connection)

    problems, last = failed()
    assert last == f"FAILED: first broken entry {ledger[-2].number}"
    assert any("chain counter stands at 6" in line for line in problems)
    assert any(line.startswith(f"{target.number}: missing") for line in problems)


def test_swapped_numbers_are_caught(ledger, triggers_dropped):
    # given two entries of 2026 that swapped number and sequence
    a, b = ledger[1], ledger[3]  # JU-2026-000001 at position 2, JU-2026-000003 at 4
    sql(
        "UPDATE ledger_journalentry SET number = 'tmp', seq = 999 WHERE id = %s",
        [a.pk],
    )
    sql(
        "UPDATE ledger_journalentry SET number = %s, seq = %s WHERE id = %s",
        [a.number, a.seq, b.pk],
    )
    sql(
        "UPDATE ledger_journalentry SET number = %s, seq = %s WHERE id = %s",
        [b.number, b.seq, a.pk],
    )
    triggers.install(connection)

    # then the row at the earlier chain position (now carrying b's number) is first
    problems, last = failed()
    assert last == f"FAILED: first broken entry {b.number}"
    assert problems[0] == (
        f"{b.number}: stored hash does not match its content: the entry or its lines "
        "were altered after posting"
    )
    assert f"{a.number}: sequence 1 of 2026 comes after sequence 3" in "\n".join(
        problems
    )
    assert not any("missing" in line for line in problems)


def test_swapped_row_contents_are_caught(ledger, triggers_dropped):
    # given two entries whose dates, descriptions and lines were swapped
    a, b = ledger[0], ledger[3]
    sql(
        "UPDATE ledger_journalentry SET description = 'Tukar A' WHERE id = %s",
        [b.pk],
    )
    sql(
        "UPDATE ledger_journalentry SET description = 'Tukar B' WHERE id = %s",
        [a.pk],
    )
    a_lines = list(a.lines.values_list("pk", flat=True))
    b_lines = list(b.lines.values_list("pk", flat=True))
    for line_id in a_lines:
        sql(
            "UPDATE ledger_journalline SET entry_id = %s WHERE id = %s", [b.pk, line_id]
        )
    for line_id in b_lines:
        sql(
            "UPDATE ledger_journalline SET entry_id = %s WHERE id = %s", [a.pk, line_id]
        )
    triggers.install(connection)

    problems, last = failed()
    assert last == f"FAILED: first broken entry {a.number}"
    assert problems[0].startswith(f"{a.number}: stored hash does not match")
    assert any(line.startswith(f"{b.number}: stored hash") for line in problems)


def test_a_reordered_chain_is_caught(ledger, triggers_dropped):
    # given two entries that swapped places in the chain (hashes moved along)
    a, b = ledger[1], ledger[2]
    sql("UPDATE ledger_journalentry SET chain_seq = 999 WHERE id = %s", [a.pk])
    sql("UPDATE ledger_journalentry SET chain_seq = %s WHERE id = %s", [2, b.pk])
    sql("UPDATE ledger_journalentry SET chain_seq = %s WHERE id = %s", [3, a.pk])
    triggers.install(connection)

    problems, last = failed()
    assert last == f"FAILED: first broken entry {b.number}"
    assert problems[0].startswith(f"{b.number}: prev_hash does not match")


def test_a_broken_reversal_link_is_caught(ledger, triggers_dropped):
    reversal = ledger[4]
    sql(
        "UPDATE ledger_journalentry SET reverses_id = %s WHERE id = %s",
        [ledger[3].pk, reversal.pk],
    )
    triggers.install(connection)
    problems, last = failed()
    assert last == f"FAILED: first broken entry {reversal.number}"
    assert f"does not mirror the lines of {ledger[3].number}" in "\n".join(problems)


def test_a_tampered_maintained_total_is_caught(ledger):
    AccountPeriodTotal.objects.filter(
        account__code="1-1100", year=2026, month=1
    ).update(debit=1)
    AccountPeriodTotal.objects.create(
        account=Account.objects.get(code="6-1400"),
        year=2026,
        month=3,
        currency="IDR",
        debit=5,
        credit=0,
    )
    problems, last = failed()
    assert last.startswith("FAILED: first problem: account 1-1100 2026-01 IDR")
    assert problems[:2] == [
        "account 1-1100 2026-01 IDR: maintained total is debit 1.00 / credit 200.00 "
        "but the lines sum to debit 0.00 / credit 200.00",
        "account 6-1400 2026-03 IDR: maintained total has no posted lines",
    ]


def test_missing_maintained_totals_are_caught(ledger, triggers_dropped):
    AccountPeriodTotal.objects.filter(account__code="3-1200").delete()
    triggers.install(connection)
    problems, _ = failed()
    # (other apps' registered checks may add their own view of the same damage)
    assert problems[0] == (
        "account 3-1200 2026-01 IDR: posted lines have no maintained total"
    )


def test_registered_checks_run_and_their_problems_fail_verification(
    ledger, monkeypatch
):
    monkeypatch.setattr(integrity.report, "_checks", [])

    @register_check
    def shares_agree():
        return []

    register_check(shares_agree)
    assert integrity.report._checks == [shares_agree]
    assert ledger_verify().ok

    @register_check
    def stock_disagrees():
        return [Problem(number=None, message="stock valuation 1-1400 is off by 5")]

    @register_check
    def broken():
        raise RuntimeError("boom")

    report = ledger_verify()
    assert not report.ok
    assert [problem.message for problem in report.problems][0] == (
        "stock valuation 1-1400 is off by 5"
    )
    assert "could not run: RuntimeError('boom')" in report.problems[1].message
    _, last = failed()
    assert last == "FAILED: first problem: stock valuation 1-1400 is off by 5"


def test_a_counter_behind_the_numbers_is_caught(ledger):
    Sequence.objects.filter(key="ledger:entry:2026").update(last_value=2)
    problems, last = failed()
    assert any("counter stands at 2 below" in line for line in problems)
    assert last == "FAILED: first broken entry JU-2026-000005"
