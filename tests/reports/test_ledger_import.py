"""Bulk posting (``entries_import``) and ``manage.py import_entries``: an export from
one Estama loads into empty books with the same trial balance and a green verify."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from audit.models import AuditEvent
from ledger import triggers
from ledger.errors import PeriodLocked, UnbalancedEntry
from ledger.integrity import ledger_verify
from ledger.models import (
    AccountDayTotal,
    AccountPeriodTotal,
    JournalEntry,
    JournalLine,
    Sequence,
)
from ledger.selectors import account_balance, trial_balance
from ledger.services import (
    ImportEntry,
    LineInput,
    entries_import,
    entry_post,
    entry_reverse,
    period_lock,
)

END = dt.date(2026, 12, 31)


def _trial_balance():
    return [
        (row.account.code, row.debit, row.credit)
        for row in trial_balance(as_of=END).rows
    ]


def _simple(day, amount, debit="1-1100", credit="4-9100", **kw):
    return ImportEntry(
        date=day,
        description=kw.pop("description", "Impor"),
        lines=[LineInput(debit, debit=amount), LineInput(credit, credit=amount)],
        **kw,
    )


def _export(path):
    call_command(
        "export_ledger", "--format", "csv", "--output", str(path), "--end", str(END)
    )


def _empty_the_books():
    """What a fresh Estama has: no entries, lines, totals or ledger counters (the
    members and the chart stay, as they would be set up before an import)."""
    triggers.uninstall(connection)
    try:
        for model in (AccountDayTotal, AccountPeriodTotal, JournalLine):
            model.objects.all().delete()
        JournalEntry.objects.update(reverses=None)
        JournalEntry.objects.all().delete()
        Sequence.objects.filter(key__startswith="ledger:").delete()
    finally:
        triggers.install(connection)


@pytest.mark.django_db(transaction=True)
def test_an_export_loads_into_empty_books_with_the_same_trial_balance(
    tmp_path, make_member
):
    # Given books with members' lines, two years, a reversal and a memo a
    # spreadsheet would read as a formula
    member = make_member(number="JTM-00042")
    entry_post(
        date=dt.date(2025, 12, 30),
        description="Simpanan pokok",
        lines=[
            LineInput("1-1100", debit="100000"),
            LineInput("3-1100", credit="100000", member=member, memo="=pokok"),
        ],
    )
    wrong = entry_post(
        date=dt.date(2026, 1, 5),
        description="+Salah catat",
        lines=[LineInput("6-1200", debit="5000"), LineInput("1-1100", credit="5000")],
    )
    entry_reverse(entry=wrong, date=dt.date(2026, 1, 6))
    entry_post(
        date=dt.date(2026, 2, 1),
        description="Penjualan tunai",
        lines=[
            LineInput("1-1100", debit="111000"),
            LineInput("4-1110", credit="100000"),
            LineInput("2-1600", credit="11000"),
        ],
    )
    expected = _trial_balance()
    path = tmp_path / "ledger.csv"
    call_command(
        "export_ledger", "--format", "csv", "--output", str(path), "--end", str(END)
    )

    # When the export is imported into empty books
    _empty_the_books()
    assert not JournalEntry.objects.exists()
    call_command("import_entries", str(path))

    # Then the trial balance is the same, verify is green and nothing was lost
    assert _trial_balance() == expected
    report = ledger_verify()
    assert report.ok, report.problems
    assert JournalEntry.objects.count() == 4
    assert set(JournalEntry.objects.values_list("number", flat=True)) == {
        "JU-2025-000001",
        "JU-2026-000001",
        "JU-2026-000002",
        "JU-2026-000003",
    }
    pokok = JournalLine.objects.get(account__code="3-1100")
    assert pokok.member == member and pokok.memo == "=pokok"
    assert JournalEntry.objects.filter(description="+Salah catat").exists()
    assert AuditEvent.objects.filter(action="entries.imported").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_dry_run_writes_nothing_and_a_bad_file_is_refused_whole(tmp_path):
    entry_post(
        date=dt.date(2026, 3, 1),
        description="Pendapatan",
        lines=[LineInput("1-1100", debit="700"), LineInput("4-9100", credit="700")],
    )
    path = tmp_path / "ledger.csv"
    call_command(
        "export_ledger", "--format", "csv", "--output", str(path), "--end", str(END)
    )
    before = JournalEntry.objects.count()

    call_command("import_entries", str(path), "--dry-run")
    assert JournalEntry.objects.count() == before

    text = path.read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "broken.csv"
    # the last line's amount off by one: its entry no longer balances
    last = text[-1].split(",")
    last[8 if last[8] else 7] = "701"
    broken.write_text("\n".join([*text, ",".join(last)]) + "\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_entries", str(broken))
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="kolom"):
        call_command("import_entries", str(tmp_path / "other.csv"))
    assert JournalEntry.objects.count() == before
    assert ledger_verify().ok


@pytest.mark.django_db(transaction=True)
def test_bulk_import_continues_numbers_chain_and_totals_after_single_posts():
    # Given one entry already posted the ordinary way
    entry_post(
        date=dt.date(2026, 1, 2),
        description="Awal",
        lines=[LineInput("1-1100", debit="10"), LineInput("4-9100", credit="10")],
    )

    # When 300 entries are imported over two months, then one more is posted
    result = entries_import(
        entries=[
            _simple(dt.date(2026, 1 + n % 2, 1 + n % 28), n + 1) for n in range(300)
        ]
    )
    after = entry_post(
        date=dt.date(2026, 2, 27),
        description="Sesudah",
        lines=[LineInput("1-1100", debit="1"), LineInput("4-9100", credit="1")],
    )

    # Then numbers, chain and totals continue without a gap
    assert (result.count, result.line_count) == (300, 600)
    assert (result.first_number, result.last_number) == (
        "JU-2026-000002",
        "JU-2026-000301",
    )
    assert after.number == "JU-2026-000302" and after.prev_hash == result.head_hash
    assert account_balance(
        account=after.lines.get(account__code="1-1100").account, as_of=END
    ) == Decimal(10 + 300 * 301 // 2 + 1)
    report = ledger_verify()
    assert report.ok, report.problems


@pytest.mark.django_db(transaction=True)
def test_bulk_import_refuses_everything_when_one_entry_is_wrong():
    period_lock(year=2026, month=5)
    good = [_simple(dt.date(2026, 4, 1), 100) for _ in range(3)]
    unbalanced = ImportEntry(
        date=dt.date(2026, 4, 2),
        description="Tidak seimbang",
        lines=[LineInput("1-1100", debit="5"), LineInput("4-9100", credit="4")],
    )

    with pytest.raises(UnbalancedEntry) as refused:
        entries_import(entries=[*good, unbalanced])
    with pytest.raises(PeriodLocked):
        entries_import(entries=[*good, _simple(dt.date(2026, 5, 3), 9)])

    assert "entries.3.lines" in refused.value.errors
    assert not JournalEntry.objects.exists()
    assert not AccountPeriodTotal.objects.exists()
    assert ledger_verify().ok
