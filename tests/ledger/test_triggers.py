"""The database itself refuses changes to posted entries, unbalanced posted entries
and changes to the audit trail, whatever writes: the ORM, bulk querysets, raw SQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from djmoney.money import Money

from audit.models import AuditEvent
from ledger.models import Account, EntryStatus, JournalEntry, JournalLine, Side
from ledger.services import LineInput, entry_draft_create

pytestmark = pytest.mark.django_db(transaction=True)


def refused(fn, *args, **kwargs):
    """Run ``fn`` in its own transaction; return the IntegrityError it must raise."""
    with pytest.raises(IntegrityError) as exc:
        with transaction.atomic():
            fn(*args, **kwargs)
    return exc.value


def raw(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_orm_save_and_delete_of_a_posted_entry_are_refused(post):
    entry = post()

    entry.description = "diubah"
    refused(entry.save)
    refused(JournalEntry.objects.get(pk=entry.pk).delete)
    line = entry.lines.first()
    line.amount = Money(1, "IDR")
    refused(line.save)
    refused(JournalLine.objects.get(pk=line.pk).delete)

    assert JournalEntry.objects.get(pk=entry.pk).description == "Pendapatan lain"
    assert entry.lines.count() == 2


def test_queryset_update_and_delete_are_refused(post):
    entry = post()
    entries = JournalEntry.objects.filter(pk=entry.pk)
    lines = JournalLine.objects.filter(entry=entry)

    assert "ledger" in str(refused(entries.update, description="x"))
    assert "ledger" in str(refused(lambda: entries.update(status=EntryStatus.DRAFT)))
    refused(entries.delete)
    assert "ledger" in str(refused(lines.update, memo="x"))
    assert "ledger" in str(refused(lines.delete))
    assert entries.get().hash == entry.hash and lines.count() == 2


def test_raw_sql_update_and_delete_of_posted_rows_are_refused(post):
    entry = post()
    line_id = entry.lines.first().pk

    for sql in (
        "UPDATE ledger_journalentry SET description = 'x' WHERE id = %s",
        "UPDATE ledger_journalentry SET status = 'draft' WHERE id = %s",
        "DELETE FROM ledger_journalentry WHERE id = %s",
    ):
        assert "ledger" in str(refused(raw, sql, [entry.pk])), sql
    for sql in (
        "UPDATE ledger_journalline SET amount = 1 WHERE id = %s",
        "UPDATE ledger_journalline SET entry_id = entry_id WHERE id = %s",
        "DELETE FROM ledger_journalline WHERE id = %s",
    ):
        assert "ledger" in str(refused(raw, sql, [line_id])), sql
    assert sorted(line.amount.amount for line in entry.lines.all()) == [100000] * 2


def test_a_line_cannot_be_added_to_or_moved_into_a_posted_entry(post):
    entry = post()
    cash = Account.objects.get(code="1-1100")

    error = refused(
        lambda: JournalLine.objects.create(
            entry=entry, account=cash, side=Side.DEBIT, amount=Money(5, "IDR")
        )
    )
    assert "ledger" in str(error)
    refused(
        raw,
        "INSERT INTO ledger_journalline (entry_id, account_id, side, amount, "
        "amount_currency, memo) VALUES (%s, %s, 'C', 5, 'IDR', '')",
        [entry.pk, cash.pk],
    )
    # a draft's line cannot be moved into a posted entry either
    draft = entry_draft_create(
        date=dt.date(2026, 1, 2),
        description="Draf",
        lines=[LineInput("1-1100", debit="5"), LineInput("4-9100", credit="5")],
    )
    refused(lambda: JournalLine.objects.filter(entry=draft).update(entry=entry))
    assert entry.lines.count() == 2


def test_draft_lines_stay_editable(post):
    draft = entry_draft_create(
        date=dt.date(2026, 1, 2),
        description="Draf",
        lines=[LineInput("1-1100", debit="5"), LineInput("4-9100", credit="5")],
    )
    assert JournalLine.objects.filter(entry=draft).update(memo="ok") == 2
    JournalLine.objects.filter(entry=draft).delete()
    draft.delete()
    assert not JournalEntry.objects.filter(pk=draft.pk).exists()


def _raw_posted(draft: JournalEntry, number: str = "JU-2099-000001"):
    """Turn a draft into 'posted' behind the services' back."""
    raw(
        "UPDATE ledger_journalentry SET status = 'posted', number = %s, "
        "fiscal_year = 2099, seq = 1, chain_seq = 999, posted_at = %s, "
        "hash = %s, prev_hash = %s WHERE id = %s",
        [number, timezone.now(), "a" * 64, "0" * 64, draft.pk],
    )


def test_an_unbalanced_entry_posted_by_raw_sql_is_refused():
    # given an unbalanced draft (drafts may be unbalanced)
    draft = entry_draft_create(
        date=dt.date(2026, 1, 2),
        description="Tidak seimbang",
        lines=[LineInput("1-1100", debit="100"), LineInput("4-9100", credit="99")],
    )

    # when raw SQL marks it posted, then the database refuses it (PostgreSQL: at
    # commit, through the deferred constraint trigger)
    refused(_raw_posted, draft)
    assert JournalEntry.objects.get(pk=draft.pk).status == EntryStatus.DRAFT


def test_a_one_line_entry_posted_by_raw_sql_is_refused():
    draft = entry_draft_create(
        date=dt.date(2026, 1, 2),
        description="Satu baris",
        lines=[LineInput("1-1100", debit="100"), LineInput("4-9100", credit="100")],
    )
    JournalLine.objects.filter(entry=draft, side=Side.CREDIT).delete()
    refused(_raw_posted, draft)
    assert JournalEntry.objects.get(pk=draft.pk).status == EntryStatus.DRAFT


def test_an_entry_inserted_as_posted_without_lines_is_refused():
    refused(
        raw,
        "INSERT INTO ledger_journalentry (number, fiscal_year, seq, chain_seq, date, "
        "description, source, reference, status, created_at, posted_at, prev_hash, "
        "hash) VALUES ('JU-2099-000001', 2099, 1, 999, '2099-01-01', 'x', 'manual', "
        "'', 'posted', %s, %s, %s, %s)",
        [timezone.now(), timezone.now(), "0" * 64, "a" * 64],
    )
    assert not JournalEntry.objects.exists()


def test_a_balanced_entry_posted_by_raw_sql_passes_the_balance_trigger():
    # the balance trigger is not a blanket refusal: a balanced entry goes through
    draft = entry_draft_create(
        date=dt.date(2026, 1, 2),
        description="Seimbang",
        lines=[LineInput("1-1100", debit="100"), LineInput("4-9100", credit="100")],
    )
    with transaction.atomic():
        _raw_posted(draft)
    assert JournalEntry.objects.get(pk=draft.pk).status == EntryStatus.POSTED


def test_audit_events_cannot_be_updated_or_deleted(post):
    post()
    events = AuditEvent.objects.all()
    event_id = events.get().pk

    refused(events.update, note="diubah")
    refused(events.delete)
    refused(raw, "UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [event_id])
    refused(raw, "DELETE FROM audit_auditevent WHERE id = %s", [event_id])
    assert events.get().action == "entry.posted"


@pytest.mark.parametrize("run", [1, 2])
def test_the_test_flush_clears_posted_entries_and_the_chart_comes_back(run, post):
    # each transactional test starts from an empty ledger with the chart seeded, even
    # though the triggers refuse to delete posted rows
    assert not JournalEntry.objects.exists()
    assert Account.objects.filter(code="1-1100").exists()
    assert post().number == "JU-2026-000001"
