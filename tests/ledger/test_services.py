"""Posting, numbering, drafts, reversals, period locks and validation errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from djmoney.money import Money

from audit.models import AuditEvent
from ledger.errors import (
    AlreadyPosted,
    AlreadyReversed,
    InvalidAccount,
    InvalidAmount,
    InvalidCurrency,
    InvalidDate,
    InvalidLine,
    PeriodLocked,
    TooFewLines,
    UnbalancedEntry,
)
from ledger.models import (
    Account,
    AccountPeriodTotal,
    EntrySource,
    EntryStatus,
    JournalEntry,
    Side,
)
from ledger.selectors import account_balance
from ledger.services import (
    LineInput,
    entry_draft_create,
    entry_draft_post,
    entry_post,
    entry_reverse,
    period_lock,
    period_unlock,
)

pytestmark = pytest.mark.django_db

JAN = dt.date(2026, 1, 15)


def test_posting_records_a_numbered_hashed_entry_with_its_lines(treasurer, make_member):
    # given a member and a three-line receipt
    member = make_member()
    lines = [
        LineInput("1-1100", debit="150000"),
        LineInput("3-1100", credit="100000", member=member, memo="pokok"),
        LineInput("3-1200", credit=Money(50000, "IDR"), member=member),
    ]

    # when it is posted
    entry = entry_post(
        date=JAN,
        description="Setoran simpanan",
        lines=lines,
        source=EntrySource.SHARES,
        reference="KW-001",
        user=treasurer,
    )

    # then it is posted, numbered, hashed, attributed and its lines are stored
    entry.refresh_from_db()
    assert entry.status == EntryStatus.POSTED
    assert entry.number == "JU-2026-000001"
    assert (entry.fiscal_year, entry.seq, entry.chain_seq) == (2026, 1, 1)
    assert entry.posted_by == treasurer and entry.created_by == treasurer
    assert entry.posted_at is not None
    assert len(entry.hash) == 64 and entry.prev_hash == "0" * 64
    stored = [
        (line.account.code, line.side, line.amount, line.member, line.memo)
        for line in entry.lines.select_related("account")
    ]
    assert stored == [
        ("1-1100", Side.DEBIT, Money(150000, "IDR"), None, ""),
        ("3-1100", Side.CREDIT, Money(100000, "IDR"), member, "pokok"),
        ("3-1200", Side.CREDIT, Money(50000, "IDR"), member, ""),
    ]
    # and the maintained totals and balances follow
    cash = Account.objects.get(code="1-1100")
    assert account_balance(account=cash, as_of=JAN) == Decimal(150000)
    total = AccountPeriodTotal.objects.get(account=cash, year=2026, month=1)
    assert (total.debit, total.credit, total.currency) == (150000, 0, "IDR")


def test_each_entry_chains_to_the_previous_one(post):
    first = post()
    second = post()
    assert second.prev_hash == first.hash
    assert second.chain_seq == first.chain_seq + 1


def test_numbers_are_gapless_per_fiscal_year_and_restart_each_year(post):
    # given postings interleaved across two fiscal years
    dates = [
        dt.date(2025, 12, 31),
        dt.date(2026, 1, 1),
        dt.date(2025, 6, 1),
        dt.date(2026, 3, 1),
        dt.date(2026, 2, 1),
    ]

    # when they are posted in that order
    numbers = [post(date=day).number for day in dates]

    # then each year counts from 1 in posting order
    assert numbers == [
        "JU-2025-000001",
        "JU-2026-000001",
        "JU-2025-000002",
        "JU-2026-000002",
        "JU-2026-000003",
    ]
    assert list(
        JournalEntry.objects.order_by("chain_seq").values_list("chain_seq", flat=True)
    ) == [1, 2, 3, 4, 5]


def test_a_refused_posting_leaves_no_gap(post):
    post()
    with pytest.raises(UnbalancedEntry):
        entry_post(
            date=JAN,
            description="salah",
            lines=[LineInput("1-1100", debit="10"), LineInput("4-9100", credit="9")],
        )
    period_lock(year=2026, month=2)
    with pytest.raises(PeriodLocked):
        post(date=dt.date(2026, 2, 3))
    assert post().number == "JU-2026-000002"


def test_a_draft_has_no_number_until_it_is_posted(post, treasurer):
    # given a draft
    draft = entry_draft_create(
        date=JAN,
        description="Honor narasumber",
        lines=[
            LineInput("6-1100", debit="500000"),
            LineInput("1-1200", credit="500000"),
        ],
        user=treasurer,
    )
    assert draft.status == EntryStatus.DRAFT and draft.number is None
    assert account_balance(account=Account.objects.get(code="6-1100"), as_of=JAN) == 0

    # when another entry is posted first, then the draft
    post()
    posted = entry_draft_post(entry=draft, user=treasurer)

    # then the draft takes the next number and counts in balances
    assert posted.number == "JU-2026-000002"
    assert posted.status == EntryStatus.POSTED
    assert account_balance(account=Account.objects.get(code="6-1100"), as_of=JAN) == (
        Decimal(500000)
    )
    with pytest.raises(AlreadyPosted):
        entry_draft_post(entry=draft, user=treasurer)


def test_an_unbalanced_draft_cannot_be_posted():
    draft = entry_draft_create(
        date=JAN,
        description="Belum seimbang",
        lines=[LineInput("6-1200", debit="100"), LineInput("1-1100", credit="90")],
    )
    with pytest.raises(UnbalancedEntry):
        entry_draft_post(entry=draft)
    assert JournalEntry.objects.get(pk=draft.pk).status == EntryStatus.DRAFT


def test_a_draft_in_a_locked_month_cannot_be_posted():
    draft = entry_draft_create(
        date=JAN,
        description="Honor",
        lines=[LineInput("6-1100", debit="100"), LineInput("1-1100", credit="100")],
    )
    period_lock(year=2026, month=1)
    with pytest.raises(PeriodLocked):
        entry_draft_post(entry=draft)


def test_a_reversal_mirrors_the_lines_is_linked_and_dated_today(treasurer, make_member):
    # given a posted entry with a member line
    member = make_member()
    original = entry_post(
        date=JAN,
        description="Simpanan sukarela",
        lines=[
            LineInput("1-1100", debit="75000"),
            LineInput("2-1200", credit="75000", member=member, memo="setor"),
        ],
        user=treasurer,
    )

    # when it is reversed without a date
    reversal = entry_reverse(entry=original, user=treasurer)

    # then the mirror entry is posted today, linked, with the sides swapped
    assert reversal.date == timezone.localdate()
    assert reversal.reverses == original
    assert reversal.source == EntrySource.REVERSAL
    assert reversal.reference == original.number
    assert JournalEntry.objects.get(pk=original.pk).reversed_by == reversal
    assert original.number in reversal.description

    def shape(entry, flip=False):
        swap = {Side.DEBIT: Side.CREDIT, Side.CREDIT: Side.DEBIT}
        return sorted(
            (
                line.account.code,
                swap[line.side] if flip else line.side,
                line.amount,
                line.member_id,
                line.memo,
            )
            for line in entry.lines.select_related("account")
        )

    assert shape(reversal) == shape(original, flip=True)
    # and the balances are back to zero
    sukarela = Account.objects.get(code="2-1200")
    assert account_balance(account=sukarela, as_of=reversal.date) == 0


def test_a_reversal_takes_an_explicit_date_and_a_second_one_is_refused(post):
    original = post()
    reversal = entry_reverse(entry=original, date=dt.date(2026, 2, 1))
    assert reversal.date == dt.date(2026, 2, 1)
    with pytest.raises(AlreadyReversed) as exc:
        entry_reverse(entry=original)
    assert exc.value.code == "already_reversed"
    assert JournalEntry.objects.filter(reverses=original).count() == 1


def test_a_locked_period_refuses_posting_and_unlocking_allows_it_again(post, treasurer):
    # given March is locked
    period = period_lock(year=2026, month=3, user=treasurer)
    assert period.is_locked

    # when posting into March, then it is refused as a conflict
    with pytest.raises(PeriodLocked) as exc:
        post(date=dt.date(2026, 3, 31))
    assert exc.value.code == "period_locked" and exc.value.kind == "conflict"
    assert not JournalEntry.objects.exists()
    # and the neighbouring months stay open
    post(date=dt.date(2026, 2, 28))
    post(date=dt.date(2026, 4, 1))

    # when March is unlocked, then posting into it works again
    period_unlock(year=2026, month=3, user=treasurer)
    assert post(date=dt.date(2026, 3, 1)).number == "JU-2026-000003"


def test_a_reversal_into_a_locked_month_is_refused(post):
    original = post(date=dt.date(2026, 1, 10))
    period_lock(year=2026, month=1)
    with pytest.raises(PeriodLocked):
        entry_reverse(entry=original, date=dt.date(2026, 1, 31))
    assert entry_reverse(entry=original, date=dt.date(2026, 2, 1)).reverses == original


def test_every_state_change_writes_an_audit_event(post, treasurer):
    entry = post(user=treasurer)
    draft = entry_draft_create(
        date=JAN,
        description="Draf",
        lines=[LineInput("6-1200", debit="5"), LineInput("1-1100", credit="5")],
        user=treasurer,
    )
    reversal = entry_reverse(entry=entry, user=treasurer)
    period_lock(year=2026, month=5, user=treasurer)
    period_unlock(year=2026, month=5, user=treasurer)

    events = list(
        AuditEvent.objects.order_by("id").values_list("action", "object_id", "actor")
    )
    assert events == [
        ("entry.posted", str(entry.pk), treasurer.pk),
        ("entry.drafted", str(draft.pk), treasurer.pk),
        ("entry.posted", str(reversal.pk), treasurer.pk),
        ("entry.reversed", str(entry.pk), treasurer.pk),
        ("period.locked", events[4][1], treasurer.pk),
        ("period.unlocked", events[4][1], treasurer.pk),
    ]
    posted = AuditEvent.objects.filter(action="entry.posted").order_by("id").first()
    assert posted.after["number"] == entry.number
    assert posted.after["hash"] == entry.hash
    locked = AuditEvent.objects.get(action="period.locked")
    assert locked.before == {"period": "2026-05", "is_locked": False}
    assert locked.after == {"period": "2026-05", "is_locked": True}


# --- Validation: each error code
# ------------------------------------------------------------------------------


def _refused(lines, *, date=JAN, description="Uji"):
    with pytest.raises(Exception) as exc:
        entry_post(date=date, description=description, lines=lines)
    assert not JournalEntry.objects.exists()
    return exc.value


def test_fewer_than_two_lines_is_too_few_lines():
    error = _refused([LineInput("1-1100", debit="100")])
    assert isinstance(error, TooFewLines) and error.code == "too_few_lines"
    assert isinstance(_refused([]), TooFewLines)


@pytest.mark.parametrize(
    "line",
    [
        LineInput("1-1100"),
        LineInput("1-1100", debit="100", credit="100"),
    ],
    ids=["neither-side", "both-sides"],
)
def test_a_line_without_exactly_one_side_is_invalid_line(line):
    error = _refused([line, LineInput("4-9100", credit="100")])
    assert isinstance(error, InvalidLine) and error.code == "invalid_line"
    assert "lines.0" in next(iter(error.errors))


def test_a_blank_description_is_invalid_line():
    error = _refused(
        [LineInput("1-1100", debit="1"), LineInput("4-9100", credit="1")],
        description="   ",
    )
    assert error.code == "invalid_line" and "description" in error.errors


@pytest.mark.parametrize(
    "amount",
    ["100.50", "0.01", Decimal("99.9"), "0", 0, "-100", Decimal(-5), "abc", "NaN"],
)
def test_fractions_zero_negative_and_garbage_are_invalid_amount(amount):
    error = _refused(
        [LineInput("1-1100", debit=amount), LineInput("4-9100", credit="1")]
    )
    assert isinstance(error, InvalidAmount) and error.code == "invalid_amount"
    assert "lines.0.debit" in error.errors


def test_a_float_amount_is_refused():
    error = _refused([LineInput("1-1100", debit=1.0), LineInput("4-9100", credit="1")])
    assert error.code == "invalid_amount"


def test_a_trailing_zero_fraction_is_a_whole_rupiah():
    entry = entry_post(
        date=JAN,
        description="Uji",
        lines=[LineInput("1-1100", debit="100.00"), LineInput("4-9100", credit="100")],
    )
    assert entry.is_posted


def test_unknown_group_and_inactive_accounts_are_invalid_account():
    Account.objects.filter(code="1-1110").update(is_active=False)
    for code in ("9-9999", "1-1", "1", "1-1110"):
        error = _refused(
            [LineInput(code, debit="100"), LineInput("4-9100", credit="100")]
        )
        assert isinstance(error, InvalidAccount), code
        assert error.code == "invalid_account"
        assert list(error.errors) == ["lines.0.account"]


@pytest.mark.parametrize("currency", ["USD", "XXX"])
def test_a_currency_the_account_does_not_hold_is_invalid_currency(currency):
    error = _refused(
        [
            LineInput("1-1100", debit="100", currency=currency),
            LineInput("4-9100", credit="100", currency=currency),
        ]
    )
    assert isinstance(error, InvalidCurrency) and error.code == "invalid_currency"


def test_debits_unequal_to_credits_is_unbalanced_entry():
    error = _refused(
        [
            LineInput("1-1100", debit="100"),
            LineInput("1-1200", debit="50"),
            LineInput("4-9100", credit="149"),
        ]
    )
    assert isinstance(error, UnbalancedEntry) and error.code == "unbalanced_entry"
    assert "lines" in error.errors


@pytest.mark.parametrize(
    "date",
    [dt.date(1999, 12, 31), "2026-01-15", None],
    ids=["too-early", "str", "none"],
)
def test_a_date_out_of_range_or_not_a_date_is_invalid_date(date):
    error = _refused(
        [LineInput("1-1100", debit="1"), LineInput("4-9100", credit="1")], date=date
    )
    assert isinstance(error, InvalidDate) and error.code == "invalid_date"


def test_an_invalid_period_is_invalid_date():
    with pytest.raises(InvalidDate):
        period_lock(year=2026, month=13)


def test_a_line_may_name_an_account_object():
    cash = Account.objects.get(code="1-1100")
    entry = entry_post(
        date=JAN,
        description="Objek akun",
        lines=[LineInput(cash, debit="5"), LineInput("4-9100", credit="5")],
    )
    assert entry.lines.get(side=Side.DEBIT).account == cash


def test_a_date_past_the_end_of_next_year_is_invalid_date():
    # Given today's year, the default window ends on 31 December of next year.
    latest = dt.date(timezone.localdate().year + 1, 12, 31)
    lines = [LineInput("1-1100", debit="1"), LineInput("4-9100", credit="1")]

    # When an entry is dated one day later, then it is refused...
    error = _refused(lines, date=latest + dt.timedelta(days=1))
    assert isinstance(error, InvalidDate) and error.code == "invalid_date"
    assert str(latest) in error.errors["date"][0]
    # ...and the last day of the window is still accepted.
    assert entry_post(date=latest, description="Akhir jendela", lines=lines).is_posted


def test_the_future_date_window_is_a_setting(settings):
    settings.ESTAMA_ENTRY_DATE_YEARS_AHEAD = 0
    end_of_year = dt.date(timezone.localdate().year, 12, 31)
    lines = [LineInput("1-1100", debit="1"), LineInput("4-9100", credit="1")]

    error = _refused(lines, date=end_of_year + dt.timedelta(days=1))

    assert isinstance(error, InvalidDate)
    assert entry_post(date=end_of_year, description="Akhir tahun", lines=lines)
