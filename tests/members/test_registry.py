"""Member registry and lifecycle through the services."""

import datetime as dt
from decimal import Decimal

import pytest

from audit.models import AuditEvent
from members.errors import InvalidTransition
from members.models import ItemStatus, MemberStatus
from members.selectors import member_open_items, member_share_balances
from members.services import member_reinstate, member_suspend
from tests.members.conftest import assert_books_ok

pytestmark = pytest.mark.django_db


def test_numbers_are_issued_in_order_and_never_reused(new_member):
    # given two registrations
    first = new_member("Ani", active=False)
    second = new_member("Budi", active=False)
    # then the numbers run JTM-00001, JTM-00002
    assert (first.number, second.number) == ("JTM-00001", "JTM-00002")
    assert first.status == MemberStatus.APPLICANT


def test_activation_bills_pokok_but_posts_it_only_when_paid(new_member):
    from members.services import payment_record

    # when an applicant is activated
    member = new_member("Citra")
    # then one pokok item is open, and it is not capital until paid
    items = list(member_open_items(member=member))
    assert [(i.kind, i.outstanding) for i in items] == [("pokok", Decimal(100000))]
    assert member_share_balances(member=member)["pokok"] == Decimal(0)
    assert member.status_changes.count() == 2
    assert_books_ok()
    # when it is paid, it is
    payment_record(
        member=member, amount=Decimal(100000), method="cash", date=dt.date(2026, 2, 1)
    )
    assert member_share_balances(member=member)["pokok"] == Decimal(100000)
    assert_books_ok()


def test_lifecycle_keeps_history_and_refuses_wrong_moves(new_member):
    member = new_member("Dewi")
    member_suspend(member=member, reason="tidak aktif")
    with pytest.raises(InvalidTransition):
        member_suspend(member=member, reason="lagi")
    member = member_reinstate(member=member, reason="kembali aktif")
    assert member.status == MemberStatus.ACTIVE
    history = list(member.status_changes.values_list("from_status", "to_status"))
    assert history == [
        ("", "applicant"),
        ("applicant", "active"),
        ("active", "suspended"),
        ("suspended", "active"),
    ]
    assert AuditEvent.objects.filter(action="member.suspended").count() == 1


def test_pokok_is_billed_once(new_member):
    from members.services import pokok_bill

    member = new_member("Eka")
    assert pokok_bill(members=[member], date=dt.date(2026, 2, 1)) == 0
    assert member.open_items.filter(kind="pokok").count() == 1
    assert member.open_items.get().status == ItemStatus.OPEN


def test_member_money_booked_without_a_member_is_refused(new_member):
    from ledger.errors import MemberRequired
    from ledger.integrity import ledger_verify
    from ledger.models import JournalEntry
    from ledger.services import LineInput, entry_post

    new_member("Ani")
    assert ledger_verify().ok
    # when someone books wajib without naming the member
    with pytest.raises(MemberRequired) as refused:
        entry_post(
            date=dt.date(2026, 1, 5),
            description="Setoran wajib tanpa anggota",
            lines=[LineInput("1-1100", debit=50000), LineInput("3-1200", credit=50000)],
        )
    # then nothing is posted and the books still verify
    assert list(refused.value.errors) == ["lines.1.member"]
    assert not JournalEntry.objects.exists()
    assert ledger_verify().ok
